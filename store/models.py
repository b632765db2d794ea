"""SQLAlchemy 2 models: users (pseudonymous), consent, conversations, messages, images, analyses, dialogue
state, roles, cases, escalations, risk assessments, the audit log and the admin console's staff accounts.

The schema is created and changed by the Alembic migrations in `store/migrations` (never `create_all` outside
tests of the migrations themselves). Message texts, notes, and risk answers and results are `EncryptedText`;
image bytes are encrypted by `store.images` before they reach a file or a row.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from store.crypto import EncryptedText

ERASURE_KEPT: Final = "erasure_kept"  # Table.info key: why erasure (`store.erasure`) leaves a table alone


def kept_on_erasure(reason: str) -> dict[str, dict[str, str]]:
    """`__table_args__` of a table that holds nothing about a person, saying why erasure leaves it alone."""
    return {"info": {ERASURE_KEPT: reason}}


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of every bcdbot table."""


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    messages: Mapped[list[Message]] = relationship(back_populates="user", cascade="all, delete-orphan")
    analyses: Mapped[list[Analysis]] = relationship(back_populates="user", cascade="all, delete-orphan")


class Message(Base):
    """One message in or out of a conversation; `direction` is "in" (from the person) or "out" (bot)."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True, default=None
    )
    direction: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    intent: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    user: Mapped[User] = relationship(back_populates="messages")


class Analysis(Base):
    """One image analysis: queued, then completed with a probability or failed with a reason."""

    __tablename__ = "analyses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    source_format: Mapped[str | None] = mapped_column(String(16), default=None)
    probability: Mapped[float | None] = mapped_column(Float, default=None)
    model_name: Mapped[str | None] = mapped_column(String(64), default=None)
    model_version: Mapped[str | None] = mapped_column(String(64), default=None)
    model_trained: Mapped[bool | None] = mapped_column(Boolean, default=None)
    error_kind: Mapped[str | None] = mapped_column(String(64), default=None)
    modality: Mapped[str | None] = mapped_column(String(32), default=None)
    band: Mapped[str | None] = mapped_column(String(32), default=None)
    timings: Mapped[str | None] = mapped_column(Text, default=None)  # JSON: stage -> milliseconds
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)

    user: Mapped[User] = relationship(back_populates="analyses")


class Consent(Base):
    """The person's consent choice: the only thing stored before (or without) consent."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    granted: Mapped[bool] = mapped_column(Boolean)
    scope: Mapped[str] = mapped_column(String(64), default="storage_and_analysis")
    version: Mapped[str] = mapped_column(String(16), default="1")
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class LanguageChoice(Base):
    """The language the person chose for the bot's replies: like the consent choice, stored before (or
    without) consent, so that the consent text itself is read in that language."""

    __tablename__ = "language_choices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    language: Mapped[str] = mapped_column(String(8))
    chosen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ConversationState(Base):
    """Where the person is in the dialogue, shared by every bot process (JSON data, never a pickle)."""

    __tablename__ = "conversation_states"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    state: Mapped[str] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)


class Role(Base):
    """A role granted by an admin (e.g. "health_worker"), held under the pseudonym."""

    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Case(Base):
    """A health worker's pseudonymous case: intake answers (JSON), red flags and attached analyses."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    answers: Mapped[str] = mapped_column(Text, default="{}")
    red_flags: Mapped[str] = mapped_column(String(256), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)


class CaseAnalysis(Base):
    """Links an image analysis to the case it was sent for."""

    __tablename__ = "case_analyses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), unique=True)


class Escalation(Base):
    """A red flag raised in a conversation, waiting in the clinician queue."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), default=None)
    red_flags: Mapped[str] = mapped_column(String(256))
    # The clarifying questions the person answered before the flag, as JSON [[question, answer], ...]
    # (encrypted: they are clinical details).
    clarifications: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open / acknowledged / closed
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64), default=None)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    closed_by: Mapped[str | None] = mapped_column(String(64), default=None)


class RiskAssessment(Base):
    """One breast-cancer risk questionnaire (NCI BCRAT) that reached its end: the answers and the model's
    numbers, or why the model does not apply (both JSON, encrypted), for the person or a health worker's
    case. `outcome` is "estimate" or "not_applicable"."""

    __tablename__ = "risk_assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True, default=None
    )
    outcome: Mapped[str] = mapped_column(String(16))
    answers: Mapped[str] = mapped_column(EncryptedText)
    result: Mapped[str] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Conversation(Base):
    """A person's thread with the bot (one per person); its messages, images and escalations hang off it."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    last_message_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)


class StoredImage(Base):
    """An uploaded image (de-identified first when DICOM) or a heatmap; bytes encrypted in a file or row.

    `file_name` is random (never derived from the upload's name or content); `data` is used instead when the
    store keeps images in the database.
    """

    __tablename__ = "images"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    analysis_id: Mapped[int | None] = mapped_column(
        ForeignKey("analyses.id", ondelete="CASCADE"), index=True, default=None
    )
    purpose: Mapped[str] = mapped_column(String(16))  # upload / heatmap
    media_type: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    deidentified: Mapped[bool] = mapped_column(Boolean, default=False)
    file_name: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)


class EscalationNote(Base):
    """A clinician's note on an escalation (encrypted: it may repeat clinical details)."""

    __tablename__ = "escalation_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class AuditEntry(Base):
    """Who (a staff account) did what to which record, when: every view, export and change in the admin."""

    __tablename__ = "audit_log"
    __table_args__ = kept_on_erasure(
        "who did what in the admin console, kept for accountability: targets are record ids and at "
        "most a 12-character pseudonym prefix (rewritten to user:erased on erasure), never a name or message"
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(String(512), default="")
    client: Mapped[str] = mapped_column(String(64), default="")


class StaffAccount(Base):
    """An admin-console account (admin or clinician); the password is an argon2id hash."""

    __tablename__ = "staff_accounts"
    __table_args__ = kept_on_erasure("admin-console accounts: staff, not the people the bot talks to")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class StaffSession(Base):
    """A logged-in browser: only the SHA-256 of its cookie token is stored, with its CSRF token and expiry."""

    __tablename__ = "staff_sessions"
    __table_args__ = kept_on_erasure("admin-console logins: staff, not the people the bot talks to")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginAttempt(Base):
    """A login attempt, for throttling repeated wrong passwords (per username and per client address)."""

    __tablename__ = "login_attempts"
    __table_args__ = kept_on_erasure("admin-console login throttling: staff usernames and client addresses")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
