"""Clarifying questions: asked only where one fact decides a red flag; "not sure" always decides safely."""

from __future__ import annotations

import pytest

from clinical.clarifying import (
    ANSWERS,
    UNSURE,
    Clarification,
    apply_answers,
    deferred_flags,
    open_clarifications,
)
from clinical.keyword_backstop import keyword_findings
from clinical.red_flags import Findings, RedFlag, red_flags


def findings(*symptoms: str, **kwargs: object) -> Findings:
    return Findings(symptoms=frozenset(symptoms), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("there is some discharge from my nipple", Clarification.DISCHARGE_COLOUR),
        ("my nipple is sunk in", Clarification.NIPPLE_ONSET),
        ("the skin of my breast looks different", Clarification.SKIN_CHANGE),
        ("my left breast is swollen", Clarification.LUMP_OR_SWELLING),
    ],
)
def test_one_fact_away_asks_that_fact(text: str, question: Clarification) -> None:
    assert open_clarifications(keyword_findings(text)) == (question,)


@pytest.mark.parametrize(
    "text",
    [
        "brownish fluid from my nipple",
        "clear discharge from my nipple",
        "my nipple has recently flattened",
        "my nipple has always been inverted",
        "the skin of my breast has a dent",
        "a hard swelling in my breast",
        "my breast hurts",
    ],
)
def test_nothing_is_asked_when_the_message_already_says(text: str) -> None:
    assert open_clarifications(keyword_findings(text)) == ()


@pytest.mark.parametrize(
    ("question", "flag"),
    [
        (Clarification.DISCHARGE_COLOUR, RedFlag.BLOOD_STAINED_DISCHARGE),
        (Clarification.NIPPLE_ONSET, RedFlag.NIPPLE_RETRACTION),
        (Clarification.SKIN_CHANGE, RedFlag.SKIN_TETHERING),
        (Clarification.LUMP_OR_SWELLING, RedFlag.LUMP_AGE_30_PLUS),
    ],
)
def test_not_sure_decides_toward_safety(question: Clarification, flag: RedFlag) -> None:
    start = findings("nipple_discharge", "nipple_retraction", "skin_change", "swelling", age=45)
    assert flag in red_flags(apply_answers(start, {question: UNSURE}))


def test_the_plain_answers_clear_each_question() -> None:
    start = findings("nipple_discharge", "nipple_retraction", "skin_change", "swelling", age=45)
    plain: dict[str, str] = {
        Clarification.DISCHARGE_COLOUR: "clear",
        Clarification.NIPPLE_ONSET: "lifelong",
        Clarification.SKIN_CHANGE: "none",
        Clarification.LUMP_OR_SWELLING: "whole_breast",
    }
    answered = apply_answers(start, plain)
    assert red_flags(answered) == ()
    assert open_clarifications(answered, plain) == ()


def test_each_question_is_asked_once() -> None:
    start = findings("skin_change")
    assert open_clarifications(apply_answers(start, {"skin_change": "none"}), {"skin_change": "none"}) == ()


def test_an_open_onset_question_holds_the_nipple_flag_back() -> None:
    assert deferred_flags((Clarification.NIPPLE_ONSET,)) == {RedFlag.NIPPLE_RETRACTION}
    assert deferred_flags((Clarification.DISCHARGE_COLOUR,)) == frozenset()


def test_every_question_offers_not_sure() -> None:
    assert all(UNSURE in answers for answers in ANSWERS.values())
