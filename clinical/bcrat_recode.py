"""Checking a woman's answers and recoding them into the model's risk-factor categories.

The categories follow the BCRA R package 2.1 (``recode.check``):

- NB_Cat, number of biopsies: 0 (none or unknown), 1 (one), 2 (two or more).
- AM_Cat, age at menarche: 0 (14 or older, or unknown), 1 (12-13), 2 (under 12).
- AF_Cat, age at first live birth: 0 (under 20, or unknown), 1 (20-24), 2 (25-29, or no live births), 3 (30+).
- NR_Cat, first-degree relatives with breast cancer: 0 (none or unknown), 1 (one), 2 (two or more).
- R_Hyp, atypical hyperplasia multiplier: 1.0 (no biopsy, or unknown), 0.93 (biopsies, none found),
  1.82 (found).

Race-specific rules: African-American women (CARE model) have no AF_Cat term (0) and menarche under 12 is
grouped with 12-13; Hispanic women (San Francisco Bay Area Breast Cancer Study model) have two or more
biopsies grouped with one, first birth at 25-29 grouped with 20-24 and 30+ grouped with no births (2),
two or more relatives grouped with one, and for US-born Hispanic women no AM_Cat term (0); Asian-American
and Pacific Islander women have two or more relatives grouped with one.

Validation refuses what the R package marks Error_Ind = 1 and, unlike it, also refuses negative counts (R
recodes a negative number of biopsies as "two or more") and any inconsistency in age at first birth whatever
the race (R skips that check for African-American women, whose model ignores the value).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from clinical.bcrat_inputs import FIELD_LABELS, UNKNOWN, Hyperplasia, Race, RiskInputs, Unknown

MIN_AGE: Final = 20.0
MAX_AGE: Final = 90.0
MAX_COUNT: Final = 98  # the R package reserves 99 for "unknown"

R_HYP_NONE: Final = 1.0
R_HYP_NOT_FOUND: Final = 0.93
R_HYP_FOUND: Final = 1.82

HISPANIC: Final = frozenset({Race.HISPANIC_US_BORN, Race.HISPANIC_FOREIGN_BORN})
ASIAN_PACIFIC: Final = frozenset(
    {Race.CHINESE, Race.JAPANESE, Race.FILIPINO, Race.HAWAIIAN, Race.PACIFIC_ISLANDER, Race.OTHER_ASIAN}
)


class RiskInputError(ValueError):
    """An answer the model cannot use: ``field`` is the RiskInputs attribute at fault, in plain words."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    @property
    def label(self) -> str:
        """The field in plain words (``age at first live birth``)."""
        return FIELD_LABELS.get(self.field, self.field)


@dataclass(frozen=True)
class RecodedInputs:
    """The model's categories for one woman (the R package's NB_Cat, AM_Cat, AF_Cat, NR_Cat, R_Hyp)."""

    nb_cat: int
    am_cat: int
    af_cat: int
    nr_cat: int
    r_hyp: float


def _fmt(value: float) -> str:
    return f"{value:g}"


