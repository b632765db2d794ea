"""Into and through the risk questionnaire (`bot.risk_dialogue`, its own machine) from the conversation.

Red flags still come first: one mentioned in a risk answer is answered and recorded, and the question goes
on. An answer that cannot be used is asked again with the reason.
"""

from __future__ import annotations

from bot import risk_dialogue
from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.conversation.intake import absorb
from bot.conversation.intents import aside, intent_of
from bot.conversation.red_flag_check import current_flags, escalate_new, red_flag_text
from bot.conversation.state import IDLE, Conversation
from bot.conversation.turn import Turn
from bot.risk_answers import NO, RiskAnswers
from bot.risk_dialogue import RiskStep
from clinical.keyword_backstop import keyword_symptoms
from nlu import ParseResult

# While a risk question waits for a number or a choice, another intent's fixed reply is given only when Rasa
# is sure of it, and never instead of the question: short answers are misread with full confidence ("when I
# was a teenager" as ask_result, "13 vayassinalli" as ask_about_breast_cancer: the NLU has no intent for
# answers). Commands typed as text (results, delete, cases) wait: /history, /delete and /cancel still work.
RISK_SIDE_INTENT_CONFIDENCE = 0.8


def start_risk(conversation: Conversation, language: Language = DEFAULT_LANGUAGE) -> Turn:
    """/risk or the risk intent: start the questionnaire, skipping what the intake already knows (the age,
    no close family history, a man)."""
    intake = conversation.intake
    conversation.risk = RiskAnswers(
        age=intake.age, relatives=0 if intake.family_history == NO else None, male=intake.male
    )
    step = risk_dialogue.advance(conversation.risk, language)
    intro = [text(language, "risk-intro")]
    if conversation.case is not None:
        intro.append(text(language, "risk-intro-case", case=conversation.case))
    return _risk_turn(conversation, step, prefix=[] if step.outcome else intro)


def risk_button(
    conversation: Conversation, kind: str, value: str, language: Language = DEFAULT_LANGUAGE
) -> Turn:
    """A button pressed while a risk question is open."""
    risk = conversation.risk
    if kind == risk_dialogue.BUTTON_KIND and risk_dialogue.apply_button(risk, conversation.state, value):
        _share_age(conversation)
        return _risk_turn(conversation, risk_dialogue.advance(risk, language), prefix=[])
    asked, keyboard = risk_dialogue.question(conversation.state, language)
    return Turn(text(language, "unknown-button") + "\n\n" + asked, keyboard)


def risk_message(
    conversation: Conversation,
    parse: ParseResult | None,
    said: str,
    prefix: list[str],
    language: Language = DEFAULT_LANGUAGE,
) -> Turn:
    """A typed answer to the open risk question."""
    state = conversation.state
    intent = intent_of(parse, min_confidence=RISK_SIDE_INTENT_CONFIDENCE)
    new_flags = _red_flags_in(conversation, parse, said, keep_age=state != risk_dialogue.RISK_AGE)
    if new_flags:
        prefix = [*prefix, red_flag_text(new_flags, recorded=True, language=language)]
    problem = risk_dialogue.apply_text(conversation.risk, state, said, language)
    if problem is None:
        _share_age(conversation)
        step = risk_dialogue.advance(conversation.risk, language)
        return _risk_turn(conversation, step, prefix=prefix, new_red_flags=new_flags)
    again, keyboard = risk_dialogue.question(state, language)
    fixed = None if new_flags else aside(intent, language)
    return Turn("\n\n".join([*prefix, *([fixed] if fixed else []), problem, again]), keyboard, new_flags)


def _risk_turn(
    conversation: Conversation, step: RiskStep, *, prefix: list[str], new_red_flags: tuple[str, ...] = ()
) -> Turn:
    """The step as a turn: the next question, or the end (state idle, answers handed to the handler)."""
    if step.outcome is None:
        conversation.state = step.state or IDLE
        return Turn("\n\n".join([*prefix, step.text]), step.keyboard, new_red_flags)
    conversation.state = IDLE
    conversation.risk = RiskAnswers()
    return Turn("\n\n".join(prefix), None, new_red_flags, risk=step.outcome)


def _share_age(conversation: Conversation) -> None:
    """An age given to the risk questions is the person's age for the intake too (never asked twice)."""
    age = conversation.risk.age
    if conversation.intake.age is None and age is not None and 1 <= age <= 120:
        conversation.intake.age = int(age)


def _red_flags_in(
    conversation: Conversation, parse: ParseResult | None, text: str, *, keep_age: bool
) -> tuple[str, ...]:
    """New red flags in a risk answer ("by the way there is blood from my nipple"), recorded in the intake."""
    symptoms = keyword_symptoms(text) | (set(parse.values("symptom")) if parse is not None else set())
    if not symptoms:
        return ()
    intake = conversation.intake
    age = intake.age
    absorb(intake, parse, text)
    if keep_age:  # "I was 25 years old" answers another question; it is not the current age
        intake.age = age
    return escalate_new(intake, current_flags(intake))
