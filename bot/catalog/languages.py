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
# The Unicode block of each script: exact, unlike a language guess (romanised text names no language).
SCRIPT_BLOCKS = {Language.KANNADA: ("\u0c80", "\u0cff"), Language.HINDI: ("\u0900", "\u097f")}


def stored_language(code: str | None) -> Language | None:
    """The language a stored choice names; None when nothing (or a code no longer spoken) is stored."""
    return Language(code) if code in {language.value for language in Language} else None


def script_language(text: str) -> Language | None:
    """The language whose script `text` is written in (Kannada, or Devanagari for Hindi); None for Latin
    text, digits only, or a mix of both scripts."""
    found = {
        language
        for char in text
        for language, (first, last) in SCRIPT_BLOCKS.items()
        if first <= char <= last and not char.isdigit()
    }
    return found.pop() if len(found) == 1 else None
