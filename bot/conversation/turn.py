"""What one turn of the conversation sends and records, and what a handler must do for it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.keyboard import Keyboard
from bot.risk_result import RiskOutcome


class Action(StrEnum):
    """Something a command does that a message can ask for ("delete my data" does what /delete does)."""

    HISTORY = "history"
    DELETE = "delete"
    NEW_CASE = "newcase"
    LIST_CASES = "cases"


@dataclass(frozen=True)
class Turn:
    """What to send: one text (split if long), an optional inline keyboard, and what to record."""

    text: str
    keyboard: Keyboard | None = None
    new_red_flags: tuple[str, ...] = ()
    clarifications: tuple[tuple[str, str], ...] = ()  # (question, answer) in words, kept with an escalation
    action: Action | None = None  # the handler runs it first, then sends `text` when there is one
    risk: RiskOutcome | None = None  # the risk questionnaire ended: the handler stores and sends it
