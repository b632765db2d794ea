"""The risk questionnaire (/risk, NCI BCRAT) through the emulator, the real Rasa server and the bot.

A full questionnaire reproducing an R reference case (with the icon-array photo, counted by pixel), unknown
answers and the lifetime reference case, bad input asked again, each ineligibility path, /cancel, consent
first, a health worker's case, and /delete removing the stored answers.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from bcdbot.stack import StackConfig
from bot import replies, risk_replies
from clinical.icon_array import AFFECTED, GRID_BOX, UNAFFECTED
from store import RiskAssessmentView, Store, create_database_engine, pseudonymise, session_factory
from tests.bcrat_reference import FIVE_YEAR_CASE, LIFETIME_CASE, reference_case
from tests.chat import ChatUser, Message
from tests.conftest import TEST_PSEUDONYM_SECRET
from tests.test_conversation_flows import buttons, grant_health_worker, only, rows_of, text_of

pytestmark = pytest.mark.integration


def stored(stack: StackConfig, telegram_id: int) -> list[RiskAssessmentView]:
    engine = create_database_engine(stack.database_url)
    try:
        store = Store(session_factory(engine))
        pseudonym = pseudonymise(telegram_id, secret=TEST_PSEUDONYM_SECRET.encode())
        return store.risk_assessments_of(pseudonym=pseudonym)
    finally:
        engine.dispose()


def answer(chat: ChatUser, question: Message, reply: str) -> Message:
    """Press the button `reply` ("risk:...") on `question`, or type `reply`; the bot's next message."""
    if reply.startswith("risk:"):
        assert reply in buttons(question), (reply, buttons(question))
        chat.press(question, reply)
    else:
        chat.send_text(reply)
    return chat.next_message()


def run(chat: ChatUser, first: Message, replies_in_order: list[str]) -> Message:
    message = first
    for reply in replies_in_order:
        message = answer(chat, message, reply)
    return message


def coloured_figures(png: bytes) -> tuple[int, int]:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    left, top, right, bottom = GRID_BOX
    grid = pixels[top : bottom + 1, left : right + 1]
    counts = [ndimage.label(np.all(grid == colour, axis=-1))[1] for colour in (AFFECTED, UNAFFECTED)]
    return int(counts[0]), int(counts[1])


ELIGIBLE = ["risk:history.no", "risk:chest_radiation.no", "risk:brca.no"]


def test_full_questionnaire_gives_the_reference_figures_and_the_icon_array(
    consented: ChatUser, stack: StackConfig
) -> None:
    case = reference_case(FIVE_YEAR_CASE)  # 40, White, menarche 11, no births, 1 relative, 1 biopsy, no AH
    consented.send_text("/risk")
    first = only(consented)
    assert risk_replies.RISK_INTRO in text_of(first) and risk_replies.RISK_ASK_AGE in text_of(first)
    steps = [str(case["T1"]), *ELIGIBLE, f"risk:race.{case['Race']}", str(case["AgeMen"]),
             "risk:first_birth.none", f"risk:relatives.{case['N_Rels']}"]  # fmt: skip
    last = run(consented, first, steps)
    assert risk_replies.RISK_ASK_BIOPSIES in text_of(last)
    consented.press(last, f"risk:biopsies.{case['N_Biop']}")
    hyperplasia = consented.next_message()
    assert risk_replies.RISK_ASK_HYPERPLASIA in text_of(hyperplasia)
    consented.press(hyperplasia, "risk:hyperplasia.no")
    photo, details = consented.next_replies()
    caption = text_of(photo)
    assert f"about {case['AbsRisk']:.1f} in 100 women like you develop breast cancer" in caption  # 1.9
    assert f"the average for a woman your age is {case['AvgRisk']:.1f} in 100" in caption  # 0.6
    assert "By age 90: about" in caption and replies.DISCLAIMER in caption
    assert "research tool, not a medical device" in caption
    assert risk_replies.RISK_NEXT_STEPS in text_of(details)
    assert coloured_figures(consented.download(photo["photo"][-1]["file_id"])) == (2, 98)
    [assessment] = stored(stack, consented.user_id)
    assert assessment.outcome == "estimate" and assessment.case is None
    assert assessment.five_year_risk == pytest.approx(case["AbsRisk"], abs=1e-6)
    assert assessment.answers["first_birth"] == "none" and assessment.answers["hyperplasia"] == "no"


def test_unknown_answers_bad_input_and_the_lifetime_reference_case(
    consented: ChatUser, stack: StackConfig
) -> None:
    case = reference_case(LIFETIME_CASE)  # 35, White, menarche 12, first birth 25, 1 relative, 1 biopsy, AH ?
    consented.send_text("calculate my breast cancer risk")  # the Rasa intent starts the questions too
    first = only(consented)
    assert risk_replies.RISK_ASK_AGE in text_of(first)
    menarche = run(consented, first, [str(case["T1"]), "risk:history.no", "risk:chest_radiation.unknown",
                                      "risk:brca.no", "risk:race.1"])  # fmt: skip
    assert risk_replies.RISK_ASK_MENARCHE in text_of(menarche) and "risk:menarche.unknown" in buttons(
        menarche
    )
    again = answer(consented, menarche, "when I was a teenager")
    assert risk_replies.RISK_MENARCHE_AGAIN in text_of(again) and risk_replies.RISK_ASK_MENARCHE in text_of(
        again
    )
    again = answer(consented, again, "40")
    assert "between 6 and 25" in text_of(again)
    last = run(consented, again, [str(case["AgeMen"]), f"I was {case['Age1st']}", "one", "risk:biopsies.1"])
    assert risk_replies.RISK_ASK_HYPERPLASIA in text_of(last)
    consented.send_text("I don't know")
    photo, details = consented.next_replies()
    caption = text_of(photo)
    assert f"By age 90: about {case['AbsRisk']:.1f} in 100" in caption  # 24.7
    assert f"the average for a woman your age is {case['AvgRisk']:.1f} in 100" in caption  # 12.6
    assert "radiation therapy to the chest" in text_of(details)  # not sure: if yes, it does not apply
    [assessment] = stored(stack, consented.user_id)
    assert assessment.answers["hyperplasia"] == assessment.answers["chest_radiation"] == "unknown"
    assert assessment.lifetime_risk == pytest.approx(case["AbsRisk"], abs=1e-6)


