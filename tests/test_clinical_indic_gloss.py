"""Hindi and Kannada read through their English gloss: examples, English left alone, spelling variants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinical import lexicon_hi, lexicon_kn
from clinical.indic_gloss import gloss
from clinical.keyword_backstop import keyword_findings, parse_age_answer, parse_duration_days
from clinical.negation import is_negated, negated_spans
from clinical.script_normal import latin_fold, skeleton, tokens
from clinical.symptom_lexicon import SYMPTOMS
from tests.red_flag_patient import DATA, DEVELOPMENT_SET, EVALUATION_SET, Case, load_cases

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE_SETS = [DATA / f"red_flag_eval_{form}.yml" for form in ("hi", "hi_latn", "kn", "kn_latn")]
LANGUAGE_CASES = [case for path in LANGUAGE_SETS for case in load_cases(path)]


@pytest.mark.parametrize(
    ("text", "symptoms"),
    [
        ("mere left breast mein gaanth hai", {"lump"}),
        ("nanna stanadalli gadde ide", {"lump"}),
        ("ನನ್ನ ಸ್ತನದಲ್ಲಿ ಗಡ್ಡೆ ಇದೆ", {"lump"}),
        ("nipple se khoon aata hai", {"bloody_nipple_discharge"}),
        ("ನನ್ನ ಮೊಲೆ ತೊಟ್ಟಿನಿಂದ ರಕ್ತ ಬರುತ್ತಿದೆ", {"bloody_nipple_discharge"}),
        ("gaanth hai dard nahi", {"lump"}),
        ("gadde illa aadare novu ide", {"pain"}),
        ("मेरे स्तन में गांठ नहीं है", set()),
        ("na dard hai na gaanth", set()),
    ],
)
def test_symptoms_in_hindi_and_kannada(text: str, symptoms: set[str]) -> None:
    assert keyword_findings(text).symptoms == symptoms


def test_a_denied_word_is_denied_for_the_nlu_too() -> None:
    text = "stan mein gaanth nahi hai, lekin dard hai"
    denied = negated_spans(text)
    lump, pain = text.index("gaanth"), text.index("dard")
    assert is_negated(denied, lump, lump + len("gaanth"))
    assert not is_negated(denied, pain, pain + len("dard"))


@pytest.mark.parametrize(
    ("text", "age"), [("४५", 45), ("೪೫", 45), ("meri umar 45 saal hai", 45), ("ನನಗೆ ೫೨ ವರ್ಷ", 52)]
)
def test_ages_in_indian_digits_and_words(text: str, age: int) -> None:
    assert parse_age_answer(text) == age


@pytest.mark.parametrize(("text", "days"), [("do hafte se", 14), ("ಮೂರು ದಿನ", 3), ("एक महीने से", 30)])
def test_durations_in_hindi_and_kannada_number_words(text: str, days: int) -> None:
    assert parse_duration_days(text) == days


def _english_sentences() -> list[str]:
    texts = [case.text for path in (EVALUATION_SET, DEVELOPMENT_SET) for case in load_cases(path)]
    for path in (ROOT / "nlu" / "data" / "nlu_en.yml", ROOT / "nlu" / "tests" / "test_nlu_en.yml"):
        lines = [line.strip()[2:] for line in path.read_text(encoding="utf-8").splitlines()]
        texts += [re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line) for line in lines if line]
    return texts


def test_english_is_never_glossed() -> None:
    assert [text for text in _english_sentences() if gloss(text) != text] == []


def test_every_symptom_has_hindi_and_kannada_words_in_both_scripts() -> None:
    for table in (lexicon_hi, lexicon_kn):
        for symptom in SYMPTOMS:
            words = table.SYMPTOM_WORDS[symptom.name]
            assert any(word.isascii() for word in words) and any(not word.isascii() for word in words)


def test_no_reading_of_a_word_has_two_meanings() -> None:
    """Within a language by skeleton (its own script is read so), across both by the romanised fold."""
    meanings: dict[str, set[str]] = {}
    for language, table in (("hi", lexicon_hi), ("kn", lexicon_kn)):
        rows = [(w, name) for name, words in table.SYMPTOM_WORDS.items() for w in words]
        rows += [(w, english) for english, words in table.GLOSSES.items() for w in words]
        for word, meaning in rows:
            meanings.setdefault(f"{language}:{skeleton(word)}", set()).add(meaning)
            if word.isascii():
                meanings.setdefault(f"latin:{latin_fold(word)}", set()).add(meaning)
    # Symptoms and the English words they are glossed as may share a reading ("khoon" is blood either way).
    clashes = {reading: found for reading, found in meanings.items() if len(found) > 1}
    assert all(found <= {"bloody_nipple_discharge", "blood"} for found in clashes.values()), clashes


_VOWEL_PAIRS = {"ि": "ी", "ी": "ि", "ु": "ू", "ू": "ु", "ಿ": "ೀ", "ೀ": "ಿ", "ು": "ೂ", "ೂ": "ು", "ೆ": "ೇ",
                "ೇ": "ೆ", "ೊ": "ೋ", "ೋ": "ೊ", "ं": "ँ", "ँ": "ं"}  # fmt: skip
_DIGITS = {"ascii": "0123456789", "deva": "०१२३४५६७८९", "knda": "೦೧೨೩೪೫೬೭೮೯"}


def _variant(text: str, choices: list[int], digits: str) -> str:
    """`text` spelt otherwise: joiners inserted, vowel length and ँ/ं swapped, romanised Hindi and Kannada
    letters doubled, digits in another script."""
    out = []
    indic = {
        token.start
        for token in tokens(text)
        if gloss(text[token.start : token.end]) != text[token.start : token.end]
    }
    starts = {token.start: token.end for token in tokens(text)}
    inside_indic_until = -1
    for index, char in enumerate(text):
        if index in starts and index in indic:
            inside_indic_until = starts[index]
        choice = choices[index % len(choices)]
        if char.isdigit():
            out.append(_DIGITS[digits][int(char)])
        elif char in _VOWEL_PAIRS and choice % 3 == 0:
            out.append(_VOWEL_PAIRS[char])
        elif not char.isascii() and choice % 4 == 1:
            out.append(char + ("\u200d" if choice % 2 else "\u200c"))
        elif char.isascii() and char.isalpha() and index < inside_indic_until and choice % 5 == 2:
            out.append(char * 2)
        else:
            out.append(char)
    return "".join(out)


@settings(max_examples=60, deadline=None)
@given(
    case=st.sampled_from(LANGUAGE_CASES),
    choices=st.lists(st.integers(min_value=0, max_value=59), min_size=1, max_size=40),
    digits=st.sampled_from(sorted(_DIGITS)),
)
def test_spelling_variants_never_change_the_findings(case: Case, choices: list[int], digits: str) -> None:
    assert keyword_findings(_variant(case.text, choices, digits)) == keyword_findings(case.text)
