"""The person's own past image results (/history, or "what was my result?"), in their language."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.consent_gate import consenting_user
from bot.reply_language import reply_language
from bot.replying import reply
from bot.services import services_of
from store import AnalysisRecord


async def send_history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    telegram_id = await consenting_user(update, context, otherwise="history-needs-consent")
    if telegram_id is None:
        return
    services = services_of(context)
    analyses = await services.run(services.store.analyses_of, pseudonym=services.pseudonym(telegram_id))
    await reply(update, context, history_text(analyses, await reply_language(update, context)))


def history_text(analyses: list[AnalysisRecord], language: Language = DEFAULT_LANGUAGE) -> str:
    if not analyses:
        return text(language, "history-empty")
    lines = [text(language, "history-header")]
    for analysis in reversed(analyses):
        day = (analysis.completed_at or analysis.created_at).date()
        if analysis.status == "done" and analysis.probability is not None:
            lines.append(
                text(
                    language,
                    "history-line",
                    date=day,
                    format=analysis.source_format or "",
                    probability=f"{analysis.probability:.2f}",
                    percent=round(analysis.probability * 100),
                    trained="yes" if analysis.model_trained else "no",
                )
            )
        else:
            lines.append(text(language, "history-line-failed", date=day, status=analysis.status))
    return "\n".join([*lines, "", text(language, "disclaimer")])
