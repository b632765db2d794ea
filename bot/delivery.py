"""Sends a finished analysis to the person who asked for it, and records it in the store."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from functools import partial

from telegram import Bot, ReplyParameters
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.analysis_reply import analysis_reply, heatmap_png
from bot.catalog import DEFAULT_LANGUAGE, Language, stored_language, text
from bot.pending import PendingAnalysis
from bot.replying import TELEGRAM_CAPTION_LIMIT, split_text
from store import AnalysisResult, Store
from workers.contract import AnalysisDone, AnalysisOutcome, AnalysisRefused

logger = logging.getLogger(__name__)

SEND_ATTEMPTS = 4
SEND_BACKOFF_S = 0.5


def stored_result(outcome: AnalysisOutcome) -> AnalysisResult:
    """What the store keeps of an outcome: numbers, model identity, the heatmap (encrypted by the store)."""
    if isinstance(outcome, AnalysisRefused):
        return AnalysisResult(status=outcome.status, error_kind=outcome.code)
    return AnalysisResult(
        status="done",
        source_format=outcome.source_format,
        probability=outcome.probability,
        model_name=outcome.model_name,
        model_version=outcome.model_version,
        model_trained=outcome.trained,
        modality=outcome.modality,
        band=outcome.band,
        timings=outcome.timings,
        heatmap_png=outcome.heatmap_png or None,
    )


class AnalysisDelivery:
    """The ResultWatcher's `deliver` callback."""

    def __init__(self, bot: Bot, store: Store) -> None:
        self._bot = bot
        self._store = store

    async def __call__(self, pending: PendingAnalysis, outcome: AnalysisOutcome) -> None:
        await asyncio.to_thread(
            self._store.record_analysis_result, task_id=pending.task_id, result=stored_result(outcome)
        )
        language = await self._language(pending)
        reply = analysis_reply(outcome, language)
        if pending.case_id is not None and isinstance(outcome, AnalysisDone):
            await asyncio.to_thread(
                self._store.attach_analysis_to_case,
                pseudonym=pending.pseudonym,
                public_id=pending.case_id,
                task_id=pending.task_id,
            )
            reply = text(language, "case-image-attached", case=pending.case_id) + "\n\n" + reply
        await self._send(pending, reply, heatmap_png(outcome))
        if await asyncio.to_thread(self._store.consent_of, pseudonym=pending.pseudonym):
            await asyncio.to_thread(
                self._store.record_message,
                pseudonym=pending.pseudonym,
                direction="out",
                kind="text",
                text=reply,
            )

    async def _language(self, pending: PendingAnalysis) -> Language:
        """The language the person has chosen by now (they may have changed it while the image was read)."""
        code = await asyncio.to_thread(self._store.language_of, pseudonym=pending.pseudonym)
        return stored_language(code) or DEFAULT_LANGUAGE

    async def _send(self, pending: PendingAnalysis, body: str, photo: bytes | None) -> None:
        """One message: the heatmap photo with the reply as its caption when it fits, else the text alone."""
        chat_id = pending.chat_id
        reply_to = ReplyParameters(message_id=pending.message_id, allow_sending_without_reply=True)
        if photo is not None and len(body) <= TELEGRAM_CAPTION_LIMIT:
            await self._with_retries(
                partial(self._bot.send_photo, chat_id, photo, caption=body, reply_parameters=reply_to)
            )
            return
        for part in split_text(body):
            await self._with_retries(
                partial(self._bot.send_message, chat_id, part, reply_parameters=reply_to)
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
