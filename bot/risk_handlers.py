"""/risk: starts the breast-cancer risk questionnaire (NCI BCRAT, the "Gail model"); the questions and
answers are `bot.risk_dialogue`, the end is sent by `bot.risk_delivery`. Consent comes first: the answers
and the result are stored with the person's record (and the health worker's case in case mode)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.consent_gate import consenting_user
from bot.conversation import start_risk
from bot.reply_language import reply_language
from bot.services import record_command, services_of
from bot.turns import send_turn


async def risk_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/risk: start the risk questions (or ask for consent first)."""
    await record_command(update, context)
    await start_risk_questions(update, context)


async def start_risk_questions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask the first risk question not answered yet; without consent, explain and offer the buttons."""
    telegram_id = await consenting_user(update, context, otherwise="risk-needs-consent", offer_consent=True)
    if telegram_id is None:
        return
    conversation = await services_of(context).load_conversation(telegram_id)
    language = await reply_language(update, context)
    await send_turn(update, context, start_risk(conversation, language), conversation)
