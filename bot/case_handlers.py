"""Health-worker mode: /newcase opens a pseudonymous case, /cases lists open ones, /case ID reopens one.

The role is granted by an admin (`bcdbot grant-role`). While a case is active, intake answers and images
attach to it; the diagram is in `bot/conversation/flow.mmd`.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.conversation import ASK_SYMPTOMS, Conversation, Intake
from bot.reply_language import reply_language
from bot.replying import reply
from bot.services import BotServices, record_command, services_of
from store import HEALTH_WORKER, CaseSummary


async def newcase_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/newcase: open a case and ask what the patient has noticed."""
    await record_command(update, context)
    await open_new_case(update, context)


async def cases_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cases: the health worker's open cases, red flags first, then highest suspicion."""
    await record_command(update, context)
    await list_cases(update, context)


async def case_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/case ID: make an existing case active again."""
    await record_command(update, context)
    user = update.effective_user
    if user is None or not await _is_health_worker(update, context):
        return
    language = await reply_language(update, context)
    if not context.args:
        await reply(update, context, text(language, "case-usage"))
        return
    services = services_of(context)
    wanted = context.args[0].strip().upper()
    case = await services.run(services.store.case_of, pseudonym=services.pseudonym(user.id), public_id=wanted)
    if case is None:
        await reply(update, context, text(language, "case-not-found", case=wanted[:16]))
        return
    known = Intake.__dataclass_fields__
    intake = Intake(**{key: value for key, value in case.answers.items() if key in known})
    intake.escalated = list(case.red_flags)
    await services.save_conversation(user.id, Conversation(intake=intake, case=case.public_id))
    reopened = text(language, "case-reopened", case=case.public_id)
    await reply(update, context, reopened + "\n\n" + case_line(case, language))


async def open_new_case(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None or not await _is_health_worker(update, context):
        return
    services = services_of(context)
    public_id = await services.run(services.store.open_case, pseudonym=services.pseudonym(user.id))
    await services.save_conversation(user.id, Conversation(state=ASK_SYMPTOMS, case=public_id))
    await reply(update, context, text(await reply_language(update, context), "case-opened", case=public_id))


async def list_cases(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None or not await _is_health_worker(update, context):
        return
    services = services_of(context)
    cases = await services.run(services.store.cases_of, pseudonym=services.pseudonym(user.id))
    language = await reply_language(update, context)
    if not cases:
        await reply(update, context, text(language, "cases-empty"))
        return
    lines = [text(language, "cases-header"), *(case_line(case, language) for case in cases)]
    await reply(update, context, "\n".join(lines))


def case_line(case: CaseSummary, language: Language = DEFAULT_LANGUAGE) -> str:
    """One line of /cases: id, red flags, highest model output, image count."""
    if case.red_flags:
        flags = ", ".join(text(language, "red-flag-finding", flag=flag) for flag in case.red_flags)
        parts = [text(language, "case-line-red-flags", flags=flags)]
    else:
        parts = [text(language, "case-line-no-red-flag")]
    if case.max_probability is not None:
        parts.append(text(language, "case-line-probability", probability=f"{case.max_probability:.2f}"))
    if case.analyses:
        parts.append(text(language, "case-line-images", count=case.analyses))
    return f"• {case.public_id}: " + ", ".join(parts)


async def _is_health_worker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    assert user is not None
    services = services_of(context)
    if await services.consent(user.id) is True and await _has_role(services, user.id):
        return True
    await reply(update, context, text(await reply_language(update, context), "health-worker-only"))
    return False


async def _has_role(services: BotServices, telegram_id: int) -> bool:
    return await services.run(
        services.store.has_role, pseudonym=services.pseudonym(telegram_id), role=HEALTH_WORKER
    )
