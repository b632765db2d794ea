"""The NCI Breast Cancer Risk Assessment Tool (the "Gail model"): relative and absolute risk of invasive
breast cancer. A research tool: it estimates risk in groups of women, and is not a diagnosis.

1. Relative risk, with beta = b0..b5 for the woman's race/ethnicity and lp = b0*NB + b1*AM + b2*AF + b3*NR
   + b5*AF*NR: RR_Star1 = exp(lp) * R_Hyp below age 50, RR_Star2 = exp(lp + b4*NB) * R_Hyp from 50.
2. Absolute risk from age T1 to T2: [T1, T2) is cut at the five-year age-group boundaries; over a piece of
   length L in group j, with h1 = incidence[j] * (1 - AR) * RR and h2 = competing mortality[j],
   risk += h1 / (h1 + h2) * exp(-H) * (1 - exp(-(h1 + h2) * L)) and then H += (h1 + h2) * L.
3. The average woman of the same age: the same sum with the average (non-Hispanic white) woman's rates,
   RR = 1 and 1 - AR = 1. Those rates describe non-Hispanic white women only, so the comparison is given
   for that group only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Final

from clinical.bcrat_inputs import Race, RiskInputs
from clinical.bcrat_parameters import BcratParameters, RaceParameters, RateTable, load_parameters
from clinical.bcrat_recode import RecodedInputs, recode

AGE_SPLIT: Final = 50.0
FIVE_YEARS: Final = 5.0
# Races whose "average woman" the packaged average rates describe.
AVERAGE_RACES: Final = frozenset({Race.WHITE})


@dataclass(frozen=True)
class RiskResult:
    """The model's answer for one woman. Risks are percentages (2.1 means 2.1 in 100 women).

    absolute_risk: from age to projection_end_age. five_year_risk: the next five years (None past age 85,
    where the rates stop at 90). lifetime_risk: to age 90. The average_* risks are those of an average woman
    of the same age, None where the model has no average for her group.
    """

    inputs: RiskInputs
    categories: RecodedInputs
    relative_risk_under_50: float
    relative_risk_50_and_over: float
    projection_end_age: float
    absolute_risk: float
    five_year_risk: float | None
    lifetime_risk: float
    average_absolute_risk: float | None
    average_five_year_risk: float | None
    average_lifetime_risk: float | None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (inputs, categories and risks)."""
        i = self.inputs
        c = self.categories
        return {
            "inputs": {
                "age": i.age,
                "projection_end_age": self.projection_end_age,
                "age_at_menarche": i.age_at_menarche,
                "age_at_first_birth": "none" if i.age_at_first_birth is None else i.age_at_first_birth,
                "first_degree_relatives": i.first_degree_relatives,
                "biopsies": i.biopsies,
                "atypical_hyperplasia": i.atypical_hyperplasia.value,
                "race": i.race.slug,
                "race_code": int(i.race),
            },
            "categories": {
                "NB_Cat": c.nb_cat,
                "AM_Cat": c.am_cat,
                "AF_Cat": c.af_cat,
                "NR_Cat": c.nr_cat,
                "R_Hyp": c.r_hyp,
            },
            "relative_risk_under_50": self.relative_risk_under_50,
            "relative_risk_50_and_over": self.relative_risk_50_and_over,
            "absolute_risk_percent": self.absolute_risk,
            "five_year_risk_percent": self.five_year_risk,
            "lifetime_risk_percent": self.lifetime_risk,
            "average_absolute_risk_percent": self.average_absolute_risk,
            "average_five_year_risk_percent": self.average_five_year_risk,
            "average_lifetime_risk_percent": self.average_lifetime_risk,
        }


def relative_risks(categories: RecodedInputs, race: RaceParameters) -> tuple[float, float]:
    """(RR_Star1, RR_Star2): the relative risk below age 50 and from age 50."""
    b0, b1, b2, b3, b4, b5 = race.beta
    nb, am, af, nr = categories.nb_cat, categories.am_cat, categories.af_cat, categories.nr_cat
    lp = b0 * nb + b1 * am + b2 * af + b3 * nr + b5 * af * nr
    return math.exp(lp) * categories.r_hyp, math.exp(lp + b4 * nb) * categories.r_hyp


def absolute_risk(
    t1: float,
    t2: float,
    *,
    rates: RateTable,
    relative_risk: tuple[float, float],
    one_minus_attributable_risk: tuple[float, float],
    parameters: BcratParameters,
) -> float:
    """Percent chance of invasive breast cancer between ages t1 and t2, allowing for competing death.

    relative_risk and one_minus_attributable_risk are (below 50, from 50). Ages must lie in [20, 90].
    """
    if not parameters.min_age <= t1 < t2 <= parameters.max_age:
        raise ValueError(f"ages must satisfy {parameters.min_age:g} <= t1 < t2 <= {parameters.max_age:g}")
    risk = 0.0
    cumulative_hazard = 0.0
    width = parameters.age_group_years
    for j, start in enumerate(parameters.age_group_starts):
        lo, hi = max(t1, start), min(t2, start + width)
        if hi <= lo:
            continue
        older = 1 if start >= AGE_SPLIT else 0
        h1 = rates.incidence[j] * one_minus_attributable_risk[older] * relative_risk[older]
        h2 = rates.competing_mortality[j]
        total = h1 + h2
        length = hi - lo
        risk += h1 / total * math.exp(-cumulative_hazard) * (1.0 - math.exp(-total * length))
        cumulative_hazard += total * length
    return 100.0 * risk


def average_risk(t1: float, t2: float, parameters: BcratParameters | None = None) -> float:
    """Percent risk between t1 and t2 of the average (non-Hispanic white) woman: RR = 1, 1 - AR = 1."""
    params = parameters or load_parameters()
    return absolute_risk(
        t1,
        t2,
        rates=params.average_woman,
        relative_risk=(1.0, 1.0),
        one_minus_attributable_risk=(1.0, 1.0),
        parameters=params,
    )


def assess(inputs: RiskInputs, parameters: BcratParameters | None = None) -> RiskResult:
    """Relative, projected, five-year and lifetime risk for one woman; RiskInputError for a bad answer."""
    params = parameters or load_parameters()
    categories = recode(inputs)
    race = params.race(int(inputs.race))
    rr = relative_risks(categories, race)
    t1, t2, t_max = float(inputs.age), float(inputs.end_age), params.max_age
    five_end = t1 + FIVE_YEARS

    def risk(end: float) -> float:
        return absolute_risk(
            t1,
            end,
            rates=race.rates,
            relative_risk=rr,
            one_minus_attributable_risk=race.one_minus_attributable_risk,
            parameters=params,
        )

    has_average = inputs.race in AVERAGE_RACES
    has_five = five_end <= t_max
    return RiskResult(
        inputs=inputs,
        categories=categories,
        relative_risk_under_50=rr[0],
        relative_risk_50_and_over=rr[1],
        projection_end_age=t2,
        absolute_risk=risk(t2),
        five_year_risk=risk(five_end) if has_five else None,
        lifetime_risk=risk(t_max),
        average_absolute_risk=average_risk(t1, t2, params) if has_average else None,
        average_five_year_risk=average_risk(t1, five_end, params) if has_average and has_five else None,
        average_lifetime_risk=average_risk(t1, t_max, params) if has_average else None,
    )
