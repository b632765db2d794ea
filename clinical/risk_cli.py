"""The ``bcdbot risk`` subcommand: the NCI breast-cancer risk model (BCRAT, "Gail model") from the shell.

    bcdbot risk --age 45 --menarche 12 --first-birth 25 --relatives 1 --biopsies 1 --hyperplasia unknown \
        --race white [--json]

Prints the five-year and lifetime (to age 90) risk in plain words, or JSON. Exit status: 0 with a result,
1 when the model does not apply to the woman described (the reasons are printed), 2 for an invalid answer
(the message names the option at fault).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Final, TextIO

from clinical.bcrat_inputs import FIELD_LABELS, UNKNOWN, Hyperplasia, Race, RiskInputs, Unknown
from clinical.bcrat_model import FIVE_YEARS, RiskResult, assess
from clinical.bcrat_recode import MAX_AGE, RiskInputError, validate
from clinical.eligibility import EligibilityAnswers, ineligibility_reasons

EXIT_OK: Final = 0
EXIT_DOES_NOT_APPLY: Final = 1
EXIT_BAD_INPUT: Final = 2

DISCLAIMER: Final = (
    "Research use only: this is not a medical device and not a diagnosis. The estimate describes groups of "
    "women with answers like yours; it cannot say whether you will get breast cancer. Please talk to a "
    "doctor or nurse about your breast health and screening."
)

# The option that carries each RiskInputs field (the projection end follows from --age).
FIELD_OPTIONS: Final[dict[str, str]] = {
    "age": "--age",
    "projection_end_age": "--age",
    "age_at_menarche": "--menarche",
    "age_at_first_birth": "--first-birth",
    "first_degree_relatives": "--relatives",
    "biopsies": "--biopsies",
    "atypical_hyperplasia": "--hyperplasia",
    "race": "--race",
}

RACE_NAMES: Final = ", ".join(race.slug for race in Race)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``risk`` subcommand to a CLI's subparsers; its handler is ``args.handler(args) -> int``."""
    parser = subparsers.add_parser(
        "risk",
        help="breast-cancer risk estimate with the NCI BCRAT (Gail) model (research use only)",
        description="Five-year and lifetime risk of invasive breast cancer from the NCI Breast Cancer Risk "
        "Assessment Tool (Gail model), for women aged 35 or older. " + DISCLAIMER,
    )
    parser.add_argument("--age", required=True, help="current age in years (the model covers 35 to 89)")
    parser.add_argument("--menarche", required=True, help="age at first menstrual period, or 'unknown'")
    parser.add_argument(
        "--first-birth", required=True, help="age at first live birth, 'none' (no births) or 'unknown'"
    )
    parser.add_argument(
        "--relatives", required=True, help="mother, sisters, daughters with breast cancer, or 'unknown'"
    )
    parser.add_argument("--biopsies", required=True, help="number of breast biopsies, or 'unknown'")
    parser.add_argument(
        "--hyperplasia",
        default="unknown",
        help="atypical hyperplasia on a biopsy: yes, no or unknown (default; the answer with no biopsy)",
    )
    parser.add_argument("--race", required=True, help=f"race/ethnicity: {RACE_NAMES}")
    parser.add_argument("--had-breast-cancer", action="store_true", help="she has had breast cancer")
    parser.add_argument("--had-dcis-or-lcis", action="store_true", help="she has had DCIS or LCIS")
    parser.add_argument(
        "--chest-radiation", action="store_true", help="she had radiation therapy to the chest"
    )
    parser.add_argument("--brca-mutation", action="store_true", help="she has a known BRCA1/BRCA2 mutation")
    parser.add_argument("--json", action="store_true", help="print JSON instead of plain words")
    parser.set_defaults(handler=handler)
    return parser


