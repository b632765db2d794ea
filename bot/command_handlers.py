"""Commands and inline buttons: /start (language, then consent), /language, /help, /history, /delete,
/cancel, and button presses.

Buttons carry `kind:value` callback data: lang:<code>, consent:yes|no, delete:yes|no, menu:<topic>, the
intake's side:, dur:, preg:, fam: answers, and the risk questionnaire's risk:<question>.<answer>
(`bot.risk_dialogue`).
Every press gets an answer to the query and a message.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.catalog import text
from bot.consent_gate import consenting_user
from bot.conversation import ASK_SYMPTOMS, IDLE, LANGUAGE_BUTTON_KIND, Conversation, menu_reply, question
from bot.conversation import on_button as conversation_button
from bot.history import send_history
from bot.language_handlers import ask_language, on_language_button, send_welcome
from bot.reply_language import reply_language
from bot.replying import reply
from bot.services import record_command, services_of
from bot.turns import ask_to_delete, send_turn

logger = logging.getLogger(__name__)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: the language buttons when none is chosen; else what the bot is, what it stores, and the
    consent buttons."""
    await record_command(update, context)
    user = update.effective_user
    chosen = None if user is None else await services_of(context).language(user.id)
    if chosen is None:
        await ask_language(update, context)
    else:
        await send_welcome(update, context, chosen)


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/language: the language buttons, to change the language the bot answers in."""
    await record_command(update, context)
    await ask_language(update, context)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what the bot can do and how to send images."""
    await record_command(update, context)
    await reply(update, context, text(await reply_language(update, context), "help"))


async def history_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/history: the person's own past image results, newest first."""
    await record_command(update, context)
    await send_history(update, context)


async def delete_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/delete: ask for confirmation before erasing everything about the person."""
    await record_command(update, context)
    await ask_to_delete(update, context)


async def cancel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel: stop the current questions (a health worker's case stays open)."""
    await record_command(update, context)
    telegram_id = await consenting_user(update, context, otherwise="nothing-to-cancel")
    if telegram_id is None:
        return
    services = services_of(context)
    conversation = await services.load_conversation(telegram_id)
    language = await reply_language(update, context)
    if conversation.state == IDLE and conversation.case is None:
        await reply(update, context, text(language, "nothing-to-cancel"))
        return
    await services.save_conversation(telegram_id, Conversation())
    await reply(update, context, text(language, "cancelled"))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An inline button: answer the query, then act on its `kind:value` data."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    await query.answer()
    kind, _, value = (query.data or "").partition(":")
    services = services_of(context)
    await services.record(user.id, direction="in", kind="button", text=query.data)
    if kind == LANGUAGE_BUTTON_KIND:
        await on_language_button(update, context, value)
    elif kind == "consent":
        await _on_consent(update, context, granted=value == "yes")
    elif kind == "delete":
        await _on_delete(update, context, confirmed=value == "yes")
    elif kind == "menu":
        await _on_menu(update, context, value)
    elif await services.consent(user.id) is True:
        conversation = await services.load_conversation(user.id)
        turn = conversation_button(conversation, kind, value, await reply_language(update, context))
        await send_turn(update, context, turn, conversation)
    else:
        await reply(update, context, text(await reply_language(update, context), "unknown-button"))


async def _on_consent(update: Update, context: ContextTypes.DEFAULT_TYPE, *, granted: bool) -> None:
    user = update.effective_user
    assert user is not None
    services = services_of(context)
    await services.run(services.store.record_consent, pseudonym=services.pseudonym(user.id), granted=granted)
    logger.info("consent %s", "granted" if granted else "declined")
    language = await reply_language(update, context)
    await reply(update, context, text(language, "consent-given" if granted else "consent-declined"))


async def _on_delete(update: Update, context: ContextTypes.DEFAULT_TYPE, *, confirmed: bool) -> None:
    user = update.effective_user
    assert user is not None
    language = await reply_language(update, context)  # read before the choice itself is erased
    if not confirmed:
        await reply(update, context, text(language, "delete-kept"))
        return
    services = services_of(context)
    pseudonym = services.pseudonym(user.id)
    in_flight = [item for item in await services.pending.all() if item.pseudonym == pseudonym]
    await services.analyses.drop(in_flight)  # first, so that no result arrives after the erasure
    deleted = await services.run(services.store.delete_user, pseudonym=pseudonym)
    logger.info("user data erased" if deleted else "erasure asked with nothing stored")
    await reply(update, context, text(language, "deleted" if deleted else "nothing-to-delete"))


async def _on_menu(update: Update, context: ContextTypes.DEFAULT_TYPE, topic: str) -> None:
    user = update.effective_user
    assert user is not None
    language = await reply_language(update, context)
    fixed = menu_reply(topic, language)
    if fixed is not None:
        await reply(update, context, fixed)
        return
    if topic != "symptoms":
        await reply(update, context, text(language, "unknown-button"))
        return
    services = services_of(context)
    if await services.consent(user.id) is True:
        conversation = await services.load_conversation(user.id)
        conversation.state = ASK_SYMPTOMS
        await services.save_conversation(user.id, conversation)
    await reply(update, context, question(ASK_SYMPTOMS, language=language)[0])
