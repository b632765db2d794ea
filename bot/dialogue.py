"""The triage dialogue as a pure state machine: a message or a button in, a reply and the next state out.

No Telegram, store or network here: handlers load a `Conversation` from the store (JSON, shared by every
bot process), call `on_message` / `on_button`, save the conversation and send the `Turn`. The diagram is
in `dialogue.mmd`. Red flags are checked on every turn, before anything else is decided. The risk
questionnaire (/risk) is its own machine in `bot.risk_dialogue`; this module starts it and routes to it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from bot import replies, risk_dialogue
from bot.clarify_answers import typed_answer
from bot.intake import Intake, absorb, clarification_record, pregnancy_in, side_in, summary
from bot.keyboard import Keyboard as Keyboard
from bot.keyboard import button_column, button_row
from bot.risk_answers import NO, RiskAnswers
from bot.risk_dialogue import RISK_STATES, RiskStep
from bot.risk_result import RiskOutcome
from bot.summary import join_words
from clinical.clarifying import (
    UNSURE,
    Clarification,
    deferred_flags,
    is_answer,
    open_clarifications,
)
from clinical.keyword_backstop import (
    keyword_symptoms,
    parse_age_answer,
    parse_duration_days,
)
from clinical.red_flags import needs_age, needs_duration, red_flags
from nlu import ParseResult

IDLE = "idle"
ASK_SYMPTOMS = "ask_symptoms"
ASK_SIDE = "ask_side"
ASK_DURATION = "ask_duration"
ASK_AGE = "ask_age"
ASK_PREGNANCY = "ask_pregnancy"
ASK_FAMILY = "ask_family"
CLARIFY_STATES = {clarification: f"clarify_{clarification.value}" for clarification in Clarification}
CLARIFYING = {state: clarification for clarification, state in CLARIFY_STATES.items()}
CLARIFY_BUTTON_KIND = "clarify"
QUESTIONS = (ASK_SYMPTOMS, ASK_SIDE, ASK_DURATION, ASK_AGE, ASK_PREGNANCY, ASK_FAMILY, *CLARIFYING)

MIN_INTENT_CONFIDENCE = 0.5
# While a risk question waits for a number or a choice, another intent wins only when Rasa is sure of it:
# short answers ("when I was a teenager") are often misread as something else.
RISK_SIDE_INTENT_CONFIDENCE = 0.8
RISK_INTENT = "assess_risk"

# Replies that do not depend on the conversation (education, small talk).
FIXED_REPLIES = {
    "greet": replies.GREETING,
    "goodbye": replies.GOODBYE,
    "thank": replies.THANKS,
    "bot_challenge": replies.BOT_CHALLENGE,
    "ask_how_to_upload": replies.HOW_TO_UPLOAD,
    "ask_about_breast_cancer": replies.ABOUT_BREAST_CANCER + "\n\n" + replies.DISCLAIMER,
    "ask_self_exam": replies.SELF_EXAM,
    "ask_risk_factors": replies.RISK_FACTORS + "\n\n" + replies.DISCLAIMER,
    "ask_privacy": replies.PRIVACY,
    "express_anxiety": replies.ANXIETY,
    "out_of_scope": replies.OUT_OF_SCOPE,
    "affirm": replies.AFFIRM_IDLE,
    "deny": replies.DENY_IDLE,
}
# Intents the handlers answer with the store (the matching command).
ACTIONS = {"ask_result": "history", "delete_my_data": "delete", "new_case": "newcase", "list_cases": "cases"}
MENU_REPLIES = {
    "upload": replies.HOW_TO_UPLOAD,
    "selfexam": replies.SELF_EXAM,
    "about": replies.ABOUT_BREAST_CANCER + "\n\n" + replies.DISCLAIMER,
    "risk": replies.RISK_FACTORS + "\n\n" + replies.DISCLAIMER,
    "privacy": replies.PRIVACY,
}

_ANXIOUS = re.compile(
    r"\b(scared|afraid|terrified|frightened|anxious|panick?\w*|worried|worry|freaking)\b", re.I
)
_YES = re.compile(r"^\s*(y|yes|yeah|yep|yup|ya|sure|correct|she did|he did|my \w+ did|i think so)\b", re.I)
_NO = re.compile(r"^\s*(n|no|nope|nah|not that i know|none|nobody|no one|never)\b", re.I)
_UNSURE = re.compile(r"\b(not sure|unsure|don'?t know|dunno|no idea|maybe)\b", re.I)


@dataclass
class Conversation:
    """One person's dialogue state, persisted as JSON in the store."""

    state: str = IDLE
    intake: Intake = field(default_factory=Intake)
    case: str | None = None
    risk: RiskAnswers = field(default_factory=RiskAnswers)

    def to_data(self) -> dict[str, Any]:
        return {"intake": asdict(self.intake), "case": self.case, "risk": self.risk.to_data()}

    @classmethod
    def from_data(cls, state: str, data: dict[str, Any]) -> Conversation:
        known = Intake.__dataclass_fields__
        intake = Intake(**{key: value for key, value in data.get("intake", {}).items() if key in known})
        return cls(
            state=state if state in (IDLE, *QUESTIONS, *RISK_STATES) else IDLE,
            intake=intake,
            case=data.get("case"),
            risk=RiskAnswers.from_data(data.get("risk")),
        )


