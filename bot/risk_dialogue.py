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

from bot import replies, risk_replies
from bot.catalog import english
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
from clinical import UNKNOWN, Race, RiskInputError, assess, ineligibility_reasons
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
    if ineligibility_reasons(answers.eligibility()):
        return None
    for state in RISK_STATES[1:]:
        if state == RISK_HYPERPLASIA and not _had_biopsy(answers):
            answers.hyperplasia = UNKNOWN  # the model's only answer without a biopsy
            continue
        if getattr(answers, field_of(state)) is None:
            return state
        if ineligibility_reasons(answers.eligibility()):
            return None
    return None


def _had_biopsy(answers: RiskAnswers) -> bool:
    return isinstance(answers.biopsies, int) and answers.biopsies > 0


def advance(answers: RiskAnswers) -> RiskStep:
    """The next question, or the outcome: the reasons the model does not apply, or its estimate."""
    state = next_question(answers)
    if state is not None:
        text, keyboard = question(state)
        return RiskStep(text, keyboard, state)
    reasons = ineligibility_reasons(answers.eligibility())
    if reasons:
        return RiskStep("", outcome=outcome_of(answers, reasons=reasons, result=None))
    try:
        result = assess(answers.inputs())
    except RiskInputError as error:  # an answer that fits alone but not with the others: ask it again
        state = FIELD_STATES.get(error.field, RISK_AGE)
        setattr(answers, field_of(state), None)
        text, keyboard = question(state)
        problem = risk_replies.RISK_ANSWER_DID_NOT_FIT.format(problem=error.message)
        return RiskStep(problem + "\n\n" + text, keyboard, state)
    return RiskStep("", outcome=outcome_of(answers, reasons=[], result=result))


# --- questions -----------------------------------------------------------------------------------------


def question(state: str) -> tuple[str, Keyboard | None]:
    """The text and buttons of one question."""
    texts = {
        RISK_AGE: risk_replies.RISK_ASK_AGE,
        RISK_HISTORY: risk_replies.RISK_ASK_HISTORY,
        RISK_CHEST_RADIATION: risk_replies.RISK_ASK_CHEST_RADIATION,
        RISK_BRCA: risk_replies.RISK_ASK_BRCA,
        RISK_RACE: risk_replies.RISK_ASK_RACE,
        RISK_MENARCHE: risk_replies.RISK_ASK_MENARCHE,
        RISK_FIRST_BIRTH: risk_replies.RISK_ASK_FIRST_BIRTH,
        RISK_RELATIVES: risk_replies.RISK_ASK_RELATIVES,
        RISK_BIOPSIES: risk_replies.RISK_ASK_BIOPSIES,
        RISK_HYPERPLASIA: risk_replies.RISK_ASK_HYPERPLASIA,
    }
    buttons = _buttons(state)
    return texts[state], _keyboard(state, buttons) if buttons else None


def _buttons(state: str) -> dict[str, str]:
    if state == RISK_HISTORY:
        return risk_replies.RISK_HISTORY_BUTTONS
    if state in (RISK_CHEST_RADIATION, RISK_BRCA, RISK_HYPERPLASIA):
        return risk_replies.RISK_YES_NO_BUTTONS
    if state == RISK_RACE:
        return {**{str(int(race)): race.label for race in Race}, UNKNOWN: risk_replies.RISK_DONT_KNOW}
    if state == RISK_MENARCHE:
        return risk_replies.RISK_UNKNOWN_ONLY_BUTTONS
    if state == RISK_FIRST_BIRTH:
        return risk_replies.RISK_FIRST_BIRTH_BUTTONS
    if state in (RISK_RELATIVES, RISK_BIOPSIES):
        return risk_replies.RISK_COUNT_BUTTONS
    return {}


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
    if state not in RISK_STATES or name != field_of(state) or choice not in _buttons(state):
        return False
    stored: int | str = choice
    if state in (RISK_RACE, RISK_RELATIVES, RISK_BIOPSIES) and choice != UNKNOWN:
        stored = int(choice)
    setattr(answers, field_of(state), stored)
    return True


