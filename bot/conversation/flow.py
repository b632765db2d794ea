"""The triage dialogue as a pure state machine: a message or a button in, a reply and the next state out.

No Telegram, store or network here: handlers load a `Conversation` from the store (JSON, shared by every
bot process), call `on_message` / `on_button`, save the conversation and send the `Turn` (`bot.turns`).
The diagram is `flow.mmd`. Red flags are checked on every turn, before anything else is decided. The risk
questionnaire (/risk) is its own machine in `bot.risk_dialogue`, entered through `risk_routing`.
"""

from __future__ import annotations

from bot import replies, risk_replies
from bot.catalog import english
from bot.conversation.answers import apply_button, apply_text
from bot.conversation.intake import Intake, absorb, clarification_record, summary
from bot.conversation.intents import ACTIONS, FIXED_REPLIES, RISK_INTENT, aside, intent_of, is_anxious
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

MENU_REPLIES = {
    "upload": replies.HOW_TO_UPLOAD,
    "selfexam": replies.SELF_EXAM,
    "about": replies.ABOUT_BREAST_CANCER + "\n\n" + replies.DISCLAIMER,
    "risk": replies.RISK_FACTORS + "\n\n" + replies.DISCLAIMER,
    "privacy": replies.PRIVACY,
}


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


def progress(conversation: Conversation, *, prefix: list[str], restate: bool) -> Turn:
    """Check red flags, then ask the next missing question or close the intake."""
    intake = conversation.intake
    flags = current_flags(intake, held=deferred_flags(intake.open_questions()))
    new = escalate_new(intake, flags)
    record = clarification_record(intake) if new else ()
    parts = list(prefix)
    if restate:
        parts.append(summary(intake))
    if new:
        parts.append(red_flag_text(new, recorded=True))
    conversation.state = next_question(intake)
    if conversation.state == IDLE:
        closing = [replies.INTAKE_DONE, *_answer_lines(intake)]
        if flags and not new:
            closing.append(replies.SEE_CLINICIAN_SOON)
        elif not flags:
            closing.append(replies.NOT_URGENT_ADVICE)
        parts += [" ".join(closing), replies.HOW_TO_UPLOAD if conversation.case else replies.OFFER_IMAGE]
        parts.append(replies.DISCLAIMER)
        return Turn("\n\n".join(parts), None, new, record)
    if conversation.state == ASK_AGE and needs_age(intake.findings()):
        parts.append(replies.LUMP_NEEDS_AGE)
    text, keyboard = question(conversation.state, intake)
    parts.append(text)
    return Turn("\n\n".join(parts), keyboard, new, record)


def _answer_lines(intake: Intake) -> list[str]:
    lines = [summary(intake)]
    if intake.age is not None:
        lines.append(english("summary-age", age=intake.age))
    lines.append(replies.SUMMARY_PREGNANCY.get(intake.pregnancy or "neither", ""))
    lines.append(replies.SUMMARY_FAMILY.get(intake.family_history or "no", ""))
    return [line for line in lines if line]


def on_message(conversation: Conversation, parse: ParseResult | None, text: str) -> Turn:
    """A text message from a person who consented. `parse` is None when the NLU is down."""
    prefix = [replies.ANXIETY] if is_anxious(parse, text) else []
    if conversation.state in RISK_STATES:
        return risk_message(conversation, parse, text, prefix)
    if conversation.state in QUESTIONS:
        return _answer_message(conversation, parse, text, prefix)
    intent = intent_of(parse)
    fresh = Intake() if conversation.case is None else conversation.intake
    found = absorb(fresh, parse, text)
    if found or intent == "report_symptom":
        conversation.intake = fresh
        return progress(conversation, prefix=prefix, restate=found)
    if intent == RISK_INTENT:
        return start_risk(conversation)
    if intent in ACTIONS:
        return Turn("", action=ACTIONS[intent])
    if parse is None:
        return Turn(replies.NLU_UNAVAILABLE, menu_keyboard())
    return Turn(FIXED_REPLIES.get(intent or "", replies.NOT_UNDERSTOOD))


def _answer_message(
    conversation: Conversation, parse: ParseResult | None, text: str, prefix: list[str]
) -> Turn:
    """A message while an intake question is open: its answer, new findings, or something else."""
    asked = conversation.state
    intent = intent_of(parse)
    answered = apply_text(conversation.intake, asked, parse, text)
    found = absorb(conversation.intake, parse, text)
    if found and not answered and asked in CLARIFYING:
        conversation.intake.clarified[CLARIFYING[asked]] = UNSURE  # moved on without answering: the safe way
    if answered or found:
        return progress(conversation, prefix=prefix, restate=asked == ASK_SYMPTOMS)
    if intent == RISK_INTENT:
        return start_risk(conversation)
    if intent in ACTIONS:
        return Turn("", action=ACTIONS[intent])
    again, keyboard = question(asked, conversation.intake)
    fixed = aside(intent)
    if fixed is not None:
        return Turn(fixed + "\n\n" + again, keyboard)
    hint = replies.ASK_AGE_AGAIN if asked == ASK_AGE else replies.ANSWER_WITH_BUTTONS
    return Turn("\n\n".join([*prefix, hint if keyboard or asked == ASK_AGE else again]), keyboard)


def on_button(conversation: Conversation, kind: str, value: str) -> Turn:
    """An intake or risk-questionnaire keyboard answer."""
    if conversation.state in RISK_STATES:
        return risk_button(conversation, kind, value)
    if not apply_button(conversation.intake, conversation.state, kind, value):
        if conversation.state in QUESTIONS:
            text, keyboard = question(conversation.state, conversation.intake)
            return Turn(replies.UNKNOWN_BUTTON + "\n\n" + text, keyboard)
        return Turn(replies.UNKNOWN_BUTTON)
    return progress(conversation, prefix=[], restate=False)


def stateless_reply(parse: ParseResult | None, text: str) -> Turn:
    """For someone who has not consented: education and red-flag advice, nothing stored or asked."""
    intake = Intake()
    found = absorb(intake, parse, text)
    intent = intent_of(parse)
    prefix = [replies.ANXIETY] if is_anxious(parse, text) else []
    if not found and intent == "report_symptom":
        return Turn(replies.ASK_SYMPTOM_DETAILS)
    if found:
        flags = current_flags(intake)
        parts = [*prefix, summary(intake)]
        advice = [replies.CLARIFY_ADVICE[question] for question in intake.open_questions()]
        if flags:
            parts.append(red_flag_text(flags, recorded=False))
        if needs_age(intake.findings()):
            parts.append(replies.LUMP_NEEDS_AGE)
        parts += advice
        if not flags and not advice and not needs_age(intake.findings()):
            parts.append(replies.SEE_CLINICIAN_IF_PERSISTS)
        parts += [replies.CONSENT_NEEDED_FOR_INTAKE, replies.DISCLAIMER]
        return Turn("\n\n".join(parts))
    if intent in ACTIONS:
        return Turn("", action=ACTIONS[intent])
    if parse is None:
        return Turn(replies.NLU_UNAVAILABLE, menu_keyboard())
    if intent == RISK_INTENT:
        return Turn(risk_replies.RISK_NEEDS_CONSENT, consent_keyboard())
    return Turn(FIXED_REPLIES.get(intent or "", replies.NOT_UNDERSTOOD))
