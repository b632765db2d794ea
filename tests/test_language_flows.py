"""A person goes through the language choice, consent, an intake with a red flag and /delete in Kannada and
in Hindi, through the real stack (emulator, bot, Rasa, store). Nothing here needs Rasa to understand Kannada
or Hindi: buttons, commands, digits and English symptom text (the keyword backstop) only."""

from __future__ import annotations

import httpx
import pytest

from bot.catalog import Language, script_language, text
from tests.chat import ChatUser, Message

pytestmark = pytest.mark.integration

LUMP_IN_ENGLISH = "I found a lump in my left breast 2 weeks ago"
AGE_IN_DIGITS = {Language.KANNADA: "೪೪", Language.HINDI: "४४"}


def text_of(message: Message) -> str:
    return str(message.get("text") or "")


def buttons(message: Message) -> list[tuple[str, str]]:
    markup = message.get("reply_markup") or {}
    return [
        (button["text"], button["callback_data"])
        for row in markup.get("inline_keyboard", [])
        for button in row
    ]


def only(chat: ChatUser) -> Message:
    messages = chat.next_replies()
    assert len(messages) == 1, [text_of(m) for m in messages]
    return messages[0]


@pytest.mark.parametrize("language", [Language.KANNADA, Language.HINDI])
def test_language_consent_red_flag_and_erasure_in_the_chosen_language(
    person: ChatUser, language: Language
) -> None:
    person.send_text("/start")
    choice = only(person)
    assert buttons(choice) == [("English", "lang:en"), ("ಕನ್ನಡ", "lang:kn"), ("हिन्दी", "lang:hi")]
    assert text(language, "language-question") in text_of(choice)

    person.press(choice, f"lang:{language.value}")
    welcome = only(person)
    assert text_of(welcome) == text(language, "welcome")
    assert buttons(welcome) == [
        (text(language, "consent-yes-button"), "consent:yes"),
        (text(language, "consent-no-button"), "consent:no"),
    ]
    person.press(welcome, "consent:yes")
    assert text_of(only(person)) == text(language, "consent-given")

    person.send_text(LUMP_IN_ENGLISH)
    first = text_of(only(person))
    assert text(language, "ask-age") in first
    assert text(language, "summary-finding", symptom="lump") in first and script_language(first) is language

    person.send_text(AGE_IN_DIGITS[language])
    flagged = only(person)
    assert text(language, "red-flag-finding", flag="lump_age_30_plus") in text_of(flagged)
    assert text_of(flagged).startswith("⚠️") and script_language(text_of(flagged)) is language
    assert [label for label, _ in buttons(flagged)] == [
        text(language, "button-pregnancy", status=status)
        for status in ("pregnant", "breastfeeding", "neither")
    ]

    person.send_text("/delete")
    confirm = only(person)
    assert text_of(confirm) == text(language, "delete-confirm")
    assert buttons(confirm)[0] == (text(language, "delete-yes-button"), "delete:yes")
    person.press(confirm, "delete:yes")
    assert text_of(only(person)) == text(language, "deleted")

    person.send_text("/start")  # the language choice was erased with everything else
    assert buttons(only(person))[0] == ("English", "lang:en")


def test_native_script_sets_the_reply_language_only_without_a_choice(person: ChatUser) -> None:
    person.send_text("/help")
    assert text_of(only(person)) == text(Language.ENGLISH, "help")
    person.send_text("नमस्ते")
    assert script_language(text_of(only(person))) is Language.HINDI
    person.send_text("nanna stanadalli gadde ide")  # romanised Kannada switches nothing
    assert script_language(text_of(only(person))) is None

    person.send_text("/language")
    person.press(only(person), "lang:en")
    person.next_replies()
    person.send_text("ನಮಸ್ಕಾರ")  # a stored choice wins over the script
    assert script_language(text_of(only(person))) is None


def test_command_lists_in_every_language(person: ChatUser, emulator_url: str) -> None:
    for language in Language:
        code = "" if language is Language.ENGLISH else language.value
        listed = httpx.get(f"{emulator_url}/emulator/commands", params={"language_code": code}).json()[
            "commands"
        ]
        assert {"command": "language", "description": text(language, "command-language")} in listed
        assert [command["command"] for command in listed][:2] == ["start", "help"]
