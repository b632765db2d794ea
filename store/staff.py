"""Admin-console accounts (argon2id passwords), server-side sessions and the audit log.

Login throttling is `store.login_throttle`; what a password and a username must be is `store.passwords`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from store.models import AuditEntry, StaffAccount, StaffSession
from store.passwords import password_problem, username_problem

ADMIN = "admin"
CLINICIAN = "clinician"
STAFF_ROLES = (ADMIN, CLINICIAN)

_hasher = PasswordHasher()  # argon2id, the library's current recommended parameters
# Verified against when the username is unknown, so both paths cost the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """An account cannot be created or changed as asked."""


@dataclass(frozen=True)
class StaffIdentity:
    """Who is logged in, as the admin pages see it."""

    account_id: int
    username: str
    role: str
    csrf_token: str
    session_id: int


def as_utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes (stored in UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


class StaffStore:
    """Accounts, sessions, throttling and audit over the same database as the `Store`."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # --- accounts --------------------------------------------------------------------------------------

    def create_account(self, *, username: str, password: str, role: str) -> int:
        """A new account; refused (AccountError) for an unknown role, a bad username or a weak password."""
        username = username.strip()
        if role not in STAFF_ROLES:
            raise AccountError(f"unknown role {role!r}: choose one of {', '.join(STAFF_ROLES)}")
        problem = username_problem(username) or password_problem(password, username=username)
        if problem is not None:
            raise AccountError(problem)
        with self._sessions.begin() as session:
            taken = select(StaffAccount.id).where(func.lower(StaffAccount.username) == username.lower())
            if session.scalar(taken) is not None:
                raise AccountError(f"the account {username!r} exists already")
            account = StaffAccount(username=username, password_hash=_hasher.hash(password), role=role)
            session.add(account)
            session.flush()
            return account.id

    def accounts(self) -> list[StaffAccount]:
        with self._sessions() as session:
            return list(session.scalars(select(StaffAccount).order_by(StaffAccount.username)))

    def set_account(self, *, account_id: int, role: str | None = None, active: bool | None = None) -> None:
        if role is not None and role not in STAFF_ROLES:
            raise AccountError(f"unknown role {role!r}")
        with self._sessions.begin() as session:
            account = session.get(StaffAccount, account_id)
            if account is None:
                raise AccountError("no such account")
            if role is not None:
                account.role = role
            if active is not None:
                account.active = active
            # A change of role or a deactivation takes effect now: the account's sessions end.
            session.execute(delete(StaffSession).where(StaffSession.account_id == account_id))

    def set_password(self, *, account_id: int, password: str, keep_session_id: int | None = None) -> None:
        """A new password (checked like a new account's); every session of the account ends but
        `keep_session_id` (the one changing its own password)."""
        with self._sessions.begin() as session:
            account = session.get(StaffAccount, account_id)
            if account is None:
                raise AccountError("no such account")
            problem = password_problem(password, username=account.username)
            if problem is not None:
                raise AccountError(problem)
            account.password_hash = _hasher.hash(password)
            ended = delete(StaffSession).where(StaffSession.account_id == account_id)
            if keep_session_id is not None:
                ended = ended.where(StaffSession.id != keep_session_id)
            session.execute(ended)

    def account_id(self, username: str) -> int | None:
        """The id of the account named `username`, if there is one."""
        with self._sessions() as session:
            return session.scalar(select(StaffAccount.id).where(StaffAccount.username == username[:64]))

    # --- login, sessions --------------------------------------------------------------------------------

    def authenticate(self, *, username: str, password: str) -> StaffAccount | None:
        """The active account if the password is right (throttling is the caller's, before this)."""
        with self._sessions.begin() as session:
            account = session.scalar(select(StaffAccount).where(StaffAccount.username == username[:64]))
            ok: bool
            try:
                ok = _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
            except (VerificationError, InvalidHashError):
                ok = False
            if not ok or account is None or not account.active:
                return None
            if _hasher.check_needs_rehash(account.password_hash):
                account.password_hash = _hasher.hash(password)
            account.last_login_at = datetime.now(UTC)
            return account

    def password_matches(self, *, account_id: int, password: str) -> bool:
        """True if `password` is the account's current one (to confirm a change of password)."""
        with self._sessions() as session:
            account = session.get(StaffAccount, account_id)
            try:
                return _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
            except (VerificationError, InvalidHashError):
                return False

    def start_session(self, *, account_id: int, lifetime: timedelta) -> str:
        """A new session; returns the cookie token (only its hash is stored)."""
        token = secrets.token_urlsafe(32)
        with self._sessions.begin() as session:
            session.add(
                StaffSession(
                    token_hash=token_hash(token),
                    account_id=account_id,
                    csrf_token=secrets.token_urlsafe(32),
                    expires_at=datetime.now(UTC) + lifetime,
                )
            )
        return token

    def identity(self, token: str, *, idle: timedelta) -> StaffIdentity | None:
        """The session's account if the session is live; an idle session's expiry slides forward."""
        now = datetime.now(UTC)
        with self._sessions.begin() as session:
            row = session.execute(
                select(StaffSession, StaffAccount)
                .join(StaffAccount, StaffSession.account_id == StaffAccount.id)
                .where(StaffSession.token_hash == token_hash(token))
            ).first()
            if row is None:
                return None
            staff_session, account = row
            if as_utc(staff_session.expires_at) <= now or not account.active:
                session.delete(staff_session)
                return None
            absolute_end = as_utc(staff_session.created_at) + 16 * idle
            staff_session.expires_at = min(now + idle, absolute_end)
            return StaffIdentity(
                account_id=account.id,
                username=account.username,
                role=account.role,
                csrf_token=staff_session.csrf_token,
                session_id=staff_session.id,
            )

    def end_session(self, token: str) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash(token)))

    def expire_session_now(self, token: str) -> None:
        """For tests and for forced logouts: the session is kept but no longer valid."""
        with self._sessions.begin() as session:
            row = session.scalar(select(StaffSession).where(StaffSession.token_hash == token_hash(token)))
            if row is not None:
                row.expires_at = datetime.now(UTC) - timedelta(seconds=1)

    # --- audit -------------------------------------------------------------------------------------------

    def audit(self, *, actor: str, action: str, target: str = "", detail: str = "", client: str = "") -> None:
        with self._sessions.begin() as session:
            session.add(
                AuditEntry(actor=actor[:64], action=action[:32], target=target[:64], detail=detail[:512],
                           client=client[:64])
            )  # fmt: skip

    def audit_entries(self, *, limit: int = 50, offset: int = 0) -> tuple[list[AuditEntry], int]:
        with self._sessions() as session:
            total = session.scalar(select(func.count(AuditEntry.id))) or 0
            statement = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
            return list(session.scalars(statement)), int(total)
