"""Telegram's MarkdownV2 and legacy Markdown parse modes, with Telegram's errors for bad markup."""

from __future__ import annotations

from .text_builder import JsonDict, TextBuilder, byte_offset, parse_error

V2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
V2_TOGGLES = {"*": "bold", "_": "italic", "__": "underline", "~": "strikethrough", "||": "spoiler"}
ENTITY_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "code": "Code",
    "pre": "Pre",
}
LEGACY_TOGGLES = {"*": "bold", "_": "italic"}


def parse_markdown_v2(source: str) -> tuple[str, list[JsonDict]]:
    """Parse MarkdownV2; an unescaped reserved character is a 400, exactly what trips bots up."""
    out = TextBuilder()
    stack: list[tuple[str, int, int]] = []  # (entity type, UTF-16 start, source index)
    quote_start: int | None = None
    i = 0
    while i < len(source):
        char = source[i]
        if char == ">" and (i == 0 or source[i - 1] == "\n"):
            quote_start = out.offset if quote_start is None else quote_start
            i += 1
            continue
        if char == "\n" and quote_start is not None and not source.startswith(">", i + 1):
            out.add_entity("blockquote", quote_start)
            quote_start = None
        if char == "\\" and i + 1 < len(source) and ord(source[i + 1]) <= 126:
            out.append(source[i + 1])
            i += 2
        elif char == "`":
            i = _code_v2(source, i, out)
        elif source.startswith(("__", "||"), i) or char in "*_~":
            marker = source[i : i + 2] if source.startswith(("__", "||"), i) else char
            _toggle(V2_TOGGLES[marker], stack, out, source, i)
            i += len(marker)
        elif char == "[":
            stack.append(("text_link", out.offset, i))
            i += 1
        elif char == "]" and stack and stack[-1][0] == "text_link":
            _, start, _ = stack.pop()
            url, i = _link_target(source, i + 1)
            out.add_entity("text_link", start, url=url)
        elif char in V2_RESERVED:
            raise parse_error(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")
        else:
            out.append(char)
            i += 1
    if stack:
        kind, _, index = stack[-1]
        offset = byte_offset(source, index)
        raise parse_error(f"Can't find end of {ENTITY_NAMES[kind]} entity at byte offset {offset}")
    if quote_start is not None:
        out.add_entity("blockquote", quote_start)
    return out.result()


def _toggle(kind: str, stack: list[tuple[str, int, int]], out: TextBuilder, source: str, index: int) -> None:
    if not any(open_kind == kind for open_kind, _, _ in stack):
        stack.append((kind, out.offset, index))
        return
    open_kind, start, open_index = stack.pop()
    if open_kind != kind:
        offset = byte_offset(source, open_index)
        raise parse_error(f"Can't find end of {ENTITY_NAMES[open_kind]} entity at byte offset {offset}")
    out.add_entity(kind, start)


def _code_v2(source: str, index: int, out: TextBuilder) -> int:
    """Inline code or a pre block; inside them only ` and \\ need escaping."""
    fence = "```" if source.startswith("```", index) else "`"
    i = index + len(fence)
    language = ""
    if fence == "```":
        line_end = source.find("\n", i)
        first_line = source[i:line_end] if line_end >= 0 else ""
        if first_line and not any(c.isspace() or c == "`" for c in first_line):
            language, i = first_line, line_end + 1
    start = out.offset
    while i < len(source):
        if source.startswith(fence, i):
            extra = {"language": language} if language else {}
            out.add_entity("pre" if fence == "```" else "code", start, **extra)
            return i + len(fence)
        if source[i] == "\\" and i + 1 < len(source) and source[i + 1] in "`\\":
            i += 1
        out.append(source[i])
        i += 1
    kind = "Pre" if fence == "```" else "Code"
    raise parse_error(f"Can't find end of {kind} entity at byte offset {byte_offset(source, index)}")


def _link_target(source: str, index: int) -> tuple[str, int]:
    """Read ``(url)`` after a link's text; ``)`` and ``\\`` inside must be escaped."""
    if not source.startswith("(", index):
        raise parse_error("Can't find end of a URL")
    i = index + 1
    url: list[str] = []
    while i < len(source) and source[i] != ")":
        if source[i] == "\\" and i + 1 < len(source):
            i += 1
        url.append(source[i])
        i += 1
    if i >= len(source):
        raise parse_error(f"Can't find end of a URL at byte offset {byte_offset(source, index)}")
    return "".join(url), i + 1


def parse_markdown(source: str) -> tuple[str, list[JsonDict]]:
    """Parse legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting."""
    out = TextBuilder()
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source) and source[i + 1] in "_*`[":
            out.append(source[i + 1])
            i += 2
            continue
        if char not in "*_`[":
            out.append(char)
            i += 1
            continue
        fence = "```" if source.startswith("```", i) else ("]" if char == "[" else char)
        end = source.find(fence, i + (3 if fence == "```" else 1))
        if end < 0:
            offset = byte_offset(source, i)
            raise parse_error(f"Can't find end of the entity starting at byte offset {offset}")
        start = out.offset
        inner = source[i + (3 if fence == "```" else 1) : end]
        if fence == "```":
            out.append(inner)
            out.add_entity("pre", start)
            i = end + 3
        elif char == "[":
            out.append(inner)
            url, i = _link_target(source, end + 1)
            out.add_entity("text_link", start, url=url)
        else:
            out.append(inner)
            out.add_entity(LEGACY_TOGGLES.get(char, "code"), start)
            i = end + 1
    return out.result()
