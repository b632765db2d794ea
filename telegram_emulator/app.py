"""create_app: the aiohttp application serving the Bot API, file downloads, control API and chat page."""

from __future__ import annotations

from aiohttp import web

from .bot_api import add_bot_api_routes
from .chat_page import add_chat_page_routes
from .control import add_control_routes
from .files import add_file_routes
from .state import EmulatorState
from .webhook import WebhookSender

MAX_REQUEST_BYTES = 60 * 1024 * 1024  # documents up to Telegram's 50 MB plus form overhead


def create_app(state: EmulatorState | None = None) -> web.Application:
    """Build the emulator; pass ``state`` to inspect or share it (tests)."""
    state = state if state is not None else EmulatorState()
    webhooks = WebhookSender()
    app = web.Application(client_max_size=MAX_REQUEST_BYTES)
    add_bot_api_routes(app, state, webhooks)
    add_file_routes(app, state)
    add_control_routes(app, state)
    add_chat_page_routes(app)

    async def answer_long_polls(_app: web.Application) -> None:
        state.wake_all_for_shutdown()

    async def stop_webhooks(_app: web.Application) -> None:
        await webhooks.close()

    app.on_shutdown.append(answer_long_polls)
    app.on_cleanup.append(stop_webhooks)
    return app
