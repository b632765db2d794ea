"""The breast-cancer risk model (NCI BCRAT) against every case computed by the BCRA R package.

The cases live in the shared reference folder (``<shared>/reference/bcrat/r_reference/*.json``, where
<shared> is ``../shared`` beside the repository or $BCDBOT_SHARED_DIR); the tests that need them skip when
it is absent.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest

from clinical import (
    FIELD_LABELS,
    UNKNOWN,
    Hyperplasia,
    Race,
    RiskInputError,
    RiskInputs,
    assess,
    inputs_from_codes,
    load_parameters,
    recode,
    validate,
)
from tests.shared_data import SHARED_DIR

REFERENCE_DIR: Final = SHARED_DIR / "reference" / "bcrat"
R_REFERENCE_DIR: Final = REFERENCE_DIR / "r_reference"
SUMMARY_FILE: Final = "summary.json"
TOLERANCE: Final = 1e-6
MISSING_REASON: Final = f"BCRAT reference cases not found in {R_REFERENCE_DIR} (set BCDBOT_SHARED_DIR)"

# Cases the R package accepts but this module deliberately refuses, with the field it names. R recodes a
# negative number of biopsies as "two or more" (its test is `N_Biop >= 2 | N_Biop != 99`); a negative count
# is a typing mistake, not a risk factor. The R numbers for such a case are still checked, with the count R
# effectively used.
R_DEVIATIONS: Final[dict[int, tuple[str, dict[str, Any]]]] = {284: ("biopsies", {"N_Biop": 2})}

Case = dict[str, Any]


def _reference_files() -> list[Path]:
    if not R_REFERENCE_DIR.is_dir():
        return []
    return sorted(p for p in R_REFERENCE_DIR.glob("*.json") if p.name != SUMMARY_FILE)


def _cases() -> Iterator[tuple[str, Case]]:
    for path in _reference_files():
        for case in json.loads(path.read_text(encoding="utf-8")):
            yield f"{path.stem}-{case['ID']}", case


def _params(error_ind: int) -> list[Any]:
    chosen = [pytest.param(case, id=case_id) for case_id, case in _cases() if case["Error_Ind"] == error_ind]
    return chosen or [pytest.param({}, id="no-reference", marks=pytest.mark.skip(reason=MISSING_REASON))]


def _inputs(case: Case, **overrides: Any) -> RiskInputs:
    c = {**case, **overrides}
    return inputs_from_codes(
        t1=c["T1"],
        t2=c["T2"],
        n_biop=c["N_Biop"],
        hyp_plas=c["HypPlas"],
        age_men=c["AgeMen"],
        age_1st=c["Age1st"],
        n_rels=c["N_Rels"],
        race=c["Race"],
    )


def _missing(value: Any) -> bool:
    return value is None


def _field_r_refused(case: Case) -> str:
    """The field that made R set Error_Ind = 1, read from its output (a missing or "A"/"B" category)."""
    t1, t2 = case["T1"], case["T2"]
    if not 20 <= t1 < 90:
        return "age"
    if t2 > 90 or t1 >= t2:
        return "projection_end_age"
    if case.get("NB_Cat") in ("A", "B"):
        return "atypical_hyperplasia"
    if _missing(case.get("AM_Cat")):
        return "age_at_menarche"
    if _missing(case.get("AF_Cat")):
        return "age_at_first_birth"
    if _missing(case.get("NR_Cat")):
        return "first_degree_relatives"
    if _missing(case.get("NB_Cat")):
        return "biopsies"
    if case["Race"] not in range(1, 12):
        return "race"
    raise AssertionError(f"cannot tell which answer R refused in case {case['ID']}")


def _check_numbers(case: Case, inputs: RiskInputs) -> None:
    categories = recode(inputs)
    assert (categories.nb_cat, categories.am_cat, categories.af_cat, categories.nr_cat) == (
        int(case["NB_Cat"]),
        int(case["AM_Cat"]),
        int(case["AF_Cat"]),
        int(case["NR_Cat"]),
    )
    assert categories.r_hyp == pytest.approx(case["R_Hyp"], abs=TOLERANCE)
    result = assess(inputs)
    assert result.categories == categories
    assert result.relative_risk_under_50 == pytest.approx(case["RR_Star1"], abs=TOLERANCE)
    assert result.relative_risk_50_and_over == pytest.approx(case["RR_Star2"], abs=TOLERANCE)
    assert result.absolute_risk == pytest.approx(case["AbsRisk"], abs=TOLERANCE)
    if "AvgRisk" in case:
        assert result.average_absolute_risk == pytest.approx(case["AvgRisk"], abs=TOLERANCE)


@pytest.mark.parametrize("case", _params(0))
def test_valid_reference_case_reproduces_r(case: Case) -> None:
    if case["ID"] in R_DEVIATIONS:
        field, as_r_used = R_DEVIATIONS[case["ID"]]
        with pytest.raises(RiskInputError) as refused:
            recode(_inputs(case))
        assert refused.value.field == field
        _check_numbers(case, _inputs(case, **as_r_used))
        return
    _check_numbers(case, _inputs(case))


@pytest.mark.parametrize("case", _params(1))
def test_invalid_reference_case_is_refused_naming_the_field(case: Case) -> None:
    field = _field_r_refused(case)
    with pytest.raises(RiskInputError) as refused:
        recode(_inputs(case))
    assert refused.value.field == field
    assert FIELD_LABELS[field] in str(refused.value)


def test_every_reference_file_is_used() -> None:
    if not R_REFERENCE_DIR.is_dir():
        pytest.skip(MISSING_REASON)
    summary = json.loads((R_REFERENCE_DIR / SUMMARY_FILE).read_text(encoding="utf-8"))
    counted = [(s["TestCases"], s["ValidCases"], s["ErrorCases"]) for s in summary]
    found = []
    for path in _reference_files():
        cases = json.loads(path.read_text(encoding="utf-8"))
        errors = sum(c["Error_Ind"] for c in cases)
        found.append((len(cases), len(cases) - errors, errors))
    assert sorted(found) == sorted(counted)


def test_packaged_parameters_are_the_published_ones() -> None:
    published = REFERENCE_DIR / "parameters.json"
    if not published.is_file():
        pytest.skip(MISSING_REASON)
    from importlib import resources

    packaged = resources.files("clinical").joinpath("bcrat_parameters.json").read_text(encoding="utf-8")
    assert json.loads(packaged) == json.loads(published.read_text(encoding="utf-8"))


def test_parameters_cover_every_race_and_age_group() -> None:
    params = load_parameters()
    assert sorted(params.races) == [int(race) for race in Race]
    assert (params.min_age, params.max_age) == (20.0, 90.0)
    for race in params.races.values():
        assert len(race.rates.incidence) == len(race.rates.competing_mortality) == 14
    # Native American / other uses the white model; the Asian groups share their coefficients.
    assert params.race(Race.NATIVE_AMERICAN).beta == params.race(Race.WHITE).beta
    assert len({params.race(code).beta for code in range(6, 12)}) == 1


def _woman(**changes: Any) -> RiskInputs:
    base: dict[str, Any] = {
        "age": 45,
        "age_at_menarche": 12,
        "age_at_first_birth": 25,
        "first_degree_relatives": 1,
        "biopsies": 1,
        "atypical_hyperplasia": Hyperplasia.UNKNOWN,
        "race": Race.WHITE,
    }
    return RiskInputs(**{**base, **changes})


def test_projection_defaults_to_five_years() -> None:
    woman = _woman()
    assert woman.end_age == 50
    result = assess(woman)
    assert result.projection_end_age == 50
    assert result.absolute_risk == result.five_year_risk
    assert result.average_five_year_risk is not None
    assert 0 < result.average_five_year_risk < result.five_year_risk < result.lifetime_risk < 100
    assert result.average_lifetime_risk is not None
    assert result.average_lifetime_risk < result.lifetime_risk


def test_lifetime_runs_to_90_and_five_years_stop_there() -> None:
    result = assess(_woman(age=87, projection_end_age=90))
    assert result.five_year_risk is None
    assert result.average_five_year_risk is None
    assert result.lifetime_risk == pytest.approx(result.absolute_risk)
    with pytest.raises(RiskInputError) as refused:
        validate(_woman(age=87))
    assert refused.value.field == "projection_end_age"


def test_average_is_given_only_where_the_rates_describe_the_group() -> None:
    assert assess(_woman(race=Race.WHITE)).average_lifetime_risk is not None
    for race in Race:
        if race is not Race.WHITE:
            result = assess(_woman(race=race))
            assert result.average_five_year_risk is None
            assert result.average_lifetime_risk is None


@pytest.mark.parametrize(
    ("changes", "categories"),
    [
        # Hispanic women: biopsies 2+ pooled with 1, first birth 25-29 with 20-24, 30+ with no births,
        # relatives 2+ with 1; no menarche term for US-born women.
        ({"race": Race.HISPANIC_US_BORN, "biopsies": 3, "age_at_menarche": 10}, (1, 0, 1, 1)),
        ({"race": Race.HISPANIC_FOREIGN_BORN, "age_at_menarche": 15, "age_at_first_birth": 18}, (1, 0, 0, 1)),
        (
            {"race": Race.HISPANIC_FOREIGN_BORN, "age_at_first_birth": 31, "first_degree_relatives": 3},
            (1, 1, 2, 1),
        ),
        ({"race": Race.HISPANIC_US_BORN, "age_at_first_birth": None}, (1, 0, 2, 1)),
        # African-American women: no first-birth term, menarche under 12 pooled with 12-13.
        ({"race": Race.AFRICAN_AMERICAN, "age_at_menarche": 10, "age_at_first_birth": 31}, (1, 1, 0, 1)),
        # Asian-American and Pacific Islander women: relatives 2+ pooled with 1.
        ({"race": Race.HAWAIIAN, "first_degree_relatives": 2, "biopsies": 2}, (2, 1, 2, 1)),
        # Unknowns count as the lowest-risk category; no births as 25-29.
        (
            {
                "age_at_menarche": UNKNOWN,
                "age_at_first_birth": UNKNOWN,
                "first_degree_relatives": UNKNOWN,
                "biopsies": UNKNOWN,
            },
            (0, 0, 0, 0),
        ),
        ({"age_at_first_birth": None, "first_degree_relatives": 5, "biopsies": 0}, (0, 1, 2, 2)),
    ],
)
def test_race_specific_recoding(changes: dict[str, Any], categories: tuple[int, int, int, int]) -> None:
    recoded = recode(_woman(**changes))
    assert (recoded.nb_cat, recoded.am_cat, recoded.af_cat, recoded.nr_cat) == categories


@pytest.mark.parametrize(
    ("hyperplasia", "r_hyp"),
    [(Hyperplasia.UNKNOWN, 1.0), (Hyperplasia.NO, 0.93), (Hyperplasia.YES, 1.82)],
)
def test_hyperplasia_multiplier(hyperplasia: Hyperplasia, r_hyp: float) -> None:
    assert recode(_woman(atypical_hyperplasia=hyperplasia)).r_hyp == r_hyp


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"age": math.nan}, "age"),
        ({"age": True}, "age"),
        ({"age": 19.99}, "age"),
        ({"projection_end_age": 44}, "projection_end_age"),
        ({"age_at_menarche": 0}, "age_at_menarche"),
        ({"age_at_menarche": "12"}, "age_at_menarche"),
        ({"age_at_first_birth": 11, "age_at_menarche": 12}, "age_at_first_birth"),
        ({"age_at_first_birth": 46}, "age_at_first_birth"),
        ({"first_degree_relatives": 1.5}, "first_degree_relatives"),
        ({"first_degree_relatives": 99}, "first_degree_relatives"),
        ({"biopsies": -1}, "biopsies"),
        ({"biopsies": 0, "atypical_hyperplasia": Hyperplasia.NO}, "atypical_hyperplasia"),
        ({"biopsies": UNKNOWN, "atypical_hyperplasia": Hyperplasia.YES}, "atypical_hyperplasia"),
        ({"atypical_hyperplasia": "yes"}, "atypical_hyperplasia"),
        ({"race": 1}, "race"),
    ],
)
def test_bad_answers_name_their_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(RiskInputError) as refused:
        recode(_woman(**changes))
    assert refused.value.field == field
    assert refused.value.label == FIELD_LABELS[field]
    assert FIELD_LABELS[field] in refused.value.message


def test_first_birth_before_menarche_is_refused_for_every_race() -> None:
    for race in Race:
        with pytest.raises(RiskInputError, match="first live birth"):
            recode(_woman(race=race, age_at_menarche=13, age_at_first_birth=12))


@pytest.mark.parametrize(
    ("text", "race"),
    [
        ("white", Race.WHITE),
        ("african-american", Race.AFRICAN_AMERICAN),
        ("hispanic-us-born", Race.HISPANIC_US_BORN),
        ("hispanic-foreign-born", Race.HISPANIC_FOREIGN_BORN),
        ("native-american", Race.NATIVE_AMERICAN),
        ("chinese", Race.CHINESE),
        ("japanese", Race.JAPANESE),
        ("filipino", Race.FILIPINO),
        ("hawaiian", Race.HAWAIIAN),
        ("pacific-islander", Race.PACIFIC_ISLANDER),
        ("other-asian", Race.OTHER_ASIAN),
        ("Hispanic US born", Race.HISPANIC_US_BORN),
        ("other_asian", Race.OTHER_ASIAN),
        ("7", Race.JAPANESE),
    ],
)
def test_race_names(text: str, race: Race) -> None:
    assert Race.from_name(text) is race
    assert race.label


@pytest.mark.parametrize("text", ["martian", "0", "12", ""])
def test_unknown_race_names_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Race.from_name(text)
