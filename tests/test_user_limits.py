"""Per-person limits (bot/user_limits.py) against a real redis-server: each window, the pending cap, the
health worker's quota, redelivered updates counted once, one notice per flood; clocks moved by hand."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bcdbot.processes import ManagedProcess, free_port
from bcdbot.stack import StackConfig, redis_process
from bot.catalog import Language, script_language, text
from bot.limit_gate import refusal_text, wait_words
from bot.pending import DELIVERED_PREFIX, PENDING_KEY
from bot.user_limits import ADMIT_GRACE_S, DAY_S, HOUR_S, Limit, Quota, Refusal, UserLimits

ROOT = Path(__file__).resolve().parents[1]
QUOTA = Quota(messages_per_minute=3, images_per_hour=4, images_per_day=6, pending_analyses=2)
T0 = 1_800_000_000.0

_people = itertools.count(1)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ManagedProcess]:
    config = StackConfig(ROOT, tmp_path_factory.mktemp("limits-redis"), redis_port=free_port())
    process = redis_process(config).start().wait_ready(30)
    yield process
    process.stop()


@pytest.fixture
async def redis(redis_server: ManagedProcess) -> AsyncIterator[Redis]:
    assert redis_server.port is not None
    client = Redis(port=redis_server.port)
    yield client
    await client.aclose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limits(redis: Redis, clock: Clock) -> UserLimits:
    return UserLimits(redis, quota=QUOTA, health_worker_quota=QUOTA.scaled(10), clock=clock)


@pytest.fixture
def person() -> str:
    return f"pseudonym-{next(_people)}"


async def test_messages_past_the_minute_are_refused_until_the_oldest_leaves_it(
    limits: UserLimits, clock: Clock, person: str
) -> None:
    for message_id in (1, 2, 3):
        assert await limits.admit_message(person, message_id, health_worker=False) is None
        clock.now += 10
    refusal = await limits.admit_message(person, 4, health_worker=False)
    assert refusal is not None and refusal.limit is Limit.MESSAGES_PER_MINUTE
    assert refusal.retry_after_s == pytest.approx(30.0)
    clock.now = T0 + 60.5  # the first left the window
    assert await limits.admit_message(person, 4, health_worker=False) is None


async def test_a_redelivered_message_is_counted_once(limits: UserLimits, person: str) -> None:
    for _ in range(5):
        assert await limits.admit_message(person, 1, health_worker=False) is None
    assert await limits.admit_message(person, 2, health_worker=False) is None
    assert await limits.admit_message(person, 3, health_worker=False) is None
    assert await limits.admit_message(person, 4, health_worker=False) is not None


async def test_pending_analyses_are_capped_until_one_is_answered(
    limits: UserLimits, redis: Redis, clock: Clock, person: str
) -> None:
    assert await limits.admit_image(person, f"{person}-a", health_worker=False) is None
    assert await limits.admit_image(person, f"{person}-b", health_worker=False) is None
    assert await limits.admit_image(person, f"{person}-c", health_worker=False) == Refusal(
        Limit.PENDING_ANALYSES, None
    )
    # Both were queued (they are in the pending hash); then a is answered (claimed: out of the hash).
    await redis.hset(PENDING_KEY, mapping={f"{person}-a": "{}", f"{person}-b": "{}"})
    clock.now += ADMIT_GRACE_S + 1
    assert await limits.admit_image(person, f"{person}-c", health_worker=False) is not None
    await redis.hdel(PENDING_KEY, f"{person}-a")
    assert await limits.admit_image(person, f"{person}-c", health_worker=False) is None
    await redis.hdel(PENDING_KEY, f"{person}-b")


async def test_an_answered_analysis_frees_its_place_at_once(
    limits: UserLimits, redis: Redis, person: str
) -> None:
    for task in ("a", "b"):
        assert await limits.admit_image(person, f"{person}-{task}", health_worker=False) is None
    assert await limits.admit_image(person, f"{person}-c", health_worker=False) is not None
    await redis.set(DELIVERED_PREFIX + f"{person}-a", 1)  # what claiming the result does
    assert await limits.admit_image(person, f"{person}-c", health_worker=False) is None


async def test_images_per_hour_and_per_day(limits: UserLimits, clock: Clock, person: str) -> None:
    """Pending analyses answered at once here (never in the hash, past the grace): only the windows count."""
    for index in range(4):
        assert await limits.admit_image(person, f"{person}-h{index}", health_worker=False) is None
        clock.now += ADMIT_GRACE_S + 1
    refusal = await limits.admit_image(person, f"{person}-h4", health_worker=False)
    assert refusal is not None and refusal.limit is Limit.IMAGES_PER_HOUR
    assert refusal.retry_after_s == pytest.approx(HOUR_S - 4 * (ADMIT_GRACE_S + 1))
    clock.now = T0 + HOUR_S + 1
    for index in (5, 6):
        assert await limits.admit_image(person, f"{person}-h{index}", health_worker=False) is None
        clock.now += ADMIT_GRACE_S + 1
    refusal = await limits.admit_image(person, f"{person}-h7", health_worker=False)
    assert refusal is not None and refusal.limit is Limit.IMAGES_PER_DAY
    assert refusal.retry_after_s == pytest.approx(T0 + DAY_S - clock.now)


async def test_a_health_worker_gets_the_larger_quota(limits: UserLimits, person: str) -> None:
    for message_id in range(30):
        assert await limits.admit_message(person, message_id, health_worker=True) is None
    assert await limits.admit_message(person, 30, health_worker=True) is not None
    assert await limits.admit_message(f"{person}-other", 1, health_worker=False) is None


async def test_a_refused_message_is_not_counted_and_a_flood_gets_one_notice(
    limits: UserLimits, person: str
) -> None:
    for message_id in range(3):
        await limits.admit_message(person, message_id, health_worker=False)
    refusals = [
        await limits.admit_message(person, message_id, health_worker=False) for message_id in range(3, 9)
    ]
    assert all(refusal is not None for refusal in refusals)
    notices = [await limits.first_notice(person, refusal, cooldown_s=60) for refusal in refusals if refusal]
    assert notices == [True, False, False, False, False, False]


def test_the_reply_says_when_to_send_again() -> None:
    assert wait_words(0.2) == "a second"
    assert wait_words(41.1) == "42 seconds"
    assert wait_words(61) == "2 minutes"
    assert wait_words(3599) == "an hour"
    assert wait_words(5 * 3600 + 1) == "6 hours"
    text = refusal_text(Refusal(Limit.IMAGES_PER_HOUR, 1500.0), 12)
    assert "12 images in the last hour" in text and "in 25 minutes" in text
    assert "still reading 4 of your images" in refusal_text(Refusal(Limit.PENDING_ANALYSES, None), 4)


@pytest.mark.parametrize("language", [Language.KANNADA, Language.HINDI])
def test_the_reply_says_when_to_send_again_in_the_persons_language(language: Language) -> None:
    refused = refusal_text(Refusal(Limit.IMAGES_PER_HOUR, 1500.0), 12, language)
    assert script_language(refused) is language
    assert "12" in refused and text(language, "wait-duration", unit="minute", amount=25) in refused
    assert wait_words(0.2, language) == text(language, "wait-duration", unit="second", amount=1)
