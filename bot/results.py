"""Delivers analysis results without a thread per waiting message.

Celery's Redis result backend publishes every stored result on a channel named after its key; one asyncio
task listens to those channels (instant delivery), and a sweep every second reads the results of all
pending analyses with one MGET (results published while the listener was reconnecting, analyses submitted
by a previous bot process) and times out the overdue ones. Both paths claim before delivering.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.analysis_queue import AnalysisQueue
from bot.pending import PendingAnalyses, PendingAnalysis

logger = logging.getLogger(__name__)

RESULT_KEY_PREFIX = "celery-task-meta-"  # Celery's Redis result backend key layout
READY_STATES = frozenset({"SUCCESS", "FAILURE", "REVOKED"})
DEFAULT_SWEEP_INTERVAL_S = 1.0
RECONNECT_DELAY_S = 0.5

Outcome = dict[str, Any]
Deliver = Callable[[PendingAnalysis, Outcome], Awaitable[None]]


def outcome_from_meta(meta: dict[str, Any]) -> Outcome:
    """The worker's result, or a failure outcome naming why there is none."""
    if meta.get("status") == "SUCCESS" and isinstance(meta.get("result"), dict):
        return dict(meta["result"])
    error = meta.get("result")
    exc_type = str(error.get("exc_type")) if isinstance(error, dict) else str(meta.get("status", "FAILURE"))
    kind = "timeout" if exc_type == "TimeLimitExceeded" else "failed"
    return {"ok": False, "error_kind": kind, "task_state": meta.get("status"), "exc_type": exc_type}


TIMED_OUT: Outcome = {"ok": False, "error_kind": "timeout", "task_state": None}


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
    ) -> None:
        self._redis = redis
        self._pending = pending
        self._deliver = deliver
        self._queue = queue
        self._sweep_interval_s = sweep_interval_s
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
        self, task_id: str, outcome: Outcome, pending: PendingAnalysis | None
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
        except Exception:
            logger.exception("delivering the result of task %s failed", task_id)
        with contextlib.suppress(RedisError):
            await self._redis.delete(RESULT_KEY_PREFIX + task_id)

    def _spawn(self, task_id: str, outcome: Outcome, pending: PendingAnalysis | None = None) -> None:
        delivery = asyncio.create_task(self._claim_and_deliver(task_id, outcome, pending))
        self._deliveries.add(delivery)
        delivery.add_done_callback(self._deliveries.discard)

    async def _listen_forever(self) -> None:
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.psubscribe(RESULT_KEY_PREFIX + "*")
                    async for message in pubsub.listen():
                        if message.get("type") != "pmessage":
                            continue
                        meta = json.loads(message["data"])
                        if meta.get("status") in READY_STATES:
                            task_id = message["channel"].decode()[len(RESULT_KEY_PREFIX) :]
                            self._spawn(task_id, outcome_from_meta(meta))
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
        raw_values = await self._redis.mget([RESULT_KEY_PREFIX + item.task_id for item in pending])
        metas = [json.loads(raw) if raw is not None else {} for raw in raw_values]
        unstarted = [item for item, meta in zip(pending, metas, strict=True) if not meta]
        await self._queue.republish_stale(unstarted)
        now = time.time()
        for item, meta in zip(pending, metas, strict=True):
            if meta.get("status") in READY_STATES:
                self._spawn(item.task_id, outcome_from_meta(meta), item)
            elif now > item.deadline:
                self._spawn(item.task_id, TIMED_OUT, item)
