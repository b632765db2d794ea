"""Login throttling that a burst of parallel guesses cannot outrun.

An attempt is written, as a failure, and committed *before* its password is checked; only then are the
failures in the window counted, the committed attempts of other requests included. Of N parallel attempts,
the one that counts last sees every attempt let through before it, so at most `limit` passwords are checked
per username and per client in a window, on SQLite and PostgreSQL alike, at any isolation level. A refused
attempt is deleted (waiting out the window lifts the lock); one let through is settled as it turned out.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from store.models import LoginAttempt

FIELD_LENGTH = 64  # LoginAttempt.username and .client


class LoginThrottle:
    """At most `limit` failed logins per username and per client address within `window`."""

    def __init__(self, sessions: sessionmaker[Session], *, limit: int, window: timedelta) -> None:
        self._sessions = sessions
        self.limit = limit
        self.window = window

    def claim(self, *, username: str, client: str) -> int | None:
        """The id of a new attempt that may check a password, or None when the limit is reached."""
        with self._sessions.begin() as session:
            attempt = LoginAttempt(
                username=username[:FIELD_LENGTH], client=client[:FIELD_LENGTH], succeeded=False
            )
            session.add(attempt)
            session.flush()
            attempt_id = attempt.id
        if self.failures(username=username, client=client) <= self.limit:
            return attempt_id
        with self._sessions.begin() as session:
            session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt_id))
        return None

    def settle(self, attempt_id: int, *, succeeded: bool) -> None:
        """Record how a claimed attempt ended; a success no longer counts against the limit."""
        if succeeded:
            with self._sessions.begin() as session:
                session.execute(
                    update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(succeeded=True)
                )

    def failures(self, *, username: str, client: str) -> int:
        """Failed (or still unsettled) logins in the window, for this username or this client, whichever
        is more."""
        since = datetime.now(UTC) - self.window
        conditions = (
            LoginAttempt.username == username[:FIELD_LENGTH],
            LoginAttempt.client == client[:FIELD_LENGTH],
        )
        with self._sessions() as session:
            counts = [
                session.scalar(
                    select(func.count(LoginAttempt.id)).where(
                        condition, LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since
                    )
                )
                or 0
                for condition in conditions
            ]
        return max(counts)
