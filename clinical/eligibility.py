"""Who the breast-cancer risk model (NCI BCRAT) applies to, and what to do instead when it does not.

The model was built for women aged 35 or older with no history of breast cancer, ductal or lobular
carcinoma in situ (DCIS, LCIS), or radiation therapy to the chest, and no known BRCA1/BRCA2 mutation. It has
no figures for men.
For anyone else its numbers are not meaningful: it underestimates risk or does not apply at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

MIN_ELIGIBLE_AGE: Final = 35.0
MAX_MODEL_AGE: Final = 90.0

SEE_CLINICIAN: Final = "Please talk to a doctor or nurse about your breast health and screening."
GENETIC_COUNSELLING: Final = (
    "Please ask a doctor about genetic counselling: specialised risk models and screening plans exist for "
    "women who carry these mutations."
)


@dataclass(frozen=True, kw_only=True)
class EligibilityAnswers:
    """What decides whether the model applies. None means the question was not answered (treated as no)."""

    age: float
    had_breast_cancer: bool | None = None
    had_dcis_or_lcis: bool | None = None
    had_chest_radiation: bool | None = None
    has_brca_mutation: bool | None = None
    is_male: bool | None = None


class Ineligibility(StrEnum):
    """Why the model does not apply, as a code a reply can word in any language."""

    MALE = "male"
    TOO_YOUNG = "too_young"
    TOO_OLD = "too_old"
    BREAST_CANCER = "breast_cancer"
    DCIS_OR_LCIS = "dcis_or_lcis"
    CHEST_RADIATION = "chest_radiation"
    BRCA_MUTATION = "brca_mutation"


def ineligibilities(answers: EligibilityAnswers) -> list[Ineligibility]:
    """Every reason the model does not apply, in the order `ineligibility_reasons` words them."""
    found = [
        (answers.is_male, Ineligibility.MALE),
        (answers.age < MIN_ELIGIBLE_AGE, Ineligibility.TOO_YOUNG),
        (answers.age >= MAX_MODEL_AGE, Ineligibility.TOO_OLD),
        (answers.had_breast_cancer, Ineligibility.BREAST_CANCER),
        (answers.had_dcis_or_lcis, Ineligibility.DCIS_OR_LCIS),
        (answers.had_chest_radiation, Ineligibility.CHEST_RADIATION),
        (answers.has_brca_mutation, Ineligibility.BRCA_MUTATION),
    ]
    return [reason for applies, reason in found if applies]


REASON_WORDS: Final[dict[Ineligibility, str]] = {
    Ineligibility.MALE: (
        "The risk model is for women only; it has no figures for men. A man with a breast change, or "
        "with several relatives who had breast or ovarian cancer, should talk to a doctor."
    ),
    Ineligibility.TOO_YOUNG: (
        f"The risk model is meant for women aged {MIN_ELIGIBLE_AGE:g} or older; it has not been shown to "
        f"work at younger ages. {SEE_CLINICIAN}"
    ),
    Ineligibility.TOO_OLD: (
        f"The risk model has no data for women aged {MAX_MODEL_AGE:g} or older. {SEE_CLINICIAN}"
    ),
    Ineligibility.BREAST_CANCER: (
        "The risk model is not for women who have had breast cancer: your follow-up care team is the "
        "right place to discuss your risk of a new cancer."
    ),
    Ineligibility.DCIS_OR_LCIS: (
        "The risk model is not for women who have had ductal or lobular carcinoma in situ "
        "(DCIS or LCIS): your risk is higher than it can estimate. Please discuss it with the clinician "
        "who follows you."
    ),
    Ineligibility.CHEST_RADIATION: (
        "The risk model is not for women who had radiation therapy to the chest (for example for "
        "Hodgkin lymphoma): your risk is higher than it can estimate. Please ask a doctor about "
        "screening for women treated with chest radiation."
    ),
    Ineligibility.BRCA_MUTATION: (
        "The risk model is not for women with a known BRCA1 or BRCA2 mutation: it underestimates their "
        f"risk. {GENETIC_COUNSELLING}"
    ),
}


def ineligibility_reasons(answers: EligibilityAnswers) -> list[str]:
    """Reasons, in plain (English) words with what to do instead, why the model does not apply (empty: it
    applies)."""
    return [REASON_WORDS[reason] for reason in ineligibilities(answers)]


def model_applies(answers: EligibilityAnswers) -> bool:
    """True when no reason stops the model from applying."""
    return not ineligibilities(answers)
