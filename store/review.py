"""Read and workflow functions for the admin console: conversations, escalations, cases, Telegram roles.

Searching message text: texts are encrypted at rest, so a search decrypts the texts of the conversations that
pass the SQL filters and matches in Python (decrypt-and-filter). At this project's scale (a research bot,
thousands of messages) it is fast enough, and unlike a keyed blind index it leaks nothing about the texts
(no token frequencies, no equality between messages) and matches any substring, not only whole words.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import Select, delete, exists, func, select
from sqlalchemy.orm import Session

from clinical.script_normal import script_of, search_form
from store import case_stats
from store.analyses import ImageRecord, image_record
from store.cases import split_flags
from store.models import (
    Analysis,
    Case,
    Conversation,
    Escalation,
    EscalationNote,
    LanguageChoice,
    Message,
    RiskAssessment,
    Role,
    StoredImage,
    User,
)
from store.repository import Store
from store.review_views import (
    ACKNOWLEDGED,
    CLOSED,
    ESCALATION_STATUSES,
    MAX_SEARCH_LENGTH,
    OPEN,
    PSEUDONYM_SHOWN,
    AnalysisView,
    CaseView,
    ConversationDetail,
    ConversationFilter,
    ConversationRow,
    EscalationView,
    ImageView,
    MessageView,
    WorkflowError,
)
from store.risk_assessments import RiskAssessmentView, latest_by_case, views_where
from store.roles import HEALTH_WORKER

__all__ = [
    "ACKNOWLEDGED",
    "CLOSED",
    "ESCALATION_STATUSES",
    "MAX_SEARCH_LENGTH",
    "OPEN",
    "PSEUDONYM_SHOWN",
    "AnalysisView",
    "CaseView",
    "ConversationDetail",
    "ConversationFilter",
    "ConversationRow",
    "EscalationView",
    "ImageView",
    "MessageView",
    "ReviewStore",
    "WorkflowError",
]


class ReviewStore:
    """The admin console's queries over a `Store` (same engine, cipher and image folder)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._sessions = store.sessions

    # --- conversations -------------------------------------------------------------------------------

    def choices(self) -> dict[str, list[str]]:
        """The bands and modalities present, for the filter drop-downs."""
        with self._sessions() as session:
            bands = session.scalars(select(Analysis.band).where(Analysis.band.is_not(None)).distinct())
            modalities = session.scalars(
                select(Analysis.modality).where(Analysis.modality.is_not(None)).distinct()
            )
            return {"band": sorted(str(b) for b in bands), "modality": sorted(str(m) for m in modalities)}

    def _filtered(self, wanted: ConversationFilter) -> Select[int]:
        statement = select(Conversation.id)
        of_user = Analysis.user_id == Conversation.user_id
        if wanted.date_from is not None:
            start = datetime.combine(wanted.date_from, time.min, tzinfo=UTC)
            statement = statement.where(Conversation.last_message_at >= start)
        if wanted.date_to is not None:
            end = datetime.combine(wanted.date_to + timedelta(days=1), time.min, tzinfo=UTC)
            statement = statement.where(Conversation.started_at < end)
        if wanted.band:
            statement = statement.where(exists().where(of_user, Analysis.band == wanted.band))
        if wanted.modality:
            statement = statement.where(exists().where(of_user, Analysis.modality == wanted.modality))
        flagged = exists().where(Escalation.user_id == Conversation.user_id)
        if wanted.red_flag is not None:
            statement = statement.where(flagged if wanted.red_flag else ~flagged)
        waiting = exists().where(Escalation.user_id == Conversation.user_id, Escalation.status != CLOSED)
        if wanted.escalated is not None:
            statement = statement.where(waiting if wanted.escalated else ~waiting)
        return statement.order_by(Conversation.last_message_at.desc(), Conversation.id.desc())

    def _matching_ids(self, session: Session, wanted: ConversationFilter) -> list[int]:
        ids = list(session.scalars(self._filtered(wanted)))
        needle = search_form(wanted.text.strip()[:MAX_SEARCH_LENGTH])
        if not needle or not ids:
            return ids
        matched: set[int] = set()
        for conversation_id, text in session.execute(
            select(Message.conversation_id, Message.text).where(
                Message.conversation_id.in_(ids), Message.text.is_not(None)
            )
        ):
            if conversation_id is not None and needle in search_form(str(text)):
                matched.add(conversation_id)
        return [conversation_id for conversation_id in ids if conversation_id in matched]

    def conversations(
        self, wanted: ConversationFilter, *, page: int = 1, page_size: int = 25
    ) -> tuple[list[ConversationRow], int]:
        """One page of matching conversations (newest activity first) and the number of matches."""
        with self._sessions() as session:
            ids = self._matching_ids(session, wanted)
            start = max(page - 1, 0) * page_size
            return self._rows(session, ids[start : start + page_size]), len(ids)

    def all_conversations(self, wanted: ConversationFilter, *, limit: int = 10_000) -> list[ConversationRow]:
        with self._sessions() as session:
            return self._rows(session, self._matching_ids(session, wanted)[:limit])

    def _rows(self, session: Session, ids: list[int]) -> list[ConversationRow]:
        if not ids:
            return []
        conversations = session.execute(
            select(Conversation, User.pseudonym)
            .join(User, Conversation.user_id == User.id)
            .where(Conversation.id.in_(ids))
        ).all()
        by_id = {conversation.id: (conversation, pseudonym) for conversation, pseudonym in conversations}
        user_ids = [conversation.user_id for conversation, _ in conversations]
        counts = dict(
            session.execute(
                select(Message.conversation_id, func.count(Message.id))
                .where(Message.conversation_id.in_(ids))
                .group_by(Message.conversation_id)
            ).all()
        )
        analyses: dict[int, list[Analysis]] = {}
        for analysis in session.scalars(select(Analysis).where(Analysis.user_id.in_(user_ids))):
            analyses.setdefault(analysis.user_id, []).append(analysis)
        escalations: dict[int, list[Escalation]] = {}
        for escalation in session.scalars(select(Escalation).where(Escalation.user_id.in_(user_ids))):
            escalations.setdefault(escalation.user_id, []).append(escalation)
        languages = dict(
            session.execute(
                select(LanguageChoice.user_id, LanguageChoice.language).where(
                    LanguageChoice.user_id.in_(user_ids)
                )
            ).all()
        )
        rows = []
        for conversation_id in ids:
            conversation, pseudonym = by_id[conversation_id]
            mine = analyses.get(conversation.user_id, [])
            raised = escalations.get(conversation.user_id, [])
            probabilities = [a.probability for a in mine if a.probability is not None]
            statuses = {e.status for e in raised}
            rows.append(
                ConversationRow(
                    id=conversation.id,
                    pseudonym=pseudonym[:PSEUDONYM_SHOWN],
                    started_at=conversation.started_at,
                    last_message_at=conversation.last_message_at,
                    messages=int(counts.get(conversation.id, 0)),
                    max_probability=max(probabilities) if probabilities else None,
                    bands=tuple(sorted({a.band for a in mine if a.band})),
                    modalities=tuple(sorted({a.modality for a in mine if a.modality})),
                    red_flags=tuple(dict.fromkeys(f for e in raised for f in split_flags(e.red_flags))),
                    escalation=next((s for s in ESCALATION_STATUSES if s in statuses), None),
                    language=languages.get(conversation.user_id),
                )
            )
        return rows

    def conversation(self, conversation_id: int) -> ConversationDetail | None:
        with self._sessions() as session:
            rows = (
                self._rows(session, [conversation_id]) if session.get(Conversation, conversation_id) else []
            )
            if not rows:
                return None
            conversation = session.get(Conversation, conversation_id)
            assert conversation is not None
            messages = [
                MessageView(
                    m.id, m.direction, m.kind, m.text, m.intent, m.created_at, script_of(m.text or "")
                )
                for m in session.scalars(
                    select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
                )
            ]
            images: dict[int, list[ImageView]] = {}
            for image in session.scalars(
                select(StoredImage)
                .where(StoredImage.user_id == conversation.user_id)
                .order_by(StoredImage.id)
            ):
                if image.analysis_id is not None:
                    view = ImageView(
                        image.id, image.purpose, image.media_type, image.size_bytes, image.deidentified
                    )
                    images.setdefault(image.analysis_id, []).append(view)
            analyses = [
                AnalysisView(
                    id=a.id,
                    status=a.status,
                    source_format=a.source_format,
                    modality=a.modality,
                    band=a.band,
                    probability=a.probability,
                    model_name=a.model_name,
                    model_version=a.model_version,
                    model_trained=a.model_trained,
                    error_kind=a.error_kind,
                    timings=json.loads(a.timings) if a.timings else {},
                    created_at=a.created_at,
                    images=images.get(a.id, []),
                )
                for a in session.scalars(
                    select(Analysis).where(Analysis.user_id == conversation.user_id).order_by(Analysis.id)
                )
            ]
            risks = views_where(session, RiskAssessment.user_id == conversation.user_id)
            return ConversationDetail(rows[0], messages, analyses, risks)

    def risk_assessment(self, assessment_id: int) -> RiskAssessmentView | None:
        with self._sessions() as session:
            found = views_where(session, RiskAssessment.id == assessment_id)
            return found[0] if found else None

    def image(self, image_id: int) -> tuple[ImageRecord, bytes] | None:
        with self._sessions() as session:
            image = session.get(StoredImage, image_id)
            if image is None:
                return None
            return image_record(image), self.store.images.read(image)

    # --- escalations ---------------------------------------------------------------------------------

    def escalations(self, *, statuses: tuple[str, ...] = (OPEN, ACKNOWLEDGED)) -> list[EscalationView]:
        """The clinician queue: open first, then acknowledged, oldest first within each."""
        with self._sessions() as session:
            rows = session.execute(
                select(Escalation, User.pseudonym, Conversation.id, Case.public_id)
                .join(User, Escalation.user_id == User.id)
                .outerjoin(Conversation, Conversation.user_id == User.id)
                .outerjoin(Case, Escalation.case_id == Case.id)
                .where(Escalation.status.in_(statuses))
                .order_by(Escalation.created_at, Escalation.id)
            ).all()
            notes: dict[int, list[tuple[str, datetime, str]]] = {}
            for note in session.scalars(
                select(EscalationNote)
                .where(EscalationNote.escalation_id.in_([row[0].id for row in rows]))
                .order_by(EscalationNote.id)
            ):
                notes.setdefault(note.escalation_id, []).append((note.author, note.created_at, note.text))
        views = [
            EscalationView(
                id=escalation.id,
                conversation_id=conversation_id,
                pseudonym=pseudonym[:PSEUDONYM_SHOWN],
                case=public_id,
                red_flags=split_flags(escalation.red_flags),
                status=escalation.status,
                created_at=escalation.created_at,
                acknowledged_by=escalation.acknowledged_by,
                closed_by=escalation.closed_by,
                notes=notes.get(escalation.id, []),
                clarifications=_clarifications(escalation.clarifications),
            )
            for escalation, pseudonym, conversation_id, public_id in rows
        ]
        views.sort(key=lambda view: ESCALATION_STATUSES.index(view.status))
        return views

    def acknowledge(self, escalation_id: int, *, by: str) -> None:
        with self._sessions.begin() as session:
            escalation = self._escalation(session, escalation_id)
            if escalation.status != OPEN:
                raise WorkflowError(f"escalation {escalation_id} is {escalation.status}, not open")
            escalation.status = ACKNOWLEDGED
            escalation.acknowledged_at = datetime.now(UTC)
            escalation.acknowledged_by = by

    def close(self, escalation_id: int, *, by: str) -> None:
        with self._sessions.begin() as session:
            escalation = self._escalation(session, escalation_id)
            if escalation.status == CLOSED:
                raise WorkflowError(f"escalation {escalation_id} is closed already")
            escalation.status = CLOSED
            escalation.closed_at = datetime.now(UTC)
            escalation.closed_by = by

    def add_note(self, escalation_id: int, *, by: str, text: str) -> None:
        text = text.strip()
        if not text:
            raise WorkflowError("a note needs some text")
        with self._sessions.begin() as session:
            self._escalation(session, escalation_id)
            session.add(EscalationNote(escalation_id=escalation_id, author=by, text=text[:4000]))

    @staticmethod
    def _escalation(session: Session, escalation_id: int) -> Escalation:
        escalation = session.get(Escalation, escalation_id)
        if escalation is None:
            raise WorkflowError(f"no escalation {escalation_id}")
        return escalation

    # --- health-worker cases -------------------------------------------------------------------------

    def cases(self, *, status: str | None = None) -> list[CaseView]:
        """Every health worker's cases: red flags first, then highest model output, then newest."""
        with self._sessions() as session:
            probability = case_stats.highest_probability()
            count = case_stats.analysis_count()
            statement = select(Case, User.pseudonym, probability, count).join(User, Case.owner_id == User.id)
            if status:
                statement = statement.where(Case.status == status)
            rows = session.execute(statement).all()
            risks = latest_by_case(views_where(session, RiskAssessment.case_id.is_not(None)))
        views = [
            CaseView(
                public_id=case.public_id,
                owner=owner[:PSEUDONYM_SHOWN],
                status=case.status,
                answers=json.loads(case.answers),
                red_flags=split_flags(case.red_flags),
                max_probability=max_probability,
                analyses=int(analyses or 0),
                created_at=case.created_at,
                risk=risks.get(case.public_id),
            )
            for case, owner, max_probability, analyses in rows
        ]
        views.sort(key=lambda c: c.created_at, reverse=True)
        views.sort(key=lambda c: -1.0 if c.max_probability is None else c.max_probability, reverse=True)
        views.sort(key=lambda c: bool(c.red_flags), reverse=True)
        return views

    # --- Telegram users' roles -----------------------------------------------------------------------

    def telegram_roles(self) -> list[tuple[str, str]]:
        """(pseudonym prefix, role) for every Telegram user holding a role."""
        with self._sessions() as session:
            rows = session.execute(
                select(User.pseudonym, Role.role).join(Role, Role.user_id == User.id).order_by(User.pseudonym)
            ).all()
        return [(pseudonym[:PSEUDONYM_SHOWN], role) for pseudonym, role in rows]

    def revoke_telegram_role(self, *, pseudonym_prefix: str, role: str = HEALTH_WORKER) -> int:
        """Revoke `role` from the user(s) whose pseudonym starts with the shown prefix; returns how many."""
        if len(pseudonym_prefix) < PSEUDONYM_SHOWN or not all(
            c in "0123456789abcdef" for c in pseudonym_prefix
        ):
            raise WorkflowError("give the pseudonym as shown (12 hex characters)")
        with self._sessions.begin() as session:
            user_ids = select(User.id).where(User.pseudonym.startswith(pseudonym_prefix, autoescape=True))
            result = session.execute(delete(Role).where(Role.user_id.in_(user_ids), Role.role == role))
            return int(getattr(result, "rowcount", 0) or 0)


def _clarifications(stored: str | None) -> tuple[tuple[str, str], ...]:
    """The stored [[question, answer], ...] JSON as pairs; nothing when none were asked."""
    if not stored:
        return ()
    return tuple((str(question), str(answer)) for question, answer in json.loads(stored))
