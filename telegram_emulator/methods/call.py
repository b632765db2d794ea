"""What a Bot API method handler receives, and what it may return."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from ..errors import bad_request
from ..params import Params
from ..state import BotState, ChatState, EmulatorState
from ..webhook import WebhookSender


@dataclass(frozen=True)
class Call:
    """One Bot API request: the emulator, the calling bot and the request's parameters."""

    state: EmulatorState
    bot: BotState
    params: Params
    webhooks: WebhookSender

    def chat(self) -> ChatState:
        """The chat named by ``chat_id`` (private chats only; any integer id is accepted)."""
        raw = self.params.values.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        if isinstance(raw, bool):
            raise bad_request("chat not found")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        return self.state.chat(chat_id)


@dataclass(frozen=True)
class Described:
    """A result that Telegram sends with a ``description`` beside it (e.g. "Webhook was set")."""

    result: Any
    description: str


Method = Callable[[Call], Awaitable[Any]]
