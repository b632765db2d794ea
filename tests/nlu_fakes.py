"""A scripted HTTP server and a settable clock for nlu.RasaClient tests (httpx.MockTransport)."""

from collections.abc import Callable, Coroutine
from typing import Any

import httpx

from nlu import CircuitBreaker, RasaClient

Handler = Callable[[httpx.Request], Coroutine[None, None, httpx.Response]]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Server:
    """Scripted MockTransport handler: each call takes the next step (status code, body or exception).

    The last step repeats once the others are used up.
    """

    def __init__(self, *steps: int | dict[str, Any] | Exception) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        if isinstance(step, Exception):
            raise step
        if isinstance(step, int):
            return httpx.Response(step, json={"status": "failure"})
        return httpx.Response(200, json=step)


def make_client(
    handler: Handler, *, breaker: CircuitBreaker | None = None, timeout: float = 2.0
) -> tuple[RasaClient, httpx.AsyncClient]:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return RasaClient(
        "http://rasa.test:5005/", timeout=timeout, client=http, breaker=breaker, retry_delay=0
    ), http
