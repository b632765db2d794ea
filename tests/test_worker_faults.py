"""Fault tolerance with real processes: killed workers, a restarted Redis, a restarted bot, time limits,
and a task that keeps killing its worker. In every case each upload gets exactly one reply."""

from __future__ import annotations

import dataclasses
import io
import os
import secrets
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pytest
import redis
from celery import Celery
from PIL import Image
from pydicom import Dataset
from pydicom.uid import JPEG2000Lossless, generate_uid

from bcdbot.processes import ManagedProcess, free_port
from bcdbot.stack import StackConfig, bot_process, emulator_process, worker_process
from bot.pending import PENDING_KEY, analysis_task_id
from settings import Settings
from store import pseudonymise
from tests.chat import ChatUser
from tests.conftest import START_TIMEOUT_S, TEST_MAX_TASK_DELIVERIES, TEST_PSEUDONYM_SECRET
from tests.dicom_factory import dataset_to_bytes, mg_dataset
from tests.shared_data import MINI_MIAS_IMAGES
from workers.celery_app import create_celery
from workers.names import ANALYSE_IMAGE
from workers.payload import upload_key

pytestmark = pytest.mark.integration

PROBABILITY = "probability "
REPLY_TIMEOUT_S = 180.0
SLOW_IMAGE_SIDE = 6300  # ~39.7 MP, under the 40 MP limit
SLOW_IMAGE_SEED = 20261204


def mammograms(count: int, *, offset: int) -> list[bytes]:
    """Real mammograms, each made new by a few random pixels in its corner: other modules send the same
    files, and a result cached by content hash would answer at once instead of running a task."""
    files = sorted(MINI_MIAS_IMAGES.glob("mdb*.png"))[offset : offset + count]
    return [fresh_png(path) for path in files]


