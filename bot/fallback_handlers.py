"""Never silence: edited messages, stickers, voice, locations and errors all get a polite reply."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.catalog import DEFAULT_LANGUAGE, text
from bot.reply_language import reply_language
from bot.replying import reply

logger = logging.getLogger(__name__)


async def on_edited_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message: ask for a new one instead."""
    await reply(update, context, text(await reply_language(update, context), "edited-message"))


async def on_unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, voice, locations, ...: say what the bot can read."""
    await reply(update, context, text(await reply_language(update, context), "unsupported-update"))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have: list the ones it has."""
    await reply(update, context, text(await reply_language(update, context), "unknown-command"))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure (type only: no personal data), then tell the person something kind."""
    error = context.error
    logger.error("handler failed: %s", type(error).__name__, exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            language = await reply_language(update, context)
        except Exception:  # the failure may be the store itself: the apology must still go out
            language = DEFAULT_LANGUAGE
        try:
            await context.bot.send_message(update.effective_chat.id, text(language, "internal-error"))
        except Exception:
            logger.exception("could not send the error reply")
