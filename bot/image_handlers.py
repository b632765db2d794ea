"""Photos and documents: download, queue a Celery task, await its result, reply once."""

from __future__ import annotations

import asyncio
import base64
import logging
from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import replies
from bot.analysis_reply import analysis_reply
from bot.replying import reply
from bot.results import TaskFailed
from bot.services import BotServices, services_of
from store import AnalysisResult
from workers.names import ANALYSE_IMAGE

logger = logging.getLogger(__name__)


async def on_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo: analyse its largest size."""
    message = update.effective_message
    if message is None or not message.photo:
        return
    largest = message.photo[-1]
    await _analyse(update, context, file_id=largest.file_id, file_size=largest.file_size, kind="photo")


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file: analyse it if it is an image the detector reads (DICOM, PNG, JPEG); else say why not."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    document = message.document
    await _analyse(update, context, file_id=document.file_id, file_size=document.file_size, kind="document")


async def _analyse(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, file_id: str, file_size: int | None, kind: str
) -> None:
    services = services_of(context)
    user = update.effective_user
    if user is None:
        return
    await services.record(user.id, direction="in", kind=kind)
    data = await _download(update, context, services, file_id=file_id, file_size=file_size)
    if data is None:
        return
    if update.effective_chat is not None:
        await context.bot.send_chat_action(update.effective_chat.id, ChatAction.TYPING)
    result = await _run_analysis(services, pseudonym=services.pseudonym(user.id), data=data)
    await reply(update, context, analysis_reply(result) if result is not None else replies.ANALYSIS_TIMEOUT)


async def _download(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    services: BotServices,
    *,
    file_id: str,
    file_size: int | None,
) -> bytes | None:
    """The file's bytes, or None after telling the person what was wrong."""
    limit = services.settings.max_upload_bytes
    too_large = replies.FILE_TOO_LARGE.format(limit_mb=limit // (1024 * 1024))
    if file_size is not None and file_size > limit:
        await reply(update, context, too_large)
        return None
    try:
        telegram_file = await context.bot.get_file(file_id)
        data = bytes(await telegram_file.download_as_bytearray())
    except TelegramError as exc:
        logger.warning("file download failed: %s", type(exc).__name__)
        text = too_large if "too big" in str(exc).lower() else replies.FILE_DOWNLOAD_FAILED
        await reply(update, context, text)
        return None
    if not data:
        await reply(update, context, replies.FILE_EMPTY)
        return None
    if len(data) > limit:
        await reply(update, context, too_large)
        return None
    return data


async def _run_analysis(services: BotServices, *, pseudonym: str, data: bytes) -> dict[str, Any] | None:
    """Queue the analysis and await its result; None when it took too long."""
    signature = services.celery.signature(ANALYSE_IMAGE, args=(base64.b64encode(data).decode("ascii"),))
    async_result = await asyncio.to_thread(signature.apply_async)
    task_id = str(async_result.id)
    await asyncio.to_thread(services.store.record_analysis_queued, pseudonym=pseudonym, task_id=task_id)
    try:
        result: dict[str, Any] = await services.results.wait_for(
            task_id, timeout_s=services.settings.analysis_timeout_s
        )
    except TimeoutError:
        await _record_result(services, task_id, AnalysisResult(status="timeout"))
        return None
    except TaskFailed as exc:
        logger.error("analysis task %s failed in state %s", task_id, exc.state)
        await _record_result(services, task_id, AnalysisResult(status="failed", error_kind=exc.state))
        return {"ok": False, "user_message": replies.ANALYSIS_FAILED}
    await _record_result(services, task_id, _stored_result(result))
    return result


def _stored_result(result: dict[str, Any]) -> AnalysisResult:
    if not result.get("ok"):
        return AnalysisResult(status="refused", error_kind=str(result.get("error_kind")))
    prediction = result["prediction"]
    return AnalysisResult(
        status="done",
        source_format=prediction["source_format"],
        probability=float(prediction["probability"]),
        model_name=prediction["model_name"],
        model_version=prediction["model_version"],
        model_trained=bool(prediction["trained"]),
    )


async def _record_result(services: BotServices, task_id: str, result: AnalysisResult) -> None:
    await asyncio.to_thread(services.store.record_analysis_result, task_id=task_id, result=result)
