"""Commands and free text: free text goes to Rasa, and the reply follows the intent."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot import replies
from bot.replying import reply
from bot.services import services_of
from bot.symptoms import symptom_reply
from nlu import NLUUnavailable, ParseResult

logger = logging.getLogger(__name__)

MIN_INTENT_CONFIDENCE = 0.5

FIXED_REPLIES = {
    "greet": replies.GREETING,
    "goodbye": replies.GOODBYE,
    "thank": replies.THANKS,
    "bot_challenge": replies.BOT_CHALLENGE,
    "ask_how_to_upload": replies.HOW_TO_UPLOAD,
    "ask_about_breast_cancer": replies.ABOUT_BREAST_CANCER + "\n\n" + replies.DISCLAIMER,
    "ask_self_exam": replies.SELF_EXAM,
    "express_anxiety": replies.ANXIETY,
}


def reply_for(parse: ParseResult) -> str:
    """Choose the reply text for what Rasa understood."""
    if parse.intent == "report_symptom" or parse.values("symptom"):
        return symptom_reply(parse)
    if parse.confidence < MIN_INTENT_CONFIDENCE:
        return replies.NOT_UNDERSTOOD
    return FIXED_REPLIES.get(parse.intent, replies.NOT_UNDERSTOOD)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: say what the bot is and is not."""
    await _record_incoming(update, context, kind="command")
    await reply(update, context, replies.WELCOME)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what the bot can do and how to send images."""
    await _record_incoming(update, context, kind="command")
    await reply(update, context, replies.HELP)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Free text: parse with Rasa and answer; when Rasa is down, say so and keep images working."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    services = services_of(context)
    try:
        parse = await services.nlu.parse(message.text)
    except NLUUnavailable as exc:
        logger.warning("NLU unavailable: %s", type(exc).__name__)
        await _record_incoming(update, context, kind="text", intent=None)
        await reply(update, context, replies.NLU_UNAVAILABLE)
        return
    await _record_incoming(update, context, kind="text", intent=parse.intent)
    await reply(update, context, reply_for(parse))


async def _record_incoming(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, kind: str, intent: str | None = None
) -> None:
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return
    await services_of(context).record(user.id, direction="in", kind=kind, text=message.text, intent=intent)
