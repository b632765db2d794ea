"""The answer to the question being asked, typed or pressed: applied to the intake, or not an answer."""

from __future__ import annotations

import re

from bot import replies
from bot.choices import DURATION_CHOICES, FAMILY_ANSWERS, PREGNANCY_STATUSES, SIDES
from bot.conversation.clarify_answers import typed_answer
from bot.conversation.intake import Intake, pregnancy_in, side_in
from bot.conversation.intents import intent_of
from bot.conversation.keyboards import CLARIFY_BUTTON_KIND
from bot.conversation.state import (
    ASK_AGE,
    ASK_DURATION,
    ASK_FAMILY,
    ASK_PREGNANCY,
    ASK_SIDE,
    CLARIFYING,
)
from bot.digits import western_digits
from clinical.clarifying import is_answer
from clinical.keyword_backstop import parse_age_answer, parse_duration_days
from nlu import ParseResult

DURATION_BUTTON_DAYS = {"lt2w": 7, "2to6w": 28, "gt6w": 60}

_YES = re.compile(r"^\s*(y|yes|yeah|yep|yup|ya|sure|correct|she did|he did|my \w+ did|i think so)\b", re.I)
_NO = re.compile(r"^\s*(n|no|nope|nah|not that i know|none|nobody|no one|never)\b", re.I)
_UNSURE = re.compile(r"\b(not sure|unsure|don'?t know|dunno|no idea|maybe)\b", re.I)
_NEITHER = re.compile(r"\bneither\b", re.I)


def apply_text(intake: Intake, state: str, parse: ParseResult | None, text: str) -> bool:
    """Apply `text` as the answer to the question of `state`; True when it answered it."""
    intent = intent_of(parse)
    if state in CLARIFYING:
        clarification = CLARIFYING[state]
        answer = typed_answer(clarification, text)
        if answer is not None:
            intake.clarified[clarification] = answer
        return answer is not None
    if state == ASK_SIDE:
        intake.side = intake.side or side_in(text, strict=False)
        return intake.side is not None
    if state == ASK_DURATION:
        days = parse_duration_days(western_digits(text))
        if days is None:
            return intake.duration is not None or intake.duration_days is not None
        intake.duration_days = days
        return True
    if state == ASK_AGE:
        age = parse_age_answer(western_digits(text))
        if age is not None:
            intake.age = age
        return intake.age is not None
    if state == ASK_PREGNANCY:
        found = pregnancy_in(text)
        if found is None and (_NO.search(text) or intent == "deny" or _NEITHER.search(text)):
            found = "neither"
        intake.pregnancy = intake.pregnancy or found
        return intake.pregnancy is not None
    if state == ASK_FAMILY:
        if _UNSURE.search(text):
            intake.family_history = "unsure"
        elif _NO.search(text) or intent == "deny":
            intake.family_history = "no"
        elif _YES.search(text) or intent == "affirm" or (parse is not None and parse.first("family_history")):
            intake.family_history = "yes"
        return intake.family_history is not None
    return bool(intake.symptoms)  # ASK_SYMPTOMS


def apply_button(intake: Intake, state: str, kind: str, value: str) -> bool:
    """Apply a keyboard answer; False when the button does not belong to the current question."""
    if state in CLARIFYING and kind == CLARIFY_BUTTON_KIND:
        name, _, answer = value.partition(":")
        clarification = CLARIFYING[state]
        if name != clarification or not is_answer(clarification, answer):
            return False
        intake.clarified[clarification] = answer
    elif state == ASK_SIDE and kind == "side" and value in SIDES:
        intake.side = value
    elif state == ASK_DURATION and kind == "dur" and value in DURATION_CHOICES:
        intake.duration = replies.DURATION_WORDS[value]
        intake.duration_days = DURATION_BUTTON_DAYS[value]
    elif state == ASK_PREGNANCY and kind == "preg" and value in PREGNANCY_STATUSES:
        intake.pregnancy = value
    elif state == ASK_FAMILY and kind == "fam" and value in FAMILY_ANSWERS:
        intake.family_history = value
    else:
        return False
    return True
