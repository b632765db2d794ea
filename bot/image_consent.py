"""The conversation around an image: consent before any upload is analysed.

Kept apart from `image_handlers` (task submission and waiting) so both can change independently; the
active case's id travels with the pending analysis and `delivery` attaches the result to it.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import replies
from bot.conversation import consent_keyboard
from bot.replying import reply
from bot.services import services_of


async def consent_for_images(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True when the person consented; otherwise say why the image is not analysed and offer consent."""
    user = update.effective_user
    if user is None:
        return False
    if await services_of(context).consent(user.id) is True:
        return True
    await reply(update, context, replies.IMAGE_NEEDS_CONSENT, consent_keyboard())
    return False
