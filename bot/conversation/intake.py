"""What the person has told so far (`Intake`), read from free text: the NLU's entities merged with the
keyword backstop, denied findings left out, and the summary echoed back from canonical findings.

No Telegram, store or network here; `bot.conversation.flow` decides what to ask next.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.catalog import DEFAULT_LANGUAGE, Language, english
from bot.conversation.summary import summary as compose_summary
from clinical.clarifying import ANSWERS, Clarification, apply_answers, open_clarifications
from clinical.indic_gloss import gloss
from clinical.keyword_backstop import keyword_findings, parse_duration_days
from clinical.negation import is_negated, negated_spans
from clinical.red_flags import Findings
from clinical.symptom_lexicon import canonical_symptoms
from nlu import ParseResult

_SIDES = {
    "left": re.compile(r"\b(left|lft|lef)\b", re.I),
    "right": re.compile(r"\b(right|rite|rigth|riht)\b", re.I),
}
_BOTH = re.compile(r"\bboth\b|\bbilateral\b", re.I)
_PREGNANT = re.compile(r"\bpregnan\w*|expecting\b", re.I)
_BREASTFEEDING = re.compile(r"breast ?-?feed\w*|nursing", re.I)


@dataclass
class Intake:
    """What the person has told so far; None means not known yet."""

    symptoms: list[str] = field(default_factory=list)
    side: str | None = None
    duration: str | None = None
    duration_days: int | None = None
    age: int | None = None
    male: bool = False
    pregnancy: str | None = None
    family_history: str | None = None
    location: str | None = None
    longstanding_nipple_change: bool = False
    recent_nipple_change: bool = False
    discharge_not_bloody: bool = False
    rash_not_clearing: bool = False
    clarified: dict[str, str] = field(default_factory=dict)  # clarification -> answer (clinical.clarifying)
    escalated: list[str] = field(default_factory=list)

    def findings(self) -> Findings:
        """What is known, with the clarifying answers applied."""
        told = Findings(
            symptoms=frozenset(self.symptoms),
            age=self.age,
            male=self.male,
            duration_days=self.duration_days,
            longstanding_nipple_change=self.longstanding_nipple_change,
            recent_nipple_change=self.recent_nipple_change,
            discharge_not_bloody=self.discharge_not_bloody,
            rash_not_clearing=self.rash_not_clearing,
        )
        return apply_answers(told, self.clarified)

    def open_questions(self) -> tuple[Clarification, ...]:
        return open_clarifications(self.findings(), self.clarified)

    def answers(self) -> dict[str, Any]:
        """The answers as stored with a case (no red-flag bookkeeping)."""
        data = asdict(self)
        data.pop("escalated")
        return {key: value for key, value in data.items() if value not in (None, False, [], {})}


def absorb(intake: Intake, parse: ParseResult | None, text: str) -> bool:
    """Merge the NLU's entities and the keyword backstop into `intake`; True if a symptom was found."""
    keywords = keyword_findings(text)
    symptoms = _nlu_symptoms(parse, text)
    if "armpit_lump" in keywords.symptoms and "lump" not in keywords.symptoms:
        symptoms.discard("lump")  # "a lump in my armpit" is one armpit lump, not also a breast lump
    if "lump" in keywords.symptoms or "armpit_lump" in keywords.symptoms:
        symptoms.discard("swelling")
    symptoms |= keywords.symptoms
    for symptom in sorted(symptoms - set(intake.symptoms)):
        intake.symptoms.append(symptom)
    # The keywords' age first: its pattern knows "3 weeks" is not an age, and a wrong age hides a lump's flag.
    intake.age = intake.age if intake.age is not None else keywords.age
    if parse is not None:
        _absorb_entities(intake, parse)
    intake.side = intake.side or side_in(gloss(text), strict=True)  # "baayein stan" reads "left breast"
    if intake.duration_days is None and keywords.duration_days is not None:
        intake.duration_days = keywords.duration_days
    intake.male = intake.male or keywords.male
    if "nipple_retraction" in symptoms:  # onset words count only where the nipple change is mentioned
        intake.longstanding_nipple_change |= keywords.longstanding_nipple_change
        intake.recent_nipple_change |= keywords.recent_nipple_change
    if symptoms & {"nipple_discharge", "bloody_nipple_discharge"}:
        intake.discharge_not_bloody |= keywords.discharge_not_bloody
    intake.rash_not_clearing |= keywords.rash_not_clearing
    if intake.pregnancy is None:
        intake.pregnancy = pregnancy_in(text)
    return bool(symptoms)


