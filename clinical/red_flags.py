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

Findings come from two sources that are merged: the NLU's entities and `keyword_findings(text)` of
`clinical.keyword_backstop`, so a missed entity cannot hide a red flag. Symptom values are the canonical
ones of `clinical.symptom_lexicon`. Where one fact decides a flag and is not known yet (the colour of a
discharge, whether a nipple change is new), `clinical.clarifying` says which question to ask.
"""

from __future__ import annotations

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
    recent_nipple_change: bool = False
    discharge_not_bloody: bool = False
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
            recent_nipple_change=self.recent_nipple_change or other.recent_nipple_change,
            discharge_not_bloody=self.discharge_not_bloody or other.discharge_not_bloody,
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
    if "nipple_retraction" in symptoms and (
        findings.recent_nipple_change or not findings.longstanding_nipple_change
    ):
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
