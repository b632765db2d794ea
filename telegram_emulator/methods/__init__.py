"""The emulated Bot API methods, looked up by lower-case name."""

from __future__ import annotations

from . import bot, interaction, messages, updates
from .call import Call, Described, Method

METHODS: dict[str, Method] = {
    name.lower(): method
    for module in (bot, updates, messages, interaction)
    for name, method in module.METHODS.items()
}

__all__ = ["METHODS", "Call", "Described", "Method"]
