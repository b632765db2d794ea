"""Which parts of a message are denied ("no blood", "not a lump", "without any discharge").

A NegEx-style rule, kept deliberately narrow because a wrong negation hides a red flag: a cue of present
absence ("no", "not", "without", "don't have", "can't feel", ...) negates the next few words up to the end
of its clause (punctuation, "but", "and", "though", ...). What is *not* a negation:
- uncertainty: "not sure", "no idea", "don't know", "can't tell" (the bot asks instead);
- history: a clause that also says "before", "used to", "until", "previously" ("no lump before, now...");
- "never", "no longer", "not always": they describe a change, which is the finding, not its absence.
"""

from __future__ import annotations

import re

NEGATION_WINDOW_WORDS = 4

_CUE = re.compile(
    r"\b(?:no|not|without|nothing|none|neither|nor|isn'?t|aren'?t|wasn'?t|weren'?t|ain'?t"
    r"|(?:do|does|did)(?: not|n'?t) (?:have|has|see|notice|feel|find|get|show)"
    r"|(?:have|has|had)(?: not|n'?t)(?: (?:got|noticed|seen|felt|found|had))?"
    r"|(?:can(?:not|'?t)|could(?: not|n'?t)) (?:feel|see|find)|free of|negative for|denies|absent)\b",
    re.I,
)
_NOT_A_NEGATION = re.compile(
    r"\b(?:not|no|n'?t) (?:sure|certain|know|knowing|tell|say|idea|clue|always|longer|only|just|yet)\b"
    r"|\bno (?:doubt|change)\b|\bnot go(?:ing)? away\b|\bnothing (?:but|except)\b",
    re.I,
)
_CLAUSE_END = re.compile(
    r"[.,;:!?()]|\b(?:but|and|though|although|however|yet|except|while|whereas|so)\b", re.I
)
_HISTORY = re.compile(
    r"\b(?:before|previously|used to|until|earlier|in the past|last year|years ago)\b", re.I
)
_WORD = re.compile(r"\S+")


def negated_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of `text` that a negation cue denies."""
    spans: list[tuple[int, int]] = []
    for cue in _CUE.finditer(text):
        if _NOT_A_NEGATION.match(text, cue.start()):
            continue
        start = cue.end()
        clause_end = _CLAUSE_END.search(text, start)
        limit = clause_end.start() if clause_end else len(text)
        words = list(_WORD.finditer(text, start, limit))[:NEGATION_WINDOW_WORDS]
        if not words:
            continue
        end = words[-1].end()
        if _HISTORY.search(text, cue.start(), limit):
            continue
        spans.append((start, end))
    return spans


def is_negated(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when the text from `start` to `end` lies inside one of `spans`."""
    return any(span_start <= start and end <= span_end for span_start, span_end in spans)
