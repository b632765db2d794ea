"""The echo "I understand you have noticed ..." is composed from canonical findings and reads as English."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from bot import replies
from bot.conversation.intake import Intake, absorb, summary
from bot.conversation.summary import duration_words, findings_words
from nlu import ParseResult
from tests.red_flag_patient import DEVELOPMENT_SET, EVALUATION_SET, load_cases

NLU_TRAINING = Path(__file__).resolve().parents[1] / "nlu" / "data" / "nlu_en.yml"
# A doubled word, a preposition left hanging, "for since", "and in": the defects of gluing fragments.
DEFECT = re.compile(
    r"\b(\w+) \1\b|\b(in|for|of|on|from|and|since|your)\s*[.,]|\bfor (since|for|in)\b|\band (in|for|of|on)\b"
    r"|\bin (for|since)\b|,\s*,|\s[.,]",
    re.I,
)


def defects(sentence: str) -> list[str]:
    return [match.group(0) for match in DEFECT.finditer(sentence)]


@pytest.mark.parametrize(
    ("symptoms", "side", "male", "expected"),
    [
        (["lump", "pain"], "left", False, "a lump and pain in your left breast"),
        (["armpit_lump"], "left", False, "a lump in your left armpit"),
        (["lump"], None, True, "a lump in your chest"),
        (["nipple_retraction"], "right", False, "a change in the shape of your right nipple"),
        (["bloody_nipple_discharge", "lump"], "both", False,
         "blood-stained discharge from both nipples and a lump in both breasts"),
        (["not_a_symptom"], None, False, replies.SUMMARY_NOTHING),
    ],
)  # fmt: skip
def test_findings_words(symptoms: list[str], side: str | None, male: bool, expected: str) -> None:
    assert findings_words(symptoms, side=side, male=male) == expected


@pytest.mark.parametrize(
    ("days", "button", "expected"),
    [(21, None, " for 3 weeks"), (30, None, " for a month"), (1, None, " since yesterday"),
     (0, None, " since today"), (10, None, " for 10 days"), (365, None, " for a year"), (None, None, ""),
     (28, "2 to 6 weeks", " for 2 to 6 weeks")],
)  # fmt: skip
def test_duration_words(days: int | None, button: str | None, expected: str) -> None:
    assert duration_words(days, button) == expected


def test_the_probe_messages_read_cleanly() -> None:
    flattened = Intake()
    absorb(flattened, None, "my left nipple has become flattened since last month")
    assert summary(flattened) == (
        "I understand you have noticed a change in the shape of your left nipple for a month."
    )
    armpit = Intake()
    absorb(armpit, None, "I have a hard swelling in my left armpit for a month, I'm 60")
    assert summary(armpit) == "I understand you have noticed a lump in your left armpit for a month."


@pytest.mark.parametrize("path", [EVALUATION_SET, DEVELOPMENT_SET], ids=["evaluation", "development"])
def test_no_summary_defect_on_the_evaluation_sets_keywords_alone(path: object) -> None:
    found = {}
    for case in load_cases(path):  # type: ignore[arg-type]
        intake = Intake()
        absorb(intake, None, case.text)
        sentence = summary(intake)
        if defects(sentence) or _armpit_as_breast(case.text, intake.symptoms):
            found[case.text] = sentence
    assert found == {}


def _armpit_as_breast(text: str, symptoms: list[str]) -> bool:
    """The message speaks of an armpit only, and the summary put a lump in the breast."""
    lowered = text.lower()
    armpit_only = re.search(r"armpit|underarm|under (my|the|her|his) arm|axilla", lowered) and not re.search(
        r"breast|brest|boob|chest|nipple|nippal|tit", lowered
    )
    return bool(armpit_only) and "lump" in symptoms


def _training_examples() -> list[str]:
    lines = NLU_TRAINING.read_text(encoding="utf-8").splitlines()
    examples = [line.strip()[2:] for line in lines if line.startswith("      - ")]
    return [re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", example) for example in examples]


@pytest.mark.integration
def test_no_summary_defect_with_the_real_nlu(rasa_url: str) -> None:
    """Every training example and every evaluation message, parsed by the Rasa server, then summarised."""
    texts = _training_examples() + [case.text for case in load_cases(EVALUATION_SET)]
    found = {}
    with httpx.Client(base_url=rasa_url, timeout=30) as client:
        for text in texts:
            payload = client.post("/model/parse", json={"text": text}).raise_for_status().json()
            intake = Intake()
            absorb(intake, ParseResult.from_rasa(payload, text=text), text)
            sentence = summary(intake)
            if defects(sentence) or _armpit_as_breast(text, intake.symptoms):
                found[text] = sentence
    assert found == {}
