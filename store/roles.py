"""Roles an admin grants to a person (held under the pseudonym)."""

from __future__ import annotations

from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Role, User
from store.users import user_of

HEALTH_WORKER: Final = "health_worker"
ROLES: Final = frozenset({HEALTH_WORKER})


def grant_role(*, session: Session, pseudonym: str, role: str) -> None:
    """Grant `role` once; an unknown role is refused with the ones to choose from."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: choose one of {', '.join(sorted(ROLES))}")
    user = user_of(session=session, pseudonym=pseudonym)
    if session.scalar(select(Role).where(Role.user_id == user.id, Role.role == role)) is None:
        session.add(Role(user_id=user.id, role=role))


def has_role(*, session: Session, pseudonym: str, role: str) -> bool:
    statement = select(Role.id).join(User, Role.user_id == User.id)
    return session.scalar(statement.where(User.pseudonym == pseudonym, Role.role == role)) is not None
