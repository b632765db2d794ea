"""A task names the image the bot's outbox holds in Redis; the real worker reads it from there, and reads
nothing but an outbox image."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import redis
from celery import Celery

from bcdbot.processes import ManagedProcess
from settings import Settings
from tests.shared_data import MINI_MIAS_IMAGES
from workers.celery_app import create_celery
from workers.contract import AnalysisDone, AnalysisRefused, RefusalCode, outcome_from_json
from workers.names import ANALYSE_IMAGE
from workers.payload import image_reference, upload_key

pytestmark = pytest.mark.integration


@pytest.fixture
def client(redis_url: str, celery_worker: ManagedProcess) -> Celery:
    return create_celery(Settings(_env_file=None, redis_url=redis_url))  # type: ignore[call-arg]


def analyse(client: Celery, payload: Any) -> object:
    return outcome_from_json(client.send_task(ANALYSE_IMAGE, args=(payload,)).get(timeout=120))


def test_the_worker_reads_the_referenced_image_from_the_outbox(client: Celery, redis_url: str) -> None:
    task_id = uuid.uuid4().hex
    film = (MINI_MIAS_IMAGES / "mdb021.png").read_bytes()
    redis.Redis.from_url(redis_url).set(upload_key(task_id), film, ex=60)
    outcome = analyse(client, image_reference(task_id))
    assert isinstance(outcome, AnalysisDone)
    assert (outcome.width, outcome.height) == (1024, 1024)


def test_an_image_no_longer_in_the_outbox_is_refused_as_gone(client: Celery) -> None:
    assert analyse(client, image_reference(uuid.uuid4().hex)) == AnalysisRefused(RefusalCode.IMAGE_GONE)


@pytest.mark.parametrize(
    "payload",
    [{"image_key": "bcdbot:pending-analyses"}, {"image_key": "bcdbot:upload:"}, {"other": "x"}, ["list"], 42],
)
def test_a_message_naming_anything_but_an_outbox_image_is_refused(client: Celery, payload: object) -> None:
    assert analyse(client, payload) == AnalysisRefused(RefusalCode.BAD_PAYLOAD)
