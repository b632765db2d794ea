"""Sends a finished analysis to the person who asked for it, and records it in the store."""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from telegram import Bot, ReplyParameters
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot import replies
from bot.analysis_reply import analysis_reply, heatmap_png
from bot.keyboard import Keyboard
from bot.pending import PendingAnalysis
from bot.replying import markup, split_text
from bot.retake_replies import retake_keyboard
from store import AnalysisResult, Store

logger = logging.getLogger(__name__)

SEND_ATTEMPTS = 4
SEND_BACKOFF_S = 0.5
CAPTION_LIMIT = 1024  # Telegram's limit for a photo caption


def stored_result(outcome: dict[str, Any]) -> AnalysisResult:
    """What the store keeps of an outcome: numbers, model identity, the heatmap (encrypted by the store)."""
    if not outcome.get("ok"):
        kind = str(outcome.get("error_kind") or "failed")
        status = kind if kind in ("timeout", "failed") else "refused"
        return AnalysisResult(status=status, error_kind=kind)
    prediction = outcome["prediction"]
    # --- band, modality, timings and heatmap (store owner) ---
    heatmap = prediction.get("heatmap_png")
    timings = {
        key: float(value)
        for key, value in prediction.items()
        if key.endswith("_ms") and isinstance(value, int | float)
    }
    # --- end band, modality, timings and heatmap ---
    return AnalysisResult(
        status="done",
        source_format=prediction["source_format"],
        probability=float(prediction["probability"]),
        model_name=prediction["model_name"],
        model_version=prediction["model_version"],
        model_trained=bool(prediction["trained"]),
        modality=prediction.get("modality"),
        band=prediction.get("band"),
        timings=timings or None,
        heatmap_png=base64.b64decode(heatmap) if isinstance(heatmap, str) and heatmap else None,
    )


class AnalysisDelivery:
    """The ResultWatcher's `deliver` callback."""

    def __init__(self, bot: Bot, store: Store) -> None:
        self._bot = bot
        self._store = store

    async def __call__(self, pending: PendingAnalysis, outcome: dict[str, Any]) -> None:
        await asyncio.to_thread(
            self._store.record_analysis_result, task_id=pending.task_id, result=stored_result(outcome)
        )
        text = analysis_reply(outcome)
        if pending.case_id is not None and outcome.get("ok"):
            await asyncio.to_thread(
                self._store.attach_analysis_to_case,
                pseudonym=pending.pseudonym,
                public_id=pending.case_id,
                task_id=pending.task_id,
            )
            text = replies.CASE_IMAGE_ATTACHED.format(case=pending.case_id) + "\n\n" + text
        await self._send(pending, text, heatmap_png(outcome), retake_keyboard(outcome))
        if await asyncio.to_thread(self._store.consent_of, pseudonym=pending.pseudonym):
            await asyncio.to_thread(
                self._store.record_message,
                pseudonym=pending.pseudonym,
                direction="out",
                kind="text",
                text=text,
            )

    async def _send(
        self, pending: PendingAnalysis, text: str, photo: bytes | None, keyboard: Keyboard | None = None
    ) -> None:
        """One message: the heatmap photo with the reply as its caption when it fits, else the text alone
        (a retake reply carries its buttons on the text)."""
        chat_id = pending.chat_id
        reply_to = ReplyParameters(message_id=pending.message_id, allow_sending_without_reply=True)
        if photo is not None and len(text) <= CAPTION_LIMIT:
            await self._with_retries(
                partial(self._bot.send_photo, chat_id, photo, caption=text, reply_parameters=reply_to)
            )
            return
        parts = split_text(text)
        for index, part in enumerate(parts):
            buttons = markup(keyboard) if index == len(parts) - 1 else None
            await self._with_retries(
                partial(
                    self._bot.send_message, chat_id, part, reply_parameters=reply_to, reply_markup=buttons
                )
            )

    async def _with_retries(self, send: Callable[[], Awaitable[object]]) -> None:
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                await send()
                return
            except RetryAfter as exc:
                delay = exc.retry_after
                await asyncio.sleep(delay if isinstance(delay, int | float) else delay.total_seconds())
            except (BadRequest, Forbidden) as exc:  # chat gone or bot blocked: nothing to retry
                logger.warning("analysis result not deliverable: %s", type(exc).__name__)
                return
            except NetworkError:
                if attempt == SEND_ATTEMPTS:
                    raise
                await asyncio.sleep(SEND_BACKOFF_S * attempt)
