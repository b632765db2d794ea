"""Clarifying questions in the dialogue: one closed question with buttons before the intake goes on."""

from __future__ import annotations

from pathlib import Path

from bot import replies
from bot.conversation import on_button, on_message, stateless_reply
from bot.conversation.state import ASK_AGE, ASK_DURATION, ASK_SIDE, CLARIFY_STATES, QUESTIONS, Conversation
from clinical.clarifying import Clarification

DISCHARGE = CLARIFY_STATES[Clarification.DISCHARGE_COLOUR]
ONSET = CLARIFY_STATES[Clarification.NIPPLE_ONSET]
SKIN = CLARIFY_STATES[Clarification.SKIN_CHANGE]
SWELLING = CLARIFY_STATES[Clarification.LUMP_OR_SWELLING]


def callbacks(turn: object) -> list[str]:
    keyboard = getattr(turn, "keyboard", None) or ()
    return [data for row in keyboard for _, data in row]


def test_discharge_of_unknown_colour_asks_about_blood_then_escalates() -> None:
    conversation = Conversation()
    turn = on_message(conversation, None, "there is some discharge from my left nipple")
    assert conversation.state == DISCHARGE and turn.new_red_flags == ()
    assert replies.CLARIFY_QUESTIONS["discharge_colour"] in turn.text
    assert callbacks(turn) == [
        "clarify:discharge_colour:blood",
        "clarify:discharge_colour:clear",
        "clarify:discharge_colour:unsure",
    ]
    turn = on_button(conversation, "clarify", "discharge_colour:blood")
    assert turn.new_red_flags == ("blood_stained_discharge",)
    assert turn.clarifications == (
        (replies.CLARIFY_QUESTIONS["discharge_colour"], replies.CLARIFY_BUTTONS["discharge_colour"]["blood"]),
    )
    assert conversation.state == ASK_DURATION  # the side was in the message


def test_not_sure_about_the_colour_escalates() -> None:
    conversation = Conversation()
    on_message(conversation, None, "fluid is leaking from my nipple")
    assert on_button(conversation, "clarify", "discharge_colour:unsure").new_red_flags == (
        "blood_stained_discharge",
    )


def test_clear_discharge_is_not_escalated_and_not_asked_again() -> None:
    conversation = Conversation()
    on_message(conversation, None, "there is some discharge from my nipple")
    turn = on_button(conversation, "clarify", "discharge_colour:clear")
    assert turn.new_red_flags == () and conversation.state == ASK_SIDE
    turn = on_message(conversation, None, "left, and it still leaks")
    assert turn.new_red_flags == () and conversation.state != DISCHARGE


def test_a_typed_answer_counts_too() -> None:
    conversation = Conversation()
    on_message(conversation, None, "there is some discharge from my nipple")
    turn = on_message(conversation, None, "it's kind of brownish")
    assert turn.new_red_flags == ("blood_stained_discharge",)


def test_moving_on_without_answering_is_taken_the_safe_way() -> None:
    conversation = Conversation()
    on_message(conversation, None, "my nipple is sunk in")
    assert conversation.state == ONSET
    turn = on_message(conversation, None, "I also have pain in my breast")
    assert "nipple_retraction" in turn.new_red_flags


def test_a_lifelong_inverted_nipple_is_not_escalated() -> None:
    conversation = Conversation()
    turn = on_message(conversation, None, "my nipple is sunk in")
    assert turn.new_red_flags == ()  # held back until the onset is known
    turn = on_button(conversation, "clarify", "nipple_onset:lifelong")
    assert turn.new_red_flags == () and conversation.state == ASK_SIDE


def test_a_nipple_said_to_be_new_is_escalated_at_once() -> None:
    conversation = Conversation()
    turn = on_message(conversation, None, "my nipple has recently flattened")
    assert turn.new_red_flags == ("nipple_retraction",)


def test_a_skin_change_offers_the_kinds_with_buttons() -> None:
    conversation = Conversation()
    turn = on_message(conversation, None, "the skin on my right breast looks different")
    assert conversation.state == SKIN
    assert [data.rsplit(":", 1)[1] for data in callbacks(turn)] == [
        "dimpling", "orange_peel", "sore", "redness", "none", "unsure",
    ]  # fmt: skip
    assert on_button(conversation, "clarify", "skin_change:orange_peel").new_red_flags == ("peau_d_orange",)


def test_a_swollen_breast_asks_whether_it_is_a_lump_then_the_age() -> None:
    conversation = Conversation()
    on_message(conversation, None, "my left breast is swollen")
    assert conversation.state == SWELLING
    turn = on_button(conversation, "clarify", "lump_or_swelling:lump")
    assert conversation.state == ASK_AGE and replies.LUMP_NEEDS_AGE in turn.text
    assert on_message(conversation, None, "52").new_red_flags == ("lump_age_30_plus",)


def test_a_rash_asks_how_long_first() -> None:
    conversation = Conversation()
    turn = on_message(conversation, None, "there is a scaly rash on my nipple")
    assert conversation.state == ASK_DURATION and replies.ASK_RASH_DURATION in turn.text
    assert on_button(conversation, "dur", "gt6w").new_red_flags == ("nipple_eczema_not_clearing",)


def test_a_button_of_another_question_is_refused() -> None:
    conversation = Conversation()
    on_message(conversation, None, "there is some discharge from my nipple")
    turn = on_button(conversation, "clarify", "nipple_onset:lifelong")
    assert turn.text.startswith(replies.UNKNOWN_BUTTON) and conversation.state == DISCHARGE


def test_without_consent_the_advice_covers_each_possible_answer() -> None:
    turn = stateless_reply(None, "there is some discharge from my nipple")
    assert replies.CLARIFY_ADVICE["discharge_colour"] in turn.text and turn.keyboard is None


def test_the_diagram_shows_every_question_state() -> None:
    diagram = (Path(__file__).resolve().parents[1] / "bot" / "conversation" / "flow.mmd").read_text(
        encoding="utf-8"
    )
    assert [state for state in QUESTIONS if state not in diagram] == []
