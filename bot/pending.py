"""Analyses waiting for their result, kept in Redis so any bot process (or a restarted one) delivers them.

Each upload has a deterministic task id (a hash of the pseudonym and the message id). Delivering a result
takes a lease on its task first: only the process whose lease was granted replies, so a result is
delivered once even with several bot replicas, and a redelivered update is not answered twice. The entry
stays pending until the reply was sent (`finish`): a process that dies or fails while sending lets its
lease run out, and the next sweep (of any process) delivers it again. A process that dies after sending
but before finishing can make that one reply arrive twice; a result is never lost for it.
The chat id is needed to reply at all; it lives in Redis only while the analysis is in flight.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from redis.asyncio import Redis

PENDING_KEY = "bcdbot:pending-analyses"
DELIVERED_PREFIX = "bcdbot:delivered:"
DELIVERING_PREFIX = "bcdbot:delivering:"
DELIVERY_ATTEMPTS_PREFIX = "bcdbot:delivery-attempts:"
DELIVERED_TTL_S = 7 * 24 * 3600
# Longer than a delivery takes, retries and Telegram's retry-after included, so no second process sends
# the same result while the first is still at it; a process that died holding it is replaced after this.
DELIVERY_LEASE_S = 120

# The lease is granted only while the task is pending and not yet delivered, atomically: a process that
# read the pending entries just before another finished cannot deliver the result a second time.
_CLAIM_SCRIPT = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 or redis.call('EXISTS', KEYS[3]) == 1 then
    return 0
end
if redis.call('SET', KEYS[2], 1, 'NX', 'PX', ARGV[2]) then
    return 1
end
return 0
"""


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
        self._claim = redis.register_script(_CLAIM_SCRIPT)

    async def already_answered(self, task_id: str) -> bool:
        """True when this upload's reply was already sent (a redelivered update)."""
        return bool(await self._redis.exists(DELIVERED_PREFIX + task_id))

    async def all(self) -> list[PendingAnalysis]:
        raw = await self._redis.hgetall(PENDING_KEY)
        return [PendingAnalysis.from_json(value) for value in raw.values()]

    async def get(self, task_id: str) -> PendingAnalysis | None:
        raw = await self._redis.hget(PENDING_KEY, task_id)
        return None if raw is None else PendingAnalysis.from_json(raw)

    async def claim(self, task_id: str, *, lease_s: float = DELIVERY_LEASE_S) -> bool:
        """Take the task for delivery for `lease_s`: True for one caller at a time, while it is pending."""
        keys = [PENDING_KEY, DELIVERING_PREFIX + task_id, DELIVERED_PREFIX + task_id]
        granted = await self._claim(keys=keys, args=[task_id, max(int(lease_s * 1000), 1)])
        return bool(granted)

    async def finish(self, task_id: str) -> None:
        """The reply was sent: the task is answered and no longer pending."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hdel(PENDING_KEY, task_id)
            pipe.set(DELIVERED_PREFIX + task_id, 1, ex=DELIVERED_TTL_S)
            pipe.delete(DELIVERING_PREFIX + task_id, DELIVERY_ATTEMPTS_PREFIX + task_id)
            await pipe.execute()

    async def failed(self, task_id: str) -> int:
        """Sending failed once more: how many attempts have failed so far."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(DELIVERY_ATTEMPTS_PREFIX + task_id)
            pipe.expire(DELIVERY_ATTEMPTS_PREFIX + task_id, DELIVERED_TTL_S)
            attempts, _ = await pipe.execute()
        return int(attempts)

    async def release_in(self, task_id: str, seconds: float) -> None:
        """End this process's lease in `seconds`: then any process's sweep may deliver it again."""
        await self._redis.pexpire(DELIVERING_PREFIX + task_id, max(int(seconds * 1000), 1))
