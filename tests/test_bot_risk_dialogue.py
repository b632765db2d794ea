"""The risk questionnaire's state machine without Telegram: order, skips, eligibility first, "I don't know",
bad input asked again without losing anything, red flags, persistence and the reference figures."""

from __future__ import annotations

import pytest

from bot import replies, risk_replies
from bot.catalog import Language, english, script_language, text
from bot.conversation import Intake, Turn, on_button, on_message, start_risk, stateless_reply
from bot.conversation.state import ASK_FAMILY, IDLE, Conversation
from bot.risk_dialogue import (
    RISK_AGE,
    RISK_BIOPSIES,
    RISK_BRCA,
    RISK_CHEST_RADIATION,
    RISK_FIRST_BIRTH,
    RISK_HISTORY,
    RISK_HYPERPLASIA,
    RISK_MENARCHE,
    RISK_RACE,
    RISK_RELATIVES,
)
from bot.risk_result import ESTIMATE, NOT_APPLICABLE, estimate_caption, estimate_details, not_applicable_text
from clinical import UNKNOWN, Hyperplasia, Race, RiskInputs, assess
from nlu import ParseResult
from tests.bcrat_reference import FIVE_YEAR_CASE, LIFETIME_CASE, reference_case


def said(text: str, intent: str = "out_of_scope", confidence: float = 0.9) -> ParseResult:
    return ParseResult(text=text, intent=intent, confidence=confidence, entities=())


def type_(
    conversation: Conversation, text: str, intent: str = "out_of_scope", confidence: float = 0.9
) -> Turn:
    return on_message(conversation, said(text, intent, confidence), text)


def press(conversation: Conversation, data: str) -> Turn:
    kind, _, value = data.partition(":")
    return on_button(conversation, kind, value)


def buttons(turn: Turn) -> list[str]:
    return [data for row in turn.keyboard or () for _, data in row]


def to_eligible_questions(conversation: Conversation, age: str = "45") -> None:
    start_risk(conversation)
    type_(conversation, age)
    press(conversation, "risk:history.no")
    press(conversation, "risk:chest_radiation.no")
    press(conversation, "risk:brca.no")


def test_questions_come_in_order_eligibility_first() -> None:
    conversation = Conversation()
    turn = start_risk(conversation)
    assert conversation.state == RISK_AGE and risk_replies.RISK_INTRO in turn.text and turn.keyboard is None
    seen = [conversation.state]
    steps = [("type", "45"), ("press", "risk:history.no"), ("press", "risk:chest_radiation.no"),
             ("press", "risk:brca.no"), ("press", "risk:race.1"), ("type", "13"),
             ("press", "risk:first_birth.none"), ("press", "risk:relatives.0"), ("press", "risk:biopsies.2"),
             ("press", "risk:hyperplasia.yes")]  # fmt: skip
    for how, what in steps:
        turn = type_(conversation, what) if how == "type" else press(conversation, what)
        seen.append(conversation.state)
    assert seen == [RISK_AGE, RISK_HISTORY, RISK_CHEST_RADIATION, RISK_BRCA, RISK_RACE, RISK_MENARCHE,
                    RISK_FIRST_BIRTH, RISK_RELATIVES, RISK_BIOPSIES, RISK_HYPERPLASIA, IDLE]  # fmt: skip
    assert turn.risk is not None and turn.risk.kind == ESTIMATE
    assert turn.risk.answers == {
        "age": 45.0, "history": "no", "chest_radiation": "no", "brca": "no", "race": 1, "menarche": 13.0,
        "first_birth": "none", "relatives": 0, "biopsies": 2, "hyperplasia": "yes",
    }  # fmt: skip
    assert conversation.risk.age is None  # answers leave the dialogue state once handed over


def test_every_closed_question_offers_i_dont_know() -> None:
    conversation = Conversation()
    start_risk(conversation)
    turn = type_(conversation, "50")
    steps = [(RISK_HISTORY, "risk:history.unknown"), (RISK_CHEST_RADIATION, "risk:chest_radiation.no"),
             (RISK_BRCA, "risk:brca.no"), (RISK_RACE, "risk:race.2"), (RISK_MENARCHE, None),
             (RISK_FIRST_BIRTH, "risk:first_birth.unknown"), (RISK_RELATIVES, "risk:relatives.1"),
             (RISK_BIOPSIES, "risk:biopsies.1"), (RISK_HYPERPLASIA, None)]  # fmt: skip
    for state, answer in steps:
        assert conversation.state == state
        field = state.removeprefix("risk_")
        assert f"risk:{field}.unknown" in buttons(turn), state
        turn = press(conversation, answer) if answer else type_(conversation, "I don't know")
    assert turn.risk is not None


