"""The red-flag evaluation in Hindi and Kannada, native script and romanised, as the English one is run:
the dialogue with the NLU down, then every message through the emulator, the bot and the real Rasa server.

Done means 100% of the red flags escalated in every language and form, at most 5% of the plain messages.
The bot may still answer in English: what is asserted is the escalation, not the wording.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bcdbot.processes import ManagedProcess
from bcdbot.stack import StackConfig
from clinical.script_normal import tokens
from tests.red_flag_patient import DATA, load_cases
from tests.test_red_flag_evaluation import (
    MAX_PLAIN_ESCALATED,
    PATIENTS_AT_ONCE,
    ROOT,
    _keyword_only,
    _report,
    _through_the_stack,
)

LANGUAGE_SETS = {
    form: DATA / f"red_flag_eval_{form}.yml" for form in ("hi", "hi_latn", "kn", "kn_latn")
}  # fmt: skip
MIN_RED_FLAGS = 40
MIN_PLAIN = 20


def _words(text: str) -> str:
    """A sentence as the lexicon reads it (every spelling and script of a word alike), annotations off."""
    return " ".join(token.key for token in tokens(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)) if token.key)


def _training_texts() -> set[str]:
    lines = []
    for path in sorted((ROOT / "nlu" / "data").rglob("*.yml")):
        lines += [line.strip()[2:] for line in path.read_text(encoding="utf-8").splitlines()]
    return {_words(line) for line in lines if line.strip()} - {""}


def _sets() -> list[Path]:
    return list(LANGUAGE_SETS.values())


@pytest.mark.parametrize("path", _sets(), ids=list(LANGUAGE_SETS))
def test_each_set_is_as_large_as_promised_and_apart_from_the_training_data(path: Path) -> None:
    cases = load_cases(path)
    assert sum(case.is_red_flag for case in cases) >= MIN_RED_FLAGS
    assert sum(not case.is_red_flag for case in cases) >= MIN_PLAIN
    assert len({case.rule for case in cases if case.rule}) == 9
    training = _training_texts()
    assert [case.text for case in cases if _words(case.text) in training] == []


@pytest.mark.parametrize("path", _sets(), ids=list(LANGUAGE_SETS))
def test_the_keyword_backstop_alone_escalates_every_red_flag(path: Path) -> None:
    cases = load_cases(path)
    missed, false, line = _report([_keyword_only(case) for case in cases])
    print(f"\n{path.stem}, NLU down: {line}")
    assert [outcome.case.text for outcome in missed] == []
    assert len(false) <= MAX_PLAIN_ESCALATED * sum(not case.is_red_flag for case in cases)


@pytest.mark.integration
def test_every_red_flag_in_every_language_is_escalated_through_the_real_stack(
    emulator_url: str, bot: ManagedProcess, stack: StackConfig
) -> None:
    lines, missed_all, false_all = [], [], []
    for form, path in LANGUAGE_SETS.items():
        cases = load_cases(path)
        with ThreadPoolExecutor(max_workers=PATIENTS_AT_ONCE) as pool:
            outcomes = list(pool.map(lambda case: _through_the_stack(emulator_url, stack, case), cases))
        missed, false, line = _report(outcomes)
        lines.append(f"{form}: {line}")
        missed_all += [(form, o.case.text, o.transcript) for o in missed]
        if len(false) > MAX_PLAIN_ESCALATED * sum(not case.is_red_flag for case in cases):
            false_all += [(form, o.case.text, o.escalated) for o in false]
    print("\nthrough the stack:\n" + "\n".join(lines))
    assert missed_all == []
    assert false_all == []
