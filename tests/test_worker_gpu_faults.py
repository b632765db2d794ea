"""The GPU batch task's safety, with a real redis-server and a real GPU-kind worker (solo pool,
celery-batches; on CPU here) whose predictor fails on marked uploads (tests/gpu_fault_worker.py): a task
delivered too often is given up, a transient error is retried, the soft time limit answers."""

from __future__ import annotations

import base64
import dataclasses
import json
import socket
import uuid
from collections.abc import Iterator

import pytest
import redis
from celery import Celery
from celery.result import AsyncResult

from bcdbot.processes import ManagedProcess
from bcdbot.stack import StackConfig
from settings import Settings
from tests.conftest import START_TIMEOUT_S, TEST_MAX_TASK_DELIVERIES
from tests.shared_data import MINI_MIAS_IMAGES
from workers.celery_app import create_celery
from workers.contract import AnalysisDone, AnalysisOutcome, AnalysisRefused, RefusalCode, outcome_from_json
from workers.names import ANALYSE_IMAGE, DEAD_LETTER_KEY, DELIVERY_COUNT_PREFIX

pytestmark = pytest.mark.integration

REDIS_DB = 9
QUEUE = "images.gpu-faults"
SOFT_LIMIT_S = "20"  # far over a forward pass on a busy 2-core CPU, far under SLOW
RESULT_TIMEOUT_S = 120.0


@pytest.fixture(scope="module")
def gpu(stack: StackConfig, redis_url: str) -> Iterator[tuple[Celery, str]]:
    config = dataclasses.replace(stack, redis_db=REDIS_DB)
    redis.Redis.from_url(config.redis_url).flushdb()
    client = create_celery(Settings(_env_file=None, redis_url=config.redis_url, image_queue=QUEUE))  # type: ignore[call-arg]
    node = f"bcdbot-gpu-faults-{config.redis_port}"
    argv = [config.python, "-m", "tests.gpu_fault_worker", "worker", "--kind", "gpu", "--queues", QUEUE]
    env = {
        **config.service_env(),
        "BCDBOT_TASK_SOFT_TIME_LIMIT_S": SOFT_LIMIT_S,
        "BCDBOT_GPU_BATCH_WAIT_MS": "300",
        "BCDBOT_WORKER_THREADS": "1",
    }
    destination = [f"{node}@{socket.gethostname()}"]
    worker = ManagedProcess(
        "gpu-faults",
        [*argv, "--name", node],
        lambda: bool(client.control.ping(destination=destination, timeout=0.5)),
        config.log("gpu-faults"),
        env=env,
        cwd=config.root,
    )
    worker.start().wait_ready(START_TIMEOUT_S)
    try:
        yield client, config.redis_url
    finally:
        worker.stop()


def mammogram(index: int) -> bytes:
    return sorted(MINI_MIAS_IMAGES.glob("mdb*.png"))[70 + index].read_bytes()


def send(client: Celery, data: bytes, task_id: str | None = None) -> AsyncResult:
    payload = base64.b64encode(data).decode("ascii")
    return client.signature(ANALYSE_IMAGE, args=(payload,)).apply_async(task_id=task_id or uuid.uuid4().hex)


def outcome(result: AsyncResult) -> AnalysisOutcome:
    try:
        return outcome_from_json(result.get(timeout=RESULT_TIMEOUT_S))
    finally:
        result.backend.remove_pending_result(result)  # unsubscribe while Redis runs


def dead_letters(url: str) -> list[dict[str, object]]:
    return [json.loads(entry) for entry in redis.Redis.from_url(url).lrange(DEAD_LETTER_KEY, 0, -1)]


def test_a_task_delivered_too_often_is_given_up_and_its_batch_is_answered(gpu: tuple[Celery, str]) -> None:
    client, url = gpu
    poison_id = uuid.uuid4().hex
    # what TEST_MAX_TASK_DELIVERIES deliveries whose worker died (killed by this image) leave behind
    redis.Redis.from_url(url).set(f"{DELIVERY_COUNT_PREFIX}{poison_id}:0", TEST_MAX_TASK_DELIVERIES)
    poison = send(client, mammogram(0), poison_id)
    innocent = send(client, mammogram(1))
    assert outcome(poison) == AnalysisRefused(RefusalCode.POISON)
    assert isinstance(outcome(innocent), AnalysisDone)
    assert any(e["task_id"] == poison_id and e["reason"] == "too many deliveries" for e in dead_letters(url))


def test_a_transient_error_is_retried(gpu: tuple[Celery, str]) -> None:
    client, _ = gpu
    assert isinstance(outcome(send(client, b"OOM-ONCE:" + mammogram(2))), AnalysisDone)


def test_a_transient_error_that_persists_fails_the_task_and_is_dead_lettered(gpu: tuple[Celery, str]) -> None:
    client, url = gpu
    result = send(client, b"OOM:" + mammogram(3))
    try:
        result.get(timeout=RESULT_TIMEOUT_S, propagate=False)
        assert result.state == "FAILURE"
    finally:
        result.backend.remove_pending_result(result)
    assert any(
        e["task_id"] == result.id and e["reason"] == "TransientAnalysisError" for e in dead_letters(url)
    )


def test_the_soft_time_limit_answers_and_the_worker_serves_the_next(gpu: tuple[Celery, str]) -> None:
    client, _ = gpu
    assert outcome(send(client, b"SLOW:" + mammogram(4))) == AnalysisRefused(RefusalCode.TIMEOUT)
    assert isinstance(outcome(send(client, mammogram(5))), AnalysisDone)
