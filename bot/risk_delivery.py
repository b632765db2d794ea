"""Sends the end of the risk questionnaire: the icon-array picture with the figures, then what to do; or,
when the tool does not apply, why and what to do instead. (The store records it in `record_turn`.)"""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ContextTypes

from bot.catalog import DEFAULT_LANGUAGE, text
from bot.reply_language import reply_language
from bot.replying import reply, reply_photo
from bot.risk_result import RiskOutcome, estimate_caption, estimate_details, icon_labels, not_applicable_text
from clinical.icon_array import render_icon_array


async def send_risk_outcome(
    update: Update, context: ContextTypes.DEFAULT_TYPE, outcome: RiskOutcome, prefix: str
) -> None:
    """`prefix` (e.g. red-flag advice given with the last answer) goes first, on its own."""
    language = await reply_language(update, context)
    if prefix:
        await reply(update, context, prefix)
    if outcome.result is None:
        await reply(update, context, not_applicable_text(outcome, language))
        return
    affected, affected_label, unaffected_label = icon_labels(outcome.result, language)
    if language is DEFAULT_LANGUAGE:
        title = text(language, "risk-icon-title")
    else:  # the picture's font has Latin letters only: digits there, the words in the caption below it
        title, affected_label, unaffected_label = "", f"{affected} / 100", f"{100 - affected} / 100"
    picture = await asyncio.to_thread(
        render_icon_array,
        affected,
        title=title,
        affected_label=affected_label,
        unaffected_label=unaffected_label,
    )
    await reply_photo(update, context, picture, estimate_caption(outcome, language))
    await reply(update, context, estimate_details(outcome, language))
