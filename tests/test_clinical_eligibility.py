"""Whom the breast-cancer risk model applies to, and what a woman it does not apply to should do instead."""

from __future__ import annotations

import pytest

from clinical import EligibilityAnswers, ineligibility_reasons, model_applies


def test_a_woman_of_45_without_history_is_eligible() -> None:
    answers = EligibilityAnswers(
        age=45,
        had_breast_cancer=False,
        had_dcis_or_lcis=False,
        had_chest_radiation=False,
        has_brca_mutation=False,
    )
    assert ineligibility_reasons(answers) == []
    assert model_applies(answers)


def test_unanswered_history_questions_do_not_block() -> None:
    assert model_applies(EligibilityAnswers(age=35))


@pytest.mark.parametrize("age", [20, 34.9])
def test_younger_than_35_is_sent_to_a_clinician(age: float) -> None:
    [reason] = ineligibility_reasons(EligibilityAnswers(age=age))
    assert "35 or older" in reason
    assert "doctor or nurse" in reason


def test_90_and_older_is_outside_the_model() -> None:
    [reason] = ineligibility_reasons(EligibilityAnswers(age=90))
    assert "90 or older" in reason


@pytest.mark.parametrize(
    ("history", "words", "instead"),
    [
        ({"had_breast_cancer": True}, "had breast cancer", "follow-up care team"),
        ({"had_dcis_or_lcis": True}, "DCIS or LCIS", "clinician"),
        ({"had_chest_radiation": True}, "radiation therapy to the chest", "doctor"),
        ({"has_brca_mutation": True}, "BRCA1 or BRCA2", "genetic counselling"),
        ({"is_male": True}, "women only", "doctor"),
    ],
)
def test_each_history_gives_a_plain_reason_and_what_to_do(
    history: dict[str, bool], words: str, instead: str
) -> None:
    answers = EligibilityAnswers(age=50, **history)
    [reason] = ineligibility_reasons(answers)
    assert words in reason
    assert instead in reason
    assert not model_applies(answers)


def test_every_reason_is_listed() -> None:
    answers = EligibilityAnswers(
        age=30,
        had_breast_cancer=True,
        had_dcis_or_lcis=True,
        had_chest_radiation=True,
        has_brca_mutation=True,
        is_male=True,
    )
    assert len(ineligibility_reasons(answers)) == 6
