"""What the handlers need, built once in `post_init` and kept in `application.bot_data`."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from celery import Celery
from telegram.ext import ContextTypes

from bcdbot.settings import Settings
from bot.results import ResultWatcher
from nlu import RasaClient
from store import Store, pseudonymise

SERVICES_KEY = "services"


@dataclass
class BotServices:
    settings: Settings
    store: Store
    nlu: RasaClient
    celery: Celery
    results: ResultWatcher

    def pseudonym(self, telegram_id: int) -> str:
        return pseudonymise(telegram_id, secret=self.settings.pseudonym_secret.get_secret_value().encode())

    async def record(
        self,
        telegram_id: int,
        *,
        direction: str,
        kind: str,
        text: str | None = None,
        intent: str | None = None,
    ) -> None:
        """Write one message to the store without blocking the event loop."""
        await asyncio.to_thread(
            self.store.record_message,
            pseudonym=self.pseudonym(telegram_id),
            direction=direction,
            kind=kind,
            text=text,
            intent=intent,
        )


def services_of(context: ContextTypes.DEFAULT_TYPE) -> BotServices:
    services: Any = context.bot_data[SERVICES_KEY]
    assert isinstance(services, BotServices)
    return services
