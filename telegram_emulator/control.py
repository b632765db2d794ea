"""The control API under ``/emulator``: play the user's side and read what the bot did."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from .errors import ApiError
from .files import file_response
from .formatting import detect_entities
from .markup import inline_callback_data
from .methods.bot import default_commands_key
from .notifier import wait_until
from .objects import JsonDict, document, photo_sizes
from .state import MESSAGE_UPDATE_TYPES, ChatState, EmulatorState, StoredMessage
from .uploads import store_document, store_photo

logger = logging.getLogger(__name__)

MAX_WAIT_S = 60.0
TRUE_WORDS = frozenset({"1", "true", "yes"})
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class ControlError(Exception):
    """A control API request the emulator refuses; answered ``{"error": ...}``."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _answers_errors(handler: Handler) -> Handler:
    @functools.wraps(handler)
    async def wrapper(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except ControlError as error:
            return web.json_response({"error": str(error)}, status=error.status)
        except ApiError as error:
            return web.json_response({"error": error.description}, status=400)

    return wrapper


def _as_int(value: Any, name: str, *, required: bool = False) -> int | None:
    if value is None or value == "":
        if required:
            raise ControlError(f"{name} is required")
        return None
    if isinstance(value, bool):
        raise ControlError(f"{name} must be an integer")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ControlError(f"{name} must be an integer") from None


def _user_and_chat(fields: Any) -> tuple[int, int]:
    user_id = _as_int(fields.get("user_id"), "user_id", required=True)
    assert user_id is not None
    chat_id = _as_int(fields.get("chat_id"), "chat_id")
    return user_id, user_id if chat_id is None else chat_id


def _optional_str(fields: Any, name: str) -> str | None:
    value = fields.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ControlError(f"{name} must be a string")
    return value


def _caption_fields(caption: str | None) -> JsonDict:
    """``caption`` plus the entities Telegram would detect in it."""
    if not caption:
        return {}
    entities = detect_entities(caption)
    return {"caption": caption, "caption_entities": entities} if entities else {"caption": caption}


async def _json_body(request: web.Request) -> JsonDict:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ControlError("the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise ControlError("the body must be a JSON object")
    return body


class ControlApi:
    """Handlers for the control endpoints over one EmulatorState."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def _user_message(self, fields: Any, content: JsonDict) -> JsonDict:
        """Store a message from the user and queue it as an update."""
        user_id, chat_id = _user_and_chat(fields)
        first_name = _optional_str(fields, "first_name")
        sender = self.state.user(user_id, first_name)
        chat = self.state.chat(chat_id, first_name if chat_id == user_id else None)
        stored = self.state.add_message(chat, sender, content, from_bot=False)
        update_id = self.state.enqueue({"message": stored.message})
        logger.debug("control: injected a message update")
        return {"update_id": update_id, "message_id": stored.message_id, "chat_id": chat_id}

    async def post_message(self, request: web.Request) -> web.StreamResponse:
        body = await _json_body(request)
        text = _optional_str(body, "text")
        if text is None or not text.strip():
            raise ControlError("text is required")
        given = body.get("entities")
        entities = given if isinstance(given, list) else detect_entities(text)
        content: JsonDict = {"text": text, "entities": entities} if entities else {"text": text}
        return web.json_response(self._user_message(body, content))

    async def _upload(self, request: web.Request) -> tuple[Any, web.FileField, JsonDict]:
        if not request.content_type.startswith("multipart/"):
            raise ControlError("send multipart/form-data with a 'file' part")
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            raise ControlError("the 'file' part is required")
        return form, upload, _caption_fields(_optional_str(form, "caption"))

    async def post_photo(self, request: web.Request) -> web.StreamResponse:
        form, upload, caption = await self._upload(request)
        _user_and_chat(form)  # validate before storing the file
        stored = store_photo(self.state, upload.file.read(), upload.content_type, strict=False)
        return web.json_response(self._user_message(form, {"photo": photo_sizes(stored), **caption}))

    async def post_document(self, request: web.Request) -> web.StreamResponse:
        form, upload, caption = await self._upload(request)
        _user_and_chat(form)
        stored = store_document(
            self.state, upload.file.read(), upload.filename or None, upload.content_type, allow_empty=True
        )
        return web.json_response(self._user_message(form, {"document": document(stored), **caption}))

    async def post_callback_query(self, request: web.Request) -> web.StreamResponse:
        """Press an inline button of a message the bot sent."""
        body = await _json_body(request)
        user_id, chat_id = _user_and_chat(body)
        message_id = _as_int(body.get("message_id"), "message_id", required=True)
        data = _optional_str(body, "data")
        stored = self._bot_message(chat_id, message_id or 0)
        if data is None or data not in inline_callback_data(stored.message.get("reply_markup")):
            raise ControlError("the message has no inline button with this callback_data")
        record = self.state.add_callback_query(chat_id, user_id)
        query = {
            "id": record.query_id,
            "from": self.state.user(user_id, _optional_str(body, "first_name")),
            "message": stored.message,
            "chat_instance": f"ci{chat_id}",
            "data": data,
        }
        update_id = self.state.enqueue({"callback_query": query})
        return web.json_response({"update_id": update_id, "callback_query_id": record.query_id})

    def _bot_message(self, chat_id: int, message_id: int) -> StoredMessage:
        chat = self.state.chats.get(chat_id)
        stored = chat.messages.get(message_id) if chat else None
        if stored is None or not stored.from_bot:
            raise ControlError("no message from the bot with this message_id in this chat", 404)
        if stored.deleted:
            raise ControlError("the message was deleted")
        return stored

    async def post_raw(self, request: web.Request) -> web.StreamResponse:
        """Queue any update body; message-like bodies get a message_id and date when they lack them."""
        update = (await _json_body(request)).get("update")
        if not isinstance(update, dict) or not [key for key in update if key != "update_id"]:
            raise ControlError("'update' must be an object such as {\"message\": {...}}")
        result: JsonDict = {}
        for key in MESSAGE_UPDATE_TYPES:
            message = update.get(key)
            if isinstance(message, dict):
                self.state.record_incoming(message)
                result.update(message_id=message.get("message_id"), chat_id=message.get("chat", {}).get("id"))
        result["update_id"] = self.state.enqueue(update)
        return web.json_response(result)

    def _chat_id(self, request: web.Request) -> int:
        chat_id = _as_int(request.match_info["chat_id"], "chat_id", required=True)
        assert chat_id is not None
        return chat_id

    async def get_messages(self, request: web.Request) -> web.StreamResponse:
        """The bot's messages with message_id > after (long-polls up to ``timeout`` seconds)."""
        chat_id = self._chat_id(request)
        after = _as_int(request.query.get("after"), "after") or 0
        changed_since = _as_int(request.query.get("changed_since"), "changed_since")
        include_user = request.query.get("include_user", "").lower() in TRUE_WORDS
        try:
            timeout = min(max(float(request.query.get("timeout", 0)), 0.0), MAX_WAIT_S)
        except ValueError:
            raise ControlError("timeout must be a number") from None

        def select() -> list[StoredMessage]:
            chat = self.state.chats.get(chat_id)
            messages = sorted(chat.messages.values(), key=lambda m: m.message_id) if chat else []
            return [
                m
                for m in messages
                if m.message_id > after
                and (m.from_bot or include_user)
                and (changed_since is None or m.version > changed_since)
            ]

        await wait_until(self.state.messages_changed, lambda: bool(select()), timeout)
        views = [m.control_view() for m in select()]
        return web.json_response({"messages": views, "version": self.state.version})

    def _chat(self, request: web.Request) -> ChatState | None:
        return self.state.chats.get(self._chat_id(request))

    async def get_callback_answers(self, request: web.Request) -> web.StreamResponse:
        chat = self._chat(request)
        return web.json_response({"answers": chat.callback_answers if chat else []})

    async def get_actions(self, request: web.Request) -> web.StreamResponse:
        chat = self._chat(request)
        return web.json_response({"actions": chat.actions if chat else []})

    async def get_file(self, request: web.Request) -> web.StreamResponse:
        stored = self.state.files.get(request.match_info["file_id"])
        if stored is None:
            raise ControlError("file not found", 404)
        return file_response(stored)

    async def get_commands(self, request: web.Request) -> web.StreamResponse:
        bot = self.state.default_bot()
        key = default_commands_key(request.query.get("language_code", ""))
        return web.json_response({"commands": bot.commands.get(key, []) if bot else []})

    async def get_health(self, request: web.Request) -> web.StreamResponse:
        return web.json_response({"ok": True})

    async def post_flood(self, request: web.Request) -> web.StreamResponse:
        """``{"sends": N, "retry_after": S}``: the next N send* calls answer 429, retry after S seconds."""
        body = await _json_body(request)
        sends = _as_int(body.get("sends"), "sends", required=True) or 0
        retry_after = _as_int(body.get("retry_after", 1), "retry_after") or 1
        self.state.flood.refuse_next(sends, retry_after)
        return web.json_response({"ok": True})

    async def post_reset(self, request: web.Request) -> web.StreamResponse:
        self.state.reset()
        logger.info("control: state reset")
        return web.json_response({"ok": True})


def add_control_routes(app: web.Application, state: EmulatorState) -> None:
    api = ControlApi(state)
    routes = [
        ("POST", "/emulator/updates/message", api.post_message),
        ("POST", "/emulator/updates/photo", api.post_photo),
        ("POST", "/emulator/updates/document", api.post_document),
        ("POST", "/emulator/updates/callback_query", api.post_callback_query),
        ("POST", "/emulator/updates/raw", api.post_raw),
        ("GET", "/emulator/chats/{chat_id}/messages", api.get_messages),
        ("GET", "/emulator/chats/{chat_id}/callback_answers", api.get_callback_answers),
        ("GET", "/emulator/chats/{chat_id}/actions", api.get_actions),
        ("GET", "/emulator/files/{file_id}", api.get_file),
        ("GET", "/emulator/commands", api.get_commands),
        ("GET", "/emulator/health", api.get_health),
        ("POST", "/emulator/flood", api.post_flood),
        ("POST", "/emulator/reset", api.post_reset),
    ]
    for verb, path, handler in routes:
        app.router.add_route(verb, path, _answers_errors(handler))
