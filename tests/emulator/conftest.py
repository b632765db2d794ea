"""The emulator served on a free port, python-telegram-bot pointed at it, and the control API."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import telegram
from aiohttp import web
from PIL import Image

from telegram_emulator import EmulatorState, create_app

TOKEN = "123456:TEST-token_abc"
USER_ID = 4242


@dataclass(frozen=True)
class Emulator:
    url: str
    state: EmulatorState


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, shutdown_timeout=2)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}"


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    state = EmulatorState()
    runner, url = await serve(create_app(state))
    yield Emulator(url, state)
    await runner.cleanup()


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[telegram.Bot]:
    client = telegram.Bot(TOKEN, base_url=f"{emulator.url}/bot", base_file_url=f"{emulator.url}/file/bot")
    async with client:
        yield client


@pytest.fixture
async def control(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=emulator.url, timeout=10) as client:
        yield client


def png_bytes(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


async def say(control: httpx.AsyncClient, text: str, user_id: int = USER_ID) -> dict[str, Any]:
    response = await control.post(
        "/emulator/updates/message", json={"user_id": user_id, "first_name": "Ada", "text": text}
    )
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


async def bot_messages(
    control: httpx.AsyncClient, after: int = 0, timeout: float = 0
) -> list[dict[str, Any]]:
    response = await control.get(
        f"/emulator/chats/{USER_ID}/messages", params={"after": after, "timeout": timeout}
    )
    response.raise_for_status()
    messages: list[dict[str, Any]] = response.json()["messages"]
    return messages
