"""Keyword-only data functions over a session factory; every user is addressed by pseudonym."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker

from store import case_stats
from store.crypto import cipher_of
from store.database import checkpoint
from store.deid import deidentification_seed, deidentify_upload, looks_like_dicom
from store.images import ImageVault
from store.models import (
    Analysis,
    Case,
    CaseAnalysis,
    Consent,
    Conversation,
    ConversationState,
    Escalation,
    EscalationNote,
    Message,
    RiskAssessment,
    Role,
    StoredImage,
    User,
)
from store.risk_assessments import OUTCOMES, RiskAssessmentView, encode, views_where

logger = logging.getLogger(__name__)

HEALTH_WORKER = "health_worker"
ROLES = frozenset({HEALTH_WORKER})
CASE_ID_PREFIX = "C-"
CONSENT_VERSION = "1"
CONSENT_SCOPE = "storage_and_analysis"
UPLOAD = "upload"
HEATMAP = "heatmap"
DEVELOPMENT_DEID_SEED = deidentification_seed(b"development-only-deidentification-secret")


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
    modality: str | None = None
    band: str | None = None
    timings: Mapping[str, float] | None = None
    heatmap_png: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class CaseSummary:
    """One case as a health worker's list shows it."""

    public_id: str
    status: str
    answers: dict[str, Any]
    red_flags: tuple[str, ...]
    max_probability: float | None
    analyses: int
    created_at: datetime


