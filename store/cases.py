"""A health worker's pseudonymous cases: intake answers, red flags and the analyses sent for them.

Nobody sees another's cases: every lookup goes through the owner's pseudonym.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from store import case_stats
from store.models import Analysis, Case, CaseAnalysis, User
from store.users import user_of

CASE_ID_PREFIX: Final = "C-"


@dataclass(frozen=True)
class CaseSummary:
    """One case as a health worker's list shows it."""

    public_id: str
    status: str
    answers: dict[str, Any]
    red_flags: tuple[str, ...]
    max_probability: float | None
    analyses: int
    created_at: datetime


def split_flags(stored: str) -> tuple[str, ...]:
    """The red flags of a case or escalation, stored comma-joined."""
    return tuple(flag for flag in stored.split(",") if flag)


def owned_case(*, session: Session, pseudonym: str, public_id: str) -> Case | None:
    """The owner's case row with that public id, or None."""
    statement = select(Case).join(User, Case.owner_id == User.id)
    return session.scalar(statement.where(User.pseudonym == pseudonym, Case.public_id == public_id))


def open_case(*, session: Session, pseudonym: str) -> str:
    """Open a new case owned by the health worker; returns its pseudonymous public id ("C-7F3A2B")."""
    owner = user_of(session=session, pseudonym=pseudonym)
    while True:
        public_id = CASE_ID_PREFIX + secrets.token_hex(3).upper()
        if session.scalar(select(Case.id).where(Case.public_id == public_id)) is None:
            break
    session.add(Case(public_id=public_id, owner_id=owner.id))
    return public_id


def update_case(
    *, session: Session, pseudonym: str, public_id: str, answers: dict[str, Any], red_flags: list[str]
) -> None:
    """Replace the intake answers and add the new red flags (each kept once, in order)."""
    case = owned_case(session=session, pseudonym=pseudonym, public_id=public_id)
    if case is None:
        return
    case.answers = json.dumps(answers, sort_keys=True)
    case.red_flags = ",".join(dict.fromkeys([*split_flags(case.red_flags), *red_flags]))
    case.updated_at = datetime.now(UTC)


def attach_analysis_to_case(*, session: Session, pseudonym: str, public_id: str, task_id: str) -> None:
    case = owned_case(session=session, pseudonym=pseudonym, public_id=public_id)
    analysis = session.scalar(select(Analysis).where(Analysis.task_id == task_id))
    if case is None or analysis is None:
        return
    linked = session.scalar(select(CaseAnalysis.id).where(CaseAnalysis.analysis_id == analysis.id))
    if linked is None:
        session.add(CaseAnalysis(case_id=case.id, analysis_id=analysis.id))


def cases_of(*, session: Session, pseudonym: str, status: str | None = "open") -> list[CaseSummary]:
    """The health worker's cases, red flags first, then highest suspicion, then newest."""
    statement = (
        select(Case, case_stats.highest_probability(), case_stats.analysis_count())
        .join(User, Case.owner_id == User.id)
        .where(User.pseudonym == pseudonym)
    )
    if status is not None:
        statement = statement.where(Case.status == status)
    summaries = [
        CaseSummary(
            public_id=case.public_id,
            status=case.status,
            answers=json.loads(case.answers),
            red_flags=split_flags(case.red_flags),
            max_probability=max_probability,
            analyses=int(analyses or 0),
            created_at=case.created_at,
        )
        for case, max_probability, analyses in session.execute(statement).all()
    ]
    summaries.sort(key=lambda c: c.created_at, reverse=True)
    summaries.sort(key=lambda c: -1.0 if c.max_probability is None else c.max_probability, reverse=True)
    summaries.sort(key=lambda c: bool(c.red_flags), reverse=True)
    return summaries


def case_of(*, session: Session, pseudonym: str, public_id: str) -> CaseSummary | None:
    """The owner's case with that id (case-insensitive), or None: nobody sees another's cases."""
    wanted = public_id.strip().upper()
    return next((case for case in cases_of(session=session, pseudonym=pseudonym, status=None)
                 if case.public_id == wanted), None)  # fmt: skip
