"""Which parts of a message are denied ("no blood", "not a lump", "without any discharge").

A NegEx-style rule, kept deliberately narrow because a wrong negation hides a red flag: a cue of present
absence ("no", "not", "without", "don't have", "can't feel", ...) negates the next few words up to the end
of its clause (punctuation, "but", "and", "though", ...). What is *not* a negation:
- uncertainty: "not sure", "no idea", "don't know", "can't tell" (the bot asks instead);
- history: a clause that also says "before", "used to", "until", "previously" ("no lump before, now...");
- "never", "no longer", "not always": they describe a change, which is the finding, not its absence.

Hindi and Kannada mostly deny after the words ("gaanth nahi hai", "gadde illa"): such a cue denies at most
three words before it, stopping at a clause end or at a word that asserts ("hai", "ide": "gaanth hai, dard
nahi" keeps the lump). "na" and "bina"/"illade" read forward, two words. The words are matched on their
skeletons (`clinical.script_normal`), so every spelling of नहीं or ಇಲ್ಲ counts; "theek nahi" (not healing),
"pata nahi" (don't know) and "kam nahi" (not getting better) are no negation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinical.script_normal import Token, latin_fold, skeleton, tokens

NEGATION_WINDOW_WORDS = 4
INDIC_BACKWARD_WORDS = 3
INDIC_FORWARD_WORDS = 2

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


def _skeletons(*words: str) -> frozenset[str]:
    """Native words by skeleton (every spelling of नहीं), romanised ones as written: a skeleton of an English
    word can meet one ("been" and "bina" both read "bin"): `clinical.script_normal.latin_fold`."""
    return frozenset(
        f"latin:{latin_fold(word)}" if word.isascii() else f"native:{skeleton(word)}" for word in words
    )


def _is(word: Token, words: frozenset[str]) -> bool:
    return f"{'latin' if word.latin else 'native'}:{word.key}" in words


_INDIC_BACKWARD_CUES = _skeletons(
    "nahi",
    "nahin",
    "nahee",
    "nahii",
    "nai",
    "nhi",
    "नहीं",
    "नही",
    "illa",
    "ila",
    "ಇಲ್ಲ",
    "alla",
    "ಅಲ್ಲ",
    "illade",
    "ಇಲ್ಲದೆ",
    "illadhe",
    "illave",
    "ಇಲ್ಲವೇ",
)
_INDIC_FORWARD_CUES = _skeletons("na", "naa", "न", "ना", "bina", "binaa", "बिना", "baghair", "बगैर")
_INDIC_NOT_A_NEGATION_BEFORE = _skeletons(
    "theek",
    "thik",
    "thiik",
    "ठीक",
    "bhar",
    "भर",
    "sookh",
    "sukh",
    "सूख",
    "kam",
    "कम",
    "ja",
    "jaa",
    "जा",
    "pata",
    "pataa",
    "पता",
    "maloom",
    "malum",
    "मालूम",
    "pakka",
    "पक्का",
    "yakeen",
    "यकीन",
    "gottu",
    "ಗೊತ್ತು",
    "vaasi",
    "vasi",
    "ವಾಸಿ",
    "kadime",
    "ಕಡಿಮೆ",
)
_INDIC_NOT_A_NEGATION_AFTER = _skeletons("pata", "पता", "maloom", "malum", "मालूम", "sure", "gottu", "ಗೊತ್ತು")
_INDIC_CLAUSE_WORDS = _skeletons(
    "lekin",
    "par",
    "pr",
    "magar",
    "aur",
    "kintu",
    "लेकिन",
    "पर",
    "मगर",
    "और",
    "किंतु",
    "aadare",
    "adare",
    "aadre",
    "adre",
    "ಆದರೆ",
    "mattu",
    "ಮತ್ತು",
    "but",
    "and",
)
_INDIC_ASSERTING = _skeletons(
    "hai",
    "hain",
    "he",
    "hae",
    "है",
    "हैं",
    "tha",
    "thi",
    "था",
    "थी",
    "ide",
    "ede",
    "ಇದೆ",
    "ive",
    "ಇವೆ",
    "ittu",
    "ಇತ್ತು",
    "aagide",
    "agide",
    "ಆಗಿದೆ",
)
_INDIC_HISTORY = _skeletons("pehle", "pahle", "pehele", "पहले", "modalu", "ಮೊದಲು", "hinde", "ಹಿಂದೆ", "pahile")


@dataclass(frozen=True)
class Denial:
    """An Indic negation: the cue's characters and the words it denies (both offsets into the text)."""

    cue: tuple[int, int]
    denied: tuple[int, int]
    forward: bool


def _stops(word: Token) -> bool:
    return _is(word, _INDIC_CLAUSE_WORDS) or _is(word, _INDIC_ASSERTING)


def _window(words: list[Token], cue: int, forward: bool) -> list[Token]:
    taken: list[Token] = []
    step, limit = (1, INDIC_FORWARD_WORDS) if forward else (-1, INDIC_BACKWARD_WORDS)
    index = cue + step
    if not forward and words[cue - 1 if cue else 0].ends_clause:
        return []
    while 0 <= index < len(words) and len(taken) < limit and not _stops(words[index]):
        taken.append(words[index])
        if words[index].ends_clause or (not forward and index > 0 and words[index - 1].ends_clause):
            break
        index += step
    return taken if forward else taken[::-1]


def _history_near(words: list[Token], cue: int) -> bool:
    lo, hi = max(0, cue - INDIC_BACKWARD_WORDS - 2), min(len(words), cue + 3)
    return any(_is(word, _INDIC_HISTORY) for word in words[lo:hi])


def indic_denials(text: str) -> list[Denial]:
    """The Hindi and Kannada negations in `text`, in order."""
    words = tokens(text)
    found = []
    for index, word in enumerate(words):
        forward = _is(word, _INDIC_FORWARD_CUES)
        if not forward and not _is(word, _INDIC_BACKWARD_CUES):
            continue
        before = index > 0 and _is(words[index - 1], _INDIC_NOT_A_NEGATION_BEFORE)
        if before or (index + 1 < len(words) and _is(words[index + 1], _INDIC_NOT_A_NEGATION_AFTER)):
            continue
        denied = _window(words, index, forward)
        if denied and not _history_near(words, index):
            found.append(Denial((word.start, word.end), (denied[0].start, denied[-1].end), forward))
    return found


def negated_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of `text` that a negation cue denies, in English, Hindi or Kannada."""
    spans: list[tuple[int, int]] = [denial.denied for denial in indic_denials(text)]
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
