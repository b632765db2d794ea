"""Telegram JSON objects (User, Chat, PhotoSize, Document, File) built from emulator records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .state import StoredFile

BOT_FIRST_NAME = "bcdbot"
BOT_USERNAME = "bcdbot_emulator_bot"
LANGUAGE_CODE = "en"

JsonDict = dict[str, Any]


def bot_user(bot_id: int) -> JsonDict:
    """The bot's own User, as getMe returns it."""
    return {
        "id": bot_id,
        "is_bot": True,
        "first_name": BOT_FIRST_NAME,
        "username": BOT_USERNAME,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def bot_sender(bot_id: int) -> JsonDict:
    """The bot as the ``from`` of its own messages."""
    return {"id": bot_id, "is_bot": True, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME}


def human_user(user_id: int, first_name: str) -> JsonDict:
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": LANGUAGE_CODE}


def private_chat(chat_id: int, first_name: str) -> JsonDict:
    return {"id": chat_id, "type": "private", "first_name": first_name}


def photo_sizes(stored: StoredFile) -> list[JsonDict]:
    """One PhotoSize with the real pixel size (Telegram sends several; one is enough for bots)."""
    return [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": stored.width,
            "height": stored.height,
            "file_size": len(stored.data),
        }
    ]


def document(stored: StoredFile) -> JsonDict:
    result: JsonDict = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "mime_type": stored.mime_type,
        "file_size": len(stored.data),
    }
    if stored.file_name:
        result["file_name"] = stored.file_name
    return result


def file_object(stored: StoredFile) -> JsonDict:
    """The File that getFile returns; ``file_path`` is relative to ``/file/bot<token>/``."""
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.file_path,
    }
