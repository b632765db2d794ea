"""Wake-ups for long polls: waiters re-check their condition each time something changed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class Notifier:
    """Wakes every coroutine currently waiting; a later ``wait`` waits for the next ``notify``."""

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None
        self.closed = False

    def notify(self) -> None:
        if self._event is not None:
            self._event.set()
            self._event = None

    def close(self) -> None:
        """Wake every waiter for good: the server is stopping and open long polls should answer now."""
        self.closed = True
        self.notify()

    async def wait(self, timeout: float) -> bool:
        """Wait for the next notification; False when ``timeout`` passed first, at once when closed."""
        if timeout <= 0 or self.closed:
            return False
        if self._event is None:
            self._event = asyncio.Event()
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except TimeoutError:
            return False
        return True


async def wait_until(notifier: Notifier, ready: Callable[[], bool], timeout: float) -> bool:
    """Wait until ``ready()`` holds or ``timeout`` seconds passed; returns the last ``ready()``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not ready():
        if notifier.closed:
            return False
        remaining = deadline - loop.time()
        if remaining <= 0:
            return False
        await notifier.wait(remaining)
    return True
