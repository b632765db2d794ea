"""The triage dialogue as a pure state machine: a message or a button in, a reply and the next state out.

No Telegram, store or network here: handlers load a `Conversation` from the store (JSON, shared by every
bot process), call `on_message` / `on_button`, save the conversation and send the `Turn` (`bot.turns`).
The diagram is `flow.mmd`. Red flags are checked on every turn, before anything else is decided. The risk
questionnaire (/risk) is its own machine in `bot.risk_dialogue`, entered through `risk_routing`.
"""

from __future__ import annotations

from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.conversation.answers import apply_button, apply_text
from bot.conversation.intake import Intake, absorb, clarification_record, summary
from bot.conversation.intents import ACTIONS, RISK_INTENT, aside, fixed_reply, intent_of, is_anxious
from bot.conversation.keyboards import consent_keyboard, menu_keyboard, question
from bot.conversation.red_flag_check import current_flags, escalate_new, red_flag_text
from bot.conversation.risk_routing import risk_button, risk_message, start_risk
from bot.conversation.state import (
    ASK_AGE,
    ASK_DURATION,
    ASK_FAMILY,
    ASK_PREGNANCY,
    ASK_SIDE,
    ASK_SYMPTOMS,
    CLARIFY_STATES,
    CLARIFYING,
    IDLE,
    QUESTIONS,
    Conversation,
)
from bot.conversation.turn import Turn
from bot.risk_dialogue import RISK_STATES
from clinical.clarifying import UNSURE, deferred_flags, open_clarifications
from clinical.red_flags import needs_age, needs_duration
from nlu import ParseResult

# The menu's topics and the messages each sends, in order.
MENU_REPLIES = {
    "upload": ("how-to-upload",),
    "selfexam": ("self-exam",),
    "about": ("about-breast-cancer", "disclaimer"),
    "risk": ("risk-factors", "disclaimer"),
    "privacy": ("privacy",),
}


def menu_reply(topic: str, language: Language = DEFAULT_LANGUAGE) -> str | None:
    """What a menu button sends, or None for a topic that sends no fixed text."""
    messages = MENU_REPLIES.get(topic)
    return None if messages is None else "\n\n".join(text(language, message) for message in messages)


def next_question(intake: Intake) -> str:
    """The next question to ask, or IDLE when the intake is complete. Questions that decide a red flag
    (the age for a lump) come first; anything already said is not asked again."""
    findings = intake.findings()
    if not intake.symptoms:
        return ASK_SYMPTOMS
    pending = open_clarifications(findings, intake.clarified)
    if pending:
        return CLARIFY_STATES[pending[0]]
    if needs_age(findings):
        return ASK_AGE
    if needs_duration(findings):
        return ASK_DURATION
    if intake.side is None:
        return ASK_SIDE
    if intake.duration is None and intake.duration_days is None:
        return ASK_DURATION
    if intake.age is None:
        return ASK_AGE
    if intake.pregnancy is None and not intake.male:
        return ASK_PREGNANCY
    if intake.family_history is None:
        return ASK_FAMILY
    return IDLE


def progress(
    conversation: Conversation, *, prefix: list[str], restate: bool, language: Language = DEFAULT_LANGUAGE
) -> Turn:
    """Check red flags, then ask the next missing question or close the intake."""
    intake = conversation.intake
    flags = current_flags(intake, held=deferred_flags(intake.open_questions()))
    new = escalate_new(intake, flags)
    record = clarification_record(intake) if new else ()
    parts = list(prefix)
    if restate:
        parts.append(summary(intake, language))
    if new:
        parts.append(red_flag_text(new, recorded=True, language=language))
    conversation.state = next_question(intake)
    if conversation.state == IDLE:
        closing = [text(language, "intake-done"), *_answer_lines(intake, language)]
        if flags and not new:
            closing.append(text(language, "see-clinician-soon"))
        elif not flags:
            closing.append(text(language, "not-urgent-advice"))
        parts += [" ".join(closing), text(language, "how-to-upload" if conversation.case else "offer-image")]
        parts.append(text(language, "disclaimer"))
        return Turn("\n\n".join(parts), None, new, record)
    if conversation.state == ASK_AGE and needs_age(intake.findings()):
        parts.append(text(language, "lump-needs-age"))
    asked, keyboard = question(conversation.state, intake, language)
    parts.append(asked)
    return Turn("\n\n".join(parts), keyboard, new, record)


def _answer_lines(intake: Intake, language: Language = DEFAULT_LANGUAGE) -> list[str]:
    lines = [summary(intake, language)]
    if intake.age is not None:
        lines.append(text(language, "summary-age", age=intake.age))
    if intake.pregnancy in ("pregnant", "breastfeeding"):
        lines.append(text(language, "summary-pregnancy", status=intake.pregnancy))
    if intake.family_history in ("yes", "unsure"):
        lines.append(text(language, "summary-family", answer=intake.family_history))
    return lines


