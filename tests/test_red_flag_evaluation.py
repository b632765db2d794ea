"""The red-flag evaluation set, end to end: every message through the emulator, python-telegram-bot and
the real Rasa server, each clarifying question answered as the message implies, then the clinician queue
read from the database.

Done means 100% of the red flags escalated (at once or after one clarifying question) and at most 5% of
the near misses. The same set also runs through the dialogue with the NLU down: the keyword backstop
alone must escalate every red flag too.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from bcdbot.processes import ManagedProcess
from bcdbot.stack import StackConfig
from bot.conversation import on_button, on_message
from bot.conversation.state import ASK_AGE, ASK_SYMPTOMS, IDLE, Conversation
from tests.chat import ChatUser, Message
from tests.escalations import escalations_of
from tests.red_flag_patient import (
    DEVELOPMENT_SET,
    EVALUATION_SET,
    MAX_TURNS,
    Case,
    button_answer,
    load_cases,
    typed_answer,
)

ROOT = Path(__file__).resolve().parents[1]
MAX_PLAIN_ESCALATED = 0.05
PATIENTS_AT_ONCE = 8
WITHIN_TWO_WEEKS = "within two weeks"


@dataclass(frozen=True)
class Outcome:
    case: Case
    escalated: tuple[str, ...]
    questions: int
    transcript: tuple[str, ...]


def _normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).lower()).strip()


def _training_texts() -> set[str]:
    lines = []
    for path in (ROOT / "nlu" / "data").glob("*.yml"):
        lines += [line.strip()[2:] for line in path.read_text(encoding="utf-8").splitlines()]
    return {_normalised(line) for line in lines if line}


def test_no_evaluation_sentence_is_in_the_training_data() -> None:
    training = _training_texts()
    for path in (EVALUATION_SET, DEVELOPMENT_SET):
        assert [case.text for case in load_cases(path) if _normalised(case.text) in training] == []


def test_the_sets_are_as_large_as_promised() -> None:
    cases = load_cases(EVALUATION_SET)
    per_rule: dict[str, int] = {}
    for case in cases:
        if case.rule is not None:
            per_rule[case.rule] = per_rule.get(case.rule, 0) + 1
    assert len(per_rule) == 9 and min(per_rule.values()) >= 25
    assert sum(per_rule.values()) >= 300 and sum(not case.is_red_flag for case in cases) >= 150


def _buttons(message: Message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


def _keyword_only(case: Case) -> Outcome:
    """The conversation with the NLU down: the dialogue and the keyword backstop alone."""
    conversation = Conversation()
    turn = on_message(conversation, None, case.text)
    escalated, questions = list(turn.new_red_flags), 0
    for _ in range(MAX_TURNS):
        if conversation.state in (IDLE, ASK_SYMPTOMS):
            break
        if conversation.state == ASK_AGE:
            turn = on_message(conversation, None, typed_answer(case))
        else:
            answer = button_answer(case, [data for row in turn.keyboard or () for _, data in row])
            if answer is None:
                break
            questions += answer.startswith("clarify:")
            kind, _, value = answer.partition(":")
            turn = on_button(conversation, kind, value)
        escalated += turn.new_red_flags
    return Outcome(case, tuple(escalated), questions, ())


def _through_the_stack(emulator_url: str, stack: StackConfig, case: Case) -> Outcome:
    """One person: consent, the message, then every question answered until the intake ends."""
    person = ChatUser(emulator_url)
    try:
        person.consent()
        person.send_text(case.text)
        transcript, questions = [], 0
        for _ in range(MAX_TURNS):
            replies = [person.next_message(timeout_s=60), *person.next_replies_now()]
            transcript += [str(reply.get("text") or "") for reply in replies]
            last = replies[-1]
            buttons = _buttons(last)
            if buttons:
                answer = button_answer(case, buttons)
                if answer is None:
                    break
                questions += answer.startswith("clarify:")
                person.press(last, answer)
            elif "How old are you?" in transcript[-1] or "get the age" in transcript[-1]:
                person.send_text(typed_answer(case))
            else:
                break
        return Outcome(case, tuple(escalations_of(stack, person.user_id)), questions, tuple(transcript))
    finally:
        person.close()


def _report(outcomes: list[Outcome]) -> tuple[list[Outcome], list[Outcome], str]:
    missed = [outcome for outcome in outcomes if outcome.case.is_red_flag and not outcome.escalated]
    false = [outcome for outcome in outcomes if not outcome.case.is_red_flag and outcome.escalated]
    red = sum(outcome.case.is_red_flag for outcome in outcomes)
    plain = len(outcomes) - red
    line = (
        f"red flags escalated {red - len(missed)}/{red}, near misses escalated {len(false)}/{plain}, "
        f"clarifying questions asked {sum(outcome.questions for outcome in outcomes)}"
    )
    return missed, false, line


def test_the_keyword_backstop_alone_escalates_every_red_flag() -> None:
    missed, false, line = _report([_keyword_only(case) for case in load_cases(EVALUATION_SET)])
    print(f"\nNLU down: {line}")
    assert [outcome.case.text for outcome in missed] == []
    assert len(false) <= MAX_PLAIN_ESCALATED * len(load_cases(EVALUATION_SET))


@pytest.mark.integration
def test_every_red_flag_is_escalated_through_the_real_stack(
    emulator_url: str, bot: ManagedProcess, stack: StackConfig
) -> None:
    cases = load_cases(EVALUATION_SET)
    with ThreadPoolExecutor(max_workers=PATIENTS_AT_ONCE) as pool:
        outcomes = list(pool.map(lambda case: _through_the_stack(emulator_url, stack, case), cases))
    missed, false, line = _report(outcomes)
    print(f"\nthrough the stack: {line}")
    assert [(o.case.text, o.transcript) for o in missed] == []
    assert len(false) <= MAX_PLAIN_ESCALATED * sum(not case.is_red_flag for case in cases), [
        (o.case.text, o.escalated) for o in false
    ]
    unsaid = [o for o in outcomes if o.escalated and not any(WITHIN_TWO_WEEKS in t for t in o.transcript)]
    assert unsaid == []  # every escalation was also said to the person
