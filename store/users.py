"""Pseudonymous users, their consent and language choices and their one conversation thread.

Every function takes the caller's session and never commits: the caller owns the transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Consent, Conversation, LanguageChoice, User

CONSENT_VERSION: Final = "1"
CONSENT_SCOPE: Final = "storage_and_analysis"


def user_of(*, session: Session, pseudonym: str) -> User:
    """The person's row, made on first use."""
    user = session.scalar(select(User).where(User.pseudonym == pseudonym))
    if user is None:
        user = User(pseudonym=pseudonym)
        session.add(user)
        session.flush()
    return user


def user_id_of(*, session: Session, pseudonym: str) -> int | None:
    """The person's id, or None when nothing is stored about them (never creates a row)."""
    return session.scalar(select(User.id).where(User.pseudonym == pseudonym))


def conversation_of(*, session: Session, user: User) -> Conversation:
    """The person's conversation thread, made on first use."""
    conversation = session.scalar(select(Conversation).where(Conversation.user_id == user.id))
    if conversation is None:
        conversation = Conversation(user_id=user.id)
        session.add(conversation)
        session.flush()
    return conversation


def consent_of(*, session: Session, pseudonym: str) -> bool | None:
    """True/False for the person's consent choice; None when they have not chosen (nothing stored)."""
    statement = select(Consent.granted).join(User, Consent.user_id == User.id)
    return session.scalar(statement.where(User.pseudonym == pseudonym))


def record_consent(
    *,
    session: Session,
    pseudonym: str,
    granted: bool,
    scope: str = CONSENT_SCOPE,
    version: str = CONSENT_VERSION,
) -> None:
    """Record the choice, what it covers (`scope`) and the version of the text the person was shown."""
    user = user_of(session=session, pseudonym=pseudonym)
    if granted:
        # Made at consent (one request at a time), not by the first of several concurrent
        # messages, which would race to insert it. Declining stores only the choice.
        conversation_of(session=session, user=user)
    consent = session.scalar(select(Consent).where(Consent.user_id == user.id))
    if consent is None:
        session.add(Consent(user_id=user.id, granted=granted, scope=scope, version=version))
    else:
        consent.granted = granted
        consent.scope = scope
        consent.version = version
        consent.decided_at = datetime.now(UTC)


def language_of(*, session: Session, pseudonym: str) -> str | None:
    """The language code the person chose; None when they have not chosen (nothing stored)."""
    statement = select(LanguageChoice.language).join(User, LanguageChoice.user_id == User.id)
    return session.scalar(statement.where(User.pseudonym == pseudonym))


def record_language(*, session: Session, pseudonym: str, language: str) -> None:
    """Record (or change) the person's language choice; needs no consent, like the consent choice."""
    user = user_of(session=session, pseudonym=pseudonym)
    choice = session.scalar(select(LanguageChoice).where(LanguageChoice.user_id == user.id))
    if choice is None:
        session.add(LanguageChoice(user_id=user.id, language=language))
    else:
        choice.language = language
        choice.chosen_at = datetime.now(UTC)
