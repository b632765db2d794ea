"""Telegram's HTML parse mode: the supported tags become entities, anything else is a 400."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from .text_builder import JsonDict, TextBuilder, byte_offset, parse_error

SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
OTHER_TAGS = frozenset({"a", "span", "tg-emoji"})
NAMED_CHARREFS = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
CHARREF = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
ATTRIBUTE = re.compile(r"""([a-zA-Z_-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?""")


@dataclass
class _OpenTag:
    name: str
    start: int
    attrs: dict[str, str] = field(default_factory=dict)
    language: str | None = None


def parse_html(source: str) -> tuple[str, list[JsonDict]]:
    """Turn Telegram-flavoured HTML into plain text and entities, or raise a 400 like Telegram's."""
    out = TextBuilder()
    stack: list[_OpenTag] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "&":
            match = CHARREF.match(source, i)
            out.append(_decode_charref(match.group(1)) if match else "&")
            i = match.end() if match else i + 1
            continue
        if char != "<":
            end = _next_special(source, i)
            out.append(source[i:end])
            i = end
            continue
        close = source.find(">", i)
        if close < 0:
            raise parse_error(f"Unclosed start tag at byte offset {byte_offset(source, i)}")
        body = source[i + 1 : close].strip()
        if body.startswith("/"):
            _end_tag(body[1:].strip().lower(), stack, out, source, i)
        else:
            stack.append(_start_tag(body, out.offset, source, i))
        i = close + 1
    if stack:
        raise parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return out.result()


def _next_special(source: str, start: int) -> int:
    positions = [p for p in (source.find("<", start), source.find("&", start)) if p >= 0]
    return min(positions) if positions else len(source)


def _decode_charref(ref: str) -> str:
    if ref.startswith("#x"):
        return chr(int(ref[2:], 16))
    if ref.startswith("#"):
        return chr(int(ref[1:]))
    return NAMED_CHARREFS.get(ref.lower(), f"&{ref};")


def _start_tag(body: str, offset: int, source: str, index: int) -> _OpenTag:
    name, _, rest = body.replace("\t", " ").replace("\n", " ").partition(" ")
    name = name.rstrip("/").lower()
    attrs = {
        m.group(1).lower(): html.unescape(next((g for g in m.groups()[1:] if g is not None), ""))
        for m in ATTRIBUTE.finditer(rest)
    }
    if name not in SIMPLE_TAGS and name not in OTHER_TAGS:
        raise parse_error(f'Unsupported start tag "{name}" at byte offset {byte_offset(source, index)}')
    where = f"at byte offset {byte_offset(source, index)}"
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise parse_error(f'Tag "span" must have class "tg-spoiler" {where}')
    if name == "a" and not attrs.get("href"):
        raise parse_error(f'Tag "a" must have attribute "href" {where}')
    return _OpenTag(name, offset, attrs)


def _end_tag(name: str, stack: list[_OpenTag], out: TextBuilder, source: str, index: int) -> None:
    if not stack:
        raise parse_error(f"Unexpected end tag at byte offset {byte_offset(source, index)}")
    tag = stack.pop()
    if name != tag.name:
        raise parse_error(
            f'Unmatched end tag at byte offset {byte_offset(source, index)}, expected "</{tag.name}>", '
            f'found "</{name}>"'
        )
    language = tag.attrs.get("class", "").removeprefix("language-") if tag.name == "code" else ""
    if tag.name == "code" and language and stack and stack[-1].name == "pre":
        stack[-1].language = language
        return
    extra: dict[str, Any] = {}
    kind = SIMPLE_TAGS.get(tag.name, "")
    if tag.name == "pre" and tag.language:
        extra["language"] = tag.language
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        kind = "expandable_blockquote"
    elif tag.name == "span":
        kind = "spoiler"
    elif tag.name == "tg-emoji":
        kind, extra["custom_emoji_id"] = "custom_emoji", tag.attrs.get("emoji-id", "")
    elif tag.name == "a":
        kind, extra["url"] = "text_link", tag.attrs["href"]
    out.add_entity(kind, tag.start, **extra)
