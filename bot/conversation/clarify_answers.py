"""Typed answers to a clarifying question ("it's brownish", "always been like that", "not sure").

Buttons are the main way to answer; this reads the words people type instead. Doubt is its own answer
("not sure", "don't know") and is checked first, so it is never read as a yes or a no.
"""

from __future__ import annotations

import re

from clinical.clarifying import UNSURE, Clarification
from clinical.keyword_backstop import keyword_findings, words_pattern
from clinical.symptom_lexicon import BLOOD_COLOUR_WORDS, BLOOD_WORDS, CLEAR_COLOUR_WORDS

_UNSURE = re.compile(
    r"\b(not sure|unsure|don'?t know|dont know|dunno|no idea|can'?t tell|maybe|not certain)\b", re.I
)
_YES = re.compile(r"^\s*(y|yes|yeah|yep|yup|ya|haan|ha|sure|correct|it is|there is)\b", re.I)
_NO = re.compile(r"^\s*(n|no|nope|nah|none|nothing|not really|neither)\b", re.I)
_BLOOD = re.compile(words_pattern((*BLOOD_WORDS, *BLOOD_COLOUR_WORDS)), re.I)
_CLEAR = re.compile(words_pattern(CLEAR_COLOUR_WORDS), re.I)
_LIFELONG = re.compile(
    r"\balways\b|\bsince (birth|puberty|childhood|i was)|\bborn\b|\ball my life\b|\bfor years\b", re.I
)
_RECENT = re.compile(r"\b(recent\w*|new\w*|lately|just|started|weeks?|months?|days?|yes)\b", re.I)
_WHOLE = re.compile(r"\b(whole|all over|entire|everywhere|swollen|bigger|full)\b", re.I)
_SKIN_ANSWERS = {"skin_dimpling": "dimpling", "peau_d_orange": "orange_peel", "ulceration": "sore",
                 "redness": "redness"}  # fmt: skip


def typed_answer(clarification: Clarification, text: str) -> str | None:
    """The answer `text` gives to `clarification`, or None when it is not an answer to it."""
    if _UNSURE.search(text):
        return UNSURE
    if clarification is Clarification.DISCHARGE_COLOUR:
        return _discharge_colour(text)
    if clarification is Clarification.NIPPLE_ONSET:
        return "lifelong" if _LIFELONG.search(text) else "recent" if _RECENT.search(text) else None
    if clarification is Clarification.SKIN_CHANGE:
        return _skin_change(text)
    return _lump_or_swelling(text)


def _discharge_colour(text: str) -> str | None:
    findings = keyword_findings(text)
    if findings.discharge_not_bloody or (_CLEAR.search(text) and not _BLOOD.search(text)):
        return "clear"
    if _BLOOD.search(text) or _YES.search(text):
        return "blood"
    return "clear" if _NO.search(text) else None


def _skin_change(text: str) -> str | None:
    symptoms = keyword_findings(text).symptoms
    for symptom, answer in _SKIN_ANSWERS.items():
        if symptom in symptoms:
            return answer
    return "none" if _NO.search(text) else None


def _lump_or_swelling(text: str) -> str | None:
    symptoms = keyword_findings(text).symptoms
    if "lump" in symptoms or _YES.search(text):
        return "lump"
    return "whole_breast" if _WHOLE.search(text) or _NO.search(text) else None