def test_the_reference_case_gives_the_r_packages_five_year_figures() -> None:
    case = reference_case(FIVE_YEAR_CASE)
    conversation = Conversation()
    start_risk(conversation)
    type_(conversation, f"I'm {case['T1']}")
    press(conversation, "risk:history.no")
    press(conversation, "risk:chest_radiation.no")
    press(conversation, "risk:brca.no")
    press(conversation, f"risk:race.{case['Race']}")
    type_(conversation, str(case["AgeMen"]))
    press(conversation, "risk:first_birth.none")  # Age1st 98: no live births
    press(conversation, f"risk:relatives.{case['N_Rels']}")
    press(conversation, f"risk:biopsies.{case['N_Biop']}")
    turn = press(conversation, "risk:hyperplasia.no")  # HypPlas 0
    assert turn.risk is not None and turn.risk.result is not None
    result = turn.risk.result
    assert result.five_year_risk == pytest.approx(case["AbsRisk"], abs=1e-6)
    assert result.average_five_year_risk == pytest.approx(case["AvgRisk"], abs=1e-6)
    caption = estimate_caption(turn.risk)
    assert "about 1.9 in 100 women like you develop breast cancer" in caption
    assert "the average for a woman your age is 0.6 in 100" in caption
    assert "the 2 coloured ones" in caption and replies.DISCLAIMER in caption
    assert risk_replies.RISK_NEXT_STEPS in estimate_details(turn.risk)


def test_unknown_hyperplasia_and_the_lifetime_reference_case() -> None:
    case = reference_case(LIFETIME_CASE)
    conversation = Conversation()
    to_eligible_questions(conversation, str(case["T1"]))
    press(conversation, "risk:race.1")
    type_(conversation, "12")
    type_(conversation, "I was 25")
    type_(conversation, "one")
    type_(conversation, "just 1")
    turn = type_(conversation, "not sure")  # HypPlas 99
    assert turn.risk is not None and turn.risk.result is not None
    assert turn.risk.answers["hyperplasia"] == UNKNOWN
    assert turn.risk.result.lifetime_risk == pytest.approx(case["AbsRisk"], abs=1e-6)
    assert turn.risk.result.average_lifetime_risk == pytest.approx(case["AvgRisk"], abs=1e-6)
    assert "By age 90: about 24.7 in 100" in estimate_caption(turn.risk)


def test_all_unknown_answers_use_the_models_unknown_codes() -> None:
    conversation = Conversation()
    start_risk(conversation)
    type_(conversation, "60")
    for field in ("history", "chest_radiation", "brca", "race"):
        press(conversation, f"risk:{field}.unknown")
    type_(conversation, "dunno")
    press(conversation, "risk:first_birth.unknown")
    press(conversation, "risk:relatives.unknown")
    turn = press(conversation, "risk:biopsies.unknown")  # no hyperplasia question without a known biopsy
    assert turn.risk is not None and turn.risk.result is not None
    inputs = RiskInputs(age=60, projection_end_age=65, age_at_menarche=UNKNOWN, age_at_first_birth=UNKNOWN,
                        first_degree_relatives=UNKNOWN, biopsies=UNKNOWN,
                        atypical_hyperplasia=Hyperplasia.UNKNOWN, race=Race.NATIVE_AMERICAN)  # fmt: skip
    expected = assess(inputs)
    assert turn.risk.result.five_year_risk == pytest.approx(expected.five_year_risk)
    assert turn.risk.unsure_about == ("history", "chest_radiation", "brca")
    details = estimate_details(turn.risk)
    assert "radiation therapy to the chest" in details and risk_replies.RISK_UNKNOWN_COUNTED in details
    assert risk_replies.RISK_NO_AVERAGE in estimate_caption(turn.risk)


