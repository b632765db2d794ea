"""Keyword-only data functions over a session factory; every user is addressed by pseudonym."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from store.models import Analysis, Message, User


@dataclass(frozen=True)
class AnalysisResult:
    """What a finished analysis records."""

    status: str
    source_format: str | None = None
    probability: float | None = None
    model_name: str | None = None
    model_version: str | None = None
    model_trained: bool | None = None
    error_kind: str | None = None


class Store:
    """The bot's and admin's access to the database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def _user(self, session: Session, pseudonym: str) -> User:
        user = session.scalar(select(User).where(User.pseudonym == pseudonym))
        if user is None:
            user = User(pseudonym=pseudonym)
            session.add(user)
            session.flush()
        return user

    def record_message(
        self, *, pseudonym: str, direction: str, kind: str, text: str | None = None, intent: str | None = None
    ) -> int:
        with self._sessions.begin() as session:
            user = self._user(session, pseudonym)
            message = Message(user_id=user.id, direction=direction, kind=kind, text=text, intent=intent)
            session.add(message)
            session.flush()
            return message.id

    def record_analysis_queued(self, *, pseudonym: str, task_id: str) -> None:
        with self._sessions.begin() as session:
            user = self._user(session, pseudonym)
            session.add(Analysis(user_id=user.id, task_id=task_id, status="queued"))

    def record_analysis_result(self, *, task_id: str, result: AnalysisResult) -> None:
        with self._sessions.begin() as session:
            analysis = session.scalar(select(Analysis).where(Analysis.task_id == task_id))
            if analysis is None:
                return
            analysis.status = result.status
            analysis.source_format = result.source_format
            analysis.probability = result.probability
            analysis.model_name = result.model_name
            analysis.model_version = result.model_version
            analysis.model_trained = result.model_trained
            analysis.error_kind = result.error_kind
            analysis.completed_at = datetime.now(UTC)

    def messages_of(self, *, pseudonym: str) -> list[Message]:
        with self._sessions() as session:
            statement = select(Message).join(User).where(User.pseudonym == pseudonym).order_by(Message.id)
            return list(session.scalars(statement))

    def analyses_of(self, *, pseudonym: str) -> list[Analysis]:
        with self._sessions() as session:
            statement = select(Analysis).join(User).where(User.pseudonym == pseudonym).order_by(Analysis.id)
            return list(session.scalars(statement))