def _number(field: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise RiskInputError(field, f"{FIELD_LABELS[field]} must be a number; got {text!r}") from None


def _number_or_unknown(field: str, text: str) -> float | Unknown:
    return UNKNOWN if text.strip().lower() == UNKNOWN else _number(field, text)


def _first_birth(text: str) -> float | Unknown | None:
    key = text.strip().lower()
    if key in ("none", "no", "never"):
        return None
    if key == UNKNOWN:
        return UNKNOWN
    return _number("age_at_first_birth", text)


def _count(field: str, text: str) -> int | Unknown:
    key = text.strip().lower()
    if key == UNKNOWN:
        return UNKNOWN
    try:
        return int(key)
    except ValueError:
        raise RiskInputError(
            field, f"{FIELD_LABELS[field]} must be a whole number or 'unknown'; got {text!r}"
        ) from None


def _hyperplasia(text: str) -> Hyperplasia:
    try:
        return Hyperplasia(text.strip().lower())
    except ValueError:
        raise RiskInputError(
            "atypical_hyperplasia",
            f"atypical hyperplasia on a biopsy must be yes, no or unknown; got {text!r}",
        ) from None


def _race(text: str) -> Race:
    try:
        return Race.from_name(text)
    except ValueError:
        raise RiskInputError("race", f"race/ethnicity must be one of: {RACE_NAMES}; got {text!r}") from None


def inputs_from_args(args: argparse.Namespace) -> RiskInputs:
    """RiskInputs from the parsed options; RiskInputError (naming the field) if one is not usable."""
    age = _number("age", args.age)
    inputs = RiskInputs(
        age=age,
        projection_end_age=min(age + FIVE_YEARS, MAX_AGE),
        age_at_menarche=_number_or_unknown("age_at_menarche", args.menarche),
        age_at_first_birth=_first_birth(args.first_birth),
        first_degree_relatives=_count("first_degree_relatives", args.relatives),
        biopsies=_count("biopsies", args.biopsies),
        atypical_hyperplasia=_hyperplasia(args.hyperplasia),
        race=_race(args.race),
    )
    validate(inputs)
    return inputs


def _per_100(percent: float) -> str:
    return "less than 0.1" if percent < 0.05 else f"{percent:.1f}"


def _sentence(risk: float, average: float | None, horizon: str) -> str:
    text = f"about {_per_100(risk)} in 100 women like you develop breast cancer {horizon}"
    if average is not None:
        text += f"; the average for your age is {_per_100(average)} in 100"
    return text + "."


def plain_words(result: RiskResult) -> str:
    """The result as short plain sentences, with the disclaimer."""
    lines = ['Breast cancer risk estimate (NCI Breast Cancer Risk Assessment Tool, the "Gail model"):']
    if result.five_year_risk is not None:
        lines.append(
            "- " + _sentence(result.five_year_risk, result.average_five_year_risk, "in the next 5 years")
        )
    lines.append("- " + _sentence(result.lifetime_risk, result.average_lifetime_risk, f"by age {MAX_AGE:g}"))
    if result.average_lifetime_risk is None:
        lines.append(
            f"(No average is available for comparison for {result.inputs.race.label} women in this tool.)"
        )
    lines.append(DISCLAIMER)
    return "\n".join(lines)


def _emit_json(payload: dict[str, Any], out: TextIO) -> None:
    json.dump(payload, out, indent=2)
    out.write("\n")


def handler(args: argparse.Namespace) -> int:
    """Run ``bcdbot risk``: 0 result printed, 1 the model does not apply, 2 an invalid answer."""
    try:
        inputs = inputs_from_args(args)
    except RiskInputError as error:
        option = FIELD_OPTIONS.get(error.field, error.field)
        print(f"bcdbot risk: error: {option}: {error.message}", file=sys.stderr)
        if args.json:
            _emit_json(
                {"error": {"field": error.field, "option": option, "message": error.message}}, sys.stdout
            )
        return EXIT_BAD_INPUT

    reasons = ineligibility_reasons(
        EligibilityAnswers(
            age=inputs.age,
            had_breast_cancer=args.had_breast_cancer,
            had_dcis_or_lcis=args.had_dcis_or_lcis,
            had_chest_radiation=args.chest_radiation,
            has_brca_mutation=args.brca_mutation,
        )
    )
    if reasons:
        if args.json:
            _emit_json({"applies": False, "reasons": reasons, "disclaimer": DISCLAIMER}, sys.stdout)
        else:
            print("The breast cancer risk model does not apply here:")
            for reason in reasons:
                print(f"- {reason}")
            print(DISCLAIMER)
        return EXIT_DOES_NOT_APPLY

    result = assess(inputs)
    if args.json:
        _emit_json({"applies": True, **result.as_dict(), "disclaimer": DISCLAIMER}, sys.stdout)
    else:
        print(plain_words(result))
    return EXIT_OK
