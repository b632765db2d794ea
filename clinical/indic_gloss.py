"""Hindi and Kannada read as the English the keyword backstop already knows.

`gloss(text)` replaces every Hindi or Kannada word of the lexicon (`clinical.lexicon_hi`, `lexicon_kn`), in
any script or spelling, with an English word of the same meaning, and writes each Hindi or Kannada negation
the English way round: "stan mein gaanth hai, khoon nahi" becomes "breast mein lump hai, no blood ;". The
English rules (sites, colours next to discharge, negation, age, duration, onset) then read the gloss, so no
rule is written twice and every language meets the same rules. Words it does not know are left as written;
a text with no Hindi or Kannada word comes back unchanged.

Matching is word by word, longest phrase first: a native word on its skeleton against its own language's
entries, a romanised word on its light fold against the romanised entries
(`clinical.script_normal`). A word of four
skeleton letters or more may carry a case ending ("stanadalli", "gaddeyide", "gaanthein"); a shorter one must
stand alone, so "gat" (गांठ) is not read inside "gate".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from clinical import lexicon_hi, lexicon_kn
from clinical.negation import indic_denials
from clinical.script_normal import Token, latin_fold, normalise, skeleton, tokens

MIN_STEM_FOR_ENDINGS = 4
UNIT_GLOSSES = frozenset({"years", "weeks", "days", "months"})
# The English word each canonical symptom is glossed as: one the backstop maps to it, with no site word
# that the person did not say.
SYMPTOM_GLOSS = {
    "lump": "lump", "armpit_lump": "armpit lump", "swelling": "swollen", "pain": "pain", "itching": "itchy",
    "nipple_discharge": "discharge", "bloody_nipple_discharge": "blood", "nipple_retraction": "retracted",
    "nipple_rash": "rash", "skin_dimpling": "dimpling", "peau_d_orange": "orange peel", "ulceration": "ulcer",
    "redness": "redness", "skin_change": "skin change",
}  # fmt: skip
# Case endings and plurals, romanised; read as skeletons the way they sound inside a word.
ENDINGS = (
    "u",
    "e",
    "a",
    "i",
    "o",
    "alli",
    "dalli",
    "nalli",
    "li",
    "ige",
    "ge",
    "kke",
    "ke",
    "annu",
    "nnu",
    "vannu",
    "yannu",
    "inda",
    "dinda",
    "ninda",
    "galu",
    "gala",
    "galalli",
    "galige",
    "galannu",
    "galinda",
    "ide",
    "agide",
    "aagide",
    "yide",
    "vide",
    "ive",
    "yive",
    "ittu",
    "ayitu",
    "aytu",
    "du",
    "da",
    "ada",
    "na",
    "ante",
    "yante",
    "en",
    "ein",
    "on",
    "iyan",
    "iyon",
)


def _endings(fold: Callable[[str], str]) -> re.Pattern[str]:
    forms = sorted({fold("x" + ending)[1:] for ending in ENDINGS} - {""}, key=len, reverse=True)
    return re.compile("[aeiouyv]?(?:" + "|".join(forms) + ")")


_NATIVE_ENDING = _endings(skeleton)
_LATIN_ENDING = _endings(latin_fold)


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    gloss: str
    number: int | None = None


def _written() -> list[tuple[str, str, str, int | None]]:
    """(language, word as written, English gloss, number or None) for every Hindi and Kannada entry."""
    rows: list[tuple[str, str, str, int | None]] = []
    for language, table in (("hi", lexicon_hi), ("kn", lexicon_kn)):
        rows += [(language, word, SYMPTOM_GLOSS[name], None)
                 for name, words in table.SYMPTOM_WORDS.items() for word in words]  # fmt: skip
        rows += [
            (language, word, english, None) for english, words in table.GLOSSES.items() for word in words
        ]
        rows += [(language, word, str(value), value) for word, value in table.NUMBERS.items()]
    return rows


def _script(word: Token) -> str:
    if word.latin:
        return "latin"
    return "hi" if any("\u0900" <= char <= "\u097f" for char in word.word) else "kn"


@lru_cache(maxsize=3)
def _index(script: str) -> dict[str, list[_Entry]]:
    """Entries by their first word: romanised ones of both languages by light fold, or one language's
    entries (native and romanised) by skeleton for its own script: ಗಂಡ (husband) and गड्ढा (a dent)
    share one."""
    index: dict[str, list[_Entry]] = {}
    for language, word, english, number in _written():
        if (script == "latin" and not word.isascii()) or script not in ("latin", language):
            continue
        latin = script == "latin"
        words = tuple(latin_fold(part) for part in word.split()) if latin else tuple(skeleton(word).split())
        index.setdefault(words[0], []).append(_Entry(words, english, number))
    return index


def _word_matches(stem: str, word: Token, last: bool) -> bool:
    key = word.key
    if stem == key:
        return True
    ending = _LATIN_ENDING if word.latin else _NATIVE_ENDING
    return (
        last
        and len(stem) >= MIN_STEM_FOR_ENDINGS
        and key.startswith(stem)
        and ending.fullmatch(key[len(stem) :]) is not None
    )


def _candidates(word: Token) -> list[_Entry]:
    index, key = _index(_script(word)), word.key
    found = list(index.get(key, []))
    for cut in range(MIN_STEM_FOR_ENDINGS, len(key)):
        found += [entry for entry in index.get(key[:cut], []) if len(entry.words) == 1]
    return sorted(found, key=lambda entry: -len(entry.words))


def _match_at(words: list[Token], at: int) -> _Entry | None:
    for entry in _candidates(words[at]):
        size = len(entry.words)
        if at + size <= len(words) and all(
            _word_matches(stem, words[at + k], k == size - 1) for k, stem in enumerate(entry.words)
        ):
            return entry
    return None


def _phrase_edits(text: str, words: list[Token]) -> list[tuple[int, int, str]]:
    edits, at = [], 0
    while at < len(words):
        entry = _match_at(words, at)
        if entry is None:
            native = normalise(text[words[at].start : words[at].end])
            if native != text[words[at].start : words[at].end]:
                edits.append((words[at].start, words[at].end, native))
            at += 1
            continue
        end = words[at + len(entry.words) - 1]
        nxt = _match_at(words, at + len(entry.words)) if at + len(entry.words) < len(words) else None
        if entry.number is not None and (nxt is None or nxt.gloss not in UNIT_GLOSSES):
            at += 1  # "do" is "two" only before a unit ("do hafte"); elsewhere it is left as written
            continue
        tail = text[end.start : end.end][len(text[end.start : end.end].rstrip(",.;:!?।")) :]
        edits.append((words[at].start, end.end, entry.gloss + tail))
        at += len(entry.words)
    return edits


def gloss(text: str) -> str:
    """`text` with its Hindi and Kannada words and negations in English (unchanged when it has none)."""
    words = tokens(text)
    if not words:
        return text
    edits = _phrase_edits(text, words)
    for denial in indic_denials(text):
        if denial.forward:
            edits += [(denial.cue[0], denial.cue[1], "no"), (denial.denied[1], denial.denied[1], " ;")]
        else:
            edits += [(denial.denied[0], denial.denied[0], "no "), (denial.cue[0], denial.cue[1], ";")]
    if not edits:
        return text
    glossed, cursor = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if start < cursor:
            continue
        glossed += [text[cursor:start], replacement]
        cursor = end
    glossed.append(text[cursor:])
    return "".join(glossed)
