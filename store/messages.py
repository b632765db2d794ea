"""Messages in and out of a person's conversation (texts encrypted at rest)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Message, User
from store.users import conversation_of, user_of


@dataclass(frozen=True)
class MessageRecord:
    """One stored message; `direction` is "in" (from the person) or "out" (from the bot)."""

    id: int
    direction: str
    kind: str
    text: str | None
    intent: str | None
    created_at: datetime


def record_message(
    *,
    session: Session,
    pseudonym: str,
    direction: str,
    kind: str,
    text: str | None = None,
    intent: str | None = None,
) -> int:
    """Keep a message in the person's conversation; returns its id."""
    user = user_of(session=session, pseudonym=pseudonym)
    conversation = conversation_of(session=session, user=user)
    conversation.last_message_at = datetime.now(UTC)
    message = Message(
        user_id=user.id,
        conversation_id=conversation.id,
        direction=direction,
        kind=kind,
        text=text,
        intent=intent,
    )
    session.add(message)
    session.flush()
    return message.id


def messages_of(*, session: Session, pseudonym: str) -> list[MessageRecord]:
    """The person's messages, oldest first."""
    statement = select(Message).join(User).where(User.pseudonym == pseudonym).order_by(Message.id)
    return [
        MessageRecord(
            id=row.id,
            direction=row.direction,
            kind=row.kind,
            text=row.text,
            intent=row.intent,
            created_at=row.created_at,
        )
        for row in session.scalars(statement)
    ]
