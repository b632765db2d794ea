"""The worker's Prometheus endpoint: queue depth, analyses by outcome, batch sizes, task latency."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator

import httpx
import pytest

from bcdbot.processes import ManagedProcess, free_port
from bcdbot.stack import StackConfig, worker_process
from settings import Settings
from tests.conftest import START_TIMEOUT_S
from tests.shared_data import MINI_MIAS_IMAGES
from workers.celery_app import create_celery
from workers.names import ANALYSE_IMAGE

pytestmark = pytest.mark.integration

QUEUE = "images.metrics"


@pytest.fixture(scope="module")
def metrics_url(stack: StackConfig, redis_url: str) -> Iterator[str]:
    port = free_port()
    env = {"BCDBOT_WORKER_METRICS_PORT": str(port)}
    worker: ManagedProcess = worker_process(stack, name="worker-metrics", queues=QUEUE, env=env)
    worker.start().wait_ready(START_TIMEOUT_S)
    yield f"http://127.0.0.1:{port}/metrics"
    worker.stop()


def test_metrics_count_analyses_and_show_the_queue(metrics_url: str, redis_url: str) -> None:
    settings = Settings(_env_file=None, redis_url=redis_url, image_queue=QUEUE)  # type: ignore[call-arg]
    client = create_celery(settings)
    good = base64.b64encode((MINI_MIAS_IMAGES / "mdb005.png").read_bytes()).decode()
    bad = base64.b64encode(b"%PDF-1.4 not an image").decode()
    for payload in (good, bad):
        assert client.send_task(ANALYSE_IMAGE, args=(payload,), queue=QUEUE).get(timeout=120) is not None

    deadline = time.monotonic() + 30
    text = ""
    while time.monotonic() < deadline:
        text = httpx.get(metrics_url, timeout=5).text
        if 'bcdbot_analyses_total{outcome="refused"}' in text:
            break
        time.sleep(0.5)
    assert 'bcdbot_analyses_total{outcome="done"} 1.0' in text
    assert 'bcdbot_analyses_total{outcome="refused"} 1.0' in text
    assert "bcdbot_analysis_seconds_count" in text
    assert "bcdbot_batch_size_bucket" in text
    assert f'bcdbot_queue_depth{{queue="{QUEUE}"}} 0.0' in text
