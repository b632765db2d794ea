"""The Bot API endpoint ``/bot<token>/<method>``: any HTTP verb, form, JSON or multipart parameters."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from .errors import ApiError
from .methods import METHODS
from .methods.call import Call, Described
from .params import read_params
from .state import EmulatorState
from .tokens import bot_id_from_token
from .webhook import WebhookSender

logger = logging.getLogger(__name__)


def api_error(error_code: int, description: str, retry_after: int | None = None) -> web.Response:
    """Telegram's error envelope."""
    body: dict[str, Any] = {"ok": False, "error_code": error_code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=error_code)


def add_bot_api_routes(app: web.Application, state: EmulatorState, webhooks: WebhookSender) -> None:
    async def call_method(request: web.Request) -> web.Response:
        bot_id = bot_id_from_token(request.match_info["token"])
        if bot_id is None:
            return api_error(401, "Unauthorized")
        name = request.match_info["method"].lower()
        method = METHODS.get(name)
        if method is None:
            logger.debug("bot api: unknown method %s", name)
            return api_error(400, "Bad Request: method not found")
        try:
            if name.startswith("send"):
                state.flood.check()
            params = await read_params(request)
            result = await method(Call(state, state.bot(bot_id), params, webhooks))
        except ApiError as error:
            logger.debug("bot api: %s -> %d", name, error.error_code)
            return api_error(error.error_code, error.description, error.retry_after)
        logger.debug("bot api: %s -> ok", name)
        body: dict[str, Any] = {"ok": True, "result": result}
        if isinstance(result, Described):
            body.update(result=result.result, description=result.description)
        return web.json_response(body)

    app.router.add_route("*", "/bot{token}/{method}", call_method)