def apply_text(answers: RiskAnswers, state: str, text: str) -> str | None:
    """Apply a typed answer to the question of `state`: None when applied, else what was wrong (a plain
    sentence to send before the question again)."""
    readers: dict[str, Callable[[RiskAnswers, str], str | None]] = {
        RISK_AGE: _read_age,
        RISK_MENARCHE: _read_menarche,
        RISK_FIRST_BIRTH: _read_first_birth,
        RISK_RELATIVES: _read_relatives,
        RISK_BIOPSIES: _read_biopsies,
        RISK_RACE: _read_race,
    }
    reader = readers.get(state)
    return reader(answers, text) if reader is not None else _read_choice(answers, text, state)


def _read_age(answers: RiskAnswers, text: str) -> str | None:
    number = parse_number(text)
    if number is None:
        return risk_replies.RISK_AGE_NEEDED if is_unknown(text) else risk_replies.RISK_AGE_AGAIN
    if not MIN_AGE <= number <= MAX_AGE:
        return english("risk-age-range", low=MIN_AGE, high=MAX_AGE)
    answers.age = number
    return None


def _read_menarche(answers: RiskAnswers, text: str) -> str | None:
    if is_unknown(text):
        answers.menarche = UNKNOWN
        return None
    number = parse_number(text)
    if number is None:
        return risk_replies.RISK_MENARCHE_AGAIN
    age = answers.age or MAX_AGE
    if not MIN_MENARCHE <= number <= min(MAX_MENARCHE, age):
        return english("risk-menarche-range", low=MIN_MENARCHE, high=MAX_MENARCHE, age=_fmt(age))
    answers.menarche = number
    return None


def _read_first_birth(answers: RiskAnswers, text: str) -> str | None:
    value = parse_first_birth(text)
    if value is None:
        return risk_replies.RISK_FIRST_BIRTH_AGAIN
    if isinstance(value, float):
        low = answers.menarche if isinstance(answers.menarche, int | float) else MIN_FIRST_BIRTH
        high = answers.age or MAX_AGE
        if not low <= value <= high:
            return english("risk-first-birth-range", low=_fmt(low), high=_fmt(high))
    answers.first_birth = value
    return None


def _read_relatives(answers: RiskAnswers, text: str) -> str | None:
    return _read_count(answers, text, "relatives")


def _read_biopsies(answers: RiskAnswers, text: str) -> str | None:
    return _read_count(answers, text, "biopsies")


def _read_count(answers: RiskAnswers, text: str, name: str) -> str | None:
    value = parse_count(text)
    if value is None:
        return risk_replies.RISK_COUNT_AGAIN
    if isinstance(value, int) and not 0 <= value <= MAX_COUNT:
        return english("risk-count-range", high=MAX_COUNT)
    setattr(answers, name, value)
    return None


def _read_race(answers: RiskAnswers, text: str) -> str | None:
    value = parse_race(text)
    if value is None:
        lowered = text.lower()
        hispanic = "hispanic" in lowered or "latin" in lowered
        return risk_replies.RISK_RACE_HISPANIC if hispanic else replies.ANSWER_WITH_BUTTONS
    answers.race = value
    return None


def _read_choice(answers: RiskAnswers, text: str, state: str) -> str | None:
    """Yes/no/unknown questions; for the history question a plain "yes" is not enough (which one?)."""
    choice = parse_yes_no(text)
    if state == RISK_HISTORY:
        lowered = text.lower()
        if "dcis" in lowered or "lcis" in lowered or "in situ" in lowered:
            choice = "dcis_lcis"
        elif choice == "yes":
            choice = "breast_cancer" if "cancer" in lowered else None
    if choice is None:
        return replies.ANSWER_WITH_BUTTONS
    setattr(answers, field_of(state), choice)
    return None


def _fmt(value: float) -> str:
    return f"{value:g}"
