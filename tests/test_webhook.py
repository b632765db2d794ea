"""Webhook mode with two bot replicas behind a round-robin reverse proxy, as a deployment runs them.

emulator --POST update--> proxy (round robin, in this test process) --> bot replica A or B
The replicas share the store (SQLite file here, PostgreSQL in docker/) and Redis, and nothing else, so one
person's messages alternate between replicas while the conversation flows, and an image gets one reply.
They run on their own emulator, Redis database and worker so that the session's polling bot cannot claim
their analyses.
"""

from __future__ import annotations

import dataclasses
import io
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import redis
from PIL import Image

from bcdbot.processes import ManagedProcess, free_port
from bcdbot.stack import StackConfig, bot_webhook_process, emulator_process, worker_process
from bot.webhook import SECRET_HEADER
from tests.chat import ChatUser
from tests.conftest import START_TIMEOUT_S
from tests.round_robin_proxy import WEBHOOK_PATH, RoundRobinProxy
from tests.shared_data import MINI_MIAS_IMAGES

pytestmark = pytest.mark.integration

SECRET = "test-webhook-secret_0123456789"
REDIS_DB = 1
PROBABILITY = "probability "
QUIET_S = 3.0


@dataclasses.dataclass
class WebhookStack:
    config: StackConfig
    proxy: RoundRobinProxy
    replicas: list[ManagedProcess]
    ports: list[int]


@pytest.fixture(scope="module")
def webhook_stack(
    stack: StackConfig, redis_url: str, rasa_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WebhookStack]:
    config = dataclasses.replace(
        stack,
        var_dir=tmp_path_factory.mktemp("webhook"),
        emulator_port=free_port(),
        redis_db=REDIS_DB,
        extra_env=dict(stack.extra_env),
    )
    redis.Redis.from_url(config.redis_url).flushdb()
    ports = [free_port(), free_port()]
    proxy = RoundRobinProxy(ports).start()
    started: list[ManagedProcess] = []
    try:
        emulator = emulator_process(config, name="webhook-emulator").start()
        started.append(emulator)
        worker = worker_process(config, name="webhook-worker").start()
        started.append(worker)
        emulator.wait_ready(START_TIMEOUT_S)
        replicas = [
            bot_webhook_process(
                config, name=f"webhook-bot-{index}", port=port, webhook_url=proxy.url, secret=SECRET
            ).start()
            for index, port in enumerate(ports)
        ]
        started += replicas
        for process in [worker, *replicas]:
            process.wait_ready(START_TIMEOUT_S)
        yield WebhookStack(config, proxy, replicas, ports)
    finally:
        for process in reversed(started):
            process.stop()
        proxy.stop()


def webhook_info(config: StackConfig) -> dict[str, Any]:
    token = "123456:local-emulator-token"
    response = httpx.post(f"{config.emulator_url}/bot{token}/getWebhookInfo", timeout=10)
    result: dict[str, Any] = response.json()["result"]
    return result


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.open(MINI_MIAS_IMAGES / "mdb002.png").save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def help_update(user_id: int, message_id: int) -> dict[str, Any]:
    """A /help message as Telegram would POST it (a new update id, an existing message to reply to)."""
    person = {"id": user_id, "is_bot": False, "first_name": "Test"}
    message = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": "Test"},
        "from": person,
        "text": "/help",
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
    }
    return {"update_id": 900_000_000 + message_id, "message": message}


def test_the_webhook_is_set_to_the_proxy(webhook_stack: WebhookStack) -> None:
    info = webhook_info(webhook_stack.config)
    assert info["url"] == webhook_stack.proxy.url
    for port in webhook_stack.ports:
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json() == {"ok": True}


def test_a_conversation_alternates_between_replicas_and_an_image_is_answered_once(
    webhook_stack: WebhookStack,
) -> None:
    before = Counter(webhook_stack.proxy.hits)
    chat = ChatUser(webhook_stack.config.emulator_url)
    try:
        chat.consent()
        chat.send_text("I found a lump in my left breast 2 weeks ago")
        first = chat.one_reply()
        assert "lump" in first and "left breast" in first
        chat.send_text("I'm 44")  # answered from the state the other replica stored
        flagged = chat.next_replies()
        assert len(flagged) == 1 and "within two weeks" in (flagged[0].get("text") or "")
        chat.send_photo(jpeg_bytes())
        reply = chat.one_reply(timeout_s=180)
        assert PROBABILITY in reply, reply
        time.sleep(QUIET_S)
        assert chat.next_replies_now() == []  # the other replica's watcher did not answer it again
    finally:
        chat.close()
    hits = webhook_stack.proxy.hits - before
    assert all(hits[port] >= 2 for port in webhook_stack.ports), hits
    assert "last_error_message" not in webhook_info(webhook_stack.config)


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({SECRET_HEADER: "wrong-secret"}, 403), ({SECRET_HEADER: SECRET}, 200)],
    ids=["missing", "wrong", "right"],
)
def test_the_secret_header_is_enforced(
    webhook_stack: WebhookStack, headers: dict[str, str], status: int
) -> None:
    chat = ChatUser(webhook_stack.config.emulator_url)
    try:
        chat.send_text("/start")
        welcome = chat.next_message()
        replica = f"http://127.0.0.1:{webhook_stack.ports[0]}{WEBHOOK_PATH}"
        update = help_update(chat.user_id, welcome["message_id"])
        response = httpx.post(replica, json=update, headers=headers, timeout=10)
        assert response.status_code == status
        time.sleep(QUIET_S)
        processed = chat.next_replies_now()
        assert len(processed) == (1 if status == 200 else 0), processed
    finally:
        chat.close()
