"""Send a reply and record it, so the store holds every outgoing message."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot.services import services_of

TELEGRAM_TEXT_LIMIT = 4096


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


async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> Message | None:
    """Reply in the update's chat and record the reply; returns the last message sent."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        return None
    sent: Message | None = None
    for part in split_text(text):
        sent = await context.bot.send_message(chat_id=chat.id, text=part)
    if user is not None:
        await services_of(context).record(user.id, direction="out", kind="text", text=text)
    return sent
