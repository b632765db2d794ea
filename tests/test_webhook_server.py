"""The webhook server in-process (no Telegram, no services) and the webhook settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from cryptography.fernet import Fernet
from pydantic import ValidationError
from telegram import Update
from telegram.ext import Application

from bot.webhook import HEALTH_PATH, SECRET_HEADER, webhook_app
from settings import Settings

SECRET = "s3cret_token-value"
PATH = "/hook"
UPDATE = {
    "update_id": 41,
    "message": {
        "message_id": 7,
        "date": 0,
        "chat": {"id": 5, "type": "private"},
        "from": {"id": 5, "is_bot": False, "first_name": "T"},
        "text": "hello",
    },
}


@pytest.fixture
async def application() -> Application[Any, Any, Any, Any, Any, Any]:
    return Application.builder().token("123456:test-token").build()


@pytest.fixture
async def client(
    application: Application[Any, Any, Any, Any, Any, Any],
) -> AsyncIterator[TestClient[Any, Any]]:
    server = TestServer(webhook_app(application, path=PATH, secret=SECRET))
    async with TestClient(server) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("headers", "status"), [({}, 401), ({SECRET_HEADER: "wrong"}, 403), ({SECRET_HEADER: SECRET[:-1]}, 403)]
)
async def test_requests_without_the_right_secret_are_refused_and_dropped(
    client: TestClient[Any, Any],
    application: Application[Any, Any, Any, Any, Any, Any],
    headers: dict[str, str],
    status: int,
) -> None:
    response = await client.post(PATH, json=UPDATE, headers=headers)
    assert response.status == status
    assert application.update_queue.empty()


async def test_an_update_with_the_secret_is_queued_for_the_application(
    client: TestClient[Any, Any], application: Application[Any, Any, Any, Any, Any, Any]
) -> None:
    response = await client.post(PATH, json=UPDATE, headers={SECRET_HEADER: SECRET})
    assert response.status == 200
    update = application.update_queue.get_nowait()
    assert isinstance(update, Update) and update.update_id == 41
    assert update.effective_message is not None and update.effective_message.text == "hello"


async def test_a_body_that_is_not_an_update_is_a_bad_request(
    client: TestClient[Any, Any], application: Application[Any, Any, Any, Any, Any, Any]
) -> None:
    response = await client.post(PATH, data=b"not json", headers={SECRET_HEADER: SECRET})
    assert response.status == 400
    assert application.update_queue.empty()


DEEP = 5000  # far past any real update, and past Python's recursion limit


@pytest.mark.parametrize(
    "body",
    [
        b"null",
        b"[]",
        b"42",
        b'"update"',
        b"true",
        b'{"update_id": 2, "message": 5}',
        b'{"update_id": "2"}',
        b'{"message": {"text": "hi"}}',
        b'{"update_id": 3, "message": {"message_id": 1}}',
        b"[" * DEEP + b"]" * DEEP,
        b'{"update_id": 4, "x": ' + b"[" * DEEP + b"]" * DEEP + b"}",
        b'{"update_id": 5, "message": ' + b'{"reply_to_message": ' * 400 + b"{}" + b"}" * 400 + b"}",
        b"\xff\xfe not utf-8",
    ],
    ids=lambda body: body[:24].decode("latin1"),
)
async def test_json_that_is_not_an_update_object_is_a_bad_request(
    client: TestClient[Any, Any], application: Application[Any, Any, Any, Any, Any, Any], body: bytes
) -> None:
    response = await client.post(PATH, data=body, headers={SECRET_HEADER: SECRET})
    assert response.status == 400
    assert (await response.json())["ok"] is False
    assert application.update_queue.empty()


async def test_health_is_503_until_the_application_runs(client: TestClient[Any, Any]) -> None:
    response = await client.get(HEALTH_PATH)
    assert response.status == 503


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_polling_is_the_default() -> None:
    assert not settings().uses_webhook


def test_the_local_path_comes_from_the_public_url_unless_set() -> None:
    assert settings(telegram_webhook_url="https://bot.example.org/tg/abc").local_webhook_path == "/tg/abc"
    assert settings(telegram_webhook_url="https://bot.example.org").local_webhook_path == "/telegram"
    mapped = settings(telegram_webhook_url="https://bot.example.org/x", webhook_path="internal")
    assert mapped.local_webhook_path == "/internal"


def test_production_webhook_mode_needs_a_secret() -> None:
    production = {
        "environment": "production",
        "pseudonym_secret": "a-real-secret-value",
        "encryption_keys": Fernet.generate_key().decode(),
        "telegram_bot_token": "1:abc",
        "telegram_webhook_url": "https://bot.example.org/telegram",
    }
    with pytest.raises(ValidationError, match="BCDBOT_WEBHOOK_SECRET"):
        settings(**production)
    assert settings(**production, webhook_secret="abc_DEF-123").uses_webhook


def test_a_secret_telegram_would_refuse_is_refused_at_start() -> None:
    with pytest.raises(ValidationError, match="BCDBOT_WEBHOOK_SECRET"):
        settings(webhook_secret="has spaces!")