def _nlu_symptoms(parse: ParseResult | None, text: str) -> set[str]:
    """The NLU's canonical symptoms that the person did not deny ("not a lump")."""
    if parse is None:
        return set()
    denied = negated_spans(text)
    known = canonical_symptoms()
    symptoms = {
        entity.value
        for entity in parse.entities
        if entity.entity == "symptom"
        and entity.value in known
        and not is_negated(denied, entity.start, entity.end)
    }
    if parse.first("location") == "armpit" and symptoms & {"lump", "swelling"}:
        symptoms -= {"lump", "swelling"}
        symptoms.add("armpit_lump")
    return symptoms


def _absorb_entities(intake: Intake, parse: ParseResult) -> None:
    side = parse.first("body_side")
    if side in ("left", "right", "both") and intake.side is None:
        intake.side = side
    duration = parse.first("duration")
    if duration and intake.duration_days is None:
        intake.duration_days = parse_duration_days(duration)
    age = _stated_age(parse)
    if age is not None and intake.age is None:
        intake.age = age
    if parse.first("family_history") and intake.family_history is None:
        intake.family_history = "yes"
    pregnancy = parse.first("pregnancy")
    if pregnancy in ("pregnant", "breastfeeding") and intake.pregnancy is None:
        intake.pregnancy = pregnancy
    intake.location = intake.location or parse.first("location")


def side_in(text: str, *, strict: bool) -> str | None:
    if _BOTH.search(text):
        return "both"
    found = [side for side, pattern in _SIDES.items() if pattern.search(text)]
    if len(found) == 1:
        # In free text "right" is often "that's right": only trust it next to a breast word.
        if strict and not re.search(r"\b(breast|boob|side|nipple|armpit|chest|one)\b", text, re.I):
            return None
        return found[0]
    return "both" if len(found) == 2 else None


def pregnancy_in(text: str) -> str | None:
    if _BREASTFEEDING.search(text):
        return "breastfeeding"
    if _PREGNANT.search(text):
        return "pregnant"
    return None


NAMES = frozenset(clarification.value for clarification in Clarification)


def summary(intake: Intake, language: Language = DEFAULT_LANGUAGE) -> str:
    """One sentence restating what was understood, from the canonical findings (`summary.summary`)."""
    findings = intake.findings()
    said = [symptom for symptom in intake.symptoms if symptom in findings.symptoms]
    symptoms = said + sorted(findings.symptoms - set(said))
    if "bloody_nipple_discharge" in symptoms:
        symptoms = [symptom for symptom in symptoms if symptom != "nipple_discharge"]
    if "lump" in symptoms:
        symptoms = [symptom for symptom in symptoms if symptom != "swelling"]
    if {"skin_dimpling", "peau_d_orange", "ulceration", "redness"} & set(symptoms):
        symptoms = [symptom for symptom in symptoms if symptom != "skin_change"]
    return compose_summary(
        symptoms,
        side=intake.side,
        male=intake.male,
        duration_days=intake.duration_days,
        duration_choice=intake.duration,
        language=language,
    )


def clarification_record(intake: Intake) -> tuple[tuple[str, str], ...]:
    """The clarifying questions answered so far, in words, for the clinician reading an escalation."""
    return tuple(
        (english("clarify-question", name=name), english("clarify-button", name=name, answer=answer))
        for name, answer in intake.clarified.items()
        if name in NAMES and answer in ANSWERS[Clarification(name)]
    )


_TIME_UNIT_AFTER = re.compile(r"\s*-?\s*(days?|weeks?|wks?|months?|mths?|years? ago|yrs? ago|hours?)\b", re.I)


def _stated_age(parse: ParseResult) -> int | None:
    """The NLU's age entity, unless it is the number of a duration ("3 weeks") or out of range."""
    for entity in parse.entities:
        if entity.entity != "age" or not entity.value.isdigit() or not 1 <= int(entity.value) <= 120:
            continue
        if _TIME_UNIT_AFTER.match(parse.text, entity.end):
            continue
        return int(entity.value)
    return None
