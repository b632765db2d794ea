"""A person goes through the language choice, consent, an intake with a red flag, an image result, a refused
file, /history, the risk questionnaire and /delete in Kannada and in Hindi, through the real stack
(emulator, bot, Rasa, Celery worker, store). The symptom is written in English, in the language's script
and romanised; the keyword backstop reads all of them (Rasa's model is English only for now), and buttons,
commands and Indian digits do the rest."""

from __future__ import annotations

import httpx
import pytest

from bot.catalog import Language, script_language, text
from bot.digits import DigitStyle, write_digits
from tests.bcrat_reference import FIVE_YEAR_CASE, reference_case
from tests.chat import ChatUser, Message
from tests.shared_data import MINI_MIAS_IMAGES

pytestmark = pytest.mark.integration

LUMP_IN_ENGLISH = "I found a lump in my left breast 2 weeks ago"
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
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


# What a person writes about a lump in each form: the keyword backstop reads them all (the Rasa model is
# English only for now).
LUMP_IN = {
    "en": LUMP_IN_ENGLISH,
    "kn": "ನನ್ನ ಎಡ ಸ್ತನದಲ್ಲಿ 2 ವಾರದಿಂದ ಗಡ್ಡೆ ಇದೆ",
    "kn_latn": "nanna edagade stanadalli 2 vaaradinda gadde ide",
    "hi": "मेरे बाएँ स्तन में 2 हफ़्ते से गाँठ है",
    "hi_latn": "mere baayein stan mein 2 hafte se gaanth hai",
}


@pytest.mark.parametrize(
    ("language", "form"),
    [(Language.KANNADA, form) for form in ("en", "kn", "kn_latn")]
    + [(Language.HINDI, form) for form in ("en", "hi", "hi_latn")],
)
def test_language_consent_red_flag_and_erasure_in_the_chosen_language(
    person: ChatUser, language: Language, form: str
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

    person.send_text(LUMP_IN[form])
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


@pytest.mark.parametrize("language", [Language.KANNADA, Language.HINDI])
def test_image_result_refusal_and_history_in_the_chosen_language(
    person: ChatUser, language: Language
) -> None:
    person.consent(language.value)
    person.send_document((MINI_MIAS_IMAGES / "mdb002.png").read_bytes(), "mdb002.png", "image/png")
    result = person.one_reply()
    assert script_language(result) is language, result
    read_as = text(language, "result-read-as", modality="mammography", format="png", width=1024, height=1024)
    assert read_as in result
    assert result.endswith(text(language, "disclaimer"))

    person.send_document(PDF, "letter.pdf", "application/pdf")
    assert person.one_reply() == text(language, "image-sent-format", sent="pdf")

    person.send_text("/history")
    history = person.one_reply()
    assert history.startswith(text(language, "history-header")) and script_language(history) is language
    assert len(history.splitlines()) == 1 + 2 + 2  # the header, two lines, a blank and the disclaimer


DIGITS = {Language.KANNADA: DigitStyle.KANNADA, Language.HINDI: DigitStyle.DEVANAGARI}


@pytest.mark.parametrize("language", [Language.KANNADA, Language.HINDI])
def test_the_risk_questionnaire_and_its_result_in_the_chosen_language(
    person: ChatUser, language: Language
) -> None:
    case = reference_case(FIVE_YEAR_CASE)  # 40, White, menarche 11, no births, 1 relative, 1 biopsy, no AH
    person.consent(language.value)
    person.send_text("/risk")
    first = text_of(only(person))
    assert text(language, "risk-intro") in first and text(language, "risk-ask-age") in first

    person.send_text(write_digits(str(case["T1"]), DIGITS[language]))
    history = only(person)
    assert text_of(history) == text(language, "risk-ask-history")
    assert (text(language, "risk-button-history", answer="no"), "risk:history.no") in buttons(history)
    message = history
    for press in ("history.no", "chest_radiation.no", "brca.no", f"race.{case['Race']}"):
        person.press(message, f"risk:{press}")
        message = only(person)
        assert script_language(text_of(message)) is language
    assert text_of(message) == text(language, "risk-ask-menarche")
    person.send_text(write_digits(str(case["AgeMen"]), DIGITS[language]))
    for press in ("first_birth.none", f"relatives.{case['N_Rels']}", f"biopsies.{case['N_Biop']}"):
        person.press(only(person), f"risk:{press}")
    hyperplasia = only(person)
    assert text_of(hyperplasia) == text(language, "risk-ask-hyperplasia")
    assert [label for label, _ in buttons(hyperplasia)] == [
        text(language, "risk-button-yes-no", answer=answer) for answer in ("yes", "no", "unknown")
    ]
    person.press(hyperplasia, "risk:hyperplasia.no")
    photo, details = person.next_replies()
    caption = str(photo.get("caption") or "")
    risk, average = f"{case['AbsRisk']:.1f}", f"{case['AvgRisk']:.1f}"  # 1.9 and 0.6
    assert text(language, "risk-five-year-average", risk=risk, average=average) in caption
    assert text(language, "risk-picture", pictured="many", horizon="five_years", count=2) in caption
    assert caption.endswith(text(language, "disclaimer")) and script_language(caption) is language
    assert text(language, "risk-next-steps") in text_of(details)


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
