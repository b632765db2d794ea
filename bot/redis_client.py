"""The bot's Redis client: commands retry through a Redis restart instead of failing the update."""

from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError, TimeoutError

RETRIES = 20  # with the backoff capped at 1 s: about 15 s of outage bridged


def resilient_redis(url: str) -> Redis:
    return Redis.from_url(
        url,
        health_check_interval=5,
        retry=Retry(ExponentialBackoff(cap=1.0, base=0.05), RETRIES),
        retry_on_error=[ConnectionError, TimeoutError],
    )
