"""What the NLU's intent means for the conversation: the fixed replies, the actions, and when to trust it."""

from __future__ import annotations

import re

from bot import replies
from bot.conversation.turn import Action
from nlu import ParseResult

MIN_INTENT_CONFIDENCE = 0.5
RISK_INTENT = "assess_risk"

# Replies that do not depend on the conversation (education, small talk).
FIXED_REPLIES = {
    "greet": replies.GREETING,
    "goodbye": replies.GOODBYE,
    "thank": replies.THANKS,
    "bot_challenge": replies.BOT_CHALLENGE,
    "ask_how_to_upload": replies.HOW_TO_UPLOAD,
    "ask_about_breast_cancer": replies.ABOUT_BREAST_CANCER + "\n\n" + replies.DISCLAIMER,
    "ask_self_exam": replies.SELF_EXAM,
    "ask_risk_factors": replies.RISK_FACTORS + "\n\n" + replies.DISCLAIMER,
    "ask_privacy": replies.PRIVACY,
    "express_anxiety": replies.ANXIETY,
    "out_of_scope": replies.OUT_OF_SCOPE,
    "affirm": replies.AFFIRM_IDLE,
    "deny": replies.DENY_IDLE,
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


def aside(intent: str | None) -> str | None:
    """The fixed reply to give before asking a pending question again ("what is self-exam?"), if any."""
    if intent is None or intent in _NOT_AN_ASIDE:
        return None
    return FIXED_REPLIES.get(intent)
