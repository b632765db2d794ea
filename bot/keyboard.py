"""Inline keyboards as plain data: rows of (label, callback_data), built by the pure dialogue modules and
turned into Telegram markup by `bot.replying.markup`."""

from __future__ import annotations

from collections.abc import Mapping

Keyboard = tuple[tuple[tuple[str, str], ...], ...]  # rows of (label, callback_data)


def button_row(kind: str, buttons: Mapping[str, str]) -> Keyboard:
    """One row: a button per (value, label), each sending ``kind:value``."""
    return (tuple((label, f"{kind}:{value}") for value, label in buttons.items()),)


def button_column(kind: str, buttons: Mapping[str, str]) -> Keyboard:
    """One button per row (for long labels), each sending ``kind:value``."""
    return tuple(((label, f"{kind}:{value}"),) for value, label in buttons.items())


def button_rows(kind: str, buttons: Mapping[str, str], *, per_row: int) -> Keyboard:
    """Buttons `per_row` to a row, in order, each sending ``kind:value``."""
    items = [(label, f"{kind}:{value}") for value, label in buttons.items()]
    return tuple(tuple(items[i : i + per_row]) for i in range(0, len(items), per_row))
