"""What needs consent first (images, history, the risk questions, /cancel): the person's id when they
consented, else the reply that says why not (with the consent buttons where choosing helps)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.catalog import text
from bot.conversation import consent_keyboard
from bot.reply_language import reply_language
from bot.replying import reply
from bot.services import services_of


async def consenting_user(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, otherwise: str, offer_consent: bool = False
) -> int | None:
    """The Telegram id of the person when they consented; None after replying the message `otherwise`
    in their language (with the consent buttons when `offer_consent`)."""
    user = update.effective_user
    if user is None:
        return None
    if await services_of(context).consent(user.id) is True:
        return user.id
    language = await reply_language(update, context)
    await reply(
        update, context, text(language, otherwise), consent_keyboard(language) if offer_consent else None
    )
    return None


async def consent_for_images(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True when the person consented; otherwise say why the image is not analysed and offer consent."""
    return (
        await consenting_user(update, context, otherwise="image-needs-consent", offer_consent=True)
        is not None
    )
