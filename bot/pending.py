"""Analyses waiting for their result, kept in Redis so any bot process (or a restarted one) delivers them.

Claiming a task removes it from the hash; only the process whose HDEL removed it replies, so a result is
delivered exactly once even with several bot replicas. The chat id is needed to reply at all; it lives in
Redis only while the analysis is in flight.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from redis.asyncio import Redis

PENDING_KEY = "bcdbot:pending-analyses"
SEEN_PREFIX = "bcdbot:seen-upload:"
SEEN_TTL_S = 24 * 3600


@dataclass(frozen=True)
class PendingAnalysis:
    task_id: str
    chat_id: int
    message_id: int
    pseudonym: str
    deadline: float
    case_id: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: bytes | str) -> PendingAnalysis:
        return cls(**json.loads(raw))


class PendingAnalyses:
    """The Redis hash of in-flight analyses, and the de-duplication of uploads."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def first_sight(self, *, pseudonym: str, message_id: int) -> bool:
        """True the first time an upload is seen; False for a redelivered update (already being handled)."""
        created = await self._redis.set(f"{SEEN_PREFIX}{pseudonym}:{message_id}", 1, nx=True, ex=SEEN_TTL_S)
        return bool(created)

    async def add(self, pending: PendingAnalysis) -> None:
        await self._redis.hset(PENDING_KEY, pending.task_id, pending.to_json())

    async def all(self) -> list[PendingAnalysis]:
        raw = await self._redis.hgetall(PENDING_KEY)
        return [PendingAnalysis.from_json(value) for value in raw.values()]

    async def get(self, task_id: str) -> PendingAnalysis | None:
        raw = await self._redis.hget(PENDING_KEY, task_id)
        return None if raw is None else PendingAnalysis.from_json(raw)

    async def claim(self, task_id: str) -> bool:
        """Take the task for delivery; True for exactly one caller."""
        return bool(await self._redis.hdel(PENDING_KEY, task_id))
