"""Per-person limits kept in Redis, so that every bot replica counts against the same numbers.

| limit                    | window          | counted on                        | frees up when         |
| ------------------------ | --------------- | --------------------------------- | --------------------- |
| messages per minute      | sliding 60 s    | each text message                 | the oldest leaves it  |
| images per hour          | sliding 3600 s  | each upload accepted for analysis | the oldest leaves it  |
| images per day           | sliding 86400 s | each upload accepted for analysis | the oldest leaves it  |
| analyses pending at once | -               | uploads not answered yet          | one is answered       |

Each check and count is one Lua script, atomic across replicas: either everything is counted or, over a
limit, nothing is. Members are the message's own id, so a redelivered update is not counted twice. An
accepted upload counts as pending until it is answered (bot/pending.py marks it delivered), or, while it
is not yet in the pending hash, for `ADMIT_GRACE_S` after it was accepted (it is downloaded and queued in
between; one refused later, as too large say, frees its place then). Keys hold pseudonyms only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from redis.asyncio import Redis

from bot.pending import DELIVERED_PREFIX, PENDING_KEY
from settings import Settings

KEY_PREFIX = "bcdbot:limits:"
MINUTE_S = 60
HOUR_S = 3600
DAY_S = 86400
# Long enough to download a 20 MB file and queue it; past it an upload not in the pending hash was dropped.
ADMIT_GRACE_S = 120


class Limit(StrEnum):
    MESSAGES_PER_MINUTE = "messages-per-minute"
    IMAGES_PER_HOUR = "images-per-hour"
    IMAGES_PER_DAY = "images-per-day"
    PENDING_ANALYSES = "pending-analyses"


@dataclass(frozen=True)
class Quota:
    """How much one person may send; `scaled` gives a role's larger quota."""

    messages_per_minute: int
    images_per_hour: int
    images_per_day: int
    pending_analyses: int

    def of(self, limit: Limit) -> int:
        return {
            Limit.MESSAGES_PER_MINUTE: self.messages_per_minute,
            Limit.IMAGES_PER_HOUR: self.images_per_hour,
            Limit.IMAGES_PER_DAY: self.images_per_day,
            Limit.PENDING_ANALYSES: self.pending_analyses,
        }[limit]

    def scaled(self, factor: int) -> Quota:
        return Quota(
            messages_per_minute=self.messages_per_minute * factor,
            images_per_hour=self.images_per_hour * factor,
            images_per_day=self.images_per_day * factor,
            pending_analyses=self.pending_analyses * factor,
        )


@dataclass(frozen=True)
class Refusal:
    """Over `limit`; `retry_after_s` until the next may be sent (None: once a pending one is answered)."""

    limit: Limit
    retry_after_s: float | None


# KEYS: window sets..., then the pending set and the pending hash (image checks only).
# ARGV: now, member, window count, (limit, length) per window, then pending limit, grace, delivered prefix.
# Returns {} when counted, else {index of the limit hit (1-based; windows first, then pending), retry s}.
_ADMIT = """
local now = tonumber(ARGV[1])
local member = ARGV[2]
local windows = tonumber(ARGV[3])
for i = 1, windows do
  local limit = tonumber(ARGV[3 + 2 * i - 1])
  local length = tonumber(ARGV[3 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - length)
  if redis.call('ZSCORE', KEYS[i], member) == false and redis.call('ZCARD', KEYS[i]) >= limit then
    local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
    return {i, tostring(tonumber(oldest[2]) + length - now)}
  end
end
local pending_limit = ARGV[4 + 2 * windows]
if pending_limit then
  local set, hash = KEYS[windows + 1], KEYS[windows + 2]
  local grace, delivered = tonumber(ARGV[5 + 2 * windows]), ARGV[6 + 2 * windows]
  local entries = redis.call('ZRANGE', set, 0, -1, 'WITHSCORES')
  for j = 1, #entries, 2 do
    local task, admitted = entries[j], tonumber(entries[j + 1])
    local queued = redis.call('HEXISTS', hash, task) == 1
    if redis.call('EXISTS', delivered .. task) == 1 or (not queued and now - admitted > grace) then
      redis.call('ZREM', set, task)
    end
  end
  if redis.call('ZSCORE', set, member) == false and redis.call('ZCARD', set) >= tonumber(pending_limit) then
    return {windows + 1, ''}
  end
  redis.call('ZADD', set, 'NX', now, member)
  redis.call('EXPIRE', set, 86400)
end
for i = 1, windows do
  redis.call('ZADD', KEYS[i], 'NX', now, member)
  redis.call('EXPIRE', KEYS[i], tonumber(ARGV[3 + 2 * i]))
end
return {}
"""


