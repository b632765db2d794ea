"""The risk questionnaire (/risk) as a pure state machine over `RiskAnswers`: an answer in, the next step out.

Eligibility comes first (age, breast cancer / DCIS / LCIS, chest radiation, BRCA1/2): the first answer that
rules the model out ends the questionnaire with the reason and what to do instead. Then race/ethnicity,
menarche, first birth, relatives, biopsies and (after a biopsy) atypical hyperplasia. Questions whose answer
is already known are skipped. Closed questions have buttons sending ``risk:<question>.<value>``; "I don't
know" is always offered (except for the age, which the model cannot do without). A typed answer that cannot
be used gets a plain reason and the same question again: nothing already answered is lost.

No Telegram, store or network here; `bot.conversation.risk_routing` wraps the steps into turns. Diagram:
`bot/conversation/flow.mmd`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.keyboard import Keyboard, button_column, button_rows
from bot.risk_answers import RiskAnswers
from bot.risk_parsing import (
    is_unknown,
    parse_count,
    parse_first_birth,
    parse_number,
    parse_race,
    parse_yes_no,
)
from bot.risk_result import RiskOutcome, outcome_of
from clinical import UNKNOWN, Race, RiskInputError, assess, ineligibilities
from clinical.bcrat_recode import MAX_COUNT

RISK_AGE: Final = "risk_age"
RISK_HISTORY: Final = "risk_history"
RISK_CHEST_RADIATION: Final = "risk_chest_radiation"
RISK_BRCA: Final = "risk_brca"
RISK_RACE: Final = "risk_race"
RISK_MENARCHE: Final = "risk_menarche"
RISK_FIRST_BIRTH: Final = "risk_first_birth"
RISK_RELATIVES: Final = "risk_relatives"
RISK_BIOPSIES: Final = "risk_biopsies"
RISK_HYPERPLASIA: Final = "risk_hyperplasia"
# In the order asked; each state is named after the RiskAnswers field it fills.
RISK_STATES: Final = (
    RISK_AGE,
    RISK_HISTORY,
    RISK_CHEST_RADIATION,
    RISK_BRCA,
    RISK_RACE,
    RISK_MENARCHE,
    RISK_FIRST_BIRTH,
    RISK_RELATIVES,
    RISK_BIOPSIES,
    RISK_HYPERPLASIA,
)
BUTTON_KIND: Final = "risk"

MIN_AGE: Final = 1
MAX_AGE: Final = 120
MIN_MENARCHE: Final = 6
MAX_MENARCHE: Final = 25
MIN_FIRST_BIRTH: Final = 10
# The RiskAnswers field each model input error points back to.
FIELD_STATES: Final = {
    "age": RISK_AGE,
    "projection_end_age": RISK_AGE,
    "age_at_menarche": RISK_MENARCHE,
    "age_at_first_birth": RISK_FIRST_BIRTH,
    "first_degree_relatives": RISK_RELATIVES,
    "biopsies": RISK_BIOPSIES,
    "atypical_hyperplasia": RISK_HYPERPLASIA,
    "race": RISK_RACE,
}


@dataclass(frozen=True)
class RiskStep:
    """What to say next: a question (`state` set), or the end (`state` None, `outcome` set)."""

    text: str
    keyboard: Keyboard | None = None
    state: str | None = None
    outcome: RiskOutcome | None = None


def field_of(state: str) -> str:
    """The RiskAnswers field a question fills (``risk_first_birth`` -> ``first_birth``)."""
    return state.removeprefix("risk_")


def next_question(answers: RiskAnswers) -> str | None:
    """The first question not answered yet, or None when the questionnaire can end (done, or the model
    cannot apply: an age outside 35-89, a man, or a "yes" to an eligibility question)."""
    if answers.age is None:
        return RISK_AGE
    if ineligibilities(answers.eligibility()):
        return None
    for state in RISK_STATES[1:]:
        if state == RISK_HYPERPLASIA and not _had_biopsy(answers):
            answers.hyperplasia = UNKNOWN  # the model's only answer without a biopsy
            continue
        if getattr(answers, field_of(state)) is None:
            return state
        if ineligibilities(answers.eligibility()):
            return None
    return None


def _had_biopsy(answers: RiskAnswers) -> bool:
    return isinstance(answers.biopsies, int) and answers.biopsies > 0


def advance(answers: RiskAnswers, language: Language = DEFAULT_LANGUAGE) -> RiskStep:
    """The next question, or the outcome: the reasons the model does not apply, or its estimate."""
    state = next_question(answers)
    if state is not None:
        asked, keyboard = question(state, language)
        return RiskStep(asked, keyboard, state)
    reasons = ineligibilities(answers.eligibility())
    if reasons:
        return RiskStep("", outcome=outcome_of(answers, reasons=reasons, result=None))
    try:
        result = assess(answers.inputs())
    except RiskInputError as error:  # an answer that fits alone but not with the others: ask it again
        state = FIELD_STATES.get(error.field, RISK_AGE)
        setattr(answers, field_of(state), None)
        asked, keyboard = question(state, language)
        return RiskStep(text(language, "risk-answer-did-not-fit") + "\n\n" + asked, keyboard, state)
    return RiskStep("", outcome=outcome_of(answers, reasons=[], result=result))


# --- questions -----------------------------------------------------------------------------------------


QUESTIONS: Final = {state: "risk-ask-" + field_of(state).replace("_", "-") for state in RISK_STATES}
# The buttons of each closed question: callback value -> the catalog message and the variant of its label.
YES_NO: Final = {"yes": "yes", "no": "no", UNKNOWN: UNKNOWN}
COUNTS: Final = {"0": "none", "1": "one", "2": "more", UNKNOWN: UNKNOWN}
BUTTONS: Final[dict[str, tuple[str, dict[str, str]]]] = {
    RISK_HISTORY: (
        "risk-button-history",
        {"breast_cancer": "breast_cancer", "dcis_lcis": "dcis_lcis", "no": "no", UNKNOWN: UNKNOWN},
    ),
    RISK_CHEST_RADIATION: ("risk-button-yes-no", YES_NO),
    RISK_BRCA: ("risk-button-yes-no", YES_NO),
    RISK_HYPERPLASIA: ("risk-button-yes-no", YES_NO),
    RISK_RACE: ("risk-button-race", {**{str(int(race)): race.slug for race in Race}, UNKNOWN: UNKNOWN}),
    RISK_MENARCHE: ("risk-button-yes-no", {UNKNOWN: UNKNOWN}),
    RISK_FIRST_BIRTH: ("risk-button-first-birth", {"none": "none", UNKNOWN: UNKNOWN}),
    RISK_RELATIVES: ("risk-button-count", COUNTS),
    RISK_BIOPSIES: ("risk-button-count", COUNTS),
}


def question(state: str, language: Language = DEFAULT_LANGUAGE) -> tuple[str, Keyboard | None]:
    """The text and buttons of one question."""
    buttons = _buttons(state, language)
    return text(language, QUESTIONS[state]), _keyboard(state, buttons) if buttons else None


def _buttons(state: str, language: Language = DEFAULT_LANGUAGE) -> dict[str, str]:
    """A closed question's buttons: callback value -> label ("I don't know" for every unknown)."""
    if state not in BUTTONS:
        return {}
    message, variants = BUTTONS[state]
    return {
        value: text(language, "risk-dont-know")
        if variant == UNKNOWN
        else text(language, message, **{"race" if state == RISK_RACE else "answer": variant})
        for value, variant in variants.items()
    }


