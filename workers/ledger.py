"""What a worker keeps in Redis: delivery counts (poison detection), cached results, dead letters; and
where it reads the uploads the bot's outbox holds."""

from __future__ import annotations

import hashlib
import json
import logging
import time

import redis
from redis.exceptions import RedisError

from workers.contract import AnalysisOutcome, outcome_from_json
from workers.names import ANALYSIS_CACHE_PREFIX, DEAD_LETTER_KEY, DELIVERY_COUNT_PREFIX

logger = logging.getLogger(__name__)

DELIVERY_COUNT_TTL_S = 24 * 3600
DEAD_LETTER_MAX_ENTRIES = 10_000


def content_key(data: bytes, model_version: str) -> str:
    """Idempotency key: the same bytes through the same model give the same analysis."""
    return f"{hashlib.sha256(data).hexdigest()}:{model_version}"


class Ledger:
    """A worker process's Redis bookkeeping. Cache failures never fail an analysis."""

    def __init__(self, client: redis.Redis, *, cache_ttl_s: int) -> None:
        self._redis = client
        self._cache_ttl_s = cache_ttl_s

    def count_delivery(self, task_id: str) -> int:
        """How many times this task has started, this time included."""
        key = DELIVERY_COUNT_PREFIX + task_id
        with self._redis.pipeline() as pipe:
            pipe.incr(key)
            pipe.expire(key, DELIVERY_COUNT_TTL_S)
            count, _ = pipe.execute()
        return int(count)

    def upload(self, key: str) -> bytes | None:
        """The image the bot's outbox holds under `key` (workers.payload), None once it is gone."""
        raw = self._redis.get(key)
        if raw is None:
            return None
        return raw.encode() if isinstance(raw, str) else bytes(raw)

    def cached(self, key: str) -> AnalysisOutcome | None:
        try:
            raw = self._redis.get(ANALYSIS_CACHE_PREFIX + key)
        except RedisError:
            logger.warning("analysis cache unavailable")
            return None
        if raw is None:
            return None
        try:
            return outcome_from_json(json.loads(raw))
        except ValueError:
            logger.warning("unreadable cached analysis ignored")
            return None

    def remember(self, key: str, outcome: AnalysisOutcome) -> None:
        try:
            self._redis.set(ANALYSIS_CACHE_PREFIX + key, json.dumps(outcome.to_json()), ex=self._cache_ttl_s)
        except RedisError:
            logger.warning("analysis cache unavailable")

    def dead_letter(self, *, task_id: str, reason: str, content_hash: str | None = None) -> None:
        """Record a task given up on (metadata only: never the image) for an operator to inspect."""
        entry = {"task_id": task_id, "reason": reason, "content_hash": content_hash, "at": time.time()}
        try:
            with self._redis.pipeline() as pipe:
                pipe.lpush(DEAD_LETTER_KEY, json.dumps(entry))
                pipe.ltrim(DEAD_LETTER_KEY, 0, DEAD_LETTER_MAX_ENTRIES - 1)
                pipe.execute()
        except RedisError:
            logger.error("could not record dead letter for task %s", task_id)
        logger.error("task %s dead-lettered: %s", task_id, reason)
