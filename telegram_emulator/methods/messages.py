"""Sending, editing and deleting the bot's messages."""

from __future__ import annotations

from typing import Any

from ..errors import bad_request
from ..formatting import message_caption, message_text
from ..markup import parse_reply_markup
from ..objects import JsonDict, bot_sender, document, photo_sizes
from ..state import DOCUMENT, PHOTO, ChatState, StoredFile, StoredMessage, now
from ..uploads import store_document, store_photo
from .call import Call, Method

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a "
    "current content and reply markup of the message"
)
EDITABLE_FIELDS = ("text", "entities", "caption", "caption_entities", "reply_markup")


def _reply_fields(call: Call, chat: ChatState) -> JsonDict:
    """``reply_to_message`` from reply_parameters or the older reply_to_message_id."""
    reply_to = call.params.int_or_none("reply_to_message_id")
    allow_missing = call.params.bool_or("allow_sending_without_reply", False)
    parameters = call.params.json_or_none("reply_parameters")
    if isinstance(parameters, dict):
        reply_to = parameters.get("message_id") if isinstance(parameters.get("message_id"), int) else None
        allow_missing = bool(parameters.get("allow_sending_without_reply", allow_missing))
    if reply_to is None:
        return {}
    target = chat.messages.get(reply_to)
    if target is None or target.deleted:
        if allow_missing:
            return {}
        raise bad_request("message to be replied not found")
    return {"reply_to_message": {k: v for k, v in target.message.items() if k != "reply_to_message"}}


def _send(call: Call, chat: ChatState, content: JsonDict) -> JsonDict:
    inline, keyboard = parse_reply_markup(call.params.json_or_none("reply_markup"))
    content = {**content, **_reply_fields(call, chat)}
    if inline is not None:
        content["reply_markup"] = inline
    sender = bot_sender(call.bot.bot_id)
    stored = call.state.add_message(chat, sender, content, from_bot=True, reply_keyboard=keyboard)
    return stored.message


def _file(call: Call, name: str, kind: str) -> StoredFile:
    """A fresh upload (stored now) or an existing file_id of the same kind."""
    given = call.params.file_input(name)
    if given is None:
        raise bad_request(f"there is no {name} in the request")
    if given.upload is not None:
        upload = given.upload
        if kind == PHOTO:
            return store_photo(call.state, upload.data, upload.content_type, strict=True)
        return store_document(call.state, upload.data, upload.filename, upload.content_type)
    stored = call.state.files.get(given.file_id or "")
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if stored.kind != kind:
        raise bad_request(f"can't use file of type {stored.kind.title()} as {kind.title()}")
    return stored


def _caption(call: Call) -> JsonDict:
    return message_caption(
        call.params.str_or_none("caption"),
        call.params.str_or_none("parse_mode"),
        call.params.json_or_none("caption_entities"),
    )


async def send_message(call: Call) -> Any:
    chat = call.chat()
    text = call.params.str_or_none("text") or ""
    content = message_text(text, call.params.str_or_none("parse_mode"), call.params.json_or_none("entities"))
    return _send(call, chat, content)


async def send_photo(call: Call) -> Any:
    chat = call.chat()
    caption = _caption(call)
    stored = _file(call, "photo", PHOTO)
    return _send(call, chat, {"photo": photo_sizes(stored), **caption})


async def send_document(call: Call) -> Any:
    chat = call.chat()
    caption = _caption(call)
    stored = _file(call, "document", DOCUMENT)
    return _send(call, chat, {"document": document(stored), **caption})


def _own_message(call: Call, missing: str) -> StoredMessage:
    if call.params.has("inline_message_id"):
        raise bad_request("inline messages are not emulated; pass chat_id and message_id")
    chat = call.chat()
    message_id = call.params.int_or_none("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    stored = chat.messages.get(message_id)
    if stored is None or stored.deleted:
        raise bad_request(missing)
    return stored


def _apply_edit(call: Call, stored: StoredMessage, changes: JsonDict) -> JsonDict:
    """Replace the edited fields, refuse a no-op edit as Telegram does, mark the message edited."""
    if not stored.from_bot:
        raise bad_request("message can't be edited")
    inline, keyboard = parse_reply_markup(call.params.json_or_none("reply_markup"))
    if keyboard is not None:
        raise bad_request("inline keyboard expected")
    edited = {k: v for k, v in stored.message.items() if k not in ("reply_markup", "edit_date")}
    if "text" in changes:
        edited.pop("entities", None)
    if "caption" in changes:
        edited.pop("caption", None)
        edited.pop("caption_entities", None)
    edited.update({k: v for k, v in changes.items() if v is not None})
    if inline is not None:
        edited["reply_markup"] = inline
    if all(stored.message.get(k) == edited.get(k) for k in EDITABLE_FIELDS):
        raise bad_request(NOT_MODIFIED)
    stored.message = {**edited, "edit_date": now()}
    stored.edited = True
    call.state.touch(stored)
    return stored.message


async def edit_message_text(call: Call) -> Any:
    stored = _own_message(call, "message to edit not found")
    text = call.params.str_or_none("text") or ""
    changes = message_text(text, call.params.str_or_none("parse_mode"), call.params.json_or_none("entities"))
    if "text" not in stored.message:
        raise bad_request("there is no text in the message to edit")
    return _apply_edit(call, stored, changes)


async def edit_message_caption(call: Call) -> Any:
    stored = _own_message(call, "message to edit not found")
    if not {"photo", "document"} & stored.message.keys():
        raise bad_request("there is no caption in the message to edit")
    return _apply_edit(call, stored, _caption(call) or {"caption": None})


async def edit_message_reply_markup(call: Call) -> Any:
    stored = _own_message(call, "message to edit not found")
    return _apply_edit(call, stored, {})


async def delete_message(call: Call) -> Any:
    stored = _own_message(call, "message to delete not found")
    stored.deleted = True
    call.state.touch(stored)
    return True


METHODS: dict[str, Method] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
}