def _keyboard(state: str, buttons: dict[str, str]) -> Keyboard:
    """Buttons sending ``risk:<field>.<value>``: one per row for long labels, else up to four a row."""
    values = {f"{field_of(state)}.{value}": label for value, label in buttons.items()}
    if state in (RISK_RACE, RISK_HISTORY):
        return button_column(BUTTON_KIND, values)
    return button_rows(BUTTON_KIND, values, per_row=4)


# --- answers -------------------------------------------------------------------------------------------


def apply_button(answers: RiskAnswers, state: str, value: str) -> bool:
    """Apply a ``<field>.<value>`` button press; False when it does not answer the current question."""
    name, _, choice = value.partition(".")
    if state not in RISK_STATES or name != field_of(state) or choice not in BUTTONS.get(state, ("", {}))[1]:
        return False
    stored: int | str = choice
    if state in (RISK_RACE, RISK_RELATIVES, RISK_BIOPSIES) and choice != UNKNOWN:
        stored = int(choice)
    setattr(answers, field_of(state), stored)
    return True


def apply_text(
    answers: RiskAnswers, state: str, typed: str, language: Language = DEFAULT_LANGUAGE
) -> str | None:
    """Apply a typed answer to the question of `state`: None when applied, else what was wrong (a plain
    sentence in `language` to send before the question again)."""
    readers: dict[str, Callable[[RiskAnswers, str], Problem]] = {
        RISK_AGE: _read_age,
        RISK_MENARCHE: _read_menarche,
        RISK_FIRST_BIRTH: _read_first_birth,
        RISK_RELATIVES: _read_relatives,
        RISK_BIOPSIES: _read_biopsies,
        RISK_RACE: _read_race,
    }
    reader = readers.get(state)
    problem = reader(answers, typed) if reader is not None else _read_choice(answers, typed, state)
    if problem is None:
        return None
    message, args = problem
    return text(language, message, **args)


