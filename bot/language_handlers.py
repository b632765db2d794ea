"""The language choice: asked first by /start (before consent, so the consent text is read in it), changed
by /language, stored like the consent choice; and the command list in each language.

Buttons: lang:en|kn|hi. A language whose catalog is incomplete is stored as chosen, but the bot answers in
English and says so (`bot.catalog.fallback_notice`).
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, Update
from telegram.ext import ContextTypes

from bot.catalog import DEFAULT_LANGUAGE, Language, fallback_notice, text, usable
from bot.conversation import consent_keyboard, language_keyboard
from bot.replying import reply
from bot.services import services_of

logger = logging.getLogger(__name__)

COMMAND_NAMES = (
    "start",
    "help",
    "history",
    "risk",
    "delete",
    "cancel",
    "language",
    "newcase",
    "cases",
    "case",
)


def commands(language: Language) -> list[BotCommand]:
    return [BotCommand(name, text(language, f"command-{name}")) for name in COMMAND_NAMES]


async def set_commands(bot: Bot) -> None:
    """The command list for every app language: English by default, each spoken language for its code."""
    await bot.set_my_commands(commands(DEFAULT_LANGUAGE))
    for language in Language:
        if language is not DEFAULT_LANGUAGE and usable(language):
            await bot.set_my_commands(commands(language), language_code=language.value)


def language_question() -> str:
    """The question in every language at once: the person has not chosen one yet."""
    return "\n".join(text(language, "language-question") for language in Language)


async def ask_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, context, language_question(), language_keyboard())


async def send_welcome(update: Update, context: ContextTypes.DEFAULT_TYPE, language: Language) -> None:
    """What the bot is and is not, what it stores, and the consent buttons, in `language`."""
    await reply(update, context, text(language, "welcome"), consent_keyboard(language))


async def on_language_button(update: Update, context: ContextTypes.DEFAULT_TYPE, code: str) -> None:
    """Store the choice; then the welcome (nothing chosen about consent yet) or a confirmation."""
    user = update.effective_user
    assert user is not None
    if code not in {language.value for language in Language}:
        await ask_language(update, context)
        return
    language = Language(code)
    services = services_of(context)
    await services.run(services.store.record_language, pseudonym=services.pseudonym(user.id), language=code)
    logger.info("language chosen: %s", code)
    notice = fallback_notice(language)
    if notice is not None:
        await reply(update, context, notice)
    if await services.consent(user.id) is None:
        await send_welcome(update, context, language)
    else:
        await reply(update, context, text(language, "language-changed"))
