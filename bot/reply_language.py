"""The language to answer a person in: the one they chose; before any choice, the script of what they
wrote (Kannada or Devanagari; romanised text says nothing); else English."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.catalog import DEFAULT_LANGUAGE, Language, script_language
from bot.services import services_of


async def reply_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Language:
    user = update.effective_user
    if user is None:
        return DEFAULT_LANGUAGE
    chosen = await services_of(context).language(user.id)
    if chosen is not None:
        return chosen
    message = update.effective_message
    written = script_language(message.text) if message is not None and message.text else None
    return written or DEFAULT_LANGUAGE
