"""The one closed question a triage nurse would ask when a finding is one fact away from a red flag.

| clarification    | asked when                                   | answers ("unsure" counts as)          |
| ---------------- | -------------------------------------------- | ------------------------------------- |
| discharge_colour | nipple discharge, colour not said            | blood / clear / unsure -> blood       |
| nipple_onset     | a nipple turned in or flat, not new nor old  | recent / lifelong / unsure -> recent  |
| skin_change      | a skin change that is not described          | dimpling / orange_peel / sore /       |
|                  |                                              | redness / none / unsure -> dimpling   |
| lump_or_swelling | the breast swollen, no lump said             | lump / whole_breast / unsure -> lump  |

Each is asked at most once per finding; the answer is kept as data and applied to the findings with
`apply_answers`, so the red-flag rules stay the only place that decides. A nipple change of unknown onset is
already a red flag for `red_flags` (the safe default where nothing can be asked); while its question is
open, `deferred_flags` holds that flag back until the person answers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from enum import StrEnum

from clinical.red_flags import Findings, RedFlag

UNSURE = "unsure"


class Clarification(StrEnum):
    DISCHARGE_COLOUR = "discharge_colour"
    NIPPLE_ONSET = "nipple_onset"
    SKIN_CHANGE = "skin_change"
    LUMP_OR_SWELLING = "lump_or_swelling"


ANSWERS: dict[Clarification, tuple[str, ...]] = {
    Clarification.DISCHARGE_COLOUR: ("blood", "clear", UNSURE),
    Clarification.NIPPLE_ONSET: ("recent", "lifelong", UNSURE),
    Clarification.SKIN_CHANGE: ("dimpling", "orange_peel", "sore", "redness", "none", UNSURE),
    Clarification.LUMP_OR_SWELLING: ("lump", "whole_breast", UNSURE),
}
_SKIN_SYMPTOMS = {"dimpling": "skin_dimpling", "orange_peel": "peau_d_orange", "sore": "ulceration",
                  "redness": "redness", UNSURE: "skin_dimpling"}  # fmt: skip
_NAMES = frozenset(clarification.value for clarification in Clarification)
_DESCRIBED_SKIN = frozenset({"skin_dimpling", "peau_d_orange", "ulceration", "redness"})


def open_clarifications(findings: Findings, answered: Collection[str] = ()) -> tuple[Clarification, ...]:
    """The questions still worth asking, most urgent first (never one already answered)."""
    symptoms = findings.symptoms
    found: list[Clarification] = []
    if (
        "nipple_discharge" in symptoms
        and "bloody_nipple_discharge" not in symptoms
        and not findings.discharge_not_bloody
    ):
        found.append(Clarification.DISCHARGE_COLOUR)
    if (
        "nipple_retraction" in symptoms
        and not findings.recent_nipple_change
        and not findings.longstanding_nipple_change
    ):
        found.append(Clarification.NIPPLE_ONSET)
    if "skin_change" in symptoms and not symptoms & _DESCRIBED_SKIN:
        found.append(Clarification.SKIN_CHANGE)
    if "swelling" in symptoms and not symptoms & {"lump", "armpit_lump"}:
        found.append(Clarification.LUMP_OR_SWELLING)
    return tuple(clarification for clarification in found if clarification not in answered)


def deferred_flags(open_questions: Collection[Clarification]) -> frozenset[RedFlag]:
    """Flags not to raise yet because their deciding question is about to be asked."""
    return (
        frozenset({RedFlag.NIPPLE_RETRACTION})
        if Clarification.NIPPLE_ONSET in open_questions
        else frozenset()
    )


def is_answer(clarification: Clarification, answer: str) -> bool:
    return answer in ANSWERS[clarification]


def apply_answers(findings: Findings, answers: Mapping[str, str]) -> Findings:
    """`findings` with every stored answer applied ("not sure" taken the safe way)."""
    for name, answer in answers.items():
        if name in _NAMES:
            findings = _apply(findings, Clarification(name), answer)
    return findings


def _apply(findings: Findings, clarification: Clarification, answer: str) -> Findings:
    symptoms = set(findings.symptoms)
    if clarification is Clarification.DISCHARGE_COLOUR:
        if answer == "clear":
            return replace(findings, discharge_not_bloody=True)
        symptoms.add("bloody_nipple_discharge")
    elif clarification is Clarification.NIPPLE_ONSET:
        if answer == "lifelong":
            return replace(findings, longstanding_nipple_change=True, recent_nipple_change=False)
        return replace(findings, recent_nipple_change=True)
    elif clarification is Clarification.SKIN_CHANGE:
        if answer in _SKIN_SYMPTOMS:
            symptoms.add(_SKIN_SYMPTOMS[answer])
    elif answer in ("lump", UNSURE):
        symptoms.add("lump")
    return replace(findings, symptoms=frozenset(symptoms))
