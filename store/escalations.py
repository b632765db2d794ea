"""Red flags put in the clinician queue by the bot (the admin's review of them is `store.review`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.cases import owned_case, split_flags
from store.models import Escalation
from store.users import conversation_of, user_of

OPEN: Final = "open"


@dataclass(frozen=True)
class EscalationRecord:
    """One escalation as the bot recorded it."""

    id: int
    red_flags: tuple[str, ...]
    status: str
    created_at: datetime


def record_escalation(
    *,
    session: Session,
    pseudonym: str,
    red_flags: list[str],
    case_id: str | None = None,
    clarifications: Sequence[tuple[str, str]] = (),
) -> None:
    """Put a red flag in the clinician queue (for the person, or for a health worker's case), with the
    clarifying questions and answers that led to it."""
    user = user_of(session=session, pseudonym=pseudonym)
    conversation_of(session=session, user=user)
    case = owned_case(session=session, pseudonym=pseudonym, public_id=case_id) if case_id else None
    session.add(
        Escalation(
            user_id=user.id,
            case_id=case.id if case else None,
            red_flags=",".join(red_flags),
            clarifications=json.dumps([list(pair) for pair in clarifications]) if clarifications else None,
        )
    )


def open_escalations(*, session: Session) -> list[EscalationRecord]:
    """The clinician queue, oldest first."""
    statement = select(Escalation).where(Escalation.status == OPEN).order_by(Escalation.id)
    return [
        EscalationRecord(
            id=row.id,
            red_flags=split_flags(row.red_flags),
            status=row.status,
            created_at=row.created_at,
        )
        for row in session.scalars(statement)
    ]