@dataclass(frozen=True)
class Turn:
    """What to send: one text (split if long), an optional inline keyboard, and what to record."""

    text: str
    keyboard: Keyboard | None = None
    new_red_flags: tuple[str, ...] = ()
    clarifications: tuple[tuple[str, str], ...] = ()  # (question, answer) in words, kept with an escalation
    action: str | None = None  # "history", "delete", "newcase", "cases": the handler takes over, then
    # sends `text` (with the keyboard) when there is one
    risk: RiskOutcome | None = None  # the risk questionnaire ended: the handler stores and sends it


def intent_of(parse: ParseResult | None) -> str | None:
    if parse is None or parse.confidence < MIN_INTENT_CONFIDENCE:
        return None
    return parse.intent or None


def is_anxious(parse: ParseResult | None, text: str) -> bool:
    return intent_of(parse) == "express_anxiety" or _ANXIOUS.search(text) is not None


def _answer(intake: Intake, state: str, parse: ParseResult | None, text: str) -> bool:
    """Apply `text` as the answer to the question of `state`; True when it answered it."""
    intent = intent_of(parse)
    if state in CLARIFYING:
        clarification = CLARIFYING[state]
        answer = typed_answer(clarification, text)
        if answer is not None:
            intake.clarified[clarification] = answer
        return answer is not None
    if state == ASK_SIDE:
        intake.side = intake.side or side_in(text, strict=False)
        return intake.side is not None
    if state == ASK_DURATION:
        days = parse_duration_days(text)
        if days is None:
            return intake.duration is not None or intake.duration_days is not None
        intake.duration_days = days
        return True
    if state == ASK_AGE:
        age = parse_age_answer(text)
        if age is not None:
            intake.age = age
        return intake.age is not None
    if state == ASK_PREGNANCY:
        found = pregnancy_in(text)
        if found is None and (_NO.search(text) or intent == "deny" or re.search(r"\bneither\b", text, re.I)):
            found = "neither"
        intake.pregnancy = intake.pregnancy or found
        return intake.pregnancy is not None
    if state == ASK_FAMILY:
        if _UNSURE.search(text):
            intake.family_history = "unsure"
        elif _NO.search(text) or intent == "deny":
            intake.family_history = "no"
        elif _YES.search(text) or intent == "affirm" or (parse is not None and parse.first("family_history")):
            intake.family_history = "yes"
        return intake.family_history is not None
    return bool(intake.symptoms)  # ASK_SYMPTOMS


def apply_button(intake: Intake, state: str, kind: str, value: str) -> bool:
    """Apply a keyboard answer; False when the button does not belong to the current question."""
    if state in CLARIFYING and kind == CLARIFY_BUTTON_KIND:
        name, _, answer = value.partition(":")
        clarification = CLARIFYING[state]
        if name != clarification or not is_answer(clarification, answer):
            return False
        intake.clarified[clarification] = answer
    elif state == ASK_SIDE and kind == "side" and value in replies.SIDE_BUTTONS:
        intake.side = value
    elif state == ASK_DURATION and kind == "dur" and value in replies.DURATION_BUTTONS:
        intake.duration = replies.DURATION_WORDS[value]
        intake.duration_days = {"lt2w": 7, "2to6w": 28, "gt6w": 60}[value]
    elif state == ASK_PREGNANCY and kind == "preg" and value in replies.PREGNANCY_BUTTONS:
        intake.pregnancy = value
    elif state == ASK_FAMILY and kind == "fam" and value in replies.FAMILY_BUTTONS:
        intake.family_history = value
    else:
        return False
    return True


# --- deciding what comes next --------------------------------------------------------------------------


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


