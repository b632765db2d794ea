"""Webhook mode: an aiohttp server receives Telegram's POSTs and hands them to the PTB Application.

Telegram (or a reverse proxy in front of several bot replicas) POSTs each update to the webhook path with
the `X-Telegram-Bot-Api-Secret-Token` header set to the secret given in setWebhook. A request without the
header is answered 401, one with a wrong header 403, and neither is processed. A body that is not a JSON
object shaped like an update, or nests deeper than `MAX_JSON_DEPTH`, is answered 400. Every replica may
receive any update: dialogue state lives in the store and in-flight analyses in Redis, never in the process.

`GET /healthz` answers 200 while the Application runs (container healthchecks; in polling mode it is served
alone on `BCDBOT_HEALTH_PORT`).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from settings import Settings

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
MAX_UPDATE_BYTES = 1024 * 1024
# Real updates nest about ten levels (update > message > reply > entities > user); far deeper is an attack
# on the recursive parsers, which would end in RecursionError.
MAX_JSON_DEPTH = 32
NOT_AN_UPDATE = (ValueError, TypeError, KeyError, AttributeError, RecursionError)

AnyApplication: TypeAlias = Application[Any, Any, Any, Any, Any, Any]


def health_routes(application: AnyApplication) -> list[web.RouteDef]:
    async def healthz(_: web.Request) -> web.Response:
        if not application.running:
            return web.json_response({"ok": False}, status=503)
        return web.json_response({"ok": True})

    return [web.get(HEALTH_PATH, healthz)]


def json_depth(value: object) -> int:
    """How deep lists and objects nest in `value` (a scalar: 0), walked without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in children)
    return deepest


def parse_update(body: bytes, bot: Any) -> Update | None:
    """The update in `body`, or None when it is not JSON, not an object with an integer update_id, too
    deep, or not shaped like an update."""
    try:
        data = json.loads(body)
    except NOT_AN_UPDATE:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return None
    if json_depth(data) > MAX_JSON_DEPTH:
        return None
    try:
        return Update.de_json(data, bot)
    except NOT_AN_UPDATE:
        return None


def health_app(application: AnyApplication) -> web.Application:
    """Polling mode's server: GET /healthz and nothing else."""
    app = web.Application()
    app.add_routes(health_routes(application))
    return app


def webhook_app(application: AnyApplication, *, path: str, secret: str | None) -> web.Application:
    """The aiohttp app: the webhook path (secret checked in constant time) and the health check."""

    async def receive_update(request: web.Request) -> web.Response:
        if secret is not None:
            given = request.headers.get(SECRET_HEADER)
            if given is None:
                return web.json_response({"ok": False, "description": "secret token missing"}, status=401)
            if not hmac.compare_digest(given.encode(), secret.encode()):
                return web.json_response({"ok": False, "description": "wrong secret token"}, status=403)
        update = parse_update(await request.read(), application.bot)
        if update is None:
            return web.json_response({"ok": False, "description": "not a Telegram update"}, status=400)
        await application.update_queue.put(update)
        return web.json_response({"ok": True})

    app = web.Application(client_max_size=MAX_UPDATE_BYTES)
    app.add_routes([web.post(path, receive_update), *health_routes(application)])
    return app


async def _start_site(app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(app, access_log=None)  # access logs would carry nothing useful, only noise
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


async def _call_hook(
    hook: Callable[[AnyApplication], Awaitable[None]] | None, application: AnyApplication
) -> None:
    if hook is not None:
        await hook(application)


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def serve_webhook(application: AnyApplication, settings: Settings) -> None:
    """Run the Application behind the webhook server until SIGINT/SIGTERM; sets the webhook on start.

    The webhook is not deleted on stop: other replicas keep serving it.
    """
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    if secret is None:  # production refuses this at start (settings); development allows it for the emulator
        logger.warning(
            "webhook mode without BCDBOT_WEBHOOK_SECRET: anyone reaching the port can post updates"
        )
    path = settings.local_webhook_path
    stop = _stop_event()
    await application.initialize()
    await _call_hook(application.post_init, application)
    await application.start()
    runner = await _start_site(
        webhook_app(application, path=path, secret=secret), settings.webhook_listen, settings.webhook_port
    )
    try:
        await application.bot.set_webhook(
            url=settings.telegram_webhook_url or "",
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
        logger.info("webhook serving on %s:%d%s", settings.webhook_listen, settings.webhook_port, path)
        await stop.wait()
    finally:
        await runner.cleanup()
        await application.stop()
        await _call_hook(application.post_stop, application)
        await application.shutdown()
        await _call_hook(application.post_shutdown, application)


def add_health_server(application: AnyApplication, host: str, port: int) -> None:
    """Polling mode: after post-init, also serve a tiny server with only GET /healthz."""
    post_init = application.post_init

    async def start_health_server(app: AnyApplication) -> None:
        await _call_hook(post_init, app)
        app.bot_data["health_server"] = await _start_site(health_app(app), host, port)

    application.post_init = start_health_server


def run_webhook(application: AnyApplication, settings: Settings) -> None:
    asyncio.run(serve_webhook(application, settings))


__all__ = [
    "HEALTH_PATH",
    "SECRET_HEADER",
    "add_health_server",
    "health_app",
    "parse_update",
    "run_webhook",
    "serve_webhook",
    "webhook_app",
]