# What was wrong with a typed answer: a catalog message and its arguments (None: the answer was applied).
Problem = tuple[str, dict[str, str | int]] | None


def _read_age(answers: RiskAnswers, typed: str) -> Problem:
    number = parse_number(typed)
    if number is None:
        return ("risk-age-needed" if is_unknown(typed) else "risk-age-again"), {}
    if not MIN_AGE <= number <= MAX_AGE:
        return "risk-age-range", {"low": MIN_AGE, "high": MAX_AGE}
    answers.age = number
    return None


def _read_menarche(answers: RiskAnswers, typed: str) -> Problem:
    if is_unknown(typed):
        answers.menarche = UNKNOWN
        return None
    number = parse_number(typed)
    if number is None:
        return "risk-menarche-again", {}
    age = answers.age or MAX_AGE
    if not MIN_MENARCHE <= number <= min(MAX_MENARCHE, age):
        return "risk-menarche-range", {"low": MIN_MENARCHE, "high": MAX_MENARCHE, "age": _fmt(age)}
    answers.menarche = number
    return None


def _read_first_birth(answers: RiskAnswers, typed: str) -> Problem:
    value = parse_first_birth(typed)
    if value is None:
        return "risk-first-birth-again", {}
    if isinstance(value, float):
        low = answers.menarche if isinstance(answers.menarche, int | float) else MIN_FIRST_BIRTH
        high = answers.age or MAX_AGE
        if not low <= value <= high:
            return "risk-first-birth-range", {"low": _fmt(low), "high": _fmt(high)}
    answers.first_birth = value
    return None


def _read_relatives(answers: RiskAnswers, typed: str) -> Problem:
    return _read_count(answers, typed, "relatives")


def _read_biopsies(answers: RiskAnswers, typed: str) -> Problem:
    return _read_count(answers, typed, "biopsies")


def _read_count(answers: RiskAnswers, typed: str, name: str) -> Problem:
    value = parse_count(typed)
    if value is None:
        return "risk-count-again", {}
    if isinstance(value, int) and not 0 <= value <= MAX_COUNT:
        return "risk-count-range", {"high": MAX_COUNT}
    setattr(answers, name, value)
    return None


def _read_race(answers: RiskAnswers, typed: str) -> Problem:
    value = parse_race(typed)
    if value is None:
        lowered = typed.lower()
        hispanic = "hispanic" in lowered or "latin" in lowered
        return ("risk-race-hispanic" if hispanic else "answer-with-buttons"), {}
    answers.race = value
    return None


def _read_choice(answers: RiskAnswers, typed: str, state: str) -> Problem:
    """Yes/no/unknown questions; for the history question a plain "yes" is not enough (which one?)."""
    choice = parse_yes_no(typed)
    if state == RISK_HISTORY:
        lowered = typed.lower()
        if "dcis" in lowered or "lcis" in lowered or "in situ" in lowered:
            choice = "dcis_lcis"
        elif choice == "yes":
            choice = "breast_cancer" if "cancer" in lowered else None
    if choice is None:
        return "answer-with-buttons", {}
    setattr(answers, field_of(state), choice)
    return None


def _fmt(value: float) -> str:
    return f"{value:g}"
