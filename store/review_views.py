"""What the admin console shows: conversations, their messages and analyses, escalations and cases, as frozen
views built by `store.review`; the escalation statuses and the workflow error."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from store.risk_assessments import RiskAssessmentView

OPEN, ACKNOWLEDGED, CLOSED = "open", "acknowledged", "closed"
ESCALATION_STATUSES = (OPEN, ACKNOWLEDGED, CLOSED)
PSEUDONYM_SHOWN = 12  # characters of the pseudonym shown in the console
MAX_SEARCH_LENGTH = 200


class WorkflowError(ValueError):
    """An escalation cannot move as asked (e.g. closing a closed one)."""


@dataclass(frozen=True)
class ConversationFilter:
    """What the conversations page and its CSV export filter on; every value is bound, never formatted."""

    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    band: str | None = None
    modality: str | None = None
    red_flag: bool | None = None
    escalated: bool | None = None

    def describe(self) -> str:
        """For the audit log: which filters were used, without the searched text itself."""
        parts = [f"text=<{len(self.text)} chars>"] if self.text else []
        for name in ("date_from", "date_to", "band", "modality", "red_flag", "escalated"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value}")
        return " ".join(parts)


@dataclass(frozen=True)
class ConversationRow:
    id: int
    pseudonym: str
    started_at: datetime
    last_message_at: datetime
    messages: int
    max_probability: float | None
    bands: tuple[str, ...]
    modalities: tuple[str, ...]
    red_flags: tuple[str, ...]
    escalation: str | None  # the most urgent status: open, acknowledged, closed, or None
    language: str | None = None  # the language the person chose for the bot's replies


@dataclass(frozen=True)
class ImageView:
    id: int
    purpose: str
    media_type: str
    size_bytes: int
    deidentified: bool


@dataclass(frozen=True)
class AnalysisView:
    id: int
    status: str
    source_format: str | None
    modality: str | None
    band: str | None
    probability: float | None
    model_name: str | None
    model_version: str | None
    model_trained: bool | None
    error_kind: str | None
    timings: dict[str, float]
    created_at: datetime
    images: list[ImageView] = field(default_factory=list)


@dataclass(frozen=True)
class MessageView:
    id: int
    direction: str
    kind: str
    text: str | None
    intent: str | None
    created_at: datetime
    script: str | None = None  # what the text is written in (clinical.script_normal.script_of)


@dataclass(frozen=True)
class ConversationDetail:
    row: ConversationRow
    messages: list[MessageView]
    analyses: list[AnalysisView]
    risk_assessments: list[RiskAssessmentView] = field(default_factory=list)


@dataclass(frozen=True)
class EscalationView:
    id: int
    conversation_id: int | None
    pseudonym: str
    case: str | None
    red_flags: tuple[str, ...]
    status: str
    created_at: datetime
    acknowledged_by: str | None
    closed_by: str | None
    notes: list[tuple[str, datetime, str]]
    clarifications: tuple[tuple[str, str], ...] = ()  # (question, answer) asked before the flag


@dataclass(frozen=True)
class CaseView:
    public_id: str
    owner: str
    status: str
    answers: dict[str, Any]
    red_flags: tuple[str, ...]
    max_probability: float | None
    analyses: int
    created_at: datetime
    risk: RiskAssessmentView | None = None  # the newest risk assessment made for the case
