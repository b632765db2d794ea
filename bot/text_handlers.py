"""Free text: parsed by Rasa (when it answers), then the dialogue decides; red flags are recorded.

Without consent the reply is stateless (education, red-flag advice) and nothing is stored.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.dialogue import Conversation, Turn, on_message, stateless_reply
from bot.replying import reply
from bot.risk_delivery import send_risk_outcome
from bot.services import BotServices, services_of
from nlu import NLUError, NLUUnavailable, ParseResult

logger = logging.getLogger(__name__)


def reply_for(parse: ParseResult) -> str:
    """The stateless reply (no consent) for what Rasa understood."""
    return stateless_reply(parse, parse.text).text


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Free text: parse, then answer from the dialogue; when Rasa is down, keywords and buttons still work."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.text is None or user is None:
        return
    services = services_of(context)
    parse = await _parse(services, message.text)
    await services.record(
        user.id, direction="in", kind="text", text=message.text, intent=parse.intent if parse else None
    )
    if await services.consent(user.id) is not True:
        await send_turn(update, context, stateless_reply(parse, message.text), None)
        return
    conversation = await services.load_conversation(user.id)
    turn = on_message(conversation, parse, message.text)
    await send_turn(update, context, turn, conversation)


async def _parse(services: BotServices, text: str) -> ParseResult | None:
    try:
        return await services.nlu.parse(text)
    except NLUUnavailable as exc:
        logger.warning("NLU unavailable: %s", type(exc).__name__)
    except NLUError as exc:
        logger.error("NLU error: %s", type(exc).__name__)
    return None


async def send_turn(
    update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn, conversation: Conversation | None
) -> None:
    """Record red flags and the new state (with consent), then send the reply or run the action."""
    user = update.effective_user
    if user is None:
        return
    services = services_of(context)
    if conversation is not None:
        await record_turn(services, user.id, turn, conversation)
    if turn.action is not None:
        from bot.command_handlers import run_action  # the commands import this module

        await run_action(turn.action, update, context)
        if turn.text:
            await reply(update, context, turn.text, turn.keyboard)
        return
    if turn.risk is not None:
        await send_risk_outcome(update, context, turn.risk, turn.text)
        return
    await reply(update, context, turn.text, turn.keyboard)


async def record_turn(
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
