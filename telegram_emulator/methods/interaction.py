"""Chat actions, callback query answers and getFile."""

from __future__ import annotations

from typing import Any

from ..errors import bad_request
from ..objects import file_object
from ..state import now
from .call import Call, Method

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
MAX_ANSWER_TEXT = 200
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


async def send_chat_action(call: Call) -> Any:
    chat = call.chat()
    action = call.params.str_or_none("action")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat.actions.append({"action": action, "date": now()})
    return True


async def answer_callback_query(call: Call) -> Any:
    """Record the answer once per query; a second answer or an unknown id is a 400, as on Telegram."""
    query_id = call.params.required_str("callback_query_id", "QUERY_ID_INVALID")
    record = call.state.callback_queries.get(query_id)
    if record is None or record.answered:
        raise bad_request(QUERY_INVALID)
    text = call.params.str_or_none("text")
    if text is not None and len(text) > MAX_ANSWER_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered = True
    call.state.chat(record.chat_id).callback_answers.append(
        {
            "callback_query_id": query_id,
            "text": text,
            "show_alert": call.params.bool_or("show_alert", False),
            "url": call.params.str_or_none("url"),
            "cache_time": call.params.int_or_none("cache_time") or 0,
        }
    )
    return True


async def get_file(call: Call) -> Any:
    stored = call.state.files.get(call.params.str_or_none("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.data) > MAX_DOWNLOAD_BYTES:
        raise bad_request("file is too big")
    return file_object(stored)


METHODS: dict[str, Method] = {
    "sendChatAction": send_chat_action,
    "answerCallbackQuery": answer_callback_query,
    "getFile": get_file,
}
