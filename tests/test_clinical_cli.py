"""The ``bcdbot risk`` subcommand, registered on a fresh argparse parser."""

from __future__ import annotations

import argparse
import json

import pytest

from clinical import Hyperplasia, Race, RiskInputs, assess
from clinical.risk_cli import DISCLAIMER, register

EXAMPLE = [
    "--age", "45", "--menarche", "12", "--first-birth", "25", "--relatives", "1",
    "--biopsies", "1", "--hyperplasia", "unknown", "--race", "white",
]  # fmt: skip


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bcdbot")
    commands = parser.add_subparsers(dest="command", required=True)
    register(commands)
    args = parser.parse_args(["risk", *argv])
    code = args.handler(args)
    assert isinstance(code, int)
    return code


def _with(**options: str) -> list[str]:
    argv = list(EXAMPLE)
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        argv[argv.index(flag) + 1] = value
    return argv


def _expected() -> tuple[float, float, float, float]:
    result = assess(
        RiskInputs(
            age=45,
            age_at_menarche=12,
            age_at_first_birth=25,
            first_degree_relatives=1,
            biopsies=1,
            atypical_hyperplasia=Hyperplasia.UNKNOWN,
            race=Race.WHITE,
        )
    )
    assert result.five_year_risk is not None
    assert result.average_five_year_risk is not None
    assert result.average_lifetime_risk is not None
    return (
        result.five_year_risk,
        result.average_five_year_risk,
        result.lifetime_risk,
        result.average_lifetime_risk,
    )


def test_plain_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(EXAMPLE) == 0
    out = capsys.readouterr().out
    five, average_five, lifetime, average_lifetime = _expected()
    assert (
        f"about {five:.1f} in 100 women like you develop breast cancer in the next 5 years; "
        f"the average for your age is {average_five:.1f} in 100." in out
    )
    assert (
        f"about {lifetime:.1f} in 100 women like you develop breast cancer by age 90; "
        f"the average for your age is {average_lifetime:.1f} in 100." in out
    )
    assert DISCLAIMER in out
    assert "not a medical device" in out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run([*EXAMPLE, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    five, average_five, lifetime, average_lifetime = _expected()
    assert payload["applies"] is True
    assert payload["five_year_risk_percent"] == pytest.approx(five)
    assert payload["average_five_year_risk_percent"] == pytest.approx(average_five)
    assert payload["lifetime_risk_percent"] == pytest.approx(lifetime)
    assert payload["average_lifetime_risk_percent"] == pytest.approx(average_lifetime)
    assert payload["categories"] == {"NB_Cat": 1, "AM_Cat": 1, "AF_Cat": 2, "NR_Cat": 1, "R_Hyp": 1.0}
    assert payload["relative_risk_under_50"] > payload["relative_risk_50_and_over"] > 1
    assert payload["inputs"]["race"] == "white"
    assert payload["inputs"]["projection_end_age"] == 50
    assert payload["disclaimer"] == DISCLAIMER


def test_none_and_unknown_answers(capsys: pytest.CaptureFixture[str]) -> None:
    argv = _with(first_birth="none", menarche="unknown", relatives="unknown", biopsies="0", race="chinese")
    assert _run([*argv, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["inputs"]["age_at_first_birth"] == "none"
    assert payload["inputs"]["age_at_menarche"] == "unknown"
    assert payload["average_five_year_risk_percent"] is None
    assert _run(_with(first_birth="unknown", race="hispanic-foreign-born")) == 0
    out = capsys.readouterr().out
    assert "in the next 5 years." in out
    assert "No average is available" in out


def test_past_85_only_the_risk_to_90_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(_with(age="87")) == 0
    out = capsys.readouterr().out
    assert "next 5 years" not in out
    assert "by age 90" in out


@pytest.mark.parametrize(
    ("options", "flag"),
    [
        ({"age": "19"}, "--age"),
        ({"age": "ninety"}, "--age"),
        ({"age": "90"}, "--age"),
        ({"menarche": "50"}, "--menarche"),
        ({"first_birth": "50"}, "--first-birth"),
        ({"first_birth": "10"}, "--first-birth"),
        ({"relatives": "two"}, "--relatives"),
        ({"relatives": "-1"}, "--relatives"),
        ({"biopsies": "1.5"}, "--biopsies"),
        ({"hyperplasia": "maybe"}, "--hyperplasia"),
        ({"biopsies": "0", "hyperplasia": "yes"}, "--hyperplasia"),
        ({"race": "martian"}, "--race"),
    ],
)
def test_a_bad_answer_exits_2_naming_the_option(
    options: dict[str, str], flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(_with(**options)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{flag}:" in captured.err
    assert _run([*_with(**options), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["option"] == flag


def test_when_the_model_does_not_apply_it_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run([*_with(age="30"), "--brca-mutation"]) == 1
    out = capsys.readouterr().out
    assert "35 or older" in out
    assert "genetic counselling" in out
    assert "in 100 women" not in out
    assert _run([*EXAMPLE, "--had-dcis-or-lcis", "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["applies"] is False
    assert any("DCIS" in reason for reason in payload["reasons"])


def test_missing_option_is_an_argparse_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        _run(["--age", "45"])
    assert stopped.value.code == 2
    assert "--race" in capsys.readouterr().err
