"""Digits in the scripts people write here: Devanagari (U+0966-096F), Kannada (U+0CE6-0CEF) and Western.

Answers are read after `western_digits` (so "४५" and "೪೫" are 45 for every parser, including patterns
written with [0-9]). Replies keep Western digits unless a person's convention is known to be another
(`write_digits`): Western digits are what Indian phones, forms and clinics mostly show, in Kannada and
Hindi text too, so they are the safe default.
"""

from __future__ import annotations

from enum import StrEnum


class DigitStyle(StrEnum):
    WESTERN = "western"
    DEVANAGARI = "devanagari"
    KANNADA = "kannada"


ZERO = {DigitStyle.WESTERN: "0", DigitStyle.DEVANAGARI: "\u0966", DigitStyle.KANNADA: "\u0ce6"}
_TO_WESTERN = str.maketrans(
    {
        chr(ord(zero) + n): str(n)
        for style, zero in ZERO.items()
        if style != DigitStyle.WESTERN
        for n in range(10)
    }
)


def western_digits(text: str) -> str:
    """`text` with Devanagari and Kannada digits written as 0-9; nothing else changes."""
    return text.translate(_TO_WESTERN)


def digit_style(text: str) -> DigitStyle | None:
    """The digits `text` is written with, or None when it has none (or mixes scripts)."""
    found = {
        style for char in text for style, zero in ZERO.items() if ord(zero) <= ord(char) <= ord(zero) + 9
    }
    return found.pop() if len(found) == 1 else None


def write_digits(text: str, style: DigitStyle = DigitStyle.WESTERN) -> str:
    """`text` (written with 0-9) with its digits in `style`."""
    if style == DigitStyle.WESTERN:
        return text
    zero = ord(ZERO[style])
    return text.translate({ord("0") + n: chr(zero + n) for n in range(10)})
