"""Reading typed answers to the risk questions: numbers, yes/no/"I don't know", counts and race/ethnicity.

Each reader returns the value, or None when the text is not an answer it recognises (the questionnaire then
asks again). Buttons are the main way to answer closed questions; these cover people who type instead.
"""

from __future__ import annotations

import re
from typing import Final

from bot.digits import western_digits
from bot.risk_answers import NO, NO_BIRTHS, YES
from clinical import UNKNOWN, Race

_UNKNOWN = re.compile(
    r"\b(don'?t know|do not know|dont know|not sure|unsure|dunno|no idea|unknown|can'?t remember"
    r"|cannot remember|don'?t remember|not certain|no clue)\b|^\s*\?+\s*$",
    re.I,
)
_YES = re.compile(r"^\s*(y|yes|yeah|yep|yup|ya|i have|i did|she has|she did|correct|true)\b", re.I)
_NO = re.compile(r"^\s*(n|no|nope|nah|never|none|not that i know|i have not|i haven'?t|she hasn'?t)\b", re.I)
_NO_BIRTHS = re.compile(
    r"\b(no (live )?(births?|children|kids|babies|child)|none|never|not had (any )?(children|kids|a baby)"
    r"|haven'?t had (any )?(children|kids|a baby)|no)\b",
    re.I,
)
_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:[.,]\d+)?)(?![\d])")
NUMBER_WORDS: Final[dict[str, int]] = {
    "zero": 0, "one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
# Words people type for a race/ethnicity, beyond the model's own names (bcdbot's buttons show those).
RACE_WORDS: Final[dict[str, Race]] = {
    "white": Race.WHITE,
    "caucasian": Race.WHITE,
    "european": Race.WHITE,
    "black": Race.AFRICAN_AMERICAN,
    "african american": Race.AFRICAN_AMERICAN,
    "african-american": Race.AFRICAN_AMERICAN,
    "native american": Race.NATIVE_AMERICAN,
    "american indian": Race.NATIVE_AMERICAN,
    "alaska native": Race.NATIVE_AMERICAN,
    "chinese": Race.CHINESE,
    "japanese": Race.JAPANESE,
    "filipino": Race.FILIPINO,
    "filipina": Race.FILIPINO,
    "hawaiian": Race.HAWAIIAN,
    "pacific islander": Race.PACIFIC_ISLANDER,
    "asian": Race.OTHER_ASIAN,
}


def is_unknown(text: str) -> bool:
    """ "I don't know", "not sure", "?" and the like."""
    return _UNKNOWN.search(text) is not None


def parse_number(text: str) -> float | None:
    """The one number in `text` ("12", "I was 12", "12.5", "twelve"), or None (none, or several)."""
    text = western_digits(text)
    found = _NUMBER.findall(text)
    if found:
        return float(found[0].replace(",", ".")) if len(found) == 1 else None
    words = {NUMBER_WORDS[word] for word in re.findall(r"[a-z]+", text.lower()) if word in NUMBER_WORDS}
    return float(words.pop()) if len(words) == 1 else None


def parse_yes_no(text: str) -> str | None:
    """yes, no or unknown for a typed answer to a yes/no question."""
    if is_unknown(text):
        return UNKNOWN
    if _NO.search(text):
        return NO
    if _YES.search(text):
        return YES
    return None


def parse_count(text: str) -> int | str | None:
    """A count ("none", "1", "two", "2 or more") or unknown; None for anything else."""
    if is_unknown(text):
        return UNKNOWN
    number = parse_number(text)
    if number is None:
        return 0 if _NO.search(text) else None
    return int(number) if number == int(number) else None


def parse_first_birth(text: str) -> float | str | None:
    """An age at first live birth, "none" (no live births) or unknown; None for anything else."""
    if is_unknown(text):
        return UNKNOWN
    number = parse_number(text)
    if number is not None:
        return number
    return NO_BIRTHS if _NO_BIRTHS.search(text) else None


def parse_race(text: str) -> int | str | None:
    """A race code (1-11) or unknown; None when the text names no group, or an ambiguous one ("Hispanic":
    the model needs to know whether born in the US)."""
    if is_unknown(text):
        return UNKNOWN
    try:
        return int(Race.from_name(text))
    except ValueError:
        pass
    lowered = " ".join(re.findall(r"[a-z-]+", text.lower()))
    if "hispanic" in lowered or "latin" in lowered:
        return None
    matches = {race for word, race in RACE_WORDS.items() if re.search(rf"\b{re.escape(word)}\b", lowered)}
    if Race.OTHER_ASIAN in matches and len(matches) > 1:
        matches.discard(Race.OTHER_ASIAN)  # "Chinese, Asian" is Chinese
    if len(matches) == 1:
        return int(matches.pop())
    return None