def fresh_png(path: Path) -> bytes:
    pixels = np.asarray(Image.open(path)).copy()
    pixels[0, :8] = np.frombuffer(secrets.token_bytes(8), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def slow_dicom() -> Dataset:
    """A real mammogram upscaled to 6300 px, 16-bit, with one bit of detector noise, JPEG 2000 lossless:
    19 MB (under the 20 MiB upload limit), 2.8 s to decode on this CPU where the noiseless file took 2.0 s
    (large compressed mammograms are what makes real tasks slow), long enough to kill its worker mid-task
    and to run past the time-limited worker's limit now that the worker reads the image from the outbox
    instead of decoding it from base64 first."""
    image = Image.open(MINI_MIAS_IMAGES / "mdb011.png").resize((SLOW_IMAGE_SIDE, SLOW_IMAGE_SIDE))
    noise = np.random.default_rng(SLOW_IMAGE_SEED).integers(0, 2, (SLOW_IMAGE_SIDE, SLOW_IMAGE_SIDE))
    pixels = np.minimum(np.asarray(image).astype(np.int64) * 257 + noise, 65535).astype(np.uint16)
    dataset = mg_dataset(pixels, bits_stored=16)
    dataset.compress(JPEG2000Lossless)
    return dataset


def unique(dataset: Dataset) -> bytes:
    """The file with a fresh SOP Instance UID: new bytes, so no cached result short-cuts the task."""
    dataset.SOPInstanceUID = generate_uid()
    return dataset_to_bytes(dataset)


def collect_replies(chat: ChatUser, count: int, *, timeout_s: float = REPLY_TIMEOUT_S) -> list[str]:
    """Wait for `count` replies, then for a quiet period; fail on fewer or more."""
    deadline = time.monotonic() + timeout_s
    received: list[str] = []
    while len(received) < count and time.monotonic() < deadline:
        received += [
            message.get("text") or message.get("caption") or ""
            for message in chat.next_replies(timeout_s=deadline - time.monotonic())
        ]
    time.sleep(2.0)
    received += [message.get("text") or message.get("caption") or "" for message in chat.next_replies_now()]
    assert len(received) == count, f"expected {count} replies, got {len(received)}: {received}"
    return received


def active_task(
    client: Celery,
    *,
    task_id: str | None = None,
    not_pids: frozenset[int] = frozenset(),
    timeout_s: float = 90.0,
) -> tuple[str, int]:
    """(task id, pool process pid) of a task a worker is running right now (`task_id` if given), in a
    process other than `not_pids` (a killed process can still be listed until its parent reaps it)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for tasks in (client.control.inspect(timeout=0.3).active() or {}).values():
            for task in tasks:
                if (task_id is None or task["id"] == task_id) and int(task["worker_pid"]) not in not_pids:
                    return str(task["id"]), int(task["worker_pid"])
        time.sleep(0.05)
    raise AssertionError(f"task {task_id or ''} did not become active")


def upload_task_id(chat: ChatUser, message_id: int) -> str:
    """The analysis task id the bot derives for an upload (see bot.pending.analysis_task_id)."""
    pseudonym = pseudonymise(chat.user_id, secret=TEST_PSEUDONYM_SECRET.encode())
    return analysis_task_id(pseudonym=pseudonym, message_id=message_id)


@pytest.fixture(scope="module")
def celery_client(redis_url: str) -> Celery:
    return create_celery(Settings(_env_file=None, redis_url=redis_url))  # type: ignore[call-arg]


@pytest.fixture
def chat(emulator_url: str, bot: ManagedProcess) -> Iterator[ChatUser]:
    user = ChatUser(emulator_url)
    user.consent()
    yield user
    user.close()


def test_kill_9_of_a_worker_process_mid_task_loses_no_image(
    chat: ChatUser, celery_client: Celery, celery_worker: ManagedProcess, slow_dicom: Dataset
) -> None:
    task_id = upload_task_id(chat, chat.send_document(unique(slow_dicom), "slow.dcm", "application/dicom"))
    for index, data in enumerate(mammograms(3, offset=20)):
        chat.send_document(data, f"m{index}.png", "image/png")
    _, pid = active_task(celery_client, task_id=task_id)
    os.kill(pid, signal.SIGKILL)

    replies = collect_replies(chat, 4)
    assert all(PROBABILITY in reply for reply in replies), replies
    assert celery_worker.running
    assert celery_worker.logged_since_start("WorkerLostError")


def test_a_task_that_keeps_killing_its_worker_is_given_up_with_a_clear_reply(
    chat: ChatUser, celery_client: Celery, celery_worker: ManagedProcess, slow_dicom: Dataset
) -> None:
    task_id = upload_task_id(chat, chat.send_document(unique(slow_dicom), "poison.dcm", "application/dicom"))
    killed: set[int] = set()
    for _ in range(TEST_MAX_TASK_DELIVERIES):
        _, pid = active_task(celery_client, task_id=task_id, not_pids=frozenset(killed))
        os.kill(pid, signal.SIGKILL)
        killed.add(pid)

    (reply,) = collect_replies(chat, 1)
    assert "could not be analysed" in reply
    assert celery_worker.running
    chat.send_document(mammograms(1, offset=30)[0], "next.png", "image/png")
    (reply,) = collect_replies(chat, 1)
    assert PROBABILITY in reply


def test_delete_with_an_analysis_in_flight_erases_it_and_sends_no_result(
    chat: ChatUser, celery_client: Celery, redis_url: str, slow_dicom: Dataset
) -> None:
    task_id = upload_task_id(chat, chat.send_document(unique(slow_dicom), "slow.dcm", "application/dicom"))
    active_task(celery_client, task_id=task_id)
    chat.send_text("/delete")
    chat.press(chat.next_message(), "delete:yes")
    assert "everything about you has been erased" in (chat.next_message().get("text") or "")

    client = redis.Redis.from_url(redis_url)
    assert client.hget(PENDING_KEY, task_id) is None
    assert not client.exists(upload_key(task_id))
    deadline = time.monotonic() + REPLY_TIMEOUT_S
    while celery_client.backend.get_task_meta(task_id)["status"] != "SUCCESS" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert celery_client.backend.get_task_meta(task_id)["status"] == "SUCCESS"
    time.sleep(3.0)  # longer than the result watcher's sweep
    assert chat.next_replies_now() == []  # the finished analysis reached nobody


def test_redis_restart_under_load_loses_nothing(
    chat: ChatUser, redis_server: ManagedProcess, celery_worker: ManagedProcess
) -> None:
    images = mammograms(8, offset=40)
    for index, data in enumerate(images[:4]):
        chat.send_document(data, f"before{index}.png", "image/png")
    redis_server.stop()
    redis_server.start().wait_ready(START_TIMEOUT_S)
    for index, data in enumerate(images[4:]):
        chat.send_document(data, f"after{index}.png", "image/png")

    replies = collect_replies(chat, 8)
    assert all(PROBABILITY in reply for reply in replies), replies
    assert celery_worker.running


def test_bot_restart_with_analyses_in_flight_delivers_every_reply(
    chat: ChatUser, bot: ManagedProcess, redis_url: str, slow_dicom: Dataset
) -> None:
    """Tasks in flight are those already queued: the test kills the bot once all three were queued, while
    the slow one is still running (the two small ones may be answered by then)."""
    client = redis.Redis.from_url(redis_url)
    before = set(client.hkeys(PENDING_KEY))
    chat.send_document(unique(slow_dicom), "slow.dcm", "application/dicom")
    for index, data in enumerate(mammograms(2, offset=50)):
        chat.send_document(data, f"m{index}.png", "image/png")
    queued: set[bytes | str] = set()
    in_flight: set[bytes | str] = set()
    deadline = time.monotonic() + 60
    while len(queued) < 3 and time.monotonic() < deadline:
        in_flight = set(client.hkeys(PENDING_KEY)) - before
        queued |= in_flight
        time.sleep(0.02)
    assert len(queued) == 3, f"{len(queued)} of 3 analyses queued; the bot said {chat.next_replies_now()}"
    assert in_flight, "every analysis was answered before the bot could be killed"
    bot.kill(signal.SIGKILL)
    assert bot.process is not None
    bot.process.wait(10)
    bot.start().wait_ready(START_TIMEOUT_S)

    replies = collect_replies(chat, 3)
    assert all(PROBABILITY in reply for reply in replies), replies


class TimeLimited(NamedTuple):
    chat: ChatUser
    worker: ManagedProcess


# The time-limited bot must not share a Redis database with the session's main bot: bots on one database
# share the pending-analyses hash, so the main bot's result watcher would claim this bot's results and send
# them through the main emulator, and this chat would never hear back (README: one Redis database per bot).
TIME_LIMITED_REDIS_DB = 5
TIME_LIMIT_S = "3.0"


@pytest.fixture(scope="module")
def time_limited(
    stack: StackConfig, redis_url: str, rasa_url: str, celery_worker: ManagedProcess
) -> Iterator[TimeLimited]:
    """A second emulator, bot and worker, on their own Redis database, whose tasks have a 3.0 s hard time
    limit: the slow DICOM (2.8 s to decode alone, then the reading and the model) always exceeds it, a small
    PNG (0.4-0.6 s on one thread, 2.2 s at worst on a busy machine) never does. (With a 3.5 s limit the
    noiseless slow DICOM once finished in time, after the worker stopped decoding images from base64.)

    The worker runs torch on one thread. With torch's default (one thread per core) a 0.25 s analysis took
    up to 8.6 s on 2 cores shared with 2 busy processes (and 19 s with 4): its threads spin-wait for each
    other. On one thread it took at most 2.2 s with 4 busy processes, so the margin holds on a busy machine.
    """
    limited = dataclasses.replace(stack, emulator_port=free_port(), redis_db=TIME_LIMITED_REDIS_DB)
    queue = "images.time-limited"
    env = {
        "BCDBOT_IMAGE_QUEUE": queue,
        "BCDBOT_TASK_TIME_LIMIT_S": TIME_LIMIT_S,
        "BCDBOT_TASK_SOFT_TIME_LIMIT_S": "0",
        "BCDBOT_WORKER_THREADS": "1",
    }
    processes = [
        emulator_process(limited, name="emulator-limited"),
        worker_process(limited, name="worker-limited", queues=queue, env=env),
        bot_process(limited, name="bot-limited", env=env),
    ]
    try:
        for process in processes:  # in order: each is ready before the next starts
            process.start().wait_ready(START_TIMEOUT_S)
        user = ChatUser(limited.emulator_url)
        user.consent()
        yield TimeLimited(user, processes[1])
        user.close()
    finally:  # also when one failed to start: nothing may outlive the test session
        for process in reversed(processes):
            process.stop()


@pytest.fixture
def time_limited_chat(time_limited: TimeLimited) -> ChatUser:
    return time_limited.chat


@pytest.fixture
def time_limited_worker(time_limited: TimeLimited) -> ManagedProcess:
    return time_limited.worker


@pytest.mark.timeout(240)
def test_a_task_over_the_hard_time_limit_gets_a_clear_reply(
    time_limited_chat: ChatUser, slow_dicom: Dataset, time_limited_worker: ManagedProcess
) -> None:
    message_id = time_limited_chat.send_document(unique(slow_dicom), "slow.dcm", "application/dicom")
    (reply,) = collect_replies(time_limited_chat, 1)
    assert "took too long" in reply
    task_id = upload_task_id(time_limited_chat, message_id)
    # the reply came from the worker's hard limit (TimeLimitExceeded recorded), not from the bot's deadline
    assert time_limited_worker.logged_since_start(
        f"Hard time limit ({TIME_LIMIT_S}s) exceeded for {ANALYSE_IMAGE}[{task_id}]"
    )
    assert time_limited_worker.running


@pytest.mark.timeout(150)
def test_the_worker_serves_the_next_task_after_a_hard_time_limit(
    time_limited_chat: ChatUser, time_limited_worker: ManagedProcess
) -> None:
    time_limited_chat.send_document(mammograms(1, offset=60)[0], "small.png", "image/png")
    (reply,) = collect_replies(time_limited_chat, 1, timeout_s=120)
    assert PROBABILITY in reply
    assert time_limited_worker.running
