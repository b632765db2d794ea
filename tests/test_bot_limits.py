"""Per-person limits as a person meets them: two bot replicas (webhook mode behind a round-robin proxy)
share one count in Redis, the reply over a limit says when to send again, uploads past the pending cap are
refused while every accepted one is answered, and a health worker gets the larger quota.

The replicas run on their own emulator, Redis database and worker (as in tests/test_webhook.py) with small
limits, so that the session's bot and its default limits are left alone.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest
import redis

from bcdbot.processes import ManagedProcess, free_port
from bcdbot.stack import StackConfig, bot_webhook_process, emulator_process, worker_process
from bot import replies
from bot.catalog import english
from tests.chat import ChatUser
from tests.conftest import START_TIMEOUT_S
from tests.round_robin_proxy import RoundRobinProxy
from tests.shared_data import MINI_MIAS_IMAGES

pytestmark = pytest.mark.integration

SECRET = "test-limits-secret_0123456789"
REDIS_DB = 3
MESSAGES_PER_MINUTE = 4
IMAGES_PER_HOUR = 3
PENDING_ANALYSES = 2
HEALTH_WORKER_FACTOR = 3
LIMITS = {
    "BCDBOT_LIMIT_MESSAGES_PER_MINUTE": str(MESSAGES_PER_MINUTE),
    "BCDBOT_LIMIT_IMAGES_PER_HOUR": str(IMAGES_PER_HOUR),
    "BCDBOT_LIMIT_IMAGES_PER_DAY": "10",
    "BCDBOT_LIMIT_PENDING_ANALYSES": str(PENDING_ANALYSES),
    "BCDBOT_HEALTH_WORKER_LIMIT_FACTOR": str(HEALTH_WORKER_FACTOR),
}
PROBABILITY = "probability "
QUIET_S = 3.0
REPLY_TIMEOUT_S = 120.0


@dataclasses.dataclass
class LimitedStack:
    config: StackConfig
    proxy: RoundRobinProxy


@pytest.fixture(scope="module")
def limited(
    stack: StackConfig, redis_url: str, rasa_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LimitedStack]:
    config = dataclasses.replace(
        stack,
        var_dir=tmp_path_factory.mktemp("limits"),
        emulator_port=free_port(),
        redis_db=REDIS_DB,
        extra_env={**stack.extra_env, **LIMITS},  # over the session's unlimited values
    )
    redis.Redis.from_url(config.redis_url).flushdb()
    ports = [free_port(), free_port()]
    proxy = RoundRobinProxy(ports).start()
    started: list[ManagedProcess] = []
    try:
        started.append(emulator_process(config, name="limits-emulator").start())
        started.append(worker_process(config, name="limits-worker").start())
        started[0].wait_ready(START_TIMEOUT_S)
        started += [
            bot_webhook_process(
                config, name=f"limits-bot-{index}", port=port, webhook_url=proxy.url, secret=SECRET
            ).start()
            for index, port in enumerate(ports)
        ]
        for process in started:
            process.wait_ready(START_TIMEOUT_S)
        yield LimitedStack(config, proxy)
    finally:
        for process in reversed(started):
            process.stop()
        proxy.stop()


@pytest.fixture
def chat(limited: LimitedStack) -> Iterator[ChatUser]:
    user = ChatUser(limited.config.emulator_url)
    yield user
    user.close()


def texts_until_quiet(chat: ChatUser, count: int) -> list[str]:
    """At least `count` replies, then all that come within a quiet period."""
    deadline = time.monotonic() + REPLY_TIMEOUT_S
    received: list[str] = []
    while len(received) < count and time.monotonic() < deadline:
        messages = chat.next_replies(timeout_s=deadline - time.monotonic())
        received += [message.get("text") or message.get("caption") or "" for message in messages]
    time.sleep(QUIET_S)
    received += [message.get("text") or message.get("caption") or "" for message in chat.next_replies_now()]
    return received


def mammogram(index: int) -> bytes:
    """Distinct real mammograms, so that no cached result answers before the cap is reached."""
    return sorted(MINI_MIAS_IMAGES.glob("mdb*.png"))[60 + index].read_bytes()


def is_limit_reply(text: str, message_id: str) -> bool:
    """Whether `text` is the English message `message_id`, whatever its limit and wait."""
    return text.startswith(english(message_id, limit="\0", wait="\0").split("\0")[0])


def test_messages_over_the_limit_get_one_reply_saying_when_whichever_replica_reads_them(
    limited: LimitedStack, chat: ChatUser
) -> None:
    before = dict(limited.proxy.hits)
    for _ in range(MESSAGES_PER_MINUTE + 3):
        chat.send_text("hello")
    received = texts_until_quiet(chat, MESSAGES_PER_MINUTE + 1)
    notices = [text for text in received if is_limit_reply(text, "limit-messages")]
    assert len(notices) == 1, received
    assert re.search(r"wait (a minute|\d+ seconds) and send them again", notices[0])
    assert len(received) == MESSAGES_PER_MINUTE + 1, received
    assert all(limited.proxy.hits[port] > before.get(port, 0) for port in limited.proxy.backends)


def test_a_health_worker_gets_the_larger_quota(limited: LimitedStack, chat: ChatUser) -> None:
    grant = [limited.config.python, "-m", "bcdbot", "grant-role", "--telegram-id", str(chat.user_id)]
    env = {**os.environ, **limited.config.service_env()}
    subprocess.run([*grant, "--role", "health_worker"], env=env, cwd=limited.config.root, check=True)
    sent = MESSAGES_PER_MINUTE * 2
    for _ in range(sent):
        chat.send_text("hello")
    received = texts_until_quiet(chat, sent)
    assert len(received) == sent, received
    assert not any(is_limit_reply(text, "limit-messages") for text in received)


def test_uploads_past_the_caps_are_refused_and_every_accepted_one_is_answered(chat: ChatUser) -> None:
    chat.consent()
    for index in range(PENDING_ANALYSES + 1):
        chat.send_document(mammogram(index), f"view{index}.png", "image/png")
    received = texts_until_quiet(chat, PENDING_ANALYSES + 1)
    assert sum(PROBABILITY in text for text in received) == PENDING_ANALYSES, received
    refused = [text for text in received if is_limit_reply(text, "limit-pending-analyses")]
    assert len(refused) == 1, received
    assert f"still reading {PENDING_ANALYSES} of your images" in refused[0]

    chat.send_document(mammogram(PENDING_ANALYSES + 1), "again.png", "image/png")
    (answered,) = texts_until_quiet(chat, 1)
    assert PROBABILITY in answered  # the pending ones were answered: room again, and the third of the hour
    chat.send_document(mammogram(PENDING_ANALYSES + 2), "one-more.png", "image/png")
    (over,) = texts_until_quiet(chat, 1)
    assert is_limit_reply(over, "limit-images-per-hour"), over
    assert f"{IMAGES_PER_HOUR} images in the last hour" in over
    assert "send it again in an hour" in over or "minutes" in over


def test_a_send_telegram_refuses_with_retry_after_is_sent_once_the_wait_is_over(
    limited: LimitedStack, chat: ChatUser
) -> None:
    retry_after_s = 2
    flood = {"sends": 1, "retry_after": retry_after_s}
    httpx.post(f"{limited.config.emulator_url}/emulator/flood", json=flood, timeout=10).raise_for_status()
    sent = time.monotonic()
    chat.send_text("hello")
    reply = chat.one_reply()
    assert time.monotonic() - sent >= retry_after_s
    assert reply != replies.INTERNAL_ERROR  # the reply itself, sent again, not the error handler's