class UserLimits:
    """Checks and counts one person's messages and uploads against their quota."""

    def __init__(
        self,
        redis: Redis,
        *,
        quota: Quota,
        health_worker_quota: Quota,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._redis = redis
        self._clock = clock
        self._quota = quota
        self._health_worker_quota = health_worker_quota
        self._admit = redis.register_script(_ADMIT)

    @classmethod
    def from_settings(cls, redis: Redis, settings: Settings) -> UserLimits:
        quota = Quota(
            messages_per_minute=settings.limit_messages_per_minute,
            images_per_hour=settings.limit_images_per_hour,
            images_per_day=settings.limit_images_per_day,
            pending_analyses=settings.limit_pending_analyses,
        )
        return cls(redis, quota=quota, health_worker_quota=quota.scaled(settings.health_worker_limit_factor))

    def quota(self, *, health_worker: bool) -> Quota:
        return self._health_worker_quota if health_worker else self._quota

    async def admit_message(self, pseudonym: str, message_id: int, *, health_worker: bool) -> Refusal | None:
        """Count a text message, or say which limit it is over (then it is not counted)."""
        quota = self.quota(health_worker=health_worker)
        windows = [(Limit.MESSAGES_PER_MINUTE, quota.messages_per_minute, MINUTE_S)]
        return await self._run(pseudonym, str(message_id), windows, pending_limit=None)

    async def admit_image(self, pseudonym: str, task_id: str, *, health_worker: bool) -> Refusal | None:
        """Count an upload (by its analysis task id) as sent and pending, or say which limit it is over."""
        quota = self.quota(health_worker=health_worker)
        windows = [
            (Limit.IMAGES_PER_HOUR, quota.images_per_hour, HOUR_S),
            (Limit.IMAGES_PER_DAY, quota.images_per_day, DAY_S),
        ]
        return await self._run(pseudonym, task_id, windows, pending_limit=quota.pending_analyses)

    async def first_notice(self, pseudonym: str, refusal: Refusal, *, cooldown_s: int) -> bool:
        """True for the first refusal of this limit in `cooldown_s` (or until it frees up, if sooner)."""
        seconds = cooldown_s if refusal.retry_after_s is None else min(cooldown_s, int(refusal.retry_after_s))
        key = f"{KEY_PREFIX}notified:{refusal.limit}:{pseudonym}"
        return bool(await self._redis.set(key, 1, nx=True, ex=max(seconds, 1)))

    async def _run(
        self, pseudonym: str, member: str, windows: list[tuple[Limit, int, int]], *, pending_limit: int | None
    ) -> Refusal | None:
        keys = [f"{KEY_PREFIX}{limit}:{pseudonym}" for limit, _, _ in windows]
        args: list[str | int | float] = [self._clock(), member, len(windows)]
        for _, count, length in windows:
            args += [count, length]
        if pending_limit is not None:
            keys += [f"{KEY_PREFIX}{Limit.PENDING_ANALYSES}:{pseudonym}", PENDING_KEY]
            args += [pending_limit, ADMIT_GRACE_S, DELIVERED_PREFIX]
        result = await self._admit(keys=keys, args=args)
        if not result:
            return None
        index, retry = int(result[0]), result[1]
        if index > len(windows):
            return Refusal(Limit.PENDING_ANALYSES, None)
        return Refusal(windows[index - 1][0], max(float(retry), 0.0))
