"""The questions of the intake with their buttons, and the consent, erasure and menu keyboards."""

from __future__ import annotations

from bot import replies
from bot.conversation.intake import Intake
from bot.conversation.state import ASK_AGE, ASK_DURATION, ASK_FAMILY, ASK_PREGNANCY, ASK_SIDE, CLARIFYING
from bot.keyboard import Keyboard, button_column, button_row
from clinical.red_flags import needs_duration

CLARIFY_BUTTON_KIND = "clarify"


def question(state: str, intake: Intake | None = None) -> tuple[str, Keyboard | None]:
    """The text and keyboard of the question asked in `state`."""
    if state in CLARIFYING:
        name = CLARIFYING[state].value
        buttons = {f"{name}:{answer}": label for answer, label in replies.CLARIFY_BUTTONS[name].items()}
        return replies.CLARIFY_QUESTIONS[name], button_column(CLARIFY_BUTTON_KIND, buttons)
    if state == ASK_SIDE:
        return replies.ASK_SIDE, button_row("side", replies.SIDE_BUTTONS)
    if state == ASK_DURATION:
        rash = intake is not None and needs_duration(intake.findings())
        return (replies.ASK_RASH_DURATION if rash else replies.ASK_DURATION), button_column(
            "dur", replies.DURATION_BUTTONS
        )
    if state == ASK_AGE:
        return replies.ASK_AGE, None
    if state == ASK_PREGNANCY:
        return replies.ASK_PREGNANCY, button_row("preg", replies.PREGNANCY_BUTTONS)
    if state == ASK_FAMILY:
        return replies.ASK_FAMILY, button_row("fam", replies.FAMILY_BUTTONS)
    return replies.ASK_SYMPTOMS, None


def consent_keyboard() -> Keyboard:
    return (((replies.CONSENT_YES_BUTTON, "consent:yes"), (replies.CONSENT_NO_BUTTON, "consent:no")),)


def delete_keyboard() -> Keyboard:
    return (((replies.DELETE_YES_BUTTON, "delete:yes"), (replies.DELETE_NO_BUTTON, "delete:no")),)


def menu_keyboard() -> Keyboard:
    items = [(label, f"menu:{key}") for key, label in replies.MENU_BUTTONS.items()]
    return tuple(tuple(items[i : i + 2]) for i in range(0, len(items), 2))
