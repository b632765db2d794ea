"""Waits for Celery results without a thread per waiting message.

One asyncio task polls the result keys of every pending task with a single MGET; each waiting handler
awaits a future. A Redis outage only delays results: the loop keeps retrying and the keys stay in Redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RESULT_KEY_PREFIX = "celery-task-meta-"  # Celery's Redis result backend key layout
READY_STATES = frozenset({"SUCCESS", "FAILURE", "REVOKED"})
DEFAULT_POLL_INTERVAL_S = 0.02
RETRY_AFTER_ERROR_S = 0.5


class TaskFailed(Exception):
    """The task raised instead of returning (a bug or a crash in the worker)."""

    def __init__(self, state: str, detail: Any) -> None:
        super().__init__(f"task ended in state {state}")
        self.state = state
        self.detail = detail


class ResultWatcher:
    """Resolves `wait_for(task_id)` as soon as the task's result appears in Redis."""

    def __init__(self, redis: Redis, *, poll_interval_s: float = DEFAULT_POLL_INTERVAL_S) -> None:
        self._redis = redis
        self._poll_interval_s = poll_interval_s
        self._pending: dict[str, asyncio.Future[Any]] = {}
        self._wakeup = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._loop_task = asyncio.create_task(self._poll_forever(), name="result-watcher")

    async def stop(self) -> None:
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
            self._loop_task = None

    async def wait_for(self, task_id: str, *, timeout_s: float) -> Any:
        """The task's return value; raises TimeoutError or TaskFailed."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[task_id] = future
        self._wakeup.set()
        try:
            return await asyncio.wait_for(future, timeout_s)
        finally:
            self._pending.pop(task_id, None)

    async def _poll_forever(self) -> None:
        while True:
            if not self._pending:
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            try:
                await self._poll_once()
            except (RedisError, OSError) as exc:
                logger.warning("result polling failed (%s); retrying", type(exc).__name__)
                await asyncio.sleep(RETRY_AFTER_ERROR_S)
                continue
            await asyncio.sleep(self._poll_interval_s)

    async def _poll_once(self) -> None:
        task_ids = list(self._pending)
        raw_values = await self._redis.mget([RESULT_KEY_PREFIX + task_id for task_id in task_ids])
        for task_id, raw in zip(task_ids, raw_values, strict=True):
            if raw is None:
                continue
            meta = json.loads(raw)
            if meta.get("status") not in READY_STATES:
                continue
            future = self._pending.get(task_id)
            if future is None or future.done():
                continue
            if meta["status"] == "SUCCESS":
                future.set_result(meta.get("result"))
            else:
                future.set_exception(TaskFailed(meta["status"], meta.get("result")))
            await self._redis.delete(RESULT_KEY_PREFIX + task_id)
