"""Risk assessments as the bot records them and the admin console and /delete see them.

The answers and the result are JSON in `EncryptedText` columns: the database holds only Fernet tokens, the
store's callers only plain dictionaries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.cases import owned_case
from store.models import Case, RiskAssessment
from store.users import conversation_of, user_id_of, user_of

ESTIMATE: Final = "estimate"
NOT_APPLICABLE: Final = "not_applicable"
OUTCOMES: Final = frozenset({ESTIMATE, NOT_APPLICABLE})


@dataclass(frozen=True)
class RiskAssessmentView:
    """One stored assessment: the answers, and the model's figures (percent) or the reasons it did not
    apply."""

    id: int
    case: str | None
    outcome: str
    answers: dict[str, Any]
    result: dict[str, Any]
    created_at: datetime

    @property
    def five_year_risk(self) -> float | None:
        return _number(self.result.get("five_year_risk_percent"))

    @property
    def average_five_year_risk(self) -> float | None:
        return _number(self.result.get("average_five_year_risk_percent"))

    @property
    def lifetime_risk(self) -> float | None:
        return _number(self.result.get("lifetime_risk_percent"))

    @property
    def average_lifetime_risk(self) -> float | None:
        return _number(self.result.get("average_lifetime_risk_percent"))

    @property
    def reasons(self) -> list[str]:
        reasons = self.result.get("reasons")
        return [str(reason) for reason in reasons] if isinstance(reasons, list) else []


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def encode(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True)


def view_of(row: RiskAssessment, case: str | None) -> RiskAssessmentView:
    return RiskAssessmentView(
        id=row.id,
        case=case,
        outcome=row.outcome,
        answers=json.loads(row.answers),
        result=json.loads(row.result),
        created_at=row.created_at,
    )


def views_where(session: Session, *conditions: Any) -> list[RiskAssessmentView]:
    """The assessments matching `conditions` (oldest first), with their case's public id."""
    statement = (
        select(RiskAssessment, Case.public_id)
        .outerjoin(Case, RiskAssessment.case_id == Case.id)
        .where(*conditions)
        .order_by(RiskAssessment.id)
    )
    return [view_of(row, case) for row, case in session.execute(statement).all()]


def latest_by_case(views: Iterable[RiskAssessmentView]) -> dict[str, RiskAssessmentView]:
    """The newest assessment of each case (views oldest first)."""
    latest: dict[str, RiskAssessmentView] = {}
    for view in views:
        if view.case is not None:
            latest[view.case] = view
    return latest


def record_risk_assessment(
    *,
    session: Session,
    pseudonym: str,
    outcome: str,
    answers: dict[str, Any],
    result: dict[str, Any],
    case_id: str | None = None,
) -> int:
    """Keep a finished risk questionnaire (answers and result encrypted) with the person's record and,
    for a health worker in case mode, their case. Returns the assessment's id."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown risk assessment outcome {outcome!r}: choose one of {sorted(OUTCOMES)}")
    user = user_of(session=session, pseudonym=pseudonym)
    conversation_of(session=session, user=user)
    case = owned_case(session=session, pseudonym=pseudonym, public_id=case_id) if case_id else None
    row = RiskAssessment(
        user_id=user.id,
        case_id=case.id if case else None,
        outcome=outcome,
        answers=encode(answers),
        result=encode(result),
    )
    session.add(row)
    session.flush()
    return row.id


def risk_assessments_of(*, session: Session, pseudonym: str) -> list[RiskAssessmentView]:
    """The person's risk assessments (their own and their cases'), oldest first."""
    user_id = user_id_of(session=session, pseudonym=pseudonym)
    return [] if user_id is None else views_where(session, RiskAssessment.user_id == user_id)
