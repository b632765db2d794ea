"""Queues analyses through an outbox, so no accepted image is lost between the bot and a worker.

The pending entry and the image are written to Redis together first, then the task is published, carrying
a reference to the image rather than the image (workers.payload), and the time of publishing noted. The
image stays in the outbox until the result is delivered, the person erases their data, or the analysis
deadline passes. A sweep (any bot process) republishes:

* entries never published (the bot died in between) after a few seconds;
* entries published but never started by any worker (no state in the result backend; workers record
  STARTED) after `REPUBLISH_UNSTARTED_AFTER_S`: the broker can lose a message taken off the queue at the
  moment Redis goes down, before the worker recorded it as unacknowledged.

Duplicates are harmless: same task id, results cached by content hash, one claim per upload.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from celery import Celery
from redis.asyncio import Redis

from bot.pending import PENDING_KEY, PendingAnalysis
from workers.names import ANALYSE_IMAGE
from workers.payload import image_reference, upload_key

logger = logging.getLogger(__name__)

# Where bots before the image reference kept the base64 image; still republished and forgotten from there.
LEGACY_OUTBOX_PREFIX = "bcdbot:outbox:"
PUBLISHED_PREFIX = "bcdbot:published:"
REPUBLISH_AFTER_S = 5.0
# Longer than a task normally waits in the queue on a busy worker, well inside the analysis deadline.
REPUBLISH_UNSTARTED_AFTER_S = 90.0


class AnalysisQueue:
    def __init__(
        self,
        redis: Redis,
        celery: Celery,
        *,
        republish_unstarted_after_s: float = REPUBLISH_UNSTARTED_AFTER_S,
    ) -> None:
        self._redis = redis
        self._celery = celery
        self._republish_unstarted_after_s = republish_unstarted_after_s

    @property
    def celery(self) -> Celery:
        """The Celery app tasks are published with (its result backend holds their results)."""
        return self._celery

    async def submit(self, pending: PendingAnalysis, data: bytes) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(upload_key(pending.task_id), data, ex=_ttl_s(pending))
            pipe.hset(PENDING_KEY, pending.task_id, pending.to_json())
            await pipe.execute()
        await self._publish(pending, image_reference(pending.task_id))

    async def _publish(self, pending: PendingAnalysis, payload: dict[str, str] | str) -> None:
        signature = self._celery.signature(ANALYSE_IMAGE, args=(payload,))
        await asyncio.to_thread(signature.apply_async, task_id=pending.task_id)
        await self._redis.set(PUBLISHED_PREFIX + pending.task_id, str(time.time()), ex=_ttl_s(pending))

    async def forget(self, task_id: str) -> None:
        """Drop the outbox copy once the analysis is answered."""
        await self._redis.delete(*_outbox_keys(task_id))

    async def drop(self, analyses: list[PendingAnalysis]) -> None:
        """Erase analyses in flight (their person asked to delete their data): the pending entries and the
        images go, so no result is delivered or stored, and a worker that takes the task finds no image."""
        if not analyses:
            return
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hdel(PENDING_KEY, *[item.task_id for item in analyses])
            for item in analyses:
                pipe.delete(*_outbox_keys(item.task_id))
            await pipe.execute()

    async def republish_stale(self, unstarted: list[PendingAnalysis]) -> None:
        """Publish again the analyses no worker has started (no state in the result backend): those never
        published, and those published long ago whose message may have been lost."""
        now = time.time()
        candidates = [item for item in unstarted if now - item.submitted_at > REPUBLISH_AFTER_S]
        if not candidates:
            return
        published = await self._redis.mget([PUBLISHED_PREFIX + item.task_id for item in candidates])
        due = []
        for item, published_at in zip(candidates, published, strict=True):
            if published_at is None:
                due.append((item, "left unpublished"))
            elif now - float(published_at) > self._republish_unstarted_after_s:
                due.append((item, "not started by any worker in time"))
        for item, why in due:
            payload = await self._payload_for(item.task_id)
            if payload is not None:
                logger.warning("republishing analysis %s: %s", item.task_id, why)
                await self._publish(item, payload)

    async def _payload_for(self, task_id: str) -> dict[str, str] | str | None:
        """The message that stands for the image still in the outbox, None when it is gone."""
        if await self._redis.exists(upload_key(task_id)):
            return image_reference(task_id)
        legacy: Any = await self._redis.get(LEGACY_OUTBOX_PREFIX + task_id)
        if legacy is None:
            return None
        return legacy.decode("ascii") if isinstance(legacy, bytes) else str(legacy)


def _outbox_keys(task_id: str) -> tuple[str, str, str]:
    return upload_key(task_id), LEGACY_OUTBOX_PREFIX + task_id, PUBLISHED_PREFIX + task_id


def _ttl_s(pending: PendingAnalysis) -> int:
    return max(int(pending.deadline - time.time()), 1)
