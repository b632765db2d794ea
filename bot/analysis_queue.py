"""Queues analyses through an outbox, so a bot that dies between accepting an image and publishing its task
loses nothing: the pending entry and the image are written to Redis together first, the task is published
next, and the outbox entry is dropped once published. A sweep (any bot process) republishes entries left
unpublished for longer than a grace period; duplicates are harmless (same task id, cached result, one claim).
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time

from celery import Celery
from redis.asyncio import Redis

from bot.pending import PENDING_KEY, PendingAnalysis
from workers.names import ANALYSE_IMAGE

logger = logging.getLogger(__name__)

OUTBOX_PREFIX = "bcdbot:outbox:"
REPUBLISH_AFTER_S = 5.0


class AnalysisQueue:
    def __init__(self, redis: Redis, celery: Celery) -> None:
        self._redis = redis
        self._celery = celery

    async def submit(self, pending: PendingAnalysis, data: bytes) -> None:
        payload = base64.b64encode(data).decode("ascii")
        ttl_s = max(int(pending.deadline - time.time()), 1)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(OUTBOX_PREFIX + pending.task_id, payload, ex=ttl_s)
            pipe.hset(PENDING_KEY, pending.task_id, pending.to_json())
            await pipe.execute()
        await self._publish(pending.task_id, payload)

    async def _publish(self, task_id: str, payload: str) -> None:
        signature = self._celery.signature(ANALYSE_IMAGE, args=(payload,))
        await asyncio.to_thread(signature.apply_async, task_id=task_id)
        await self._redis.delete(OUTBOX_PREFIX + task_id)

    async def republish_stale(self, items: list[PendingAnalysis]) -> None:
        """Publish the analyses whose bot died before publishing them."""
        stale = [item for item in items if time.time() - item.submitted_at > REPUBLISH_AFTER_S]
        if not stale:
            return
        payloads = await self._redis.mget([OUTBOX_PREFIX + item.task_id for item in stale])
        for item, payload in zip(stale, payloads, strict=True):
            if payload is not None:
                logger.warning("republishing analysis %s left unpublished", item.task_id)
                await self._publish(item.task_id, payload.decode() if isinstance(payload, bytes) else payload)
