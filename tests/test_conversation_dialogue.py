"""The dialogue state machine without Telegram: intake order, red flags first, buttons, persistence."""

from __future__ import annotations

import pytest

from bot import replies
from bot.conversation import Intake, on_button, on_message, stateless_reply
from bot.conversation.intake import absorb
from bot.conversation.state import (
    ASK_AGE,
    ASK_DURATION,
    ASK_FAMILY,
    ASK_PREGNANCY,
    ASK_SIDE,
    ASK_SYMPTOMS,
    IDLE,
    Conversation,
)
from nlu import Entity, ParseResult


def parse(text: str, intent: str = "report_symptom", *entities: tuple[str, str]) -> ParseResult:
    return ParseResult(
        text=text,
        intent=intent,
        confidence=0.95,
        entities=tuple(Entity(entity=n, value=v, start=0, end=1, confidence=1.0) for n, v in entities),
    )


def test_full_intake_asks_only_what_is_missing_in_order() -> None:
    conversation = Conversation()
    text = "I have had a painful lump in my left breast for 3 weeks"
    turn = on_message(
        conversation,
        parse(text, "report_symptom", ("symptom", "pain"), ("symptom", "lump"), ("body_side", "left"),
              ("duration", "3 weeks")),
        text,
    )  # fmt: skip
    assert turn.text.startswith("I understand you have noticed")
    assert "left breast for 3 weeks" in turn.text and "within two weeks" in turn.text
    assert conversation.state == ASK_AGE  # a lump's urgency depends on the age: asked first
    turn = on_message(conversation, parse("45", "out_of_scope"), "45")
    assert turn.new_red_flags == ("lump_age_30_plus",)
    assert "within two weeks" in turn.text
    assert conversation.state == ASK_PREGNANCY and turn.keyboard is not None
    turn = on_button(conversation, "preg", "neither")
    assert conversation.state == ASK_FAMILY
    turn = on_button(conversation, "fam", "yes")
    assert conversation.state == IDLE and turn.keyboard is None
    assert "Age: 45." in turn.text and "close family" in turn.text
    assert turn.new_red_flags == ()  # recorded once only


def test_not_urgent_intake_ends_with_reassurance() -> None:
    conversation = Conversation()
    turn = on_message(
        conversation, parse("my breast hurts", "report_symptom", ("symptom", "pain")), "my breast hurts"
    )
    assert conversation.state == ASK_SIDE
    assert [label for label, _ in turn.keyboard[0]] == ["Left", "Right", "Both"]  # type: ignore[index]
    on_button(conversation, "side", "right")
    assert conversation.state == ASK_DURATION
    on_message(conversation, parse("about 2 weeks", "out_of_scope"), "about 2 weeks")
    assert conversation.state == ASK_AGE
    on_message(conversation, parse("I'm 26", "out_of_scope"), "I'm 26")
    on_message(conversation, parse("no", "deny"), "no")
    turn = on_message(conversation, parse("no", "deny"), "no")
    assert conversation.state == IDLE
    assert replies.NOT_URGENT_ADVICE in turn.text
    assert "within two weeks" not in turn.text


def test_red_flag_overrides_whatever_the_nlu_says() -> None:
    conversation = Conversation()
    text = "there is blood coming out of my nipple"
    turn = on_message(conversation, parse(text, "greet"), text)
    assert turn.new_red_flags == ("blood_stained_discharge",)
    assert turn.text.count("within two weeks") == 1


def test_red_flag_found_while_answering_another_question() -> None:
    conversation = Conversation()
    on_message(conversation, parse("pain", "report_symptom", ("symptom", "pain")), "pain")
    assert conversation.state == ASK_SIDE
    turn = on_message(
        conversation,
        parse("left, and the skin is dimpled", "report_symptom"),
        "left, and the skin is dimpled",
    )
    assert "skin_tethering" in turn.new_red_flags