@pytest.mark.parametrize(
    ("answers", "words", "instead"),
    [
        (["34"], "35 or older", "doctor or nurse"),
        (["52", "risk:history.breast_cancer"], "had breast cancer", "follow-up care team"),
        (["52", "risk:history.dcis_lcis"], "DCIS or LCIS", "clinician"),
        (["52", "risk:history.no", "risk:chest_radiation.yes"], "radiation therapy to the chest", "doctor"),
        (["52", "risk:history.no", "risk:chest_radiation.no", "risk:brca.yes"], "BRCA1 or BRCA2",
         "genetic counselling"),
    ],
)  # fmt: skip
def test_each_ineligibility_ends_at_once_with_what_to_do_instead(
    answers: list[str], words: str, instead: str
) -> None:
    conversation = Conversation()
    start_risk(conversation)
    turn = Turn("")
    for answer in answers:
        turn = press(conversation, answer) if answer.startswith("risk:") else type_(conversation, answer)
    assert conversation.state == IDLE
    assert turn.risk is not None and turn.risk.kind == NOT_APPLICABLE and turn.risk.result is None
    [reason] = turn.risk.reasons
    stored = turn.risk.stored_result()["reasons"]
    assert len(stored) == 1 and words in stored[0] and instead in stored[0]  # the clinician reads English
    sent = not_applicable_text(turn.risk)
    assert sent == f"{risk_replies.RISK_NOT_APPLICABLE}\n• {stored[0]}\n\n{replies.DISCLAIMER}"
    for language in (Language.KANNADA, Language.HINDI):
        translated = not_applicable_text(turn.risk, language)
        assert script_language(translated) is language and text(language, "risk-reason", reason=reason,
            min_age="35", max_age="90") in translated  # fmt: skip


def test_what_the_intake_knows_is_not_asked_again() -> None:
    conversation = Conversation(intake=Intake(symptoms=["pain"], age=47, family_history="no"))
    turn = start_risk(conversation)
    assert conversation.state == RISK_HISTORY and risk_replies.RISK_ASK_HISTORY in turn.text
    for data in ("risk:history.no", "risk:chest_radiation.no", "risk:brca.no", "risk:race.6"):
        press(conversation, data)
    type_(conversation, "12")
    turn = type_(conversation, "no children")
    assert conversation.state == RISK_BIOPSIES  # no close family history: no relatives question
    turn = press(conversation, "risk:biopsies.0")
    assert turn.risk is not None and turn.risk.answers["relatives"] == 0 and turn.risk.answers["age"] == 47


def test_an_age_given_to_the_risk_questions_is_kept_for_the_intake() -> None:
    conversation = Conversation()
    start_risk(conversation)
    type_(conversation, "44")
    assert conversation.intake.age == 44 and conversation.state == RISK_HISTORY


def test_in_case_mode_the_questions_are_about_the_patient() -> None:
    turn = start_risk(Conversation(case="C-1A2B3C"))
    assert english("risk-intro-case", case="C-1A2B3C") in turn.text


def test_known_age_under_35_ends_before_any_question() -> None:
    turn = start_risk(Conversation(intake=Intake(age=29)))
    assert (
        turn.risk is not None
        and turn.risk.kind == NOT_APPLICABLE
        and risk_replies.RISK_INTRO not in turn.text
    )


def test_a_man_is_told_the_tool_is_for_women() -> None:
    turn = start_risk(Conversation(intake=Intake(age=50, male=True)))
    assert turn.risk is not None and "women only" in not_applicable_text(turn.risk)


ELIGIBLE = ["45", "risk:history.no", "risk:chest_radiation.no", "risk:brca.no"]


@pytest.mark.parametrize(
    ("state_answers", "bad", "hint"),
    [
        ([], "hello there", risk_replies.RISK_AGE_AGAIN),
        ([], "I don't know", risk_replies.RISK_AGE_NEEDED),
        ([], "250", "between 1 and 120"),
        ([*ELIGIBLE, "risk:race.1"], "when I was small", risk_replies.RISK_MENARCHE_AGAIN),
        ([*ELIGIBLE, "risk:race.1"], "3", "between 6 and 25"),
        ([*ELIGIBLE, "risk:race.1", "13"], "11", "after the first period (13)"),
        ([*ELIGIBLE, "risk:race.1", "13"], "50", "no later than the current age (45)"),
        ([*ELIGIBLE, "risk:race.1", "13", "30"], "lots", risk_replies.RISK_COUNT_AGAIN),
        (ELIGIBLE, "hispanic", risk_replies.RISK_RACE_HISPANIC),
        (ELIGIBLE[:2], "maybe later", replies.ANSWER_WITH_BUTTONS),
    ],
)
def test_bad_input_is_asked_again_with_the_reason_and_nothing_is_lost(
    state_answers: list[str], bad: str, hint: str
) -> None:
    conversation = Conversation()
    start_risk(conversation)
    for answer in state_answers:
        _ = press(conversation, answer) if answer.startswith("risk:") else type_(conversation, answer)
    state, before = conversation.state, conversation.risk.to_data()
    turn = type_(conversation, bad)
    assert hint in turn.text and turn.risk is None
    assert conversation.state == state and conversation.risk.to_data() == before
    restored = Conversation.from_data(conversation.state, conversation.to_data())
    assert restored.state == state and restored.risk == conversation.risk