def question(state: str, intake: Intake | None = None) -> tuple[str, Keyboard | None]:
    """The text and keyboard of the question asked in `state`."""
    if state in CLARIFYING:
        name = CLARIFYING[state].value
        buttons = {f"{name}:{answer}": label for answer, label in replies.CLARIFY_BUTTONS[name].items()}
        return replies.CLARIFY_QUESTIONS[name], button_column(CLARIFY_BUTTON_KIND, buttons)
    if state == ASK_SIDE:
        return replies.ASK_SIDE, button_row("side", replies.SIDE_BUTTONS)
    if state == ASK_DURATION:
        rash = intake is not None and needs_duration(intake.findings())
        return (replies.ASK_RASH_DURATION if rash else replies.ASK_DURATION), button_column(
            "dur", replies.DURATION_BUTTONS
        )
    if state == ASK_AGE:
        return replies.ASK_AGE, None
    if state == ASK_PREGNANCY:
        return replies.ASK_PREGNANCY, button_row("preg", replies.PREGNANCY_BUTTONS)
    if state == ASK_FAMILY:
        return replies.ASK_FAMILY, button_row("fam", replies.FAMILY_BUTTONS)
    return replies.ASK_SYMPTOMS, None


def consent_keyboard() -> Keyboard:
    return (((replies.CONSENT_YES_BUTTON, "consent:yes"), (replies.CONSENT_NO_BUTTON, "consent:no")),)


def delete_keyboard() -> Keyboard:
    return (((replies.DELETE_YES_BUTTON, "delete:yes"), (replies.DELETE_NO_BUTTON, "delete:no")),)


def menu_keyboard() -> Keyboard:
    items = [(label, f"menu:{key}") for key, label in replies.MENU_BUTTONS.items()]
    return tuple(tuple(items[i : i + 2]) for i in range(0, len(items), 2))


def _red_flag_text(flags: list[str], *, recorded: bool) -> str:
    template = replies.RED_FLAG if recorded else replies.RED_FLAG_UNRECORDED
    return template.format(findings=join_words([replies.RED_FLAG_WORDS[flag] for flag in flags]))


def progress(conversation: Conversation, *, prefix: list[str], restate: bool) -> Turn:
    """Check red flags, then ask the next missing question or close the intake."""
    intake = conversation.intake
    held = deferred_flags(intake.open_questions())
    flags = [str(flag) for flag in red_flags(intake.findings()) if flag not in held]
    new = [flag for flag in flags if flag not in intake.escalated]
    intake.escalated.extend(new)
    record = clarification_record(intake) if new else ()
    parts = list(prefix)
    if restate:
        parts.append(summary(intake))
    if new:
        parts.append(_red_flag_text(new, recorded=True))
    conversation.state = next_question(intake)
    if conversation.state == IDLE:
        closing = [replies.INTAKE_DONE, *_answer_lines(intake)]
        if flags and not new:
            closing.append(replies.SEE_CLINICIAN_SOON)
        elif not flags:
            closing.append(replies.NOT_URGENT_ADVICE)
        parts += [" ".join(closing), replies.HOW_TO_UPLOAD if conversation.case else replies.OFFER_IMAGE]
        parts.append(replies.DISCLAIMER)
        return Turn("\n\n".join(parts), None, tuple(new), record)
    if conversation.state == ASK_AGE and needs_age(intake.findings()):
        parts.append(replies.LUMP_NEEDS_AGE)
    text, keyboard = question(conversation.state, intake)
    parts.append(text)
    return Turn("\n\n".join(parts), keyboard, tuple(new), record)


def _answer_lines(intake: Intake) -> list[str]:
    lines = [summary(intake)]
    if intake.age is not None:
        lines.append(replies.SUMMARY_AGE.format(age=intake.age))
    lines.append(replies.SUMMARY_PREGNANCY.get(intake.pregnancy or "neither", ""))
    lines.append(replies.SUMMARY_FAMILY.get(intake.family_history or "no", ""))
    return [line for line in lines if line]


# --- entry points --------------------------------------------------------------------------------------