def test_nlu_down_keeps_the_intake_and_keywords_working() -> None:
    conversation = Conversation()
    turn = on_message(conversation, None, "hello")
    assert turn.text == replies.NLU_UNAVAILABLE and turn.keyboard is not None
    turn = on_message(conversation, None, "my nipple has turned inwards")
    assert turn.new_red_flags == ("nipple_retraction",)
    assert conversation.state == ASK_SIDE


def test_anxious_message_gets_a_calm_reply_first() -> None:
    conversation = Conversation()
    text = "I'm so scared, I found a lump"
    turn = on_message(conversation, parse(text, "express_anxiety", ("symptom", "lump")), text)
    assert turn.text.startswith(replies.ANXIETY)


def test_questions_answered_with_something_else_are_asked_again() -> None:
    conversation = Conversation()
    on_message(conversation, parse("lump", "report_symptom", ("symptom", "lump")), "a lump")
    assert conversation.state == ASK_AGE
    turn = on_message(conversation, parse("how do i check", "ask_self_exam"), "how do i check")
    assert turn.text.startswith(replies.SELF_EXAM) and turn.text.endswith(replies.ASK_AGE)
    turn = on_message(conversation, parse("blah", "out_of_scope"), "blah")
    assert turn.text == replies.ASK_AGE_AGAIN
    assert on_button(conversation, "side", "left").text.startswith(replies.UNKNOWN_BUTTON)


@pytest.mark.parametrize(
    ("intent", "action"),
    [
        ("ask_result", "history"),
        ("delete_my_data", "delete"),
        ("new_case", "newcase"),
        ("list_cases", "cases"),
    ],
)
def test_store_backed_intents_become_actions(intent: str, action: str) -> None:
    assert on_message(Conversation(), parse("...", intent), "...").action == action


def test_conversation_round_trips_through_json_data() -> None:
    conversation = Conversation(state=ASK_SYMPTOMS, case="C-ABC123")
    on_message(conversation, parse("lump", "report_symptom", ("symptom", "lump")), "a lump, I'm 50")
    again = Conversation.from_data(conversation.state, conversation.to_data())
    assert again == conversation
    assert Conversation.from_data("bogus", {}).state == IDLE


def test_stateless_reply_advises_without_asking() -> None:
    turn = stateless_reply(parse("orange peel skin", "report_symptom"), "my skin looks like orange peel")
    assert "within two weeks" in turn.text and turn.keyboard is None and turn.new_red_flags == ()
    assert stateless_reply(parse("what is it", "ask_risk_factors"), "x").text.startswith(replies.RISK_FACTORS)


def test_a_duration_misread_as_an_age_by_the_nlu_is_not_the_age() -> None:
    text = "armpit swelling painless 3 weeks age 46"
    misread = ParseResult(
        text=text,
        intent="report_symptom",
        confidence=0.9,
        entities=(Entity(entity="age", value="3", start=25, end=26, confidence=0.9),),
    )
    conversation = Conversation()
    turn = on_message(conversation, misread, text)
    assert conversation.intake.age == 46 and turn.new_red_flags == ("armpit_lump_age_30_plus",)
    age_entity = Entity(entity="age", value="3", start=6, end=7, confidence=0.9)
    only_nlu = ParseResult(
        text="lump, 3 weeks", intent="report_symptom", confidence=0.9, entities=(age_entity,)
    )
    conversation = Conversation()
    on_message(conversation, only_nlu, "lump, 3 weeks")
    assert conversation.intake.age is None  # asked instead


@pytest.mark.parametrize(
    ("said", "side"),
    [
        ("mere baayein stan mein gaanth hai", "left"),
        ("मेरे दाएँ स्तन में दर्द है", "right"),
        ("dono stano mein dard", "both"),
        ("ನನ್ನ ಎಡ ಸ್ತನದಲ್ಲಿ ಗಡ್ಡೆ ಇದೆ", "left"),
        ("nanna balagade stanadalli novu", "right"),
        ("ಎರಡೂ ಸ್ತನಗಳಲ್ಲಿ ನೋವು", "both"),
    ],
)
def test_the_side_is_read_in_hindi_and_kannada_native_and_romanised(said: str, side: str) -> None:
    intake = Intake()
    assert absorb(intake, None, said) and intake.side == side
