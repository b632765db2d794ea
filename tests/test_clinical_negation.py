"""Negation: what a person denies is not a finding; doubt, history and change are never read as denial."""

from __future__ import annotations

import pytest

from clinical.keyword_backstop import keyword_findings, keyword_symptoms
from clinical.negation import is_negated, negated_spans


def denied(text: str, word: str) -> bool:
    start = text.index(word)
    return is_negated(negated_spans(text), start, start + len(word))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("some discharge but no blood", "blood"),
        ("it's not a lump, just tender", "lump"),
        ("I don't have any discharge", "discharge"),
        ("there is no lump or bleeding", "bleeding"),
        ("I can't feel a lump anywhere", "lump"),
        ("without any pain", "pain"),
    ],
)
def test_denied_findings(text: str, word: str) -> None:
    assert denied(text, word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("I'm not sure if it is a lump", "lump"),
        ("no pain but there is a lump", "lump"),
        ("no lump before, now there is one", "lump"),
        ("my nipple was never inverted before", "inverted"),
        ("no idea whether it is blood", "blood"),
        ("it is not always like this, the nipple is inverted", "inverted"),
    ],
)
def test_doubt_history_and_other_clauses_are_not_denial(text: str, word: str) -> None:
    assert not denied(text, word)


def test_denied_symptoms_leave_the_backstop() -> None:
    assert keyword_symptoms("not a lump, my breast is just sore") == {"pain"}
    assert keyword_findings("clear discharge from my nipple, no blood").discharge_not_bloody
    assert "bloody_nipple_discharge" not in keyword_symptoms("discharge from my nipple, no blood in it")
