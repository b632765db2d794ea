"""One spelling for words written many ways: Devanagari, Kannada and romanised Hindi and Kannada.

`normalise` keeps the script and removes what does not change a word: NFC, zero-width (non-)joiners,
chandrabindu written as anusvara, nukta dropped, Devanagari and Kannada digits as ASCII digits.

`skeleton` goes further, for matching only: native script is transliterated (ITRANS, `indic-transliteration`)
and every spelling is folded to a lower-case Latin skeleton, so that गांठ, गाँठ, gaanth, ganth and gath all
read "gat". The folds, in order: long vowels as short ones (aa, ee, ii, oo, uu), "w" as "v", "z" as "j",
"f" as "p", "q" as "k", "h" after a consonant dropped (kh, th, dh, ch, sh), doubled letters single, a nasal
before a consonant dropped (the anusvara of गांठ is the "n" of ganth), and a word's final "a" after a
consonant dropped (ITRANS writes Hindi's silent final vowel). A skeleton is never shown to anyone.

A skeleton is for native script. An English word can have the skeleton of a Hindi one ("feel" and पीला both
read "pil"), so a romanised word is compared by `latin_fold` only (lower case, a letter written twice or
more as one:
"gaanth" and "ganth", "gadde" and "gade") with the romanised spellings the lexicon lists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from indic_transliteration import sanscript  # type: ignore[import-untyped]

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
CHANDRABINDU = {"\u0901": "\u0902", "\u0c81": "\u0c82"}
NUKTA = "\u093c\u0cbc"
_DIGITS = {**{0x0966 + i: str(i) for i in range(10)}, **{0x0CE6 + i: str(i) for i in range(10)}}
_TRANSLATE = str.maketrans({**{ord(c): None for c in ZERO_WIDTH + NUKTA}, **_DIGITS} | {
    ord(k): v for k, v in CHANDRABINDU.items()
})  # fmt: skip
_DEVANAGARI = re.compile(r"[\u0900-\u097f]+")
_KANNADA = re.compile(r"[\u0c80-\u0cff]+")
# Punctuation around a word; vowel signs and viramas are not punctuation (str.isalnum is False for them).
EDGE_PUNCTUATION = "\"'`.,;:!?()[]{}<>«»“”‘’…।॥-_/*"
CLAUSE_END_PUNCTUATION = ".,;:!?()।॥"
_VOWELS = "aeiou"
_ITRANS_FOLDS = (("RRi", "ri"), ("R^i", "ri"), (".N", "n"), (".n", "n"), ("M", "n"), (".D", "d"), ("è", "e"),
                 ("ò", "o"), (".a", ""), ("{}", ""))  # fmt: skip
_LATIN_FOLDS = (("aa", "a"), ("ee", "i"), ("ii", "i"), ("oo", "u"), ("uu", "u"), ("w", "v"), ("z", "j"),
                ("f", "p"), ("q", "k"))  # fmt: skip


def normalise(text: str) -> str:
    """`text` in NFC without zero-width joiners, chandrabindu as anusvara, no nukta, ASCII digits."""
    decomposed = unicodedata.normalize("NFD", text).translate(_TRANSLATE)
    return unicodedata.normalize("NFC", decomposed)


def script_of(text: str) -> str | None:
    """The scripts a text's letters are written in ("Kannada", "Devanagari", "Latin", or several joined with
    " + "), for a reader of the logs; None when it has no letters."""
    found = [
        name for name, pattern in (("Kannada", _KANNADA), ("Devanagari", _DEVANAGARI)) if pattern.search(text)
    ]
    if any(char.isascii() and char.isalpha() for char in text):
        found.append("Latin")
    return " + ".join(found) or None


def search_form(text: str) -> str:
    """`text` as a search compares it: `normalise`d and case-folded, so that गाँठ finds गांठ and a word written
    with a zero-width (non-)joiner finds the word without."""
    return normalise(text).casefold()


def _romanised(text: str) -> str:
    text = _DEVANAGARI.sub(
        lambda m: sanscript.transliterate(m.group(), sanscript.DEVANAGARI, sanscript.ITRANS), text
    )
    text = _KANNADA.sub(
        lambda m: sanscript.transliterate(m.group(), sanscript.KANNADA, sanscript.ITRANS), text
    )
    for old, new in _ITRANS_FOLDS:
        text = text.replace(old, new)
    return text


def _fold_word(word: str) -> str:
    for old, new in _LATIN_FOLDS:
        word = word.replace(old, new)
    word = re.sub(r"(?<=[^aeiou\W\d])h", "", word)
    word = re.sub(r"(.)\1+", r"\1", word)
    word = re.sub(r"[nm](?=[^aeiouy\W\d])", "", word)
    if len(word) > 2 and word.endswith("a") and word[-2] not in _VOWELS:
        word = word[:-1]
    return word


def latin_fold(word: str) -> str:
    """The light fold of a romanised word: "gaanth" and "ganth", "gadde" and "gade" meet; "gath" is listed."""
    return re.sub(r"(.)\1+", r"\1", normalise(word).lower())


@lru_cache(maxsize=8192)
def skeleton(word: str) -> str:
    """The matching skeleton of one word (or of several, space-separated), in lower-case ASCII."""
    latin = _romanised(normalise(word)).lower()
    return " ".join(_fold_word(part) for part in latin.split())


@dataclass(frozen=True)
class Token:
    """One whitespace-separated word of a message: where it is, and its skeleton (edge punctuation off)."""

    start: int
    end: int
    skeleton: str
    ends_clause: bool
    word: str = ""  # lower case, normalised, edge punctuation off

    @property
    def latin(self) -> bool:
        return self.word.isascii()

    @property
    def key(self) -> str:
        """What the lexicon is matched on: `latin_fold` of a romanised word, the skeleton of a native one."""
        return latin_fold(self.word) if self.latin else self.skeleton


def tokens(text: str) -> list[Token]:
    """The words of `text`, with character offsets into `text` itself."""
    found = []
    for match in re.finditer(r"\S+", text):
        word = match.group()
        core = word.strip(EDGE_PUNCTUATION)
        found.append(
            Token(
                match.start(),
                match.end(),
                skeleton(core) if core else "",
                word[-1] in CLAUSE_END_PUNCTUATION or not core,
                normalise(core).lower(),
            )
        )
    return found
