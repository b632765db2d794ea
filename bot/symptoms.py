"""Turns what the NLU understood of a symptom report into a reply."""

from __future__ import annotations

from bot import replies
from nlu import ParseResult

# Findings that always need a clinician within two weeks, whatever any model says (NICE NG12-style).
URGENT_SYMPTOMS = frozenset(
    {
        "lump",
        "armpit_lump",
        "bloody_nipple_discharge",
        "nipple_retraction",
        "skin_dimpling",
        "peau_d_orange",
        "ulceration",
        "nipple_rash",
    }
)


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def summarise(parse: ParseResult) -> str:
    """One sentence restating the symptom, side and duration that were understood."""
    symptoms = [
        replies.SYMPTOM_WORDS.get(value, value.replace("_", " ")) for value in parse.values("symptom")
    ]
    side = parse.first("body_side")
    duration = parse.first("duration")
    sentence = "I understand you have noticed " + (_join(symptoms) if symptoms else "a change")
    if side:
        sentence += " in your " + replies.SIDE_WORDS.get(side, side)
    if duration:
        sentence += " for " + duration
    return sentence + "."


def symptom_reply(parse: ParseResult) -> str:
    """The full reply to a symptom report: what was understood, what to do, the disclaimer."""
    symptoms = set(parse.values("symptom"))
    if not symptoms and parse.first("body_side") is None:
        return replies.ASK_SYMPTOM_DETAILS
    advice = replies.SEE_CLINICIAN_SOON if symptoms & URGENT_SYMPTOMS else replies.SEE_CLINICIAN_IF_PERSISTS
    return "\n\n".join([summarise(parse), advice, replies.OFFER_IMAGE, replies.DISCLAIMER])
