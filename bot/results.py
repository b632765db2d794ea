"""Delivers analysis results without a thread per waiting message.

Celery's Redis result backend publishes every stored result on a channel named after its key; one asyncio
task listens to those channels (instant delivery), and a sweep every second reads the results of all
pending analyses with one MGET (results published while the listener was reconnecting, analyses submitted
by a previous bot process) and times out the overdue ones. Both paths claim a lease before delivering
(bot.pending); a result whose sending fails stays pending and is tried again, backing off. Keys,
channels and what they hold are read through `workers.results.ResultReader`, as the analysis contract.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.analysis_queue import AnalysisQueue
from bot.pending import PendingAnalyses, PendingAnalysis
from workers.contract import AnalysisOutcome
from workers.results import TIMED_OUT, ResultReader

logger = logging.getLogger(__name__)

DEFAULT_SWEEP_INTERVAL_S = 1.0
FIRST_RETRY_S = 5.0
MAX_RETRY_DELAY_S = 300.0
MAX_DELIVERY_ATTEMPTS = 12  # about half an hour of failures, then the result is given up (and logged)
RECONNECT_DELAY_S = 0.5

Deliver = Callable[[PendingAnalysis, AnalysisOutcome], Awaitable[None]]


class ResultWatcher:
    """Watches Redis for the results of pending analyses and hands each to `deliver` exactly once."""

    def __init__(
        self,
        redis: Redis,
        pending: PendingAnalyses,
        deliver: Deliver,
        queue: AnalysisQueue,
        *,
        sweep_interval_s: float = DEFAULT_SWEEP_INTERVAL_S,
        first_retry_s: float = FIRST_RETRY_S,
        max_attempts: int = MAX_DELIVERY_ATTEMPTS,
    ) -> None:
        self._redis = redis
        self._pending = pending
        self._deliver = deliver
        self._queue = queue
        self._results = ResultReader(queue.celery)
        self._sweep_interval_s = sweep_interval_s
        self._first_retry_s = first_retry_s
        self._max_attempts = max_attempts
        self._tasks: list[asyncio.Task[None]] = []
        self._deliveries: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._listen_forever(), name="result-listener"),
            asyncio.create_task(self._sweep_forever(), name="result-sweeper"),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        if self._deliveries:
            await asyncio.gather(*self._deliveries, return_exceptions=True)

    async def _claim_and_deliver(
        self, task_id: str, outcome: AnalysisOutcome, pending: PendingAnalysis | None
    ) -> None:
        if pending is None:
            pending = await self._pending.get(task_id)
            if pending is None:
                return
        if not await self._pending.claim(task_id):
            return
        with contextlib.suppress(RedisError):
            await self._queue.forget(task_id)
        try:
            await self._deliver(pending, outcome)
        except Exception as exc:  # whatever failed (Telegram, the database), the result is tried again
            await self._delivery_failed(task_id, exc)
            return
        try:
            await self._pending.finish(task_id)
            await self._redis.delete(self._results.key(task_id))
        except RedisError as exc:
            logger.warning("a delivered result could not be marked delivered (%s)", type(exc).__name__)

    async def _delivery_failed(self, task_id: str, error: Exception) -> None:
        """Log why (no ids, no text) and let a later sweep try again, backing off, up to a limit."""
        try:
            attempts = await self._pending.failed(task_id)
            if attempts < self._max_attempts:
                delay_s = self.retry_delay_s(attempts)
                await self._pending.release_in(task_id, delay_s)
                logger.warning(
                    "sending a result failed (%s), attempt %d of %d; trying again in %.0f s",
                    type(error).__name__,
                    attempts,
                    self._max_attempts,
                    delay_s,
                )
                return
            logger.error(
                "a result could not be sent after %d attempts (%s); given up", attempts, type(error).__name__
            )
            await self._pending.finish(task_id)
        except RedisError as exc:
            logger.warning(
                "sending a result failed (%s) and Redis too (%s); its lease runs out, then it is tried again",
                type(error).__name__,
                type(exc).__name__,
            )

    def retry_delay_s(self, attempts: int) -> float:
        """How long after its `attempts`-th failure a result is tried again: doubling, capped."""
        return float(min(self._first_retry_s * 2 ** (attempts - 1), MAX_RETRY_DELAY_S))

    def _spawn(self, task_id: str, outcome: AnalysisOutcome, pending: PendingAnalysis | None = None) -> None:
        delivery = asyncio.create_task(self._claim_and_deliver(task_id, outcome, pending))
        self._deliveries.add(delivery)
        delivery.add_done_callback(self._deliveries.discard)

    async def _listen_forever(self) -> None:
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.psubscribe(self._results.channel_pattern)
                    async for message in pubsub.listen():
                        if message.get("type") != "pmessage":
                            continue
                        state = self._results.read(message["data"])
                        if state.outcome is not None:
                            self._spawn(self._results.task_id_of(message["channel"]), state.outcome)
            except (RedisError, OSError) as exc:
                logger.warning("result listener lost Redis (%s); reconnecting", type(exc).__name__)
                await asyncio.sleep(RECONNECT_DELAY_S)

    async def _sweep_forever(self) -> None:
        while True:
            try:
                await self.sweep()
            except (RedisError, OSError) as exc:
                logger.warning("result sweep failed (%s); retrying", type(exc).__name__)
            await asyncio.sleep(self._sweep_interval_s)

    async def sweep(self) -> None:
        """Deliver every pending analysis whose result is stored, time out the overdue ones, and republish
        those no worker has started (see bot.analysis_queue)."""
        pending = await self._pending.all()
        if not pending:
            return
        raw_values = await self._redis.mget([self._results.key(item.task_id) for item in pending])
        states = [self._results.read(raw) for raw in raw_values]
        unstarted = [item for item, state in zip(pending, states, strict=True) if not state.started]
        await self._queue.republish_stale(unstarted)
        now = time.time()
        for item, state in zip(pending, states, strict=True):
            if state.outcome is not None:
                self._spawn(item.task_id, state.outcome, item)
            elif now > item.deadline:
                self._spawn(item.task_id, TIMED_OUT, item)
