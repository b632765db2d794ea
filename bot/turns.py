"""Run one conversation turn for Telegram: record its red flags, risk result and state (with consent), run
its action, and send its reply. Every handler that advances the conversation ends here."""

from __future__ import annotations

import logging
from typing import assert_never

from telegram import Update
from telegram.ext import ContextTypes

from bot.case_handlers import list_cases, open_new_case
from bot.catalog import text
from bot.conversation import Action, Conversation, Turn, delete_keyboard
from bot.history import send_history
from bot.reply_language import reply_language
from bot.replying import reply
from bot.risk_delivery import send_risk_outcome
from bot.services import BotServices, services_of

logger = logging.getLogger(__name__)


async def send_turn(
    update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn, conversation: Conversation | None
) -> None:
    """Record what the turn changed (`conversation` None: no consent, nothing kept), then answer."""
    user = update.effective_user
    if user is None:
        return
    if conversation is not None:
        await _record_turn(services_of(context), user.id, turn, conversation)
    if turn.action is not None:
        await run_action(turn.action, update, context)
        if turn.text:
            await reply(update, context, turn.text, turn.keyboard)
        return
    if turn.risk is not None:
        await send_risk_outcome(update, context, turn.risk, turn.text)
        return
    await reply(update, context, turn.text, turn.keyboard)


async def run_action(action: Action, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What a message asks for that a command does (e.g. "delete my data" -> /delete)."""
    match action:
        case Action.HISTORY:
            await send_history(update, context)
        case Action.DELETE:
            await ask_to_delete(update, context)
        case Action.NEW_CASE:
            await open_new_case(update, context)
        case Action.LIST_CASES:
            await list_cases(update, context)
        case _:
            assert_never(action)


async def ask_to_delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    language = await reply_language(update, context)
    await reply(update, context, text(language, "delete-confirm"), delete_keyboard(language))


async def _record_turn(
    services: BotServices, telegram_id: int, turn: Turn, conversation: Conversation
) -> None:
    pseudonym = services.pseudonym(telegram_id)
    if turn.new_red_flags:
        logger.info("red flag escalated: %s", ",".join(turn.new_red_flags))
        await services.run(
            services.store.record_escalation,
            pseudonym=pseudonym,
            red_flags=list(turn.new_red_flags),
            case_id=conversation.case,
            clarifications=list(turn.clarifications),
        )
    if turn.risk is not None:
        logger.info("risk assessment recorded: %s", turn.risk.kind)
        await services.run(
            services.store.record_risk_assessment,
            pseudonym=pseudonym,
            case_id=conversation.case,
            outcome=turn.risk.kind,
            answers=turn.risk.answers,
            result=turn.risk.stored_result(),
        )
    if conversation.case is not None:
        await services.run(
            services.store.update_case,
            pseudonym=pseudonym,
            public_id=conversation.case,
            answers=conversation.intake.answers(),
            red_flags=list(conversation.intake.escalated),
        )
    await services.save_conversation(telegram_id, conversation)
