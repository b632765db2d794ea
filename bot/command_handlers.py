"""Commands and inline buttons: /start (consent), /help, /history, /delete, /cancel, and button presses.

Buttons carry `kind:value` callback data: consent:yes|no, delete:yes|no, menu:<topic>, the intake's
side:, dur:, preg:, fam: answers, and the risk questionnaire's risk:<question>.<answer> (`bot.risk_dialogue`).
Every press gets an answer to the query and a message.
"""

from __future__ import annotations

import logging
from datetime import datetime

from telegram import Update
from telegram.ext import ContextTypes

from bot import replies, retake_replies
from bot.analysis_reply import FORMAT_NAMES
from bot.case_handlers import list_cases, open_new_case
from bot.dialogue import (
    ASK_SYMPTOMS,
    IDLE,
    MENU_REPLIES,
    Conversation,
    consent_keyboard,
    delete_keyboard,
    question,
)
from bot.dialogue import on_button as dialogue_button
from bot.replying import reply
from bot.services import services_of
from bot.text_handlers import send_turn
from store.models import Analysis

logger = logging.getLogger(__name__)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: what the bot is and is not, what it stores, and the consent buttons."""
    await _record_command(update, context)
    await reply(update, context, replies.WELCOME, consent_keyboard())


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what the bot can do and how to send images."""
    await _record_command(update, context)
    await reply(update, context, replies.HELP)


async def history_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/history: the person's own past image results, newest first."""
    await _record_command(update, context)
    await _history_reply(update, context)


async def _history_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    services = services_of(context)
    if await services.consent(user.id) is not True:
        await reply(update, context, replies.HISTORY_NEEDS_CONSENT)
        return
    analyses = await services.run(services.store.analyses_of, pseudonym=services.pseudonym(user.id))
    await reply(update, context, history_text(analyses))


def history_text(analyses: list[Analysis]) -> str:
    if not analyses:
        return replies.HISTORY_EMPTY
    lines = [replies.HISTORY_HEADER]
    for analysis in reversed(analyses):
        date = _date(analysis.completed_at or analysis.created_at)
        if analysis.status == "done" and analysis.probability is not None:
            lines.append(
                replies.HISTORY_LINE.format(
                    date=date,
                    format=FORMAT_NAMES.get(analysis.source_format or "", "image"),
                    probability=analysis.probability,
                    percent=round(analysis.probability * 100),
                    untrained="" if analysis.model_trained else replies.HISTORY_UNTRAINED,
                )
            )
        else:
            lines.append(replies.HISTORY_LINE_FAILED.format(date=date, status=analysis.status))
    return "\n".join([*lines, "", replies.DISCLAIMER])


def _date(moment: datetime) -> str:
    return moment.strftime("%d %b %Y")


async def delete_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/delete: ask for confirmation before erasing everything about the person."""
    await _record_command(update, context)
    await reply(update, context, replies.DELETE_CONFIRM, delete_keyboard())


async def cancel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel: stop the current questions (a health worker's case stays open)."""
    await _record_command(update, context)
    user = update.effective_user
    if user is None:
        return
    services = services_of(context)
    if await services.consent(user.id) is not True:
        await reply(update, context, replies.NOTHING_TO_CANCEL)
        return
    conversation = await services.load_conversation(user.id)
    if conversation.state == IDLE and conversation.case is None:
        await reply(update, context, replies.NOTHING_TO_CANCEL)
        return
    await services.save_conversation(user.id, Conversation())
    await reply(update, context, replies.CANCELLED)


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
    if kind == "consent":
        await _on_consent(update, context, granted=value == "yes")
    elif kind == "delete":
        await _on_delete(update, context, confirmed=value == "yes")
    elif kind == "menu":
        await _on_menu(update, context, value)
    elif kind == retake_replies.BUTTON_KIND:
        await reply(update, context, retake_replies.retake_button_reply(value))
    elif await services.consent(user.id) is True:
        conversation = await services.load_conversation(user.id)
        await send_turn(update, context, dialogue_button(conversation, kind, value), conversation)
    else:
        await reply(update, context, replies.UNKNOWN_BUTTON)


async def _on_consent(update: Update, context: ContextTypes.DEFAULT_TYPE, *, granted: bool) -> None:
    user = update.effective_user
    assert user is not None
    services = services_of(context)
    await services.run(services.store.record_consent, pseudonym=services.pseudonym(user.id), granted=granted)
    logger.info("consent %s", "granted" if granted else "declined")
    await reply(update, context, replies.CONSENT_GIVEN if granted else replies.CONSENT_DECLINED)


async def _on_delete(update: Update, context: ContextTypes.DEFAULT_TYPE, *, confirmed: bool) -> None:
    user = update.effective_user
    assert user is not None
    if not confirmed:
        await reply(update, context, replies.DELETE_KEPT)
        return
    services = services_of(context)
    deleted = await services.run(services.store.delete_user, pseudonym=services.pseudonym(user.id))
    logger.info("user data erased" if deleted else "erasure asked with nothing stored")
    await reply(update, context, replies.DELETED if deleted else replies.NOTHING_TO_DELETE)


async def _on_menu(update: Update, context: ContextTypes.DEFAULT_TYPE, topic: str) -> None:
    user = update.effective_user
    assert user is not None
    if topic in MENU_REPLIES:
        await reply(update, context, MENU_REPLIES[topic])
        return
    if topic != "symptoms":
        await reply(update, context, replies.UNKNOWN_BUTTON)
        return
    services = services_of(context)
    if await services.consent(user.id) is True:
        conversation = await services.load_conversation(user.id)
        conversation.state = ASK_SYMPTOMS
        await services.save_conversation(user.id, conversation)
    await reply(update, context, question(ASK_SYMPTOMS)[0])


async def run_action(action: str, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What an intent asks for that a command does (e.g. "delete my data" -> /delete)."""
    handlers = {
        "history": _history_reply,
        "delete": _delete_reply,
        "newcase": open_new_case,
        "cases": list_cases,
    }
    await handlers[action](update, context)


async def _delete_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, context, replies.DELETE_CONFIRM, delete_keyboard())


async def _record_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None or update.callback_query is not None:
        return
    await services_of(context).record(user.id, direction="in", kind="command", text=message.text)