def on_message(
    conversation: Conversation, parse: ParseResult | None, said: str, language: Language = DEFAULT_LANGUAGE
) -> Turn:
    """A text message from a person who consented. `parse` is None when the NLU is down."""
    prefix = [text(language, "anxiety")] if is_anxious(parse, said) else []
    if conversation.state in RISK_STATES:
        return risk_message(conversation, parse, said, prefix, language)
    if conversation.state in QUESTIONS:
        return _answer_message(conversation, parse, said, prefix, language)
    intent = intent_of(parse)
    fresh = Intake() if conversation.case is None else conversation.intake
    found = absorb(fresh, parse, said)
    if found or intent == "report_symptom":
        conversation.intake = fresh
        return progress(conversation, prefix=prefix, restate=found, language=language)
    if intent == RISK_INTENT:
        return start_risk(conversation, language)
    return _other_intent(intent, parse, language)


def _other_intent(intent: str | None, parse: ParseResult | None, language: Language) -> Turn:
    """A message that reports nothing: a command it asks for, the menu when the NLU is down, a fixed reply."""
    if intent in ACTIONS:
        return Turn("", action=ACTIONS[intent])
    if parse is None:
        return Turn(text(language, "nlu-unavailable"), menu_keyboard(language))
    return Turn(fixed_reply(intent, language) or text(language, "not-understood"))


def _answer_message(
    conversation: Conversation, parse: ParseResult | None, said: str, prefix: list[str], language: Language
) -> Turn:
    """A message while an intake question is open: its answer, new findings, or something else."""
    asked = conversation.state
    intent = intent_of(parse)
    answered = apply_text(conversation.intake, asked, parse, said)
    found = absorb(conversation.intake, parse, said)
    if found and not answered and asked in CLARIFYING:
        conversation.intake.clarified[CLARIFYING[asked]] = UNSURE  # moved on without answering: the safe way
    if answered or found:
        return progress(conversation, prefix=prefix, restate=asked == ASK_SYMPTOMS, language=language)
    if intent == RISK_INTENT:
        return start_risk(conversation, language)
    if intent in ACTIONS:
        return Turn("", action=ACTIONS[intent])
    again, keyboard = question(asked, conversation.intake, language)
    fixed = aside(intent, language)
    if fixed is not None:
        return Turn(fixed + "\n\n" + again, keyboard)
    hint = text(language, "ask-age-again" if asked == ASK_AGE else "answer-with-buttons")
    return Turn("\n\n".join([*prefix, hint if keyboard or asked == ASK_AGE else again]), keyboard)


def on_button(
    conversation: Conversation, kind: str, value: str, language: Language = DEFAULT_LANGUAGE
) -> Turn:
    """An intake or risk-questionnaire keyboard answer."""
    if conversation.state in RISK_STATES:
        return risk_button(conversation, kind, value, language)
    if not apply_button(conversation.intake, conversation.state, kind, value):
        if conversation.state in QUESTIONS:
            again, keyboard = question(conversation.state, conversation.intake, language)
            return Turn(text(language, "unknown-button") + "\n\n" + again, keyboard)
        return Turn(text(language, "unknown-button"))
    return progress(conversation, prefix=[], restate=False, language=language)


def stateless_reply(parse: ParseResult | None, said: str, language: Language = DEFAULT_LANGUAGE) -> Turn:
    """For someone who has not consented: education and red-flag advice, nothing stored or asked."""
    intake = Intake()
    found = absorb(intake, parse, said)
    intent = intent_of(parse)
    prefix = [text(language, "anxiety")] if is_anxious(parse, said) else []
    if not found and intent == "report_symptom":
        return Turn(text(language, "ask-symptom-details"))
    if found:
        flags = current_flags(intake)
        parts = [*prefix, summary(intake, language)]
        advice = [text(language, "clarify-advice", name=name) for name in intake.open_questions()]
        if flags:
            parts.append(red_flag_text(flags, recorded=False, language=language))
        if needs_age(intake.findings()):
            parts.append(text(language, "lump-needs-age"))
        parts += advice
        if not flags and not advice and not needs_age(intake.findings()):
            parts.append(text(language, "see-clinician-if-persists"))
        parts += [text(language, "consent-needed-for-intake"), text(language, "disclaimer")]
        return Turn("\n\n".join(parts))
    if intent == RISK_INTENT and parse is not None:
        return Turn(text(language, "risk-needs-consent"), consent_keyboard(language))
    return _other_intent(intent, parse, language)
