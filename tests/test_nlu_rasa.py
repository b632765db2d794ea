"""Integration tests: the real RasaClient against a real `rasa run` serving the model trained from nlu/.

The `rasa_url` fixture (project conftest) starts the server once per session and yields its base URL.
"""

from collections.abc import AsyncIterator

import pytest

from nlu import NO_INTENT, RasaClient

pytestmark = pytest.mark.integration


@pytest.fixture
async def nlu_client(rasa_url: str) -> AsyncIterator[RasaClient]:
    # Generous timeout: the first parse after start-up can be slow on a loaded CI machine.
    async with RasaClient(rasa_url, timeout=10.0) as client:
        yield client


async def test_reference_sentence(nlu_client: RasaClient) -> None:
    result = await nlu_client.parse("I have had a painful lump in my left breast for 3 weeks")
    assert result.intent == "report_symptom"
    assert result.confidence > 0.5
    assert "lump" in result.values("symptom")
    assert set(result.values("symptom")) <= {"lump", "pain"}
    assert result.values("body_side") == ["left"]
    assert result.values("duration") == ["3 weeks"]
    lump = next(e for e in result.entities if e.value == "lump")
    assert result.text[lump.start : lump.end] == "lump"


@pytest.mark.parametrize(
    ("text", "symptoms", "side", "duration"),
    [
        ("there is blood-stained discharge from my rigth nipple", {"bloody_nipple_discharge"}, "right", None),
        ("lumps in both breasts for a few days", {"lump"}, "both", "a few days"),
        ("my left boob really hurts", {"pain"}, "left", None),
        (
            "I've noticed dimpling on my left breast since yesterday",
            {"skin_dimpling"},
            "left",
            "since yesterday",
        ),
    ],
)
async def test_symptom_reports_are_canonicalised(
    nlu_client: RasaClient, text: str, symptoms: set[str], side: str, duration: str | None
) -> None:
    result = await nlu_client.parse(text)
    assert result.intent == "report_symptom"
    assert set(result.values("symptom")) == symptoms
    assert result.first("body_side") == side
    assert result.first("duration") == duration


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hey bot", "greet"),
        ("bye then", "goodbye"),
        ("thanks so much", "thank"),
        ("yes definitely", "affirm"),
        ("no not really", "deny"),
        ("can I upload a photo of my scan", "ask_how_to_upload"),
        ("what are the symptoms of breast cancer", "ask_about_breast_cancer"),
        ("how do i examine my breasts", "ask_self_exam"),
        ("I'm really scared", "express_anxiety"),
        ("are you a robot", "bot_challenge"),
        ("order me a pizza please", "out_of_scope"),
    ],
)
async def test_intents(nlu_client: RasaClient, text: str, intent: str) -> None:
    result = await nlu_client.parse(text)
    assert result.intent == intent
    assert result.values("symptom") == []


async def test_blank_message_has_no_intent(nlu_client: RasaClient) -> None:
    result = await nlu_client.parse("   ")
    assert result.intent == NO_INTENT
    assert result.entities == ()


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what did my scan show", "ask_result"),
        ("does alcohol increase my risk of breast cancer", "ask_risk_factors"),
        ("who can see my pictures", "ask_privacy"),
        ("please delete everything you have about me", "delete_my_data"),
        ("open a new case", "new_case"),
        ("show me my open cases", "list_cases"),
    ],
)
async def test_new_intents(nlu_client: RasaClient, text: str, intent: str) -> None:
    assert (await nlu_client.parse(text)).intent == intent


async def test_intake_entities(nlu_client: RasaClient) -> None:
    result = await nlu_client.parse("I'm 45, breastfeeding, my mum had breast cancer and I found a lump")
    assert result.intent == "report_symptom"
    assert result.first("age") == "45"
    assert result.first("pregnancy") == "breastfeeding"
    assert result.first("family_history") == "mother"
    assert "lump" in result.values("symptom")
