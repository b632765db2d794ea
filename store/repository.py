"""`Store`: the bot's, workers' and admin's one handle on the database, over the per-aggregate modules.

Each method opens one transaction (or a read-only session) and calls the keyword-only data function of its
aggregate: `store.users` (people and consent), `store.messages`, `store.conversation_state`, `store.roles`,
`store.cases`, `store.analyses` (analyses, uploads and heatmaps), `store.escalations`,
`store.risk_assessments` and `store.erasure`. Every person is addressed by pseudonym, and what comes back
is a frozen dataclass, never an ORM row.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from imaging import CleanUpload
from store import (
    analyses,
    cases,
    conversation_state,
    erasure,
    escalations,
    messages,
    risk_assessments,
    roles,
    users,
)
from store.analyses import AnalysisRecord, AnalysisResult, ImageRecord
from store.cases import CaseSummary
from store.crypto import cipher_of
from store.database import checkpoint, create_database_engine, session_factory, upgrade_database
from store.escalations import EscalationRecord
from store.images import ImageVault
from store.messages import MessageRecord
from store.risk_assessments import RiskAssessmentView
from store.users import CONSENT_SCOPE, CONSENT_VERSION

logger = logging.getLogger(__name__)


class Store:
    """The bot's and admin's access to the database."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        image_dir: Path | None = None,
    ) -> None:
        """`image_dir` None keeps image bytes (encrypted) in the database."""
        self._sessions = sessions
        engine = sessions.kw.get("bind")
        assert isinstance(engine, Engine), "the session factory must be bound to an engine"
        self.engine = engine
        self.images = ImageVault(cipher_of(engine.dialect), image_dir)

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self._sessions

    # --- messages -------------------------------------------------------------------------------------

    def record_message(
        self, *, pseudonym: str, direction: str, kind: str, text: str | None = None, intent: str | None = None
    ) -> int:
        with self._sessions.begin() as session:
            return messages.record_message(
                session=session, pseudonym=pseudonym, direction=direction, kind=kind, text=text, intent=intent
            )

    def messages_of(self, *, pseudonym: str) -> list[MessageRecord]:
        with self._sessions() as session:
            return messages.messages_of(session=session, pseudonym=pseudonym)

    # --- analyses and images --------------------------------------------------------------------------

    def record_analysis_queued(self, *, pseudonym: str, task_id: str) -> None:
        """Record a queued analysis; idempotent, since a redelivered upload is queued again."""
        with self._sessions.begin() as session:
            analyses.record_analysis_queued(session=session, pseudonym=pseudonym, task_id=task_id)

    def record_analysis_result(self, *, task_id: str, result: AnalysisResult) -> None:
        with self._sessions.begin() as session:
            analyses.record_analysis_result(
                session=session, vault=self.images, task_id=task_id, result=result
            )

    def save_upload(self, *, pseudonym: str, task_id: str, upload: CleanUpload) -> int | None:
        """Keep a cleaned upload (encrypted) for the analysis `task_id`; idempotent per analysis.

        Returns the image id, or None when nothing was kept: a stand-in for a file that cannot be analysed,
        or what is left of a DICOM file that could not be de-identified.
        """
        if upload.media_type is None:
            return None
        with self._sessions.begin() as session:
            return analyses.keep_upload(
                session=session,
                vault=self.images,
                pseudonym=pseudonym,
                task_id=task_id,
                data=upload.data,
                media_type=upload.media_type,
                deidentified=upload.deidentified_dicom,
            )

    def image_bytes(self, image: ImageRecord) -> bytes:
        with self._sessions() as session:
            return analyses.image_bytes(session=session, vault=self.images, image_id=image.id)

    def images_of(self, *, pseudonym: str) -> list[ImageRecord]:
        with self._sessions() as session:
            return analyses.images_of(session=session, pseudonym=pseudonym)

    def analyses_of(self, *, pseudonym: str) -> list[AnalysisRecord]:
        with self._sessions() as session:
            return analyses.analyses_of(session=session, pseudonym=pseudonym)

    # --- consent, language and dialogue state ---------------------------------------------------------

    def consent_of(self, *, pseudonym: str) -> bool | None:
        """True/False for the person's consent choice; None when they have not chosen (nothing stored)."""
        with self._sessions() as session:
            return users.consent_of(session=session, pseudonym=pseudonym)

    def record_consent(
        self, *, pseudonym: str, granted: bool, scope: str = CONSENT_SCOPE, version: str = CONSENT_VERSION
    ) -> None:
        """Record the choice, what it covers (`scope`) and the version of the text the person was shown."""
        with self._sessions.begin() as session:
            users.record_consent(
                session=session, pseudonym=pseudonym, granted=granted, scope=scope, version=version
            )

    def language_of(self, *, pseudonym: str) -> str | None:
        """The language code the person chose; None when they have not chosen (nothing stored)."""
        with self._sessions() as session:
            return users.language_of(session=session, pseudonym=pseudonym)

    def record_language(self, *, pseudonym: str, language: str) -> None:
        with self._sessions.begin() as session:
            users.record_language(session=session, pseudonym=pseudonym, language=language)

    def load_conversation(self, *, pseudonym: str) -> tuple[str, dict[str, Any]] | None:
        """The person's dialogue state and its JSON data, or None when there is none."""
        with self._sessions() as session:
            return conversation_state.load_conversation(session=session, pseudonym=pseudonym)

    def save_conversation(self, *, pseudonym: str, state: str, data: dict[str, Any]) -> None:
        with self._sessions.begin() as session:
            conversation_state.save_conversation(session=session, pseudonym=pseudonym, state=state, data=data)

    # --- roles and cases ------------------------------------------------------------------------------

    def grant_role(self, *, pseudonym: str, role: str) -> None:
        with self._sessions.begin() as session:
            roles.grant_role(session=session, pseudonym=pseudonym, role=role)

    def has_role(self, *, pseudonym: str, role: str) -> bool:
        with self._sessions() as session:
            return roles.has_role(session=session, pseudonym=pseudonym, role=role)

    def open_case(self, *, pseudonym: str) -> str:
        """Open a new case owned by the health worker; returns its pseudonymous public id ("C-7F3A2B")."""
        with self._sessions.begin() as session:
            return cases.open_case(session=session, pseudonym=pseudonym)

    def update_case(
        self, *, pseudonym: str, public_id: str, answers: dict[str, Any], red_flags: list[str]
    ) -> None:
        with self._sessions.begin() as session:
            cases.update_case(
                session=session,
                pseudonym=pseudonym,
                public_id=public_id,
                answers=answers,
                red_flags=red_flags,
            )

    def attach_analysis_to_case(self, *, pseudonym: str, public_id: str, task_id: str) -> None:
        with self._sessions.begin() as session:
            cases.attach_analysis_to_case(
                session=session, pseudonym=pseudonym, public_id=public_id, task_id=task_id
            )

    def case_of(self, *, pseudonym: str, public_id: str) -> CaseSummary | None:
        """The owner's case with that id (case-insensitive), or None: nobody sees another's cases."""
        with self._sessions() as session:
            return cases.case_of(session=session, pseudonym=pseudonym, public_id=public_id)

    def cases_of(self, *, pseudonym: str, status: str | None = "open") -> list[CaseSummary]:
        """The health worker's cases, red flags first, then highest suspicion, then newest."""
        with self._sessions() as session:
            return cases.cases_of(session=session, pseudonym=pseudonym, status=status)

    # --- escalations and risk assessments -------------------------------------------------------------

    def record_escalation(
        self,
        *,
        pseudonym: str,
        red_flags: list[str],
        case_id: str | None = None,
        clarifications: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Put a red flag in the clinician queue (for the person, or for a health worker's case), with the
        clarifying questions and answers that led to it."""
        with self._sessions.begin() as session:
            escalations.record_escalation(
                session=session,
                pseudonym=pseudonym,
                red_flags=red_flags,
                case_id=case_id,
                clarifications=clarifications,
            )

    def open_escalations(self) -> list[EscalationRecord]:
        """The clinician queue, oldest first."""
        with self._sessions() as session:
            return escalations.open_escalations(session=session)

    def record_risk_assessment(
        self,
        *,
        pseudonym: str,
        outcome: str,
        answers: dict[str, Any],
        result: dict[str, Any],
        case_id: str | None = None,
    ) -> int:
        """Keep a finished risk questionnaire (answers and result encrypted); returns its id."""
        with self._sessions.begin() as session:
            return risk_assessments.record_risk_assessment(
                session=session,
                pseudonym=pseudonym,
                outcome=outcome,
                answers=answers,
                result=result,
                case_id=case_id,
            )

    def risk_assessments_of(self, *, pseudonym: str) -> list[RiskAssessmentView]:
        """The person's risk assessments (their own and their cases'), oldest first."""
        with self._sessions() as session:
            return risk_assessments.risk_assessments_of(session=session, pseudonym=pseudonym)

    # --- erasure --------------------------------------------------------------------------------------

    def delete_user(self, *, pseudonym: str) -> bool:
        """Erase everything about the person (every table, every image file); False if nothing was stored."""
        with self._sessions.begin() as session:
            files = erasure.erase_user(session=session, pseudonym=pseudonym)
        if files is None:
            return False
        self.images.remove_files(files)
        checkpoint(self.engine)
        return True


def open_store(
    *,
    database_url: str,
    encryption_keys: list[str],
    image_dir: Path | None,
    migrate: bool = True,
) -> Store:
    """The store an entry point uses: engine with its cipher, schema at head (Alembic), images folder."""
    engine = create_database_engine(database_url, encryption_keys=encryption_keys)
    if migrate:
        upgrade_database(engine)
    return Store(session_factory(engine), image_dir=image_dir)
