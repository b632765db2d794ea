"""The emulator's webhook mode and its queue of updates, with python-telegram-bot as the client."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import httpx
import pytest
import telegram
from aiohttp import web
from telegram import Update
from telegram.error import Conflict
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from tests.emulator.conftest import TOKEN, Emulator, bot_messages, say, serve


async def test_webhook_mode(bot: telegram.Bot, control: httpx.AsyncClient) -> None:
    received: asyncio.Queue[tuple[str | None, dict[str, Any]]] = asyncio.Queue()

    async def hook(request: web.Request) -> web.Response:
        await received.put((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json()))
        return web.Response()

    receiver = web.Application()
    receiver.router.add_post("/hook", hook)
    runner, url = await serve(receiver)
    try:
        assert await bot.set_webhook(f"{url}/hook", secret_token="s3cret")
        assert (await bot.get_webhook_info()).url == f"{url}/hook"
        await say(control, "via webhook")
        secret, update = await asyncio.wait_for(received.get(), 5)
        assert secret == "s3cret" and update["message"]["text"] == "via webhook"
        with pytest.raises(Conflict, match=r"(?i)webhook is active"):
            await bot.get_updates()
        assert await bot.delete_webhook()
        await say(control, "via polling")
        assert [u.message.text for u in await bot.get_updates() if u.message] == ["via polling"]
    finally:
        await runner.cleanup()


async def test_failing_webhook_is_retried_then_reported(
    bot: telegram.Bot, control: httpx.AsyncClient
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert await bot.set_webhook(f"http://127.0.0.1:{port}/hook")
    await say(control, "lost")
    for _ in range(50):
        info = await bot.get_webhook_info()
        if info.last_error_date is not None:
            break
        await asyncio.sleep(0.1)
    assert info.last_error_message and info.pending_update_count == 0


async def test_updates_sent_before_the_bot_appears_are_kept(
    emulator: Emulator, control: httpx.AsyncClient
) -> None:
    early = await say(control, "anyone there?")
    late_bot = telegram.Bot(TOKEN, base_url=f"{emulator.url}/bot")
    async with late_bot:
        assert [u.update_id for u in await late_bot.get_updates()] == [early["update_id"]]


async def test_chat_page(control: httpx.AsyncClient) -> None:
    page = await control.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "not Telegram" in page.text and "not a medical device" in page.text
    assert (await control.get("/static/app.js")).status_code == 200
    assert (await control.get("/emulator/health")).json() == {"ok": True}


async def test_application_echo(emulator: Emulator, control: httpx.AsyncClient) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(f"echo: {update.message.text}")

    app = (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{emulator.url}/bot")
        .base_file_url(f"{emulator.url}/file/bot")
        .build()
    )

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("welcome")

    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(timeout=1)
        await app.start()
        command = await say(control, "/start")
        welcome = await bot_messages(control, after=command["message_id"], timeout=5)
        sent = await say(control, "ping")
        replies = await bot_messages(control, after=sent["message_id"], timeout=5)
        await app.updater.stop()
        await app.stop()
    assert [m["text"] for m in welcome] == ["welcome"]
    assert [m["text"] for m in replies] == ["echo: ping"]
