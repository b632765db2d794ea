"""reply_markup validation: inline keyboards go into the Message, reply keyboards to the control API."""

from __future__ import annotations

from typing import Any

from .errors import ApiError, bad_request
from .text_builder import JsonDict

INLINE_ACTIONS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)
MAX_CALLBACK_DATA_BYTES = 64


def _markup_error() -> ApiError:
    return bad_request("can't parse reply keyboard markup JSON object")


def parse_reply_markup(value: Any) -> tuple[JsonDict | None, JsonDict | None]:
    """Split reply_markup into (inline keyboard shown in the Message, reply keyboard/remove/force_reply)."""
    if value is None:
        return None, None
    if not isinstance(value, dict):
        raise _markup_error()
    if "inline_keyboard" in value:
        return {"inline_keyboard": _rows(value["inline_keyboard"], _inline_button)}, None
    if "keyboard" in value:
        return None, {**value, "keyboard": _rows(value["keyboard"], _keyboard_button)}
    if value.get("remove_keyboard") is True or value.get("force_reply") is True:
        return None, dict(value)
    raise _markup_error()


def inline_callback_data(markup: JsonDict | None) -> list[str]:
    """Every callback_data of an inline keyboard, in reading order."""
    rows = (markup or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row if "callback_data" in b]


def _rows(rows: Any, button: Any) -> list[list[JsonDict]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise _markup_error()
    return [[button(b) for b in row] for row in rows]


def _inline_button(button: Any) -> JsonDict:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str) or not button["text"]:
        raise bad_request("can't parse inline keyboard button: Text must be non-empty")
    actions = INLINE_ACTIONS.intersection(button)
    if len(actions) != 1:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    data = button.get("callback_data")
    if data is not None and (
        not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES
    ):
        raise bad_request("BUTTON_DATA_INVALID")
    return dict(button)


def _keyboard_button(button: Any) -> JsonDict:
    if isinstance(button, str):
        button = {"text": button}
    if not isinstance(button, dict) or not isinstance(button.get("text"), str) or not button["text"]:
        raise bad_request("can't parse keyboard button: Text must be non-empty")
    return dict(button)
