"""Analyses waiting for their result, kept in Redis so any bot process (or a restarted one) delivers them.

Each upload has a deterministic task id (a hash of the pseudonym and the message id). Claiming a task
removes it from the hash and marks it answered; only the process whose HDEL removed it replies, so a result
is delivered exactly once even with several bot replicas, and a redelivered update is not answered twice.
The chat id is needed to reply at all; it lives in Redis only while the analysis is in flight.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from redis.asyncio import Redis

PENDING_KEY = "bcdbot:pending-analyses"
DELIVERED_PREFIX = "bcdbot:delivered:"
DELIVERED_TTL_S = 7 * 24 * 3600


def analysis_task_id(*, pseudonym: str, message_id: int) -> str:
    """One task id per upload: a redelivered update maps to the same task, so it is answered once."""
    return hashlib.sha256(f"{pseudonym}:{message_id}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class PendingAnalysis:
    task_id: str
    chat_id: int
    message_id: int
    pseudonym: str
    deadline: float
    submitted_at: float
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

    async def already_answered(self, task_id: str) -> bool:
        """True when this upload's reply was already sent (a redelivered update)."""
        return bool(await self._redis.exists(DELIVERED_PREFIX + task_id))

    async def all(self) -> list[PendingAnalysis]:
        raw = await self._redis.hgetall(PENDING_KEY)
        return [PendingAnalysis.from_json(value) for value in raw.values()]

    async def get(self, task_id: str) -> PendingAnalysis | None:
        raw = await self._redis.hget(PENDING_KEY, task_id)
        return None if raw is None else PendingAnalysis.from_json(raw)

    async def claim(self, task_id: str) -> bool:
        """Take the task for delivery; True for exactly one caller, which also marks it answered."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hdel(PENDING_KEY, task_id)
            pipe.set(DELIVERED_PREFIX + task_id, 1, ex=DELIVERED_TTL_S)
            removed, _ = await pipe.execute()
        return bool(removed)
