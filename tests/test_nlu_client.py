"""Unit tests of nlu.RasaClient against httpx.MockTransport (no Rasa server needed)."""

import asyncio
import json
import logging
import socket
from typing import Any

import httpx
import pytest

from nlu import (
    NO_INTENT,
    CircuitBreaker,
    Entity,
    NLUCircuitOpen,
    NLUError,
    NLUTimeout,
    NLUUnavailable,
    ParseResult,
    RasaClient,
)
from tests.nlu_fakes import FakeClock, Server, make_client

SENTENCE = "I have had a painful lump in my left breast for 3 weeks"

RASA_BODY: dict[str, Any] = {
    "text": SENTENCE,
    "intent": {"name": "report_symptom", "confidence": 0.98},
    "entities": [
        {
            "entity": "symptom",
            "start": 13,
            "end": 20,
            "confidence_entity": 0.99,
            "value": "pain",
            "extractor": "DIETClassifier",
            "processors": ["EntitySynonymMapper"],
        },
        {
            "entity": "symptom",
            "start": 21,
            "end": 25,
            "confidence_entity": 0.92,
            "value": "lump",
            "extractor": "DIETClassifier",
        },
        {
            "entity": "body_side",
            "start": 32,
            "end": 36,
            "confidence_entity": 0.99,
            "value": "left",
            "extractor": "DIETClassifier",
        },
        {
            "entity": "duration",
            "start": 48,
            "end": 55,
            "confidence_entity": 0.98,
            "value": "3 weeks",
            "extractor": "DIETClassifier",
        },
    ],
    "intent_ranking": [{"name": "report_symptom", "confidence": 0.98}],
}

# --- parsing -------------------------------------------------------------------------------------------


async def test_parse_posts_text_and_builds_result() -> None:
    server = Server(RASA_BODY)
    client, _ = make_client(server)
    result = await client.parse(SENTENCE)

    assert len(server.requests) == 1
    request = server.requests[0]
    assert request.method == "POST"
    assert str(request.url) == "http://rasa.test:5005/model/parse"
    assert json.loads(request.content) == {"text": SENTENCE}

    assert result.text == SENTENCE
    assert result.intent == "report_symptom"
    assert result.confidence == pytest.approx(0.98)
    assert result.entities[0] == Entity("symptom", "pain", 13, 20, 0.99)
    assert result.values("symptom") == ["pain", "lump"]
    assert result.first("symptom") == "pain"
    assert result.first("body_side") == "left"
    assert result.first("duration") == "3 weeks"
    assert result.first("nonexistent") is None
    assert result.values("nonexistent") == []


def test_values_deduplicates_in_order_and_filters_confidence() -> None:
    result = ParseResult(
        text="x",
        intent="report_symptom",
        confidence=0.9,
        entities=(
            Entity("symptom", "lump", 0, 1, 0.9),
            Entity("body_side", "left", 2, 3, 0.9),
            Entity("symptom", "pain", 4, 5, 0.3),
            Entity("symptom", "lump", 6, 7, 0.8),
        ),
    )
    assert result.values("symptom") == ["lump", "pain"]
    assert result.values("symptom", min_confidence=0.5) == ["lump"]
    assert result.first("symptom", min_confidence=0.95) is None


def test_parse_result_is_frozen() -> None:
    result = ParseResult(text="hi", intent="greet", confidence=1.0)
    with pytest.raises(AttributeError):
        result.intent = "bye"  # type: ignore[misc]


def test_from_rasa_tolerates_missing_intent_and_entity_confidence() -> None:
    body = {
        "text": "3 weeks",
        "intent": {"name": None, "confidence": 0.0},
        "entities": [
            {
                "entity": "duration",
                "start": 0,
                "end": 7,
                "value": "3 weeks",
                "extractor": "RegexEntityExtractor",
            }
        ],
    }
    result = ParseResult.from_rasa(body, text="3 weeks")
    assert result.intent == NO_INTENT
    assert result.confidence == 0.0
    assert result.entities == (Entity("duration", "3 weeks", 0, 7, 1.0),)


def test_from_rasa_coerces_non_string_values() -> None:
    body = {
        "intent": {"name": "report_symptom", "confidence": 1},
        "entities": [{"entity": "number", "start": 0, "end": 1, "value": 3, "confidence_entity": 1}],
    }
    assert ParseResult.from_rasa(body, text="3").first("number") == "3"


