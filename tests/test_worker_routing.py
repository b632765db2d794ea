"""Scaling out: two worker processes on one Redis, each on its own queue, and tasks routed to each.

A worker on another machine needs only `BCDBOT_REDIS_URL` and `--queues`; the bot (or any client) picks the
queue with `BCDBOT_IMAGE_QUEUE`. Both workers here share a private Redis database, so the session's worker
cannot take their tasks; the worker logs show which one ran each task.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import uuid
from collections.abc import Iterator

import numpy as np
import pytest
import redis
from PIL import Image

from bcdbot.processes import ManagedProcess
from bcdbot.stack import StackConfig, worker_process
from settings import Settings
from tests.conftest import START_TIMEOUT_S
from workers.celery_app import create_celery
from workers.names import ANALYSE_IMAGE, CPU_QUEUE

pytestmark = pytest.mark.integration

OTHER_QUEUE = "images.other"
QUEUES = (CPU_QUEUE, OTHER_QUEUE)
REDIS_DB = 2
TASKS_PER_QUEUE = 3
RESULT_TIMEOUT_S = 120.0


@pytest.fixture(scope="module")
def routing_stack(
    stack: StackConfig, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[StackConfig, dict[str, ManagedProcess]]]:
    config = dataclasses.replace(
        stack, var_dir=tmp_path_factory.mktemp("routing"), redis_db=REDIS_DB, extra_env=dict(stack.extra_env)
    )
    redis.Redis.from_url(config.redis_url).flushdb()
    workers = {
        queue: worker_process(config, name=f"routing-{queue.replace('.', '-')}", queues=queue)
        for queue in QUEUES
    }
    try:
        for worker in workers.values():
            worker.start()
        for worker in workers.values():
            worker.wait_ready(START_TIMEOUT_S)
        yield config, workers
    finally:
        for worker in workers.values():
            worker.stop()


def png_payload(seed: int) -> str:
    """A distinct small grey image (distinct bytes: no cached result), base64 as the bot sends it."""
    pixels = np.random.default_rng(seed).integers(0, 255, size=(64, 64), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def test_each_queue_is_served_by_its_own_worker(
    routing_stack: tuple[StackConfig, dict[str, ManagedProcess]],
) -> None:
    config, workers = routing_stack
    sent: dict[str, list[str]] = {}
    results = []
    for index, queue in enumerate(QUEUES):
        # What a bot configured with BCDBOT_IMAGE_QUEUE=<queue> does (bot/analysis_queue.py).
        settings = Settings(_env_file=None, redis_url=config.redis_url, image_queue=queue)  # type: ignore[call-arg]
        client = create_celery(settings)
        sent[queue] = []
        for number in range(TASKS_PER_QUEUE):
            task_id = uuid.uuid4().hex
            signature = client.signature(ANALYSE_IMAGE, args=(png_payload(index * 100 + number),))
            results.append(signature.apply_async(task_id=task_id))
            sent[queue].append(task_id)
    for result in results:
        assert isinstance(result.get(timeout=RESULT_TIMEOUT_S), dict)
        # Unsubscribe now, while Redis runs: AsyncResult.__del__ would do it after Redis stopped.
        result.backend.remove_pending_result(result)
        result.backend = None
    for queue, worker in workers.items():
        for other, task_ids in sent.items():
            for task_id in task_ids:
                assert worker.logged_since_start(task_id) == (other == queue), (queue, other, task_id)
