"""Typed answers to the risk questions: numbers, yes/no/"I don't know", counts, first birth, race."""

from __future__ import annotations

import pytest

from bot.risk_parsing import (
    is_unknown,
    parse_count,
    parse_first_birth,
    parse_number,
    parse_race,
    parse_yes_no,
)
from clinical import UNKNOWN, Race


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12.0), ("I was 12.", 12.0), ("12.5", 12.5), ("12,5", 12.5), ("twelve", 12.0),
     ("about 13 i think", 13.0), ("12 or 13", None), ("no idea", None), ("", None)],
)  # fmt: skip
def test_numbers(text: str, number: float | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "answer"),
    [("yes", "yes"), ("Yes I have", "yes"), ("no", "no"), ("never", "no"), ("I don't know", UNKNOWN),
     ("not sure", UNKNOWN), ("?", UNKNOWN), ("maybe later", None)],
)  # fmt: skip
def test_yes_no_and_unknown(text: str, answer: str | None) -> None:
    assert parse_yes_no(text) == answer
    assert is_unknown(text) == (answer == UNKNOWN)


@pytest.mark.parametrize(
    ("text", "count"),
    [("none", 0), ("no", 0), ("0", 0), ("one", 1), ("once", 1), ("twice", 2), ("3", 3),
     ("don't know", UNKNOWN), ("1.5", None), ("lots", None)],
)  # fmt: skip
def test_counts(text: str, count: int | str | None) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize(
    ("text", "answer"),
    [("27", 27.0), ("I was 31", 31.0), ("no children", "none"), ("I haven't had kids", "none"),
     ("none", "none"), ("can't remember", UNKNOWN), ("soon", None)],
)  # fmt: skip
def test_first_birth(text: str, answer: float | str | None) -> None:
    assert parse_first_birth(text) == answer


@pytest.mark.parametrize(
    ("text", "race"),
    [("white", 1), ("Caucasian", 1), ("black", 2), ("Hispanic US born", 3), ("Chinese", 6),
     ("I'm Japanese", 7), ("filipina", 8), ("asian", 11), ("Chinese, so Asian", 6), ("unknown", UNKNOWN),
     ("hispanic", None), ("martian", None)],
)  # fmt: skip
def test_race(text: str, race: int | str | None) -> None:
    assert parse_race(text) == race
    if isinstance(race, int):
        assert Race(race)
