"""Sends the end of the risk questionnaire: the icon-array picture with the figures, then what to do; or,
when the tool does not apply, why and what to do instead. (The store records it in `record_turn`.)"""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ContextTypes

from bot import risk_replies
from bot.replying import reply, reply_photo
from bot.risk_result import RiskOutcome, estimate_caption, estimate_details, icon_labels, not_applicable_text
from clinical.icon_array import render_icon_array


async def send_risk_outcome(
    update: Update, context: ContextTypes.DEFAULT_TYPE, outcome: RiskOutcome, prefix: str
) -> None:
    """`prefix` (e.g. red-flag advice given with the last answer) goes first, on its own."""
    if prefix:
        await reply(update, context, prefix)
    if outcome.result is None:
        await reply(update, context, not_applicable_text(outcome))
        return
    affected, affected_label, unaffected_label = icon_labels(outcome.result)
    picture = await asyncio.to_thread(
        render_icon_array,
        affected,
        title=risk_replies.RISK_ICON_TITLE,
        affected_label=affected_label,
        unaffected_label=unaffected_label,
    )
    await reply_photo(update, context, picture, estimate_caption(outcome))
    await reply(update, context, estimate_details(outcome))
