"""The red-flag evaluation sets (tests/data/red_flag_*.yml) and a truthful patient who answers the bot.

The sets were written apart from the NLU training data, by someone who did not read the bot's code. Each
message has the facts it implies; the patient answers every question, button or typed, from those facts
alone, so a test can drive a whole conversation and see whether the red flag was escalated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the lock

DATA = Path(__file__).resolve().parent / "data"
EVALUATION_SET = DATA / "red_flag_eval.yml"
DEVELOPMENT_SET = DATA / "red_flag_dev.yml"
LUMP_RULES = frozenset({"lump_age_30_plus", "armpit_lump_age_30_plus", "lump_in_a_man"})
MAX_TURNS = 10


@dataclass(frozen=True)
class Case:
    """One message of an evaluation set: its text, the red flag it holds (None: none) and its facts."""

    text: str
    rule: str | None
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def is_red_flag(self) -> bool:
        return self.rule is not None


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    flagged = [Case(item["text"], item["rule"], dict(item.get("facts") or {})) for item in data["red_flags"]]
    plain = [Case(item["text"], None, dict(item.get("facts") or {})) for item in data["not_red_flags"]]
    return flagged + plain


def _duration_button(days: int | None) -> str:
    if days is None or days < 14:
        return "lt2w"
    return "2to6w" if days <= 42 else "gt6w"


def button_answer(case: Case, buttons: list[str]) -> str | None:
    """The callback data the patient presses among `buttons`, or None when none of them is a question
    the patient recognises."""
    facts = case.facts
    kinds = {data.split(":", 1)[0] for data in buttons}
    if kinds == {"clarify"}:
        name = buttons[0].split(":")[1]
        answer = _clarifying_answer(case, name)
        return f"clarify:{name}:{answer}"
    if kinds == {"side"}:
        return f"side:{facts.get('side') or 'left'}"
    if kinds == {"dur"}:
        return f"dur:{_duration_button(facts.get('duration_days'))}"
    if kinds == {"preg"}:
        return "preg:neither"
    if kinds == {"fam"}:
        return "fam:no"
    return None


def _clarifying_answer(case: Case, name: str) -> str:
    """What the facts say. Where they say nothing the bot asked about something the message did not
    describe: the truthful answer is then the plain one (no blood, always like that, none, no lump)."""
    facts = case.facts
    if name == "discharge_colour":
        return str(facts.get("discharge_colour") or "clear")
    if name == "nipple_onset":
        return str(facts.get("nipple_onset") or "lifelong")
    if name == "skin_change":
        return str(facts.get("skin_change") or "none")
    return "lump" if case.rule in LUMP_RULES else "whole_breast"


def typed_answer(case: Case) -> str:
    """The answer to "How old are you?" (the one question answered by typing)."""
    return str(case.facts["age"])