def test_every_answer_unknown_still_gives_an_estimate(consented: ChatUser) -> None:
    consented.send_text("/risk")
    steps = [
        "61",
        "risk:history.unknown",
        "risk:chest_radiation.unknown",
        "risk:brca.unknown",
        "risk:race.unknown",
        "I don't know",
        "risk:first_birth.unknown",
        "risk:relatives.unknown",
    ]
    last = run(consented, only(consented), steps)
    consented.press(last, "risk:biopsies.unknown")
    photo, details = consented.next_replies()
    assert "photo" in photo and "Next 5 years: about" in text_of(photo)
    assert risk_replies.RISK_NO_AVERAGE in text_of(photo)  # "other/unknown" race: no average in the tool
    assert risk_replies.RISK_UNKNOWN_COUNTED in text_of(details)


INELIGIBLE: list[tuple[list[str], str, str]] = [
    (["I'm 30"], "35 or older", "doctor or nurse"),
    (["52", "risk:history.breast_cancer"], "had breast cancer", "follow-up care team"),
    (["52", "risk:history.dcis_lcis"], "DCIS or LCIS", "clinician"),
    (["52", "risk:history.no", "risk:chest_radiation.yes"], "radiation therapy to the chest", "Hodgkin"),
    (["52", "risk:history.no", "risk:chest_radiation.no", "risk:brca.yes"], "BRCA1 or BRCA2",
     "genetic counselling"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("answers", "words", "instead"), INELIGIBLE, ids=["under-35", "cancer", "dcis", "chest-radiation", "brca"]
)
def test_each_ineligibility_explains_and_says_what_to_do_instead(
    consented: ChatUser, stack: StackConfig, answers: list[str], words: str, instead: str
) -> None:
    consented.send_text("/risk")
    message = only(consented)
    for reply in answers[:-1]:
        message = answer(consented, message, reply)
    if answers[-1].startswith("risk:"):
        consented.press(message, answers[-1])
    else:
        consented.send_text(answers[-1])
    refusal = only(consented)
    text = text_of(refusal)
    assert text.startswith(risk_replies.RISK_NOT_APPLICABLE) and words in text and instead in text
    assert replies.DISCLAIMER in text and "photo" not in refusal and not buttons(refusal)
    [assessment] = stored(stack, consented.user_id)
    assert assessment.outcome == "not_applicable" and words in assessment.reasons[0]
    consented.send_text("12")
    assert risk_replies.RISK_ASK_MENARCHE not in consented.one_reply()  # the questions are over


def test_cancel_leaves_the_questionnaire(consented: ChatUser, stack: StackConfig) -> None:
    consented.send_text("/risk")
    answer(consented, only(consented), "45")
    consented.send_text("/cancel")
    assert consented.one_reply() == replies.CANCELLED
    consented.send_text("/cancel")
    assert consented.one_reply() == replies.NOTHING_TO_CANCEL
    assert stored(stack, consented.user_id) == []


def test_without_consent_risk_asks_for_it_and_stores_nothing(person: ChatUser, stack: StackConfig) -> None:
    person.send_text("/risk")
    refusal = only(person)
    assert text_of(refusal) == risk_replies.RISK_NEEDS_CONSENT and "consent:yes" in buttons(refusal)
    counts = rows_of(stack, person.user_id)
    assert set(counts.values()) <= {0}, counts


def test_a_health_workers_assessment_is_kept_with_the_case(consented: ChatUser, stack: StackConfig) -> None:
    grant_health_worker(stack, consented.user_id)
    consented.send_text("/newcase")
    case_id = consented.one_reply().split()[1]
    consented.send_text("/risk")
    last = run(consented, only(consented), ["58", *ELIGIBLE, "risk:race.2", "13", "24", "risk:relatives.0"])
    consented.press(last, "risk:biopsies.0")
    photo, _ = consented.next_replies()
    assert "Next 5 years: about" in text_of(photo)
    [assessment] = stored(stack, consented.user_id)
    assert assessment.case == case_id and assessment.answers["race"] == 2


def test_delete_removes_the_stored_answers(consented: ChatUser, stack: StackConfig) -> None:
    consented.send_text("/risk")
    steps = ["50", *ELIGIBLE, "risk:race.1", "12", "risk:first_birth.unknown", "risk:relatives.0"]
    last = run(consented, only(consented), steps)
    consented.press(last, "risk:biopsies.0")
    consented.next_replies()
    assert rows_of(stack, consented.user_id)["risk_assessments"] == 1
    consented.send_text("/delete")
    confirm = only(consented)
    consented.press(confirm, "delete:yes")
    assert consented.one_reply() == replies.DELETED
    assert rows_of(stack, consented.user_id) == {"users": 0}
    assert stored(stack, consented.user_id) == []
