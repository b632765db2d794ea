"""Bot tokens: any ``<digits>:<letters, digits, _ or ->`` token is valid; the digits are the bot's id."""

from __future__ import annotations

import re

TOKEN = re.compile(r"^(\d+):[A-Za-z0-9_-]+$")


def bot_id_from_token(token: str) -> int | None:
    """The bot id a well-formed token carries, or None for a malformed one (answered 401)."""
    match = TOKEN.match(token)
    return int(match.group(1)) if match else None
