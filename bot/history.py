"""The person's own past image results (/history, or "what was my result?")."""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.ext import ContextTypes

from bot import replies
from bot.analysis_reply import FORMAT_NAMES
from bot.consent_gate import consenting_user
from bot.replying import reply
from bot.services import services_of
from store import AnalysisRecord


async def send_history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    telegram_id = await consenting_user(update, context, otherwise="history-needs-consent")
    if telegram_id is None:
        return
    services = services_of(context)
    analyses = await services.run(services.store.analyses_of, pseudonym=services.pseudonym(telegram_id))
    await reply(update, context, history_text(analyses))


def history_text(analyses: list[AnalysisRecord]) -> str:
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
