"""The published parameters of the NCI Breast Cancer Risk Assessment Tool (BCRAT, the "Gail model").

``bcrat_parameters.json`` (package data beside this module) is an unmodified copy of the parameters as
distributed with the BCRA R package 2.1 (Fanni Zhang, NCI): log relative-risk coefficients, one minus the
attributable risk, composite breast-cancer incidence and competing mortality, per race/ethnicity code and per
five-year age group from 20 to 90, and the rates of the "average woman" used for comparison.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

PARAMETERS_FILE: Final = "bcrat_parameters.json"
N_BETA: Final = 6


@dataclass(frozen=True)
class RateTable:
    """Rates per person-year for each five-year age group: composite incidence and competing mortality."""

    incidence: tuple[float, ...]
    competing_mortality: tuple[float, ...]


@dataclass(frozen=True)
class RaceParameters:
    """Everything the model uses for one race/ethnicity code.

    beta: the six log relative-risk coefficients, in order NB_Cat, AM_Cat, AF_Cat, NR_Cat, NB_Cat at age >= 50
    (interaction), AF_Cat*NR_Cat (interaction). one_minus_attributable_risk: (age < 50, age >= 50).
    """

    code: int
    abbr: str
    label: str
    beta: tuple[float, float, float, float, float, float]
    one_minus_attributable_risk: tuple[float, float]
    rates: RateTable


@dataclass(frozen=True)
class BcratParameters:
    """All model parameters: age groups, one entry per race code, and the average woman's rates."""

    age_group_starts: tuple[float, ...]
    age_group_years: float
    races: Mapping[int, RaceParameters]
    average_woman: RateTable

    @property
    def max_age(self) -> float:
        """The end of the last age group (90): no rates exist beyond it."""
        return self.age_group_starts[-1] + self.age_group_years

    @property
    def min_age(self) -> float:
        """The start of the first age group (20)."""
        return self.age_group_starts[0]

    def race(self, code: int) -> RaceParameters:
        """Parameters for a race code; KeyError for a code the model does not have."""
        return self.races[code]


def _floats(value: Any, length: int, what: str) -> tuple[float, ...]:
    if not isinstance(value, Sequence) or len(value) != length:
        raise ValueError(f"{what}: expected {length} numbers")
    return tuple(float(v) for v in value)


def _rate_table(raw: Mapping[str, Any], groups: int, what: str) -> RateTable:
    return RateTable(
        incidence=_floats(raw["lambda1_composite_incidence"], groups, f"{what} incidence"),
        competing_mortality=_floats(raw["lambda2_competing_mortality"], groups, f"{what} mortality"),
    )


def parse_parameters(raw: Mapping[str, Any]) -> BcratParameters:
    """Typed parameters from the JSON structure of ``bcrat_parameters.json``; ValueError if malformed."""
    starts = tuple(float(a) for a in raw["age_group_starts"])
    groups = len(starts)
    races: dict[int, RaceParameters] = {}
    for key, entry in raw["races"].items():
        code = int(key)
        b = _floats(entry["beta"], N_BETA, f"race {code} beta")
        ar = _floats(entry["one_minus_attributable_risk"], 2, f"race {code} attributable risk")
        races[code] = RaceParameters(
            code=code,
            abbr=str(entry["abbr"]),
            label=str(entry["label"]),
            beta=(b[0], b[1], b[2], b[3], b[4], b[5]),
            one_minus_attributable_risk=(ar[0], ar[1]),
            rates=_rate_table(entry, groups, f"race {code}"),
        )
    return BcratParameters(
        age_group_starts=starts,
        age_group_years=float(raw["age_group_years"]),
        races=races,
        average_woman=_rate_table(raw["average_white_woman"], groups, "average woman"),
    )


@cache
def load_parameters() -> BcratParameters:
    """The packaged parameters (read once)."""
    text = resources.files(__package__ or "clinical").joinpath(PARAMETERS_FILE).read_text(encoding="utf-8")
    return parse_parameters(json.loads(text))
