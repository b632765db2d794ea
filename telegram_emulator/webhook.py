"""Webhook delivery: each bot's queued updates are POSTed in order, with a few retries."""

from __future__ import annotations

import asyncio
import logging
import time

import aiohttp

from .state import BotState, Webhook

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DELIVERY_ATTEMPTS = 3
RETRY_DELAYS_S = (0.2, 1.0)
DELIVERY_TIMEOUT_S = 10.0
IDLE_WAIT_S = 30.0


class WebhookSender:
    """One delivery task per bot with a webhook; a failed update is dropped after its retries."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._tasks: dict[int, asyncio.Task[None]] = {}

    def start(self, bot: BotState) -> None:
        """Make sure the bot's delivery task runs (it stops by itself once the webhook is deleted)."""
        task = self._tasks.get(bot.bot_id)
        if task is None or task.done():
            self._tasks[bot.bot_id] = asyncio.create_task(self._run(bot))
        bot.notifier.notify()

    async def close(self) -> None:
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self, bot: BotState) -> None:
        while bot.webhook is not None:
            if not bot.updates:
                await bot.notifier.wait(IDLE_WAIT_S)
                continue
            webhook, update = bot.webhook, bot.updates[0]
            error = await self._deliver(webhook, update)
            if error is not None:
                webhook.last_error_date = int(time.time())
                webhook.last_error_message = error
                logger.warning("webhook delivery failed after %d attempts; update dropped", DELIVERY_ATTEMPTS)
            if bot.updates and bot.updates[0] is update:
                bot.updates.pop(0)

    async def _deliver(self, webhook: Webhook, update: dict[str, object]) -> str | None:
        """POST one update; returns None on a 2xx answer, else the last error (Telegram's wording)."""
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=DELIVERY_TIMEOUT_S))
        headers = {SECRET_HEADER: webhook.secret_token} if webhook.secret_token else {}
        error: str | None = None
        for attempt in range(DELIVERY_ATTEMPTS):
            if attempt:
                await asyncio.sleep(RETRY_DELAYS_S[min(attempt, len(RETRY_DELAYS_S)) - 1])
            try:
                async with self._session.post(webhook.url, json=update, headers=headers) as response:
                    if 200 <= response.status < 300:
                        return None
                    error = f"Wrong response from the webhook: {response.status} {response.reason}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"Connection failed: {type(exc).__name__}"
        return error
