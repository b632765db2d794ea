"""What the handlers need, built once in `post_init` and kept in `application.bot_data`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from celery import Celery
from telegram import Update
from telegram.ext import ContextTypes

from bot.analysis_queue import AnalysisQueue
from bot.catalog import Language, stored_language
from bot.conversation import Conversation
from bot.pending import PendingAnalyses
from bot.results import ResultWatcher
from bot.user_limits import UserLimits
from imaging import deidentification_seed
from nlu import RasaClient
from settings import Settings
from store import Store, pseudonymise

SERVICES_KEY = "services"
T = TypeVar("T")


@dataclass
class BotServices:
    settings: Settings
    store: Store
    nlu: RasaClient
    celery: Celery
    pending: PendingAnalyses
    analyses: AnalysisQueue
    results: ResultWatcher
    limits: UserLimits

    def pseudonym(self, telegram_id: int) -> str:
        return pseudonymise(telegram_id, secret=self._secret)

    @property
    def deid_seed(self) -> str:
        """Keys the DICOM UIDs and date shift, so that a study uploaded twice maps to the same new ones."""
        return deidentification_seed(self._secret)

    @property
    def _secret(self) -> bytes:
        return self.settings.pseudonym_secret.get_secret_value().encode()

    async def record(
        self,
        telegram_id: int,
        *,
        direction: str,
        kind: str,
        text: str | None = None,
        intent: str | None = None,
    ) -> None:
        """Write one message to the store without blocking the event loop; only with consent."""
        pseudonym = self.pseudonym(telegram_id)

        def write() -> None:
            if self.store.consent_of(pseudonym=pseudonym) is True:
                self.store.record_message(
                    pseudonym=pseudonym, direction=direction, kind=kind, text=text, intent=intent
                )

        await asyncio.to_thread(write)

    async def language(self, telegram_id: int) -> Language | None:
        """The language the person chose (None: not chosen yet)."""
        code = await asyncio.to_thread(self.store.language_of, pseudonym=self.pseudonym(telegram_id))
        return stored_language(code)

    async def consent(self, telegram_id: int) -> bool | None:
        """The person's consent choice (None: not chosen yet)."""
        return await asyncio.to_thread(self.store.consent_of, pseudonym=self.pseudonym(telegram_id))

    async def load_conversation(self, telegram_id: int) -> Conversation:
        loaded = await asyncio.to_thread(self.store.load_conversation, pseudonym=self.pseudonym(telegram_id))
        return Conversation() if loaded is None else Conversation.from_data(*loaded)

    async def save_conversation(self, telegram_id: int, conversation: Conversation) -> None:
        await asyncio.to_thread(
            self.store.save_conversation,
            pseudonym=self.pseudonym(telegram_id),
            state=conversation.state,
            data=conversation.to_data(),
        )

    async def run(self, function: Callable[..., T], /, **kwargs: Any) -> T:
        """Run a (blocking) store function in a thread."""
        return await asyncio.to_thread(function, **kwargs)


def services_of(context: ContextTypes.DEFAULT_TYPE) -> BotServices:
    services: Any = context.bot_data[SERVICES_KEY]
    assert isinstance(services, BotServices)
    return services


async def record_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Record a typed command (a button press is recorded by the button handler)."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None or update.callback_query is not None:
        return
    await services_of(context).record(user.id, direction="in", kind="command", text=message.text)
