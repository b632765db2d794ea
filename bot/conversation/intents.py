"""What the NLU's intent means for the conversation: the fixed replies, the actions, and when to trust it."""

from __future__ import annotations

import re

from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.conversation.turn import Action
from nlu import ParseResult

MIN_INTENT_CONFIDENCE = 0.5
RISK_INTENT = "assess_risk"

# Replies that do not depend on the conversation (education, small talk): their messages, in order.
FIXED_REPLIES = {
    "greet": ("greeting",),
    "goodbye": ("goodbye",),
    "thank": ("thanks",),
    "bot_challenge": ("bot-challenge",),
    "ask_how_to_upload": ("how-to-upload",),
    "ask_about_breast_cancer": ("about-breast-cancer", "disclaimer"),
    "ask_self_exam": ("self-exam",),
    "ask_risk_factors": ("risk-factors", "disclaimer"),
    "ask_privacy": ("privacy",),
    "express_anxiety": ("anxiety",),
    "out_of_scope": ("out-of-scope",),
    "affirm": ("affirm-idle",),
    "deny": ("deny-idle",),
}
# Fixed replies that make no sense in the middle of a question ("yes" to "which side?").
_NOT_AN_ASIDE = frozenset({"affirm", "deny", "out_of_scope"})
ACTIONS = {
    "ask_result": Action.HISTORY,
    "delete_my_data": Action.DELETE,
    "new_case": Action.NEW_CASE,
    "list_cases": Action.LIST_CASES,
}

_ANXIOUS = re.compile(
    r"\b(scared|afraid|terrified|frightened|anxious|panick?\w*|worried|worry|freaking)\b", re.I
)


def intent_of(parse: ParseResult | None, *, min_confidence: float = MIN_INTENT_CONFIDENCE) -> str | None:
    if parse is None or parse.confidence < min_confidence:
        return None
    return parse.intent or None


def is_anxious(parse: ParseResult | None, text: str) -> bool:
    return intent_of(parse) == "express_anxiety" or _ANXIOUS.search(text) is not None


def fixed_reply(intent: str | None, language: Language = DEFAULT_LANGUAGE) -> str | None:
    """The fixed reply to an intent, if it has one."""
    messages = FIXED_REPLIES.get(intent or "")
    return None if messages is None else "\n\n".join(text(language, message) for message in messages)


def aside(intent: str | None, language: Language = DEFAULT_LANGUAGE) -> str | None:
    """The fixed reply to give before asking a pending question again ("what is self-exam?"), if any."""
    if intent is None or intent in _NOT_AN_ASIDE:
        return None
    return fixed_reply(intent, language)
