"""Send a reply and record it, so the store holds every outgoing message."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import MessageLimit
from telegram.ext import ContextTypes

from bot.keyboard import Keyboard
from bot.services import services_of

TELEGRAM_TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH
TELEGRAM_CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH


def split_text(text: str, *, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Split a long text at paragraph or line breaks so each part fits one Telegram message."""
    parts: list[str] = []
    remaining = text
    while len(remaining) > limit:
        cut = max(remaining.rfind("\n\n", 0, limit), remaining.rfind("\n", 0, limit))
        if cut <= 0:
            cut = limit
        parts.append(remaining[:cut].rstrip())
        remaining = remaining[cut:].lstrip("\n")
    parts.append(remaining)
    return parts


def markup(keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    """An inline keyboard from rows of (label, callback_data)."""
    if keyboard is None:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in keyboard]
    )


async def reply(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, keyboard: Keyboard | None = None
) -> Message | None:
    """Reply in the update's chat and record the reply; returns the last message sent.

    A long text is split; the keyboard, if any, goes with the last part."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        return None
    sent: Message | None = None
    parts = split_text(text)
    for number, part in enumerate(parts, start=1):
        reply_markup = markup(keyboard) if number == len(parts) else None
        sent = await context.bot.send_message(chat_id=chat.id, text=part, reply_markup=reply_markup)
    if user is not None:
        await services_of(context).record(user.id, direction="out", kind="text", text=text)
    return sent


async def reply_photo(
    update: Update, context: ContextTypes.DEFAULT_TYPE, photo: bytes, caption: str
) -> Message | None:
    """Send a PNG with its caption in the update's chat and record the caption (kind "photo").

    A caption over Telegram's limit goes as text messages after the photo instead."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        return None
    fits = len(caption) <= TELEGRAM_CAPTION_LIMIT
    sent = await context.bot.send_photo(chat_id=chat.id, photo=photo, caption=caption if fits else None)
    if not fits:
        for part in split_text(caption):
            sent = await context.bot.send_message(chat_id=chat.id, text=part)
    if user is not None:
        await services_of(context).record(user.id, direction="out", kind="photo", text=caption)
    return sent
