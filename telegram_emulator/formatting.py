"""Message text and captions: parse modes, explicit entities, Telegram's length limits."""

from __future__ import annotations

import re
from typing import Any

from .errors import bad_request
from .html_markup import parse_html
from .markdown_markup import parse_markdown, parse_markdown_v2
from .text_builder import JsonDict, utf16_len

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
PARSERS = {"html": parse_html, "markdownv2": parse_markdown_v2, "markdown": parse_markdown}
# What Telegram marks up by itself in users' messages; PTB's CommandHandler needs the bot_command entity.
AUTO_ENTITIES = (
    ("bot_command", re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")),
    ("url", re.compile(r"\bhttps?://[^\s<>\"]+")),
)


def detect_entities(text: str) -> list[JsonDict]:
    """The bot_command and url entities Telegram adds to a user's text or caption."""
    found = [
        {"type": kind, "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        for kind, pattern in AUTO_ENTITIES
        for m in pattern.finditer(text)
    ]
    return sorted(found, key=lambda e: e["offset"])


def format_text(text: str, parse_mode: str | None, entities: Any) -> tuple[str, list[JsonDict]]:
    """Plain text and entities as Telegram stores them; markup errors are 400s."""
    if isinstance(entities, list):
        return text, [e for e in entities if isinstance(e, dict)]
    if not parse_mode:
        return text, []
    parser = PARSERS.get(parse_mode.lower())
    if parser is None:
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")
    return parser(text)


def message_text(text: str, parse_mode: str | None, entities: Any) -> dict[str, Any]:
    """The ``text``/``entities`` fields of a Message, or the 400 Telegram answers."""
    plain, found = format_text(text, parse_mode, entities)
    if not plain.strip():
        raise bad_request("message text is empty")
    if len(plain) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return {"text": plain, "entities": found} if found else {"text": plain}


def message_caption(caption: str | None, parse_mode: str | None, entities: Any) -> dict[str, Any]:
    """The ``caption``/``caption_entities`` fields of a Message (empty when there is no caption)."""
    if not caption:
        return {}
    plain, found = format_text(caption, parse_mode, entities)
    if len(plain) > MAX_CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    fields: dict[str, Any] = {"caption": plain}
    if found:
        fields["caption_entities"] = found
    return fields
