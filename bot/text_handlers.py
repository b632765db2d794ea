"""Free text: parsed by Rasa (when it answers), then the dialogue decides; red flags are recorded.

Without consent the reply is stateless (education, red-flag advice) and nothing is stored. The reply is in
the person's language (`bot.reply_language`).
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.conversation import on_message, stateless_reply
from bot.limit_gate import admit_text
from bot.reply_language import reply_language
from bot.services import BotServices, services_of
from bot.turns import send_turn
from nlu import NLUError, NLUUnavailable, ParseResult

logger = logging.getLogger(__name__)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Free text: parse, then answer from the dialogue; when Rasa is down, keywords and buttons still work."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.text is None or user is None:
        return
    if not await admit_text(update, context):
        return
    services = services_of(context)
    parse = await _parse(services, message.text)
    await services.record(
        user.id, direction="in", kind="text", text=message.text, intent=parse.intent if parse else None
    )
    language = await reply_language(update, context)
    if await services.consent(user.id) is not True:
        await send_turn(update, context, stateless_reply(parse, message.text, language), None)
        return
    conversation = await services.load_conversation(user.id)
    turn = on_message(conversation, parse, message.text, language)
    await send_turn(update, context, turn, conversation)


async def _parse(services: BotServices, text: str) -> ParseResult | None:
    try:
        return await services.nlu.parse(text)
    except NLUUnavailable as exc:
        logger.warning("NLU unavailable: %s", type(exc).__name__)
    except NLUError as exc:
        logger.error("NLU error: %s", type(exc).__name__)
    return None
