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

from store.models import Case, RiskAssessment

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
