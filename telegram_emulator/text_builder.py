"""Plain text plus MessageEntity list, measured in UTF-16 code units as Telegram does."""

from __future__ import annotations

from typing import Any

from .errors import ApiError, bad_request

JsonDict = dict[str, Any]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def byte_offset(source: str, index: int) -> int:
    """UTF-8 byte offset of ``source[index]``, as Telegram's parse errors report it."""
    return len(source[:index].encode())


def parse_error(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


class TextBuilder:
    """Accumulates plain text and the entities that cover parts of it."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.offset = 0
        self.entities: list[JsonDict] = []

    def append(self, text: str) -> None:
        self._parts.append(text)
        self.offset += utf16_len(text)

    def add_entity(self, kind: str, start: int, **extra: Any) -> None:
        """Close an entity opened at UTF-16 offset ``start``; empty ones are dropped."""
        if self.offset > start:
            self.entities.append({"type": kind, "offset": start, "length": self.offset - start, **extra})

    def result(self) -> tuple[str, list[JsonDict]]:
        entities = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return "".join(self._parts), entities
