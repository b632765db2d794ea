"""Where each person is in the dialogue: a state name and its JSON data, shared by every bot process."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import ConversationState, User
from store.users import user_of


def load_conversation(*, session: Session, pseudonym: str) -> tuple[str, dict[str, Any]] | None:
    """The person's dialogue state and its JSON data, or None when there is none."""
    statement = select(ConversationState).join(User, ConversationState.user_id == User.id)
    row = session.scalar(statement.where(User.pseudonym == pseudonym))
    if row is None:
        return None
    data: dict[str, Any] = json.loads(row.data)
    return row.state, data


def save_conversation(*, session: Session, pseudonym: str, state: str, data: dict[str, Any]) -> None:
    user = user_of(session=session, pseudonym=pseudonym)
    row = session.scalar(select(ConversationState).where(ConversationState.user_id == user.id))
    encoded = json.dumps(data, sort_keys=True)
    if row is None:
        session.add(ConversationState(user_id=user.id, state=state, data=encoded))
    else:
        row.state = state
        row.data = encoded
