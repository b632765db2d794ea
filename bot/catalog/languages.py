"""The languages the bot can speak, by their ISO 639-1 code (the folder name under `bot/locales/`)."""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    ENGLISH = "en"
    KANNADA = "kn"
    HINDI = "hi"


DEFAULT_LANGUAGE = Language.ENGLISH
# Each language's name in its own script: what the language buttons show.
LANGUAGE_NAMES = {Language.ENGLISH: "English", Language.KANNADA: "ಕನ್ನಡ", Language.HINDI: "हिन्दी"}
