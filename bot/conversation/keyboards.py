"""The questions of the intake with their buttons, and the language, consent, erasure and menu keyboards."""

from __future__ import annotations

from collections.abc import Iterable

from bot.catalog import DEFAULT_LANGUAGE, LANGUAGE_NAMES, Language, text
from bot.choices import (
    DURATION_CHOICES,
    FAMILY_ANSWERS,
    MENU_TOPICS,
    PREGNANCY_STATUSES,
    SIDES,
)
from bot.conversation.intake import Intake
from bot.conversation.state import ASK_AGE, ASK_DURATION, ASK_FAMILY, ASK_PREGNANCY, ASK_SIDE, CLARIFYING
from bot.keyboard import Keyboard, button_column, button_row
from clinical.clarifying import ANSWERS
from clinical.red_flags import needs_duration

CLARIFY_BUTTON_KIND = "clarify"
LANGUAGE_BUTTON_KIND = "lang"


def labels(language: Language, message_id: str, argument: str, values: Iterable[str]) -> dict[str, str]:
    """value -> the button label the catalog's selector gives it."""
    return {value: text(language, message_id, **{argument: value}) for value in values}


def question(
    state: str, intake: Intake | None = None, language: Language = DEFAULT_LANGUAGE
) -> tuple[str, Keyboard | None]:
    """The text and keyboard of the question asked in `state`."""
    if state in CLARIFYING:
        name = CLARIFYING[state].value
        buttons = {
            f"{name}:{answer}": text(language, "clarify-button", name=name, answer=answer)
            for answer in ANSWERS[CLARIFYING[state]]
        }
        return text(language, "clarify-question", name=name), button_column(CLARIFY_BUTTON_KIND, buttons)
    if state == ASK_SIDE:
        return text(language, "ask-side"), button_row("side", labels(language, "button-side", "side", SIDES))
    if state == ASK_DURATION:
        rash = intake is not None and needs_duration(intake.findings())
        choices = {choice: text(language, f"button-duration-{choice}") for choice in DURATION_CHOICES}
        return text(language, "ask-rash-duration" if rash else "ask-duration"), button_column("dur", choices)
    if state == ASK_AGE:
        return text(language, "ask-age"), None
    if state == ASK_PREGNANCY:
        statuses = labels(language, "button-pregnancy", "status", PREGNANCY_STATUSES)
        return text(language, "ask-pregnancy"), button_row("preg", statuses)
    if state == ASK_FAMILY:
        answers = labels(language, "button-family", "answer", FAMILY_ANSWERS)
        return text(language, "ask-family"), button_row("fam", answers)
    return text(language, "ask-symptoms"), None


def consent_keyboard(language: Language = DEFAULT_LANGUAGE) -> Keyboard:
    return (
        (
            (text(language, "consent-yes-button"), "consent:yes"),
            (text(language, "consent-no-button"), "consent:no"),
        ),
    )


def delete_keyboard(language: Language = DEFAULT_LANGUAGE) -> Keyboard:
    return (
        (
            (text(language, "delete-yes-button"), "delete:yes"),
            (text(language, "delete-no-button"), "delete:no"),
        ),
    )


def language_keyboard() -> Keyboard:
    """One button per language, each named in its own script."""
    return (
        tuple(
            (name, f"{LANGUAGE_BUTTON_KIND}:{language.value}") for language, name in LANGUAGE_NAMES.items()
        ),
    )


def menu_keyboard(language: Language = DEFAULT_LANGUAGE) -> Keyboard:
    items = [
        (label, f"menu:{key}") for key, label in labels(language, "button-menu", "topic", MENU_TOPICS).items()
    ]
    return tuple(tuple(items[i : i + 2]) for i in range(0, len(items), 2))