def on_message(conversation: Conversation, parse: ParseResult | None, text: str) -> Turn:
    """A text message from a person who consented. `parse` is None when the NLU is down."""
    intent = intent_of(parse)
    prefix = [replies.ANXIETY] if is_anxious(parse, text) else []
    if conversation.state in RISK_STATES:
        return _risk_message(conversation, parse, text, prefix)
    if conversation.state in QUESTIONS:
        asked = conversation.state
        answered = _answer(conversation.intake, asked, parse, text)
        found = absorb(conversation.intake, parse, text)
        if found and not answered and asked in CLARIFYING:
            conversation.intake.clarified[CLARIFYING[asked]] = (
                UNSURE  # moved on without answering: the safe way
            )
        if answered or found:
            return progress(conversation, prefix=prefix, restate=asked == ASK_SYMPTOMS)
        if intent == RISK_INTENT:
            return start_risk(conversation)
        if intent in ACTIONS:
            return Turn("", action=ACTIONS[intent])
        again, keyboard = question(asked, conversation.intake)
        if intent in FIXED_REPLIES and intent not in ("affirm", "deny", "out_of_scope"):
            return Turn(FIXED_REPLIES[intent] + "\n\n" + again, keyboard)
        hint = replies.ASK_AGE_AGAIN if asked == ASK_AGE else replies.ANSWER_WITH_BUTTONS
        return Turn("\n\n".join([*prefix, hint if keyboard or asked == ASK_AGE else again]), keyboard)
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
    if intent is None:
        return Turn(replies.NOT_UNDERSTOOD)
    return Turn(FIXED_REPLIES.get(intent, replies.NOT_UNDERSTOOD))


def on_button(conversation: Conversation, kind: str, value: str) -> Turn:
    """An intake or risk-questionnaire keyboard answer."""
    if conversation.state in RISK_STATES:
        risk = conversation.risk
        if kind == risk_dialogue.BUTTON_KIND and risk_dialogue.apply_button(risk, conversation.state, value):
            _share_age(conversation)
            return _risk_turn(conversation, risk_dialogue.advance(risk), prefix=[])
        text, keyboard = risk_dialogue.question(conversation.state)
        return Turn(replies.UNKNOWN_BUTTON + "\n\n" + text, keyboard)
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
        flags = [str(flag) for flag in red_flags(intake.findings())]
        parts = [*prefix, summary(intake)]
        advice = [replies.CLARIFY_ADVICE[question] for question in intake.open_questions()]
        if flags:
            parts.append(_red_flag_text(flags, recorded=False))
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
        return Turn(replies.RISK_NEEDS_CONSENT, consent_keyboard())
    return Turn(FIXED_REPLIES.get(intent or "", replies.NOT_UNDERSTOOD))


# --- the risk questionnaire (bot.risk_dialogue) --------------------------------------------------------


def start_risk(conversation: Conversation) -> Turn:
    """/risk or the risk intent: start the questionnaire, skipping what the intake already knows (the age,
    no close family history, a man)."""
    intake = conversation.intake
    conversation.risk = RiskAnswers(
        age=intake.age, relatives=0 if intake.family_history == NO else None, male=intake.male
    )
    step = risk_dialogue.advance(conversation.risk)
    intro = [replies.RISK_INTRO]
    if conversation.case is not None:
        intro.append(replies.RISK_INTRO_CASE.format(case=conversation.case))
    return _risk_turn(conversation, step, prefix=[] if step.outcome else intro)


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


def _risk_message(
    conversation: Conversation, parse: ParseResult | None, text: str, prefix: list[str]
) -> Turn:
    """A typed answer to a risk question. Red flags still come first: one mentioned here is answered and
    recorded, and the question goes on. An answer that cannot be used is asked again with the reason."""
    state = conversation.state
    sure = parse is not None and parse.confidence >= RISK_SIDE_INTENT_CONFIDENCE
    intent = intent_of(parse) if sure else None
    new_flags = _red_flags_in(conversation, parse, text, keep_age=state != risk_dialogue.RISK_AGE)
    if new_flags:
        prefix = [*prefix, _red_flag_text(list(new_flags), recorded=True)]
    problem = risk_dialogue.apply_text(conversation.risk, state, text)
    if problem is None:
        _share_age(conversation)
        step = risk_dialogue.advance(conversation.risk)
        return _risk_turn(conversation, step, prefix=prefix, new_red_flags=new_flags)
    again, keyboard = risk_dialogue.question(state)
    if not new_flags and intent in ACTIONS:  # the command's reply, then the question again
        return Turn(again, keyboard, action=ACTIONS[intent])
    if not new_flags and intent in FIXED_REPLIES and intent not in ("affirm", "deny", "out_of_scope"):
        return Turn(FIXED_REPLIES[intent] + "\n\n" + again, keyboard)
    return Turn("\n\n".join([*prefix, problem, again]), keyboard, new_flags)


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
    flags = [str(flag) for flag in red_flags(intake.findings())]
    new = tuple(flag for flag in flags if flag not in intake.escalated)
    intake.escalated.extend(new)
    return new
