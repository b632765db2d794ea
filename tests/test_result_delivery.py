"""A finished analysis reaches its person once, and is not lost when sending fails or the sending bot
dies: against a real redis-server and Celery's result backend. `deliver` stands in for Telegram."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable

import pytest
from redis.asyncio import Redis
from telegram.error import NetworkError

from bot.analysis_queue import AnalysisQueue
from bot.pending import DELIVERED_PREFIX, PENDING_KEY, PendingAnalyses, PendingAnalysis
from bot.results import MAX_DELIVERY_ATTEMPTS, ResultWatcher
from settings import Settings
from workers.celery_app import create_celery
from workers.contract import AnalysisOutcome, AnalysisRefused

pytestmark = pytest.mark.integration

REDIS_DB = 8
QUEUE = "images.nobody-listens"
RESULT = AnalysisRefused("NotABreastImageError")
FIRST_RETRY_S = 0.2


@pytest.fixture
def redis_db(flushed_redis_db: Callable[[int], str]) -> str:
    return flushed_redis_db(REDIS_DB)


class Telegram:
    """Records what was sent; the first `failures` sends raise what a dropped connection raises."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.sent: list[tuple[str, AnalysisOutcome]] = []

    async def __call__(self, pending: PendingAnalysis, outcome: AnalysisOutcome) -> None:
        if self.failures:
            self.failures -= 1
            raise NetworkError("connection reset")
        self.sent.append((pending.task_id, outcome))


async def finished_analysis(url: str) -> tuple[Redis, AnalysisQueue, PendingAnalysis]:
    """An analysis submitted and finished by a worker (its result stored through Celery's backend)."""
    client = Redis.from_url(url)
    celery = create_celery(Settings(_env_file=None, redis_url=url, image_queue=QUEUE))  # type: ignore[call-arg]
    queue = AnalysisQueue(client, celery)
    now = time.time()
    pending = PendingAnalysis(uuid.uuid4().hex, 1, 1, "p" * 64, deadline=now + 600, submitted_at=now)
    await queue.submit(pending, b"image bytes")
    celery.backend.store_result(pending.task_id, RESULT.to_json(), "SUCCESS")
    return client, queue, pending


def watcher(
    client: Redis, queue: AnalysisQueue, telegram: Telegram, *, max_attempts: int = MAX_DELIVERY_ATTEMPTS
) -> ResultWatcher:
    pending = PendingAnalyses(client)
    return ResultWatcher(
        client, pending, telegram, queue, first_retry_s=FIRST_RETRY_S, max_attempts=max_attempts
    )


async def sweep_for(watcher: ResultWatcher, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await watcher.sweep()
        await asyncio.sleep(0.05)
    await watcher.stop()


def test_a_result_whose_sending_fails_is_sent_again_once(
    redis_db: str, caplog: pytest.LogCaptureFixture
) -> None:
    telegram = Telegram(failures=2)

    async def scenario() -> None:
        client, queue, pending = await finished_analysis(redis_db)
        results = watcher(client, queue, telegram)
        with caplog.at_level(logging.WARNING, logger="bot.results"):
            await sweep_for(results, 3 * FIRST_RETRY_S + 1.0)
        assert telegram.sent == [(pending.task_id, RESULT)]
        assert not await client.hexists(PENDING_KEY, pending.task_id)
        assert await client.exists(DELIVERED_PREFIX + pending.task_id)
        await client.aclose()

    asyncio.run(scenario())
    failures = [
        record.getMessage() for record in caplog.records if "sending a result failed" in record.message
    ]
    assert len(failures) == 2 and all("NetworkError" in line for line in failures)
    assert not any(telegram_id in " ".join(failures) for telegram_id, _ in telegram.sent)  # no ids logged


def test_a_result_claimed_by_a_bot_that_died_is_sent_by_another_once_its_lease_ends(redis_db: str) -> None:
    telegram = Telegram()

    async def scenario() -> None:
        client, queue, pending = await finished_analysis(redis_db)
        assert await PendingAnalyses(client).claim(pending.task_id, lease_s=1.0)  # then it was SIGKILLed
        survivor = watcher(client, queue, telegram)
        await sweep_for(survivor, 0.5)
        assert telegram.sent == []  # the lease still runs: the first bot may be sending it right now
        await sweep_for(survivor, 1.5)
        assert telegram.sent == [(pending.task_id, RESULT)]
        await client.aclose()

    asyncio.run(scenario())


def test_two_bots_sweeping_the_same_results_send_each_once(redis_db: str) -> None:
    telegram = Telegram()

    async def scenario() -> None:
        analyses = [await finished_analysis(redis_db) for _ in range(5)]
        client, queue, _ = analyses[0]
        one, two = watcher(client, queue, telegram), watcher(Redis.from_url(redis_db), queue, telegram)
        await asyncio.gather(sweep_for(one, 1.0), sweep_for(two, 1.0))
        assert sorted(task_id for task_id, _ in telegram.sent) == sorted(p.task_id for _, _, p in analyses)
        assert await PendingAnalyses(client).claim(analyses[0][2].task_id) is False  # answered: never again
        for item_client, _, _ in analyses:
            await item_client.aclose()

    asyncio.run(scenario())


def test_a_result_that_cannot_be_sent_is_given_up_after_the_last_attempt_and_says_so(
    redis_db: str, caplog: pytest.LogCaptureFixture
) -> None:
    telegram = Telegram(failures=1000)

    async def scenario() -> None:
        client, queue, pending = await finished_analysis(redis_db)
        results = watcher(client, queue, telegram, max_attempts=3)
        with caplog.at_level(logging.WARNING, logger="bot.results"):
            await sweep_for(results, 3 * FIRST_RETRY_S + 1.5)
        assert telegram.failures == 1000 - 3
        assert not await client.hexists(PENDING_KEY, pending.task_id)  # no endless retries
        await client.aclose()

    asyncio.run(scenario())
    assert any(
        "could not be sent after 3 attempts (NetworkError)" in record.message for record in caplog.records
    )
