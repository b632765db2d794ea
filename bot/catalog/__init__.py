"""The message catalogs: every text the bot sends, per language, in Fluent files under `bot/locales/`.

`text(language, message_id, **args)` formats one message; a language whose catalog is incomplete is never
spoken (its messages come from English, `usable` says so). Loads the files once per process; no Telegram,
store or network, so the pure conversation may use it. May import nothing from this project.
"""

from bot.catalog.bundles import english, fallback_notice, message_ids, text, usable
from bot.catalog.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, Language, script_language, stored_language

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGE_NAMES",
    "Language",
    "english",
    "fallback_notice",
    "message_ids",
    "script_language",
    "stored_language",
    "text",
    "usable",
]
