"""Async HTTP client for a Rasa NLU server (``rasa run --enable-api``).

The message text is personal health information: it is sent to Rasa and never logged here.
"""

import asyncio
import logging
from types import TracebackType
from typing import Self

import httpx

from nlu.breaker import CircuitBreaker
from nlu.errors import NLUCircuitOpen, NLUError, NLUTimeout, NLUUnavailable
from nlu.result import NO_INTENT, ParseResult

log = logging.getLogger(__name__)

_ATTEMPTS = 2  # the first try and one retry
# Rasa answers 409 Conflict while no model is loaded: the server is up but cannot parse yet.
_UNAVAILABLE_STATUS = frozenset({409})


class RasaClient:
    """Parses messages with ``POST {base_url}/model/parse``.

    Each attempt may take at most ``timeout`` seconds; a connection error, timeout or 5xx is retried once
    after ``retry_delay`` seconds. Failures (after the retry) feed a ``CircuitBreaker``: while it is open,
    ``parse`` raises ``NLUCircuitOpen`` without contacting the server.

    If ``client`` is given, the caller owns it and ``aclose()`` leaves it open.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 2.0,
        client: httpx.AsyncClient | None = None,
        breaker: CircuitBreaker | None = None,
        retry_delay: float = 0.05,
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be > 0")
        self._url = base_url.rstrip("/") + "/model/parse"
        self._timeout = timeout
        self._retry_delay = retry_delay
        self._owns_client = client is None
        self._client = client if client is not None else httpx.AsyncClient(timeout=timeout)
        self.breaker = breaker if breaker is not None else CircuitBreaker()

    async def parse(self, text: str) -> ParseResult:
        """Intent and entities of ``text``.

        Blank text gets ``NO_INTENT`` without a request. Raises ``NLUTimeout`` / ``NLUCircuitOpen`` /
        ``NLUUnavailable`` when the server cannot answer, and ``NLUError`` when it answers with a 4xx or a
        body that is not a parse result.
        """
        if not text.strip():
            # Rasa classifies an empty message anyway (as "affirm", confidently): do not ask it.
            return ParseResult(text=text, intent=NO_INTENT, confidence=0.0)
        if not self.breaker.allow():
            raise NLUCircuitOpen(f"NLU circuit open, retry in {self.breaker.retry_after():.1f} s")
        failure: NLUUnavailable | None = None
        for attempt in range(1, _ATTEMPTS + 1):
            if attempt > 1 and self._retry_delay > 0:
                await asyncio.sleep(self._retry_delay)
            try:
                response = await self._post(text)
            except NLUUnavailable as exc:
                failure = exc
                log.warning("NLU attempt %d/%d failed: %s", attempt, _ATTEMPTS, exc)
                continue
            self.breaker.record_success()  # the server answered, whatever it said
            return _to_result(response, text)
        assert failure is not None
        self.breaker.record_failure()
        if self.breaker.state == "open":
            log.error("NLU circuit opened after %d consecutive failures", self.breaker.consecutive_failures)
        raise failure

    async def _post(self, text: str) -> httpx.Response:
        try:
            async with asyncio.timeout(self._timeout):
                response = await self._client.post(self._url, json={"text": text}, timeout=self._timeout)
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise NLUTimeout(f"NLU server did not answer within {self._timeout:g} s") from exc
        except httpx.TransportError as exc:
            raise NLUUnavailable(f"cannot reach NLU server ({type(exc).__name__})") from exc
        if response.status_code >= 500 or response.status_code in _UNAVAILABLE_STATUS:
            raise NLUUnavailable(f"NLU server answered HTTP {response.status_code}")
        return response

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


def _to_result(response: httpx.Response, text: str) -> ParseResult:
    if response.status_code != httpx.codes.OK:
        raise NLUError(f"NLU server rejected the request: HTTP {response.status_code}")
    try:
        payload = response.json()
    except ValueError:
        raise NLUError("NLU response is not JSON") from None
    return ParseResult.from_rasa(payload, text=text)
