"""The outbox republishes analyses no worker has started, against a real redis-server and real Celery
publishing (no worker listens on this queue, so nothing takes the messages away)."""

from __future__ import annotations

import asyncio
import base64
import json
import time
import uuid
from collections.abc import Callable

import pytest
import redis
from redis.asyncio import Redis

from bot.analysis_queue import LEGACY_OUTBOX_PREFIX, PUBLISHED_PREFIX, AnalysisQueue
from bot.pending import PENDING_KEY, PendingAnalyses, PendingAnalysis
from bot.results import ResultWatcher
from settings import Settings
from workers.celery_app import create_celery
from workers.contract import AnalysisOutcome, AnalysisRefused
from workers.payload import image_reference, upload_key

pytestmark = pytest.mark.integration

REDIS_DB = 7
QUEUE = "images.nobody-listens"
UNSTARTED_AFTER_S = 0.5


@pytest.fixture
def redis_db(flushed_redis_db: Callable[[int], str]) -> str:
    return flushed_redis_db(REDIS_DB)


def queued_task_ids(url: str) -> list[str]:
    messages = redis.Redis.from_url(url).lrange(QUEUE, 0, -1)
    return [json.loads(message)["headers"]["id"] for message in messages]


def queued_arguments(url: str) -> list[object]:
    """Each queued message's task arguments (Celery's protocol 2 body: base64 of [args, kwargs, embed])."""
    messages = redis.Redis.from_url(url).lrange(QUEUE, 0, -1)
    return [json.loads(base64.b64decode(json.loads(message)["body"]))[0] for message in messages]


def pending_analysis(*, age_s: float) -> PendingAnalysis:
    now = time.time()
    return PendingAnalysis(
        task_id=uuid.uuid4().hex,
        chat_id=1,
        message_id=1,
        pseudonym="p" * 64,
        deadline=now + 60,
        submitted_at=now - age_s,
    )


def outbox(url: str) -> tuple[Redis, AnalysisQueue]:
    client = Redis.from_url(url)
    celery = create_celery(Settings(_env_file=None, redis_url=url, image_queue=QUEUE))  # type: ignore[call-arg]
    return client, AnalysisQueue(client, celery, republish_unstarted_after_s=UNSTARTED_AFTER_S)


def test_a_message_lost_after_publishing_is_published_again(redis_db: str) -> None:
    async def scenario() -> None:
        client, queue = outbox(redis_db)
        pending = pending_analysis(age_s=10)
        await queue.submit(pending, b"image bytes")
        assert queued_task_ids(redis_db) == [pending.task_id]
        redis.Redis.from_url(redis_db).delete(QUEUE)  # the broker lost it (Redis died as a worker took it)
        await queue.republish_stale([pending])
        assert queued_task_ids(redis_db) == []  # published moments ago: give the worker time
        await asyncio.sleep(UNSTARTED_AFTER_S + 0.2)
        await queue.republish_stale([pending])
        assert queued_task_ids(redis_db) == [pending.task_id]
        await queue.forget(pending.task_id)
        assert not await client.exists(upload_key(pending.task_id), PUBLISHED_PREFIX + pending.task_id)
        await client.aclose()

    asyncio.run(scenario())


def test_an_analysis_never_published_is_published_by_the_sweep(redis_db: str) -> None:
    async def scenario() -> None:
        client, queue = outbox(redis_db)
        pending = pending_analysis(age_s=10)
        # what a bot that died between writing the outbox and publishing leaves behind
        await client.set(upload_key(pending.task_id), b"image", ex=60)
        await client.hset(PENDING_KEY, pending.task_id, pending.to_json())
        await queue.republish_stale([pending])
        assert queued_task_ids(redis_db) == [pending.task_id]
        assert queued_arguments(redis_db) == [[image_reference(pending.task_id)]]
        await client.aclose()

    asyncio.run(scenario())


def test_the_message_carries_a_reference_and_the_outbox_the_image(redis_db: str) -> None:
    async def scenario() -> None:
        client, queue = outbox(redis_db)
        pending = pending_analysis(age_s=0)
        image = bytes(range(256)) * 4096  # 1 MiB
        await queue.submit(pending, image)
        assert queued_arguments(redis_db) == [[image_reference(pending.task_id)]]
        assert max(len(message) for message in redis.Redis.from_url(redis_db).lrange(QUEUE, 0, -1)) < 2048
        assert await client.get(upload_key(pending.task_id)) == image
        await client.aclose()

    asyncio.run(scenario())


def test_an_image_an_older_bot_left_in_the_outbox_is_republished_as_it_was(redis_db: str) -> None:
    async def scenario() -> None:
        client, queue = outbox(redis_db)
        pending = pending_analysis(age_s=10)
        await client.set(LEGACY_OUTBOX_PREFIX + pending.task_id, "aW1hZ2U=", ex=60)
        await queue.republish_stale([pending])
        assert queued_arguments(redis_db) == [["aW1hZ2U="]]
        await queue.forget(pending.task_id)
        assert not await client.exists(LEGACY_OUTBOX_PREFIX + pending.task_id)
        await client.aclose()

    asyncio.run(scenario())


def test_erasing_analyses_in_flight_drops_their_images_and_entries(redis_db: str) -> None:
    async def scenario() -> None:
        client, queue = outbox(redis_db)
        erased, kept = pending_analysis(age_s=0), pending_analysis(age_s=0)
        for pending in (erased, kept):
            await queue.submit(pending, b"image of " + pending.task_id.encode())
        await queue.drop([erased])
        assert not await client.exists(upload_key(erased.task_id), PUBLISHED_PREFIX + erased.task_id)
        assert [item.task_id for item in await PendingAnalyses(client).all()] == [kept.task_id]
        assert await client.exists(upload_key(kept.task_id))
        await client.aclose()

    asyncio.run(scenario())


def test_the_sweep_leaves_started_tasks_alone_and_delivers_finished_ones_once(redis_db: str) -> None:
    delivered: list[tuple[str, AnalysisOutcome]] = []

    async def deliver(pending: PendingAnalysis, outcome: AnalysisOutcome) -> None:
        delivered.append((pending.task_id, outcome))

    async def scenario() -> None:
        client, queue = outbox(redis_db)
        started, finished = pending_analysis(age_s=10), pending_analysis(age_s=10)
        for pending in (started, finished):
            await queue.submit(pending, b"image bytes " + pending.task_id.encode())
        redis.Redis.from_url(redis_db).delete(QUEUE)
        # what workers record, through Celery's result backend
        backend = queue.celery.backend
        backend.store_result(started.task_id, None, "STARTED")
        result = AnalysisRefused("NotABreastImageError")
        backend.store_result(finished.task_id, result.to_json(), "SUCCESS")
        await asyncio.sleep(UNSTARTED_AFTER_S + 0.2)
        watcher = ResultWatcher(client, PendingAnalyses(client), deliver, queue)
        await watcher.sweep()
        await watcher.sweep()
        await watcher.stop()
        assert queued_task_ids(redis_db) == []  # a worker has the started one; the finished one is done
        assert delivered == [(finished.task_id, result)]
        assert not await client.exists(upload_key(finished.task_id))
        assert await client.exists(upload_key(started.task_id))
        await client.aclose()

    asyncio.run(scenario())
