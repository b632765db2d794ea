"""nlu.RasaClient's circuit breaker: it opens after failures, fails fast, and recovers."""

from typing import Any

import pytest

from nlu import (
    CircuitBreaker,
    NLUCircuitOpen,
    NLUUnavailable,
)
from tests.nlu_fakes import FakeClock, Server, make_client

SENTENCE = "I have a lump"
RASA_BODY: dict[str, Any] = {
    "text": SENTENCE,
    "intent": {"name": "report_symptom", "confidence": 0.98},
    "entities": [],
}


async def test_circuit_opens_fails_fast_and_recovers() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failure_threshold=2, cooldown=30.0, clock=clock)
    server = Server(503)
    client, _ = make_client(server, breaker=breaker)

    for _ in range(2):
        with pytest.raises(NLUUnavailable):
            await client.parse("hello")
    assert len(server.requests) == 4  # 2 parses x (try + retry)
    assert breaker.state == "open"

    with pytest.raises(NLUCircuitOpen):
        await client.parse("hello")
    assert len(server.requests) == 4  # failed fast, nothing sent

    clock.now += 29.0
    with pytest.raises(NLUCircuitOpen, match=r"retry in 1\.0 s"):
        await client.parse("hello")

    # Cool-down over: half-open lets a call through; it fails, so the circuit opens again at once.
    clock.now += 1.0
    assert breaker.state == "half-open"
    with pytest.raises(NLUUnavailable) as info:
        await client.parse("hello")
    assert not isinstance(info.value, NLUCircuitOpen)
    assert breaker.state == "open"
    with pytest.raises(NLUCircuitOpen):
        await client.parse("hello")

    # Next cool-down over and the server is back: success closes the circuit.
    clock.now += 30.0
    server.steps = [RASA_BODY]
    assert (await client.parse(SENTENCE)).intent == "report_symptom"
    assert breaker.state == "closed"
    assert breaker.consecutive_failures == 0


async def test_success_resets_consecutive_failures() -> None:
    breaker = CircuitBreaker(failure_threshold=2, clock=FakeClock())
    server = Server(503, 503, RASA_BODY, 503, 503, RASA_BODY)
    client, _ = make_client(server, breaker=breaker)
    with pytest.raises(NLUUnavailable):
        await client.parse("a")
    await client.parse("b")
    with pytest.raises(NLUUnavailable):
        await client.parse("c")
    assert breaker.state == "closed"
    assert breaker.consecutive_failures == 1


def test_breaker_rejects_bad_settings() -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(failure_threshold=0)
    with pytest.raises(ValueError):
        CircuitBreaker(cooldown=-1)


# --- lifecycle and privacy -----------------------------------------------------------------------------
