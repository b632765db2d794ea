"""What nginx does in front of bot replicas in webhook mode: round robin, headers kept."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections import Counter

from aiohttp import ClientSession, ClientTimeout, web

from bcdbot.processes import free_port
from bot.webhook import SECRET_HEADER

WEBHOOK_PATH = "/telegram"


class RoundRobinProxy:
    """What nginx does in front of bot replicas: each request goes to the next backend, headers kept."""

    def __init__(self, backends: list[int]) -> None:
        self.backends = backends
        self.hits: Counter[int] = Counter()
        self.port = free_port()
        self._next = itertools.cycle(backends)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self._session: ClientSession | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{WEBHOOK_PATH}"

    async def _forward(self, request: web.Request) -> web.Response:
        backend = next(self._next)
        self.hits[backend] += 1
        headers = {k: v for k, v in request.headers.items() if k in (SECRET_HEADER, "Content-Type")}
        assert self._session is not None
        async with self._session.post(
            f"http://127.0.0.1:{backend}{request.path}", data=await request.read(), headers=headers
        ) as response:
            return web.Response(status=response.status, body=await response.read())

    async def _start(self) -> None:
        self._session = ClientSession(timeout=ClientTimeout(total=10))
        app = web.Application()
        app.router.add_post(WEBHOOK_PATH, self._forward)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    def start(self) -> RoundRobinProxy:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
