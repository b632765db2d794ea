"""Red flags: findings that send a person to a clinician within two weeks, whatever any model says.

Pure and deterministic (no bot, NLU, queue or database imports). The rules follow NICE NG12 (section 1.3,
breast cancer) and similar guidance:

| red flag                    | rule                                                               |
| --------------------------- | ------------------------------------------------------------------ |
| blood-stained discharge     | blood-stained nipple discharge, any age                            |
| nipple retraction           | a nipple newly turned inwards (not one that has always been so)    |
| skin tethering              | skin dimpling, puckering or tethering                              |
| peau d'orange               | orange-peel skin                                                   |
| ulceration                  | an ulcer or open sore on the breast                                |
| lump, 30 or over            | an unexplained breast lump at age >= 30                            |
| armpit lump, 30 or over     | a lump in the armpit at age >= 30                                  |
| nipple eczema not clearing  | a nipple rash or eczema that does not clear (>= 2 weeks, or said)  |
| lump in a man               | any breast or armpit lump in a man, any age                        |

Findings come from two sources that are merged: the NLU's entities and `keyword_findings(text)`, a
keyword backstop, so a missed entity cannot hide a red flag. Symptom values are the NLU's canonical ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

ADULT_AGE_THRESHOLD = 30
PERSISTENT_RASH_DAYS = 14


class RedFlag(StrEnum):
    BLOOD_STAINED_DISCHARGE = "blood_stained_discharge"
    NIPPLE_RETRACTION = "nipple_retraction"
    SKIN_TETHERING = "skin_tethering"
    PEAU_D_ORANGE = "peau_d_orange"
    ULCERATION = "ulceration"
    LUMP_AGE_30_PLUS = "lump_age_30_plus"
    ARMPIT_LUMP_AGE_30_PLUS = "armpit_lump_age_30_plus"
    NIPPLE_ECZEMA_NOT_CLEARING = "nipple_eczema_not_clearing"
    LUMP_IN_A_MAN = "lump_in_a_man"


@dataclass(frozen=True)
class Findings:
    """What is known about one person's symptoms; unknown values are None/False."""

    symptoms: frozenset[str] = frozenset()
    age: int | None = None
    male: bool = False
    duration_days: int | None = None
    longstanding_nipple_change: bool = False
    rash_not_clearing: bool = False
    sources: tuple[str, ...] = field(default=(), compare=False)

    def merge(self, other: Findings) -> Findings:
        """Union of both: symptoms add up; a known value wins over an unknown one (self first)."""
        return Findings(
            symptoms=self.symptoms | other.symptoms,
            age=self.age if self.age is not None else other.age,
            male=self.male or other.male,
            duration_days=self.duration_days if self.duration_days is not None else other.duration_days,
            longstanding_nipple_change=self.longstanding_nipple_change or other.longstanding_nipple_change,
            rash_not_clearing=self.rash_not_clearing or other.rash_not_clearing,
            sources=self.sources + other.sources,
        )


def red_flags(findings: Findings) -> tuple[RedFlag, ...]:
    """Every red flag in `findings`, in the table's order; empty when none."""
    symptoms = findings.symptoms
    adult = findings.age is not None and findings.age >= ADULT_AGE_THRESHOLD
    flags: list[RedFlag] = []
    if "bloody_nipple_discharge" in symptoms:
        flags.append(RedFlag.BLOOD_STAINED_DISCHARGE)
    if "nipple_retraction" in symptoms and not findings.longstanding_nipple_change:
        flags.append(RedFlag.NIPPLE_RETRACTION)
    if "skin_dimpling" in symptoms:
        flags.append(RedFlag.SKIN_TETHERING)
    if "peau_d_orange" in symptoms:
        flags.append(RedFlag.PEAU_D_ORANGE)
    if "ulceration" in symptoms:
        flags.append(RedFlag.ULCERATION)
    if "lump" in symptoms and adult and not findings.male:
        flags.append(RedFlag.LUMP_AGE_30_PLUS)
    if "armpit_lump" in symptoms and adult and not findings.male:
        flags.append(RedFlag.ARMPIT_LUMP_AGE_30_PLUS)
    if "nipple_rash" in symptoms and (
        findings.rash_not_clearing
        or (findings.duration_days is not None and findings.duration_days >= PERSISTENT_RASH_DAYS)
    ):
        flags.append(RedFlag.NIPPLE_ECZEMA_NOT_CLEARING)
    if findings.male and symptoms & {"lump", "armpit_lump"}:
        flags.append(RedFlag.LUMP_IN_A_MAN)
    return tuple(flags)