def _number(field: str, value: object) -> float:
    """The value as a finite float, or RiskInputError naming the field."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RiskInputError(field, f"{FIELD_LABELS[field]} must be a number; got {value!r}")
    return float(value)


def _count(field: str, value: object) -> int | None:
    """A count from 0 to 98, or None for "unknown"; RiskInputError otherwise."""
    if value == UNKNOWN:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RiskInputError(
            field, f"{FIELD_LABELS[field]} must be a whole number or 'unknown'; got {value!r}"
        )
    if not 0 <= value <= MAX_COUNT:
        raise RiskInputError(
            field, f"{FIELD_LABELS[field]} must be between 0 and {MAX_COUNT} (or 'unknown'); got {value}"
        )
    return value


def validate(inputs: RiskInputs) -> None:
    """Raise RiskInputError for the first answer the model cannot use (fields in declaration order)."""
    age = _number("age", inputs.age)
    if not MIN_AGE <= age < MAX_AGE:
        raise RiskInputError(
            "age",
            f"current age must be at least {_fmt(MIN_AGE)} and below {_fmt(MAX_AGE)} "
            f"(the model has rates for those ages only); got {_fmt(age)}",
        )
    end = _number("projection_end_age", inputs.end_age)
    if end <= age:
        raise RiskInputError(
            "projection_end_age",
            f"age at the end of the projection must be later than the current age ({_fmt(age)}); "
            f"got {_fmt(end)}",
        )
    if end > MAX_AGE:
        raise RiskInputError(
            "projection_end_age",
            f"age at the end of the projection must be {_fmt(MAX_AGE)} or less "
            f"(the model has no rates beyond it); got {_fmt(end)}",
        )

    menarche: float | None = None
    if inputs.age_at_menarche != UNKNOWN:
        menarche = _number("age_at_menarche", inputs.age_at_menarche)
        if menarche <= 0 or menarche > age:
            raise RiskInputError(
                "age_at_menarche",
                f"age at first menstrual period must be above 0 and no later than the current age "
                f"({_fmt(age)}), or 'unknown'; got {_fmt(menarche)}",
            )

    if inputs.age_at_first_birth is not None and inputs.age_at_first_birth != UNKNOWN:
        first = _number("age_at_first_birth", inputs.age_at_first_birth)
        if first <= 0 or first > age:
            raise RiskInputError(
                "age_at_first_birth",
                f"age at first live birth must be above 0 and no later than the current age ({_fmt(age)}), "
                f"or 'none' or 'unknown'; got {_fmt(first)}",
            )
        if menarche is not None and first < menarche:
            raise RiskInputError(
                "age_at_first_birth",
                f"age at first live birth ({_fmt(first)}) cannot be before the age at first menstrual period "
                f"({_fmt(menarche)})",
            )

    _count("first_degree_relatives", inputs.first_degree_relatives)
    biopsies = _count("biopsies", inputs.biopsies)

    if not isinstance(inputs.atypical_hyperplasia, Hyperplasia):
        raise RiskInputError(
            "atypical_hyperplasia",
            "atypical hyperplasia on a biopsy must be yes, no or unknown; "
            f"got {inputs.atypical_hyperplasia!r}",
        )
    if not biopsies and inputs.atypical_hyperplasia is not Hyperplasia.UNKNOWN:
        raise RiskInputError(
            "atypical_hyperplasia",
            "atypical hyperplasia on a biopsy can only be yes or no after at least one biopsy; with no "
            "biopsies, or an unknown number, answer 'unknown'",
        )

    if not isinstance(inputs.race, Race):
        raise RiskInputError(
            "race", f"race/ethnicity must be one of the model's 11 groups; got {inputs.race!r}"
        )


def recode(inputs: RiskInputs) -> RecodedInputs:
    """Validate (RiskInputError if invalid) and recode into the model's categories."""
    validate(inputs)
    race = inputs.race

    biopsies = inputs.biopsies
    if isinstance(biopsies, str) or biopsies == 0:
        nb_cat = 0
    elif biopsies == 1:
        nb_cat = 1
    else:
        nb_cat = 2

    menarche = inputs.age_at_menarche
    if isinstance(menarche, str) or menarche >= 14:
        am_cat = 0
    elif menarche >= 12:
        am_cat = 1
    else:
        am_cat = 2

    first = inputs.age_at_first_birth
    if first is None:
        af_cat = 2
    elif isinstance(first, str) or first < 20:
        af_cat = 0
    elif first < 25:
        af_cat = 1
    elif first < 30:
        af_cat = 2
    else:
        af_cat = 3

    relatives = inputs.first_degree_relatives
    if isinstance(relatives, str) or relatives == 0:
        nr_cat = 0
    elif relatives == 1:
        nr_cat = 1
    else:
        nr_cat = 2

    if nb_cat == 0 or inputs.atypical_hyperplasia is Hyperplasia.UNKNOWN:
        r_hyp = R_HYP_NONE
    elif inputs.atypical_hyperplasia is Hyperplasia.YES:
        r_hyp = R_HYP_FOUND
    else:
        r_hyp = R_HYP_NOT_FOUND

    if race is Race.AFRICAN_AMERICAN:
        af_cat = 0
        am_cat = min(am_cat, 1)
    elif race in HISPANIC:
        nb_cat = min(nb_cat, 1)
        if race is Race.HISPANIC_US_BORN:
            am_cat = 0
        if af_cat == 2 and first is not None:
            af_cat = 1
        elif af_cat == 3:
            af_cat = 2
        nr_cat = min(nr_cat, 1)
    elif race in ASIAN_PACIFIC:
        nr_cat = min(nr_cat, 1)

    return RecodedInputs(nb_cat=nb_cat, am_cat=am_cat, af_cat=af_cat, nr_cat=nr_cat, r_hyp=r_hyp)


def inputs_from_codes(
    *,
    t1: float,
    t2: float,
    n_biop: int,
    hyp_plas: int,
    age_men: float,
    age_1st: float,
    n_rels: int,
    race: int,
) -> RiskInputs:
    """RiskInputs from the R package's numeric coding (99 unknown, Age1st 98 no births, race codes 1-11).

    Raises RiskInputError for a hyperplasia or race code the model does not have; other values are
    carried over as they are and checked by :func:`validate`.
    """
    hyperplasia_codes = {0: Hyperplasia.NO, 1: Hyperplasia.YES, 99: Hyperplasia.UNKNOWN}
    if hyp_plas not in hyperplasia_codes:
        raise RiskInputError(
            "atypical_hyperplasia",
            f"atypical hyperplasia on a biopsy must be coded 0 (no), 1 (yes) or 99 (unknown); got {hyp_plas}",
        )
    if race not in Race._value2member_map_:
        raise RiskInputError("race", f"race/ethnicity must be coded 1 to 11; got {race}")
    first_birth: float | Unknown | None = age_1st
    if age_1st == 98:
        first_birth = None
    elif age_1st == 99:
        first_birth = UNKNOWN
    return RiskInputs(
        age=t1,
        projection_end_age=t2,
        age_at_menarche=UNKNOWN if age_men == 99 else age_men,
        age_at_first_birth=first_birth,
        first_degree_relatives=UNKNOWN if n_rels == 99 else n_rels,
        biopsies=UNKNOWN if n_biop == 99 else n_biop,
        atypical_hyperplasia=hyperplasia_codes[hyp_plas],
        race=Race(race),
    )
