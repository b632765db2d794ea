"""The conversation's states and the per-person record of them, kept as JSON in the store."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bot.conversation.intake import Intake
from bot.risk_answers import RiskAnswers
from bot.risk_dialogue import RISK_STATES
from clinical.clarifying import Clarification

IDLE = "idle"
ASK_SYMPTOMS = "ask_symptoms"
ASK_SIDE = "ask_side"
ASK_DURATION = "ask_duration"
ASK_AGE = "ask_age"
ASK_PREGNANCY = "ask_pregnancy"
ASK_FAMILY = "ask_family"
CLARIFY_STATES = {clarification: f"clarify_{clarification.value}" for clarification in Clarification}
CLARIFYING = {state: clarification for clarification, state in CLARIFY_STATES.items()}
QUESTIONS = (ASK_SYMPTOMS, ASK_SIDE, ASK_DURATION, ASK_AGE, ASK_PREGNANCY, ASK_FAMILY, *CLARIFYING)


@dataclass
class Conversation:
    """One person's dialogue state, persisted as JSON in the store."""

    state: str = IDLE
    intake: Intake = field(default_factory=Intake)
    case: str | None = None
    risk: RiskAnswers = field(default_factory=RiskAnswers)

    def to_data(self) -> dict[str, Any]:
        return {"intake": asdict(self.intake), "case": self.case, "risk": self.risk.to_data()}

    @classmethod
    def from_data(cls, state: str, data: dict[str, Any]) -> Conversation:
        known = Intake.__dataclass_fields__
        intake = Intake(**{key: value for key, value in data.get("intake", {}).items() if key in known})
        return cls(
            state=state if state in (IDLE, *QUESTIONS, *RISK_STATES) else IDLE,
            intake=intake,
            case=data.get("case"),
            risk=RiskAnswers.from_data(data.get("risk")),
        )