def needs_age(findings: Findings) -> bool:
    """True when a lump's urgency depends on an age that is not known yet: ask the age first."""
    return bool(findings.symptoms & {"lump", "armpit_lump"}) and findings.age is None and not findings.male


def needs_duration(findings: Findings) -> bool:
    """True when a nipple rash's urgency depends on how long it has lasted."""
    return (
        "nipple_rash" in findings.symptoms
        and findings.duration_days is None
        and not findings.rash_not_clearing
    )


# --- keyword backstop ----------------------------------------------------------------------------------

_LUMP = r"(lump\w*|lmup|lumb|lupm|mass|knot|bump|hard (bit|spot|area)|thickening)"
_SWOLLEN_NODE = r"(swollen|enlarged|hard) (lymph )?(node|gland)s?"
_ARMPIT = r"(arm ?pits?|under ?arms?|under (my|the|her|his) arm|axilla\w*|lymph node|gland)"
_BREAST = r"(breast|boob|chest|tit|nipple|areola)"
_NIPPLE = r"(nipple|areola|nip\b)"
_BLOOD = r"(blood\w*|bleed\w*|red discharge|pink discharge|brown discharge)"

_PATTERNS: dict[str, re.Pattern[str]] = {
    "peau_d_orange": re.compile(r"peau d.?orange|orange[- ]?peel|orange skin|like (an? )?orange", re.I),
    "skin_dimpling": re.compile(r"dimpl\w*|dimpeling|pucker\w*|tether\w*|skin (is |gets )?pulled", re.I),
    "ulceration": re.compile(
        r"ulcer\w*|open (sore|wound)|weeping|(sore|wound) that (won'?t|doesn'?t) heal", re.I
    ),
    "nipple_retraction": re.compile(
        r"invert\w*|retract\w*|turn(ed|ing|s)? (in|inwards?)\b|pull(ed|ing|s)? in\b|sunken|inward", re.I
    ),
}
_RASH = re.compile(r"eczema|rash|scaly|crust\w*|flaky|itch\w*|peeling", re.I)
_DISCHARGE = re.compile(r"discharge|leak\w*|fluid|ooz\w*|coming out|from (my|the|her) " + _NIPPLE, re.I)
_MALE = re.compile(
    r"\b(i'?m|i am) (a |an? \d+ ?(year[- ]old |yo )?)?(man|male|guy|boy|gentleman)\b"
    r"|\bmale\b|\b(man|men|gentleman)\b"
    r"|\bmy (husband|son|father|dad|brother|boyfriend)\b|\b(he|his) (has|had|found|breast|chest|nipple)",
    re.I,
)
_LONGSTANDING = re.compile(
    r"always (been|had)|since (birth|puberty|i was (a )?(child|kid|teen\w*|young|little|born))|all my life"
    r"|my whole life|(been|was) like (that|this) for years|born with",
    re.I,
)
_NOT_CLEARING = re.compile(
    r"(won'?t|wont|doesn'?t|does not|hasn'?t|has not|not|isn'?t|never) (go(ne|ing)? away|clear\w*|heal\w*"
    r"|get(ting)? better|settl\w*|improv\w*)|still there|keeps? coming back|for (weeks|months)",
    re.I,
)
_AGE = re.compile(
    r"\b(?:i'?m|i am|aged?:?|age is|she'?s|she is|he'?s|he is|patient is)\s+(?P<stated>\d{1,3})\b"
    r"(?!\s*(?:weeks?|days?|months?|%))"
    r"|\b(?P<aged>\d{1,3})\s*(?:years?|yrs?|yo|y/o|-?year-?old)\b(?! ago)",
    re.I,
)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
    "a few": 3, "few": 3, "several": 4,
}  # fmt: skip
_UNIT_DAYS = {"day": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30, "mth": 30, "year": 365, "yr": 365}
_DURATION = re.compile(
    r"\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|couple of"
    r"|a few|few|several)\s+(day|week|wk|fortnight|month|mth|year|yr)s?\b",
    re.I,
)