class Store:
    """The bot's and admin's access to the database."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        image_dir: Path | None = None,
        deid_seed: str = DEVELOPMENT_DEID_SEED,
    ) -> None:
        """`image_dir` None keeps image bytes (encrypted) in the database; `deid_seed` keys DICOM UIDs."""
        self._sessions = sessions
        engine = sessions.kw.get("bind")
        assert isinstance(engine, Engine), "the session factory must be bound to an engine"
        self.engine = engine
        self.images = ImageVault(cipher_of(engine.dialect), image_dir)
        self.deid_seed = deid_seed

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self._sessions

    def _conversation(self, session: Session, user: User) -> Conversation:
        conversation = session.scalar(select(Conversation).where(Conversation.user_id == user.id))
        if conversation is None:
            conversation = Conversation(user_id=user.id)
            session.add(conversation)
            session.flush()
        return conversation

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
            conversation = self._conversation(session, user)
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

    def record_analysis_queued(self, *, pseudonym: str, task_id: str) -> None:
        """Record a queued analysis; idempotent, since a redelivered upload is queued again."""
        with self._sessions.begin() as session:
            if session.scalar(select(Analysis.id).where(Analysis.task_id == task_id)) is not None:
                return
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
            analysis.modality = result.modality
            analysis.band = result.band
            analysis.timings = json.dumps(dict(result.timings), sort_keys=True) if result.timings else None
            analysis.completed_at = datetime.now(UTC)
            if result.heatmap_png and not self._has_image(session, analysis.id, HEATMAP):
                heatmap = StoredImage(
                    user_id=analysis.user_id,
                    analysis_id=analysis.id,
                    purpose=HEATMAP,
                    media_type="image/png",
                    size_bytes=len(result.heatmap_png),
                    deidentified=False,
                )
                self.images.put(heatmap, result.heatmap_png)
                session.add(heatmap)

    # --- images ----------------------------------------------------------------------------------------

    def save_upload(self, *, pseudonym: str, task_id: str, data: bytes, media_type: str) -> int | None:
        """Keep an uploaded image (encrypted) for the analysis `task_id`; DICOM is de-identified first.

        Idempotent per analysis. Returns the image id, or None when nothing was kept: a DICOM file that
        cannot be de-identified is never stored.
        """
        data, deidentified = deidentify_upload(data, seed=self.deid_seed)
        if not deidentified and looks_like_dicom(data):
            logger.warning("unreadable DICOM upload not stored")
            return None
        with self._sessions.begin() as session:
            user = self._user(session, pseudonym)
            analysis = session.scalar(select(Analysis).where(Analysis.task_id == task_id))
            if analysis is None:
                analysis = Analysis(user_id=user.id, task_id=task_id, status="queued")
                session.add(analysis)
                session.flush()
            existing = self._has_image(session, analysis.id, UPLOAD)
            if existing is not None:
                return existing
            image = StoredImage(
                user_id=user.id,
                analysis_id=analysis.id,
                purpose=UPLOAD,
                media_type="application/dicom" if deidentified else media_type,
                size_bytes=len(data),
                deidentified=deidentified,
            )
            self.images.put(image, data)
            session.add(image)
            session.flush()
            return image.id

    def image_bytes(self, image: StoredImage) -> bytes:
        return self.images.read(image)

    def images_of(self, *, pseudonym: str) -> list[StoredImage]:
        with self._sessions() as session:
            statement = select(StoredImage).join(User, StoredImage.user_id == User.id)
            return list(
                session.scalars(statement.where(User.pseudonym == pseudonym).order_by(StoredImage.id))
            )

    @staticmethod
    def _has_image(session: Session, analysis_id: int, purpose: str) -> int | None:
        return session.scalar(
            select(StoredImage.id).where(
                StoredImage.analysis_id == analysis_id, StoredImage.purpose == purpose
            )
        )

    def messages_of(self, *, pseudonym: str) -> list[Message]:
        with self._sessions() as session:
            statement = select(Message).join(User).where(User.pseudonym == pseudonym).order_by(Message.id)
            return list(session.scalars(statement))

    def analyses_of(self, *, pseudonym: str) -> list[Analysis]:
        with self._sessions() as session:
            statement = select(Analysis).join(User).where(User.pseudonym == pseudonym).order_by(Analysis.id)
            return list(session.scalars(statement))

    # --- consent ---------------------------------------------------------------------------------------

    def consent_of(self, *, pseudonym: str) -> bool | None:
        """True/False for the person's consent choice; None when they have not chosen (nothing stored)."""
        with self._sessions() as session:
            statement = select(Consent.granted).join(User, Consent.user_id == User.id)
            return session.scalar(statement.where(User.pseudonym == pseudonym))

    def record_consent(
        self, *, pseudonym: str, granted: bool, scope: str = CONSENT_SCOPE, version: str = CONSENT_VERSION
    ) -> None:
        """Record the choice, what it covers (`scope`) and the version of the text the person was shown."""
        with self._sessions.begin() as session:
            user = self._user(session, pseudonym)
            if granted:
                # Made at consent (one request at a time), not by the first of several concurrent
                # messages, which would race to insert it. Declining stores only the choice.
                self._conversation(session, user)
            consent = session.scalar(select(Consent).where(Consent.user_id == user.id))
            if consent is None:
                session.add(Consent(user_id=user.id, granted=granted, scope=scope, version=version))
            else:
                consent.granted = granted
                consent.scope = scope
                consent.version = version
                consent.decided_at = datetime.now(UTC)

    # --- dialogue state --------------------------------------------------------------------------------

    def load_conversation(self, *, pseudonym: str) -> tuple[str, dict[str, Any]] | None:
        """The person's dialogue state and its JSON data, or None when there is none."""
        with self._sessions() as session:
            statement = select(ConversationState).join(User, ConversationState.user_id == User.id)
            row = session.scalar(statement.where(User.pseudonym == pseudonym))
            if row is None:
                return None
            data: dict[str, Any] = json.loads(row.data)
            return row.state, data

    def save_conversation(self, *, pseudonym: str, state: str, data: dict[str, Any]) -> None:
        with self._sessions.begin() as session:
            user = self._user(session, pseudonym)
            row = session.scalar(select(ConversationState).where(ConversationState.user_id == user.id))
            encoded = json.dumps(data, sort_keys=True)
            if row is None:
                session.add(ConversationState(user_id=user.id, state=state, data=encoded))
            else:
                row.state = state
                row.data = encoded

    # --- roles -----------------------------------------------------------------------------------------

    def grant_role(self, *, pseudonym: str, role: str) -> None:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}: choose one of {', '.join(sorted(ROLES))}")
        with self._sessions.begin() as session:
            user = self._user(session, pseudonym)
            if session.scalar(select(Role).where(Role.user_id == user.id, Role.role == role)) is None:
                session.add(Role(user_id=user.id, role=role))

    def has_role(self, *, pseudonym: str, role: str) -> bool:
        with self._sessions() as session:
            statement = select(Role.id).join(User, Role.user_id == User.id)
            return session.scalar(statement.where(User.pseudonym == pseudonym, Role.role == role)) is not None

    # --- cases -----------------------------------------------------------------------------------------

    def open_case(self, *, pseudonym: str) -> str:
        """Open a new case owned by the health worker; returns its pseudonymous public id ("C-7F3A2B")."""
        with self._sessions.begin() as session:
            owner = self._user(session, pseudonym)
            while True:
                public_id = CASE_ID_PREFIX + secrets.token_hex(3).upper()
                if session.scalar(select(Case.id).where(Case.public_id == public_id)) is None:
                    break
            session.add(Case(public_id=public_id, owner_id=owner.id))
            return public_id

    def update_case(
        self, *, pseudonym: str, public_id: str, answers: dict[str, Any], red_flags: list[str]
    ) -> None:
        with self._sessions.begin() as session:
            case = self._owned_case(session, pseudonym, public_id)
            if case is None:
                return
            case.answers = json.dumps(answers, sort_keys=True)
            known = [flag for flag in case.red_flags.split(",") if flag]
            case.red_flags = ",".join(dict.fromkeys(known + red_flags))
            case.updated_at = datetime.now(UTC)

    def attach_analysis_to_case(self, *, pseudonym: str, public_id: str, task_id: str) -> None:
        with self._sessions.begin() as session:
            case = self._owned_case(session, pseudonym, public_id)
            analysis = session.scalar(select(Analysis).where(Analysis.task_id == task_id))
            if case is None or analysis is None:
                return
            linked = session.scalar(select(CaseAnalysis.id).where(CaseAnalysis.analysis_id == analysis.id))
            if linked is None:
                session.add(CaseAnalysis(case_id=case.id, analysis_id=analysis.id))

    def case_of(self, *, pseudonym: str, public_id: str) -> CaseSummary | None:
        """The owner's case with that id (case-insensitive), or None: nobody sees another's cases."""
        return next((case for case in self.cases_of(pseudonym=pseudonym, status=None)
                     if case.public_id == public_id.strip().upper()), None)  # fmt: skip

    def cases_of(self, *, pseudonym: str, status: str | None = "open") -> list[CaseSummary]:
        """The health worker's cases, red flags first, then highest suspicion, then newest."""
        with self._sessions() as session:
            probability = case_stats.highest_probability()
            count = case_stats.analysis_count()
            statement = (
                select(Case, probability, count)
                .join(User, Case.owner_id == User.id)
                .where(User.pseudonym == pseudonym)
            )
            if status is not None:
                statement = statement.where(Case.status == status)
            rows = session.execute(statement).all()
        summaries = [
            CaseSummary(
                public_id=case.public_id,
                status=case.status,
                answers=json.loads(case.answers),
                red_flags=tuple(flag for flag in case.red_flags.split(",") if flag),
                max_probability=max_probability,
                analyses=int(analyses or 0),
                created_at=case.created_at,
            )
            for case, max_probability, analyses in rows
        ]
        summaries.sort(key=lambda c: c.created_at, reverse=True)
        summaries.sort(key=lambda c: -1.0 if c.max_probability is None else c.max_probability, reverse=True)
        summaries.sort(key=lambda c: bool(c.red_flags), reverse=True)
        return summaries

    def _owned_case(self, session: Session, pseudonym: str, public_id: str) -> Case | None:
        statement = select(Case).join(User, Case.owner_id == User.id)
        return session.scalar(statement.where(User.pseudonym == pseudonym, Case.public_id == public_id))

    # --- escalations -----------------------------------------------------------------------------------

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
            user = self._user(session, pseudonym)
            self._conversation(session, user)
            case = self._owned_case(session, pseudonym, case_id) if case_id else None
            session.add(
                Escalation(
                    user_id=user.id,
                    case_id=case.id if case else None,
                    red_flags=",".join(red_flags),
                    clarifications=json.dumps([list(pair) for pair in clarifications])
                    if clarifications
                    else None,
                )
            )

    def open_escalations(self) -> list[Escalation]:
        """The clinician queue, oldest first."""
        with self._sessions() as session:
            statement = select(Escalation).where(Escalation.status == "open").order_by(Escalation.id)
            return list(session.scalars(statement))

    # --- risk assessments (NCI BCRAT) -----------------------------------------------------------------

    def record_risk_assessment(
        self,
        *,
        pseudonym: str,
        outcome: str,
        answers: dict[str, Any],
        result: dict[str, Any],
        case_id: str | None = None,
    ) -> int:
        """Keep a finished risk questionnaire (answers and result encrypted) with the person's record and,
        for a health worker in case mode, their case. Returns the assessment's id."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown risk assessment outcome {outcome!r}: choose one of {sorted(OUTCOMES)}")
        with self._sessions.begin() as session:
            user = self._user(session, pseudonym)
            self._conversation(session, user)
            case = self._owned_case(session, pseudonym, case_id) if case_id else None
            row = RiskAssessment(
                user_id=user.id,
                case_id=case.id if case else None,
                outcome=outcome,
                answers=encode(answers),
                result=encode(result),
            )
            session.add(row)
            session.flush()
            return row.id

    def risk_assessments_of(self, *, pseudonym: str) -> list[RiskAssessmentView]:
        """The person's risk assessments (their own and their cases'), oldest first."""
        with self._sessions() as session:
            user_id = session.scalar(select(User.id).where(User.pseudonym == pseudonym))
            return [] if user_id is None else views_where(session, RiskAssessment.user_id == user_id)

    # --- erasure ---------------------------------------------------------------------------------------

    def delete_user(self, *, pseudonym: str) -> bool:
        """Erase everything about the person (every table, every image file); False if nothing was stored."""
        with self._sessions.begin() as session:
            user_id = session.scalar(select(User.id).where(User.pseudonym == pseudonym))
            if user_id is None:
                return False
            case_ids = select(Case.id).where(Case.owner_id == user_id)
            analysis_ids = select(Analysis.id).where(Analysis.user_id == user_id)
            files = list(session.scalars(select(StoredImage.file_name).where(StoredImage.user_id == user_id)))
            session.execute(
                delete(CaseAnalysis).where(
                    CaseAnalysis.case_id.in_(case_ids) | CaseAnalysis.analysis_id.in_(analysis_ids)
                )
            )
            escalation_ids = select(Escalation.id).where(
                (Escalation.user_id == user_id) | Escalation.case_id.in_(case_ids)
            )
            session.execute(delete(EscalationNote).where(EscalationNote.escalation_id.in_(escalation_ids)))
            session.execute(
                delete(RiskAssessment).where(
                    (RiskAssessment.user_id == user_id) | RiskAssessment.case_id.in_(case_ids)
                )
            )
            session.execute(delete(Escalation).where(Escalation.user_id == user_id))
            session.execute(delete(Escalation).where(Escalation.case_id.in_(case_ids)))
            session.execute(delete(Case).where(Case.owner_id == user_id))
            session.execute(delete(StoredImage).where(StoredImage.user_id == user_id))
            for owned in (Role, ConversationState, Consent, Message, Conversation, Analysis):
                session.execute(delete(owned).where(owned.user_id == user_id))
            session.execute(delete(User).where(User.id == user_id))
        self.images.remove_files(files)
        checkpoint(self.engine)
        return True


def open_store(
    *,
    database_url: str,
    encryption_keys: list[str],
    image_dir: Path | None,
    deid_secret: bytes,
    migrate: bool = True,
) -> Store:
    """The store an entry point uses: engine with its cipher, schema migrated to head, images folder."""
    from store.database import create_database_engine, create_schema, session_factory

    engine = create_database_engine(database_url, encryption_keys=encryption_keys)
    if migrate:
        create_schema(engine)
    return Store(session_factory(engine), image_dir=image_dir, deid_seed=deidentification_seed(deid_secret))
