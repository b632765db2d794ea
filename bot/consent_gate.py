"""What needs consent first (images, history, the risk questions, /cancel): the person's id when they
consented, else the reply that says why not (with the consent buttons where choosing helps)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import replies
from bot.conversation import consent_keyboard
from bot.keyboard import Keyboard
from bot.replying import reply
from bot.services import services_of


async def consenting_user(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, otherwise: str, keyboard: Keyboard | None = None
) -> int | None:
    """The Telegram id of the person when they consented; None after replying `otherwise`."""
    user = update.effective_user
    if user is None:
        return None
    if await services_of(context).consent(user.id) is True:
        return user.id
    await reply(update, context, otherwise, keyboard)
    return None


async def consent_for_images(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True when the person consented; otherwise say why the image is not analysed and offer consent."""
    return (
        await consenting_user(
            update, context, otherwise=replies.IMAGE_NEEDS_CONSENT, keyboard=consent_keyboard()
        )
        is not None
    )
