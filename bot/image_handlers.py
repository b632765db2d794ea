"""Photos and documents: download, queue a Celery task; the ResultWatcher replies once when it is done."""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.catalog import text
from bot.consent_gate import consent_for_images
from bot.limit_gate import admit_upload
from bot.pending import PendingAnalysis, analysis_task_id
from bot.reply_language import reply_language
from bot.replying import reply
from bot.services import BotServices, services_of
from imaging import clean_upload

logger = logging.getLogger(__name__)

_background: set[asyncio.Task[object]] = set()


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
    message = update.effective_message
    if user is None or message is None:
        return
    if not await consent_for_images(update, context):
        return
    pseudonym = services.pseudonym(user.id)
    task_id = analysis_task_id(pseudonym=pseudonym, message_id=message.message_id)
    if await services.pending.already_answered(task_id):
        logger.info("redelivered upload ignored: already answered")
        return
    if not await admit_upload(update, context, task_id):
        return
    await services.record(user.id, direction="in", kind=kind)
    data = await _download(update, context, services, file_id=file_id, file_size=file_size)
    if data is None:
        return
    _show_typing(context, message.chat_id)
    data = await asyncio.to_thread(_deidentify_and_store, services, pseudonym, task_id, data)
    case_id = (await services.load_conversation(user.id)).case
    pending = PendingAnalysis(
        task_id=task_id,
        chat_id=message.chat_id,
        message_id=message.message_id,
        pseudonym=pseudonym,
        deadline=time.time() + services.settings.analysis_timeout_s,
        submitted_at=time.time(),
        case_id=case_id,
    )
    await services.analyses.submit(pending, data)
    await asyncio.to_thread(services.store.record_analysis_queued, pseudonym=pseudonym, task_id=task_id)


def _deidentify_and_store(services: BotServices, pseudonym: str, task_id: str, data: bytes) -> bytes:
    """The bytes to analyse: DICOM de-identified (PS3.15 Annex E), JPEG/PNG without metadata (EXIF, GPS,
    XMP, ...; orientation kept); these images kept encrypted, with consent; other files never kept."""
    upload = clean_upload(data, seed=services.deid_seed)
    if services.store.consent_of(pseudonym=pseudonym) is True:
        services.store.save_upload(pseudonym=pseudonym, task_id=task_id, upload=upload)
    return upload.data


def _show_typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    """Show "typing…" without waiting for it: it must not delay the analysis."""
    action = asyncio.create_task(context.bot.send_chat_action(chat_id, ChatAction.TYPING))
    _background.add(action)
    action.add_done_callback(_background.discard)


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
    language = await reply_language(update, context)
    too_large = text(language, "file-too-large", limit_mb=limit // (1024 * 1024))
    if file_size is not None and file_size > limit:
        await reply(update, context, too_large)
        return None
    try:
        telegram_file = await context.bot.get_file(file_id)
        data = bytes(await telegram_file.download_as_bytearray())
    except TelegramError as exc:
        logger.warning("file download failed: %s", type(exc).__name__)
        failed = too_large if "too big" in str(exc).lower() else text(language, "file-download-failed")
        await reply(update, context, failed)
        return None
    if not data:
        await reply(update, context, text(language, "file-empty"))
        return None
    if len(data) > limit:
        await reply(update, context, too_large)
        return None
    return data