def test_a_stale_button_repeats_the_current_question() -> None:
    conversation = Conversation()
    to_eligible_questions(conversation)
    turn = press(conversation, "risk:history.breast_cancer")  # from an earlier message
    assert conversation.state == RISK_RACE and replies.UNKNOWN_BUTTON in turn.text and turn.risk is None
    assert conversation.risk.history == "no"
    turn = press(conversation, "fam:yes")
    assert conversation.state == RISK_RACE and risk_replies.RISK_ASK_RACE in turn.text


def test_typed_answers_to_closed_questions() -> None:
    conversation = Conversation()
    start_risk(conversation)
    type_(conversation, "52")
    type_(conversation, "I had DCIS")
    assert conversation.state == IDLE and conversation.risk.history is None  # DCIS: does not apply
    conversation = Conversation()
    to_eligible_questions(conversation)
    type_(conversation, "Chinese")
    assert conversation.state == RISK_MENARCHE


def test_the_questionnaire_survives_a_round_trip_through_json() -> None:
    conversation = Conversation()
    to_eligible_questions(conversation)
    press(conversation, "risk:race.7")
    restored = Conversation.from_data(conversation.state, conversation.to_data())
    assert restored.state == RISK_MENARCHE and restored.risk.race == 7 and restored.risk.age == 45
    corrupted = conversation.to_data()
    corrupted["risk"]["race"] = "purple"
    assert Conversation.from_data(RISK_MENARCHE, corrupted).risk.race is None  # asked again, not crashed


def test_a_red_flag_typed_during_the_questions_is_answered_and_recorded() -> None:
    conversation = Conversation()
    to_eligible_questions(conversation, "48")
    turn = type_(conversation, "by the way there is blood coming from my nipple")
    assert "within two weeks" in turn.text and turn.new_red_flags == ("blood_stained_discharge",)
    assert conversation.state == RISK_RACE and risk_replies.RISK_ASK_RACE in turn.text
    assert conversation.intake.age == 48


def test_other_intents_while_answering() -> None:
    conversation = Conversation()
    to_eligible_questions(conversation)
    turn = type_(conversation, "please delete my data", "delete_my_data")  # /delete does it; text waits
    assert turn.action is None and conversation.state == RISK_RACE
    assert turn.text.endswith(risk_replies.RISK_ASK_RACE) and turn.keyboard
    turn = type_(conversation, "how do I check my breasts", "ask_self_exam")
    assert turn.text.startswith(replies.SELF_EXAM) and risk_replies.RISK_ASK_RACE in turn.text
    press(conversation, "risk:race.1")
    turn = type_(conversation, "when I was a teenager", "ask_result", confidence=0.6)  # misread short answer
    assert turn.action is None and risk_replies.RISK_MENARCHE_AGAIN in turn.text


def test_the_risk_intent_starts_the_questions_and_interrupts_an_intake() -> None:
    conversation = Conversation()
    turn = type_(conversation, "what is my risk of getting breast cancer", "assess_risk")
    assert conversation.state == RISK_AGE and risk_replies.RISK_ASK_AGE in turn.text
    conversation = Conversation(state=ASK_FAMILY, intake=Intake(symptoms=["pain"], side="left", age=40))
    type_(conversation, "calculate my risk", "assess_risk")
    assert conversation.state == RISK_HISTORY


def test_without_consent_the_risk_intent_asks_for_it() -> None:
    turn = stateless_reply(said("calculate my risk", "assess_risk"), "calculate my risk")
    assert turn.text == risk_replies.RISK_NEEDS_CONSENT and "consent:yes" in buttons(turn)