@pytest.mark.parametrize(
    "body",
    [
        [1, 2],
        {"intent": "greet"},
        {"intent": {"name": 5, "confidence": 1.0}},
        {"intent": {"name": "greet", "confidence": "high"}},
        {"intent": {"name": "greet", "confidence": 1.0}, "entities": [{"entity": "symptom"}]},
    ],
)
async def test_malformed_body_raises_nlu_error(body: Any) -> None:
    requests: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json=body)

    client, _ = make_client(handler)
    with pytest.raises(NLUError) as info:
        await client.parse("hello")
    assert not isinstance(info.value, NLUUnavailable)
    assert len(requests) == 1  # not retried


async def test_non_json_body_raises_nlu_error() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>proxy error</html>")

    client, _ = make_client(handler)
    with pytest.raises(NLUError, match="not JSON"):
        await client.parse("hello")


async def test_4xx_is_not_retried_and_not_an_outage() -> None:
    server = Server(400)
    breaker = CircuitBreaker(failure_threshold=1)
    client, _ = make_client(server, breaker=breaker)
    with pytest.raises(NLUError) as info:
        await client.parse("hello")
    assert not isinstance(info.value, NLUUnavailable)
    assert len(server.requests) == 1
    assert breaker.state == "closed"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
async def test_blank_text_is_not_sent(text: str) -> None:
    server = Server(RASA_BODY)
    client, _ = make_client(server)
    result = await client.parse(text)
    assert result == ParseResult(text=text, intent=NO_INTENT, confidence=0.0)
    assert server.requests == []


# --- retry and timeout ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first",
    [503, 500, 409, httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("x")],
    ids=["503", "500", "409-no-model", "connect-error", "read-timeout", "protocol-error"],
)
async def test_retries_once_then_succeeds(first: int | Exception) -> None:
    server = Server(first, RASA_BODY)
    client, _ = make_client(server)
    result = await client.parse(SENTENCE)
    assert result.intent == "report_symptom"
    assert len(server.requests) == 2
    assert client.breaker.consecutive_failures == 0


async def test_5xx_twice_raises_unavailable() -> None:
    server = Server(502, 503)
    client, _ = make_client(server)
    with pytest.raises(NLUUnavailable, match="HTTP 503") as info:
        await client.parse("hello")
    assert not isinstance(info.value, NLUTimeout)
    assert len(server.requests) == 2


async def test_connection_refused_raises_unavailable() -> None:
    server = Server(httpx.ConnectError("All connection attempts failed"))
    client, _ = make_client(server)
    with pytest.raises(NLUUnavailable) as info:
        await client.parse("hello")
    assert not isinstance(info.value, NLUTimeout)
    assert len(server.requests) == 2


async def test_real_connection_refused_raises_unavailable() -> None:
    with socket.socket() as sock:  # a loopback port that was free a moment ago and has no listener
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with RasaClient(f"http://127.0.0.1:{port}", timeout=1.0, retry_delay=0) as client:
        with pytest.raises(NLUUnavailable):
            await client.parse("hello")


async def test_httpx_timeout_raises_nlu_timeout() -> None:
    server = Server(httpx.ConnectTimeout("slow"))
    client, _ = make_client(server)
    with pytest.raises(NLUTimeout):
        await client.parse("hello")
    assert len(server.requests) == 2


async def test_slow_server_hits_overall_timeout() -> None:
    calls = 0

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        await asyncio.sleep(5)
        return httpx.Response(200, json=RASA_BODY)

    client, _ = make_client(slow, timeout=0.05)
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(NLUTimeout) as info:
        await client.parse("hello")
    assert isinstance(info.value, NLUUnavailable)
    assert calls == 2
    assert loop.time() - started < 1.0


async def test_timeout_then_5xx_raises_last_failure() -> None:
    server = Server(httpx.ReadTimeout("slow"), 500)
    client, _ = make_client(server)
    with pytest.raises(NLUUnavailable) as info:
        await client.parse("hello")
    assert not isinstance(info.value, NLUTimeout)


# --- circuit breaker -----------------------------------------------------------------------------------


async def test_context_manager_closes_owned_client_only() -> None:
    async with RasaClient("http://rasa.test") as owned:
        inner = owned._client
    assert inner.is_closed

    client, http = make_client(Server(RASA_BODY))
    async with client:
        await client.parse("hello")
    assert not http.is_closed
    await http.aclose()


async def test_message_text_is_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    secret = "my secret lump text 12345"
    breaker = CircuitBreaker(failure_threshold=1, clock=FakeClock())
    client, _ = make_client(Server(httpx.ConnectError("refused")), breaker=breaker)
    with caplog.at_level(logging.DEBUG):
        with pytest.raises(NLUUnavailable):
            await client.parse(secret)
        with pytest.raises(NLUCircuitOpen):
            await client.parse(secret)
    assert caplog.records  # failures are logged...
    assert secret not in caplog.text  # ...without the message
    assert "12345" not in caplog.text
