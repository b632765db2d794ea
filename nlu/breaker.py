"""A minimal circuit breaker: after N consecutive failures, fail fast for a cool-down period."""

import time
from collections.abc import Callable


class CircuitBreaker:
    """Closed -> (``failure_threshold`` consecutive failures) -> open -> (``cooldown`` s) -> half-open.

    While open, ``allow()`` is False. Once the cool-down has passed, calls are let through again
    (half-open): the next success closes the circuit, the next failure opens it for another cool-down.
    Not thread-safe; meant for one asyncio event loop.
    """

    def __init__(
        self,
        failure_threshold: int = 5,
        cooldown: float = 30.0,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be >= 1")
        if cooldown < 0:
            raise ValueError("cooldown must be >= 0")
        self.failure_threshold = failure_threshold
        self.cooldown = cooldown
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        """One of "closed", "open" or "half-open"."""
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at < self.cooldown:
            return "open"
        return "half-open"

    @property
    def consecutive_failures(self) -> int:
        return self._failures

    def retry_after(self) -> float:
        """Seconds left in the cool-down (0 unless open)."""
        if self._opened_at is None:
            return 0.0
        return max(0.0, self.cooldown - (self._clock() - self._opened_at))

    def allow(self) -> bool:
        return self.state != "open"

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def record_failure(self) -> None:
        self._failures += 1
        if self._opened_at is not None or self._failures >= self.failure_threshold:
            # A failure while half-open (or reaching the threshold) starts a new cool-down.
            self._opened_at = self._clock()
