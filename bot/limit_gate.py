"""The hook the text and image handlers call first: within the person's limits, or one kind reply.

Over a limit the message or upload is dropped before anything is stored, parsed or queued; what was
accepted earlier goes on. The reply says when to send again, once per limit per `NOTICE_COOLDOWN_S`, so
a flood (300 photos in a few seconds) is not answered with a flood, yet a later try gets its own answer.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from typing import Final

from telegram import Update
from telegram.ext import ContextTypes

from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.reply_language import reply_language
from bot.replying import reply
from bot.services import BotServices, services_of
from bot.user_limits import Limit, Refusal
from store import HEALTH_WORKER

logger = logging.getLogger(__name__)

NOTICE_COOLDOWN_S = 10
ROLE_CACHE_S = 60.0  # a role granted or revoked in the console applies within a minute
ROLE_CACHE_SIZE = 10_000

_roles: dict[str, tuple[float, bool]] = {}


async def admit_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True when this text message is within the sender's limits (and counted)."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return True
    services = services_of(context)
    pseudonym = services.pseudonym(user.id)
    refusal = await services.limits.admit_message(
        pseudonym, message.message_id, health_worker=await _is_health_worker(services, pseudonym)
    )
    return await _answer(update, context, services, pseudonym, refusal)


async def admit_upload(update: Update, context: ContextTypes.DEFAULT_TYPE, task_id: str) -> bool:
    """True when this upload (its analysis `task_id`) is within the sender's limits (and counted)."""
    user = update.effective_user
    if user is None:
        return True
    services = services_of(context)
    pseudonym = services.pseudonym(user.id)
    refusal = await services.limits.admit_image(
        pseudonym, task_id, health_worker=await _is_health_worker(services, pseudonym)
    )
    return await _answer(update, context, services, pseudonym, refusal)


async def _answer(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    services: BotServices,
    pseudonym: str,
    refusal: Refusal | None,
) -> bool:
    if refusal is None:
        return True
    logger.info("over a per-person limit: %s", refusal.limit)
    if await services.limits.first_notice(pseudonym, refusal, cooldown_s=NOTICE_COOLDOWN_S):
        quota = services.limits.quota(health_worker=await _is_health_worker(services, pseudonym))
        language = await reply_language(update, context)
        await reply(update, context, refusal_text(refusal, quota.of(refusal.limit), language))
    return False


LIMIT_MESSAGES: Final = {
    Limit.MESSAGES_PER_MINUTE: "limit-messages",
    Limit.IMAGES_PER_HOUR: "limit-images-per-hour",
    Limit.IMAGES_PER_DAY: "limit-images-per-day",
}


def refusal_text(refusal: Refusal, limit: int, language: Language = DEFAULT_LANGUAGE) -> str:
    """What the person reads: which limit, and when they can send again."""
    if refusal.limit is Limit.PENDING_ANALYSES or refusal.retry_after_s is None:
        return text(language, "limit-pending-analyses", limit=limit)
    wait = wait_words(refusal.retry_after_s, language)
    return text(language, LIMIT_MESSAGES[refusal.limit], limit=limit, wait=wait)


def wait_words(seconds: float, language: Language = DEFAULT_LANGUAGE) -> str:
    """A wait rounded up to what a person reads: '40 seconds', '3 minutes', '2 hours'."""
    whole = max(math.ceil(seconds), 1)
    minutes, hours = math.ceil(whole / 60), math.ceil(whole / 3600)
    if whole < 60:
        unit, amount = "second", whole
    elif minutes < 60:
        unit, amount = "minute", minutes
    else:
        unit, amount = "hour", hours
    return text(language, "wait-duration", unit=unit, amount=amount)


async def _is_health_worker(services: BotServices, pseudonym: str) -> bool:
    now = time.monotonic()
    cached = _roles.get(pseudonym)
    if cached is not None and now - cached[0] < ROLE_CACHE_S:
        return cached[1]
    held = await asyncio.to_thread(services.store.has_role, pseudonym=pseudonym, role=HEALTH_WORKER)
    if len(_roles) >= ROLE_CACHE_SIZE:
        _roles.clear()
    _roles[pseudonym] = (now, held)
    return held