def parse_age(text: str) -> int | None:
    """An age stated in `text` ("I'm 45", "52 years old", "aged 61"), or None. Accepts 1 to 120."""
    for match in _AGE.finditer(text):
        value = int(match.group("stated") or match.group("aged"))
        if 1 <= value <= 120:
            return value
    return None


def parse_age_answer(text: str) -> int | None:
    """The age in an answer to "How old are you?": a bare number ("45") or a sentence."""
    stripped = text.strip().rstrip(".!")
    if stripped.isdigit():
        value = int(stripped)
        return value if 1 <= value <= 120 else None
    return parse_age(text)


def parse_duration_days(text: str) -> int | None:
    """Days in a duration ("3 weeks" -> 21, "a couple of months" -> 60, "since yesterday" -> 1), or None."""
    lowered = text.lower()
    match = _DURATION.search(lowered)
    if match is not None:
        amount = match.group(1)
        count = int(amount) if amount.isdigit() else _NUMBER_WORDS[amount]
        return count * _UNIT_DAYS[match.group(2)]
    if re.search(r"\b(today|this morning|tonight|just now)\b", lowered):
        return 0
    if "yesterday" in lowered:
        return 1
    if re.search(r"since last (week|\w+day)", lowered):
        return 7
    if re.search(r"since last month", lowered):
        return 30
    return None


def keyword_symptoms(text: str) -> frozenset[str]:
    """Canonical symptoms found by keywords alone (the backstop for a missed NLU entity)."""
    found: set[str] = set()
    lowered = text.lower()
    for symptom, pattern in _PATTERNS.items():
        if pattern.search(lowered):
            found.add(symptom)
    if "nipple_retraction" in found and not re.search(_NIPPLE, lowered):
        found.discard("nipple_retraction")  # "inward" alone is not about a nipple
    has_blood = re.search(_BLOOD, lowered) is not None
    if has_blood and (_DISCHARGE.search(lowered) or re.search(_NIPPLE, lowered)):
        found.add("bloody_nipple_discharge")
    elif _DISCHARGE.search(lowered) and re.search(_NIPPLE + r"|discharge", lowered):
        found.add("nipple_discharge")
    if _RASH.search(lowered) and re.search(_NIPPLE, lowered):
        found.add("nipple_rash")
    armpit_lump = re.search(
        _LUMP + r"\W+(\w+\W+){0,6}?" + _ARMPIT + "|" + _ARMPIT + r"\W+(\w+\W+){0,6}?" + _LUMP, lowered
    )
    if armpit_lump is not None or re.search(_SWOLLEN_NODE, lowered):
        found.add("armpit_lump")
    lumps = list(re.finditer(r"\b" + _LUMP, lowered))
    if lumps and (armpit_lump is None or re.search(_BREAST, lowered)):
        found.add("lump")
    return frozenset(found)


def keyword_findings(text: str) -> Findings:
    """Everything the keyword backstop reads from one message."""
    return Findings(
        symptoms=keyword_symptoms(text),
        age=parse_age(text),
        male=_MALE.search(text) is not None,
        duration_days=parse_duration_days(text),
        longstanding_nipple_change=_LONGSTANDING.search(text) is not None,
        rash_not_clearing=_NOT_CLEARING.search(text) is not None,
        sources=("keywords",),
    )
