"""Indian digits are read as numbers in every answer that takes one, and written back only on request."""

from __future__ import annotations

import pytest

from bot.conversation.answers import apply_text
from bot.conversation.intake import Intake
from bot.conversation.state import ASK_AGE, ASK_DURATION
from bot.digits import DigitStyle, digit_style, western_digits, write_digits
from bot.risk_parsing import parse_count, parse_first_birth, parse_number


@pytest.mark.parametrize(
    ("typed", "western"), [("४५", "45"), ("೪೫", "45"), ("45", "45"), ("उम्र ४५ साल", "उम्र 45 साल")]
)
def test_indian_digits_read_as_western(typed: str, western: str) -> None:
    assert western_digits(typed) == western


@pytest.mark.parametrize("typed", ["४५", "೪೫", "45"])
def test_age_answer_in_any_digits(typed: str) -> None:
    intake = Intake(symptoms=["lump"])
    assert apply_text(intake, ASK_AGE, None, typed)
    assert intake.age == 45


def test_duration_answer_in_devanagari_digits() -> None:
    intake = Intake(symptoms=["lump"])
    assert apply_text(intake, ASK_DURATION, None, "३ weeks")
    assert intake.duration_days == 21


@pytest.mark.parametrize(("typed", "number"), [("५२", 52.0), ("೧೨", 12.0), ("I was ೨೭", 27.0)])
def test_risk_numbers_in_any_digits(typed: str, number: float) -> None:
    assert parse_number(typed) == number
    assert parse_first_birth(typed) == number


def test_risk_count_in_kannada_digits() -> None:
    assert parse_count("೨") == 2


def test_digit_style_of_a_message() -> None:
    assert digit_style("ನನಗೆ ೪೫ ವರ್ಷ") == DigitStyle.KANNADA
    assert digit_style("मैं ४५ की हूँ") == DigitStyle.DEVANAGARI
    assert digit_style("45") == DigitStyle.WESTERN
    assert digit_style("no digits") is None
    assert digit_style("४5") is None


def test_written_western_by_default_and_in_a_style_on_request() -> None:
    assert write_digits("about 1.9 in 100") == "about 1.9 in 100"
    assert write_digits("1.9 / 100", DigitStyle.DEVANAGARI) == "१.९ / १००"
    assert write_digits("45", DigitStyle.KANNADA) == "೪೫"
    assert western_digits(write_digits("0123456789", DigitStyle.KANNADA)) == "0123456789"
