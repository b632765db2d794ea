"""What a woman tells the breast-cancer risk model (NCI BCRAT, the "Gail model"), as typed values.

The published model codes "unknown" as 99 and "no live births" as 98; here those are the string ``"unknown"``
and ``None``. Values are not checked here: :func:`clinical.bcrat_recode.validate` does that and names the
field at fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import Final, Literal

Unknown = Literal["unknown"]
UNKNOWN: Final[Unknown] = "unknown"

# Plain words for each field of RiskInputs, used in error messages.
FIELD_LABELS: Final[dict[str, str]] = {
    "age": "current age",
    "projection_end_age": "age at the end of the projection",
    "age_at_menarche": "age at first menstrual period",
    "age_at_first_birth": "age at first live birth",
    "first_degree_relatives": "number of mothers, sisters or daughters with breast cancer",
    "biopsies": "number of breast biopsies",
    "atypical_hyperplasia": "atypical hyperplasia on a biopsy",
    "race": "race/ethnicity",
}


class Race(IntEnum):
    """The model's 11 race/ethnicity codes (each has its own incidence and mortality rates)."""

    WHITE = 1
    AFRICAN_AMERICAN = 2
    HISPANIC_US_BORN = 3
    NATIVE_AMERICAN = 4
    HISPANIC_FOREIGN_BORN = 5
    CHINESE = 6
    JAPANESE = 7
    FILIPINO = 8
    HAWAIIAN = 9
    PACIFIC_ISLANDER = 10
    OTHER_ASIAN = 11

    @property
    def slug(self) -> str:
        """The short name people type: ``white``, ``african-american``, ``hispanic-us-born`` ..."""
        return self.name.lower().replace("_", "-")

    @property
    def label(self) -> str:
        """Readable name, as the NCI tool words it."""
        return _RACE_LABELS[self]

    @classmethod
    def from_name(cls, text: str) -> Race:
        """The race for a typed name (``white``, ``Hispanic US born``, ``other_asian``) or code (1-11).

        Raises ValueError for anything else.
        """
        key = text.strip().lower().replace("_", "-").replace(" ", "-")
        if key.isdigit() and int(key) in cls._value2member_map_:
            return cls(int(key))
        for race in cls:
            if key == race.slug or key in _RACE_ALIASES.get(race, ()):
                return race
        raise ValueError(f"unknown race/ethnicity {text!r}")


_RACE_LABELS: Final[dict[Race, str]] = {
    Race.WHITE: "White (non-Hispanic)",
    Race.AFRICAN_AMERICAN: "African-American",
    Race.HISPANIC_US_BORN: "Hispanic, born in the US",
    Race.NATIVE_AMERICAN: "Native American or other/unknown",
    Race.HISPANIC_FOREIGN_BORN: "Hispanic, born outside the US",
    Race.CHINESE: "Chinese-American",
    Race.JAPANESE: "Japanese-American",
    Race.FILIPINO: "Filipino-American",
    Race.HAWAIIAN: "Hawaiian",
    Race.PACIFIC_ISLANDER: "Other Pacific Islander",
    Race.OTHER_ASIAN: "Other Asian-American",
}

_RACE_ALIASES: Final[dict[Race, tuple[str, ...]]] = {
    Race.WHITE: ("non-hispanic-white",),
    Race.AFRICAN_AMERICAN: ("black",),
    Race.NATIVE_AMERICAN: ("other",),
    Race.PACIFIC_ISLANDER: ("other-pacific-islander",),
}


class Hyperplasia(Enum):
    """Whether a biopsy showed atypical hyperplasia."""

    NO = "no"
    YES = "yes"
    UNKNOWN = "unknown"


@dataclass(frozen=True, kw_only=True)
class RiskInputs:
    """One woman's answers.

    age: current age T1 in years. projection_end_age: T2, the age the projection runs to (None: age + 5).
    age_at_menarche: age at first menstrual period. age_at_first_birth: age at first live birth, None when
    she has had no live births. first_degree_relatives: mother, sisters and daughters with breast cancer.
    biopsies: number of breast biopsies (benign or not). atypical_hyperplasia: whether any biopsy showed it
    (UNKNOWN when there was no biopsy). ``"unknown"`` is allowed wherever the model allows it.
    """

    age: float
    age_at_menarche: float | Unknown
    age_at_first_birth: float | Unknown | None
    first_degree_relatives: int | Unknown
    biopsies: int | Unknown
    atypical_hyperplasia: Hyperplasia
    race: Race
    projection_end_age: float | None = None

    @property
    def end_age(self) -> float:
        """T2: the projection end age, age + 5 unless given."""
        return self.age + 5 if self.projection_end_age is None else self.projection_end_age
