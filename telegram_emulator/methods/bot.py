"""The bot itself: getMe, commands, close and logOut."""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import bad_request
from ..objects import bot_user
from .call import Call, Method

COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
MAX_COMMANDS = 100
MAX_DESCRIPTION = 256
DEFAULT_SCOPE = {"type": "default"}


def _commands_key(call: Call) -> tuple[str, str]:
    """Commands are stored per (scope, language_code), like Telegram's."""
    scope = call.params.json_or_none("scope") or DEFAULT_SCOPE
    if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
        raise bad_request("can't parse BotCommandScope JSON object")
    return json.dumps(scope, sort_keys=True), call.params.str_or_none("language_code") or ""


def default_commands_key(language_code: str = "") -> tuple[str, str]:
    return json.dumps(DEFAULT_SCOPE, sort_keys=True), language_code


def _validated_commands(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list) or len(value) > MAX_COMMANDS:
        raise bad_request("can't parse commands JSON array")
    commands = []
    for item in value:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not COMMAND.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description) <= MAX_DESCRIPTION:
            raise bad_request("command description must be 1-256 characters")
        commands.append({"command": command, "description": description})
    return commands


async def get_me(call: Call) -> Any:
    return bot_user(call.bot.bot_id)


async def set_my_commands(call: Call) -> Any:
    commands = _validated_commands(call.params.json_or_none("commands"))
    call.bot.commands[_commands_key(call)] = commands
    return True


async def get_my_commands(call: Call) -> Any:
    return call.bot.commands.get(_commands_key(call), [])


async def delete_my_commands(call: Call) -> Any:
    call.bot.commands.pop(_commands_key(call), None)
    return True


async def close_or_log_out(call: Call) -> Any:
    """Nothing to release locally; Telegram answers True."""
    return True


METHODS: dict[str, Method] = {
    "getMe": get_me,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "close": close_or_log_out,
    "logOut": close_or_log_out,
}
