"""One spelling per word: normalisation, skeletons and the light fold of romanised words."""

from __future__ import annotations

import pytest

from clinical.script_normal import latin_fold, normalise, script_of, search_form, skeleton, tokens


def test_normalise_removes_joiners_folds_chandrabindu_and_nukta_and_reads_indian_digits() -> None:
    assert normalise("ग\u200dाँठ") == normalise("गांठ")
    assert normalise("ज़ख्म") == "जख्म"
    assert normalise("ಗಡ\u200c್ಡೆ") == "ಗಡ್ಡೆ"
    assert normalise("उम्र ४५, ವಯಸ್ಸು ೪೫") == "उम्र 45, ವಯಸ್ಸು 45"


@pytest.mark.parametrize(
    "spellings",
    [
        ("गांठ", "गाँठ", "gaanth", "ganth", "gath"),
        ("ಗಡ್ಡೆ", "gadde"),
        ("स्तन", "ಸ್ತನ", "stan", "stana"),
        ("खून", "khoon", "khun"),
        ("रक्त", "ರಕ್ತ", "rakt", "raktha"),
        ("छाती", "chhati", "chati"),
        ("ज़ख्म", "जख्म", "zakhm", "jakhm"),
    ],
)
def test_native_and_romanised_spellings_meet_in_one_skeleton(spellings: tuple[str, ...]) -> None:
    assert len({skeleton(word) for word in spellings}) == 1


def test_the_light_fold_joins_long_and_doubled_letters_only() -> None:
    assert latin_fold("gaanth") == latin_fold("ganth") == "ganth"
    assert latin_fold("gadde") == latin_fold("gade")
    assert latin_fold("been") != latin_fold("bina")  # an English word keeps its own reading


def test_tokens_keep_offsets_and_say_where_a_clause_ends() -> None:
    text = "गांठ है, खून नहीं।"
    words = tokens(text)
    assert [text[word.start : word.end] for word in words] == ["गांठ", "है,", "खून", "नहीं।"]
    assert [word.ends_clause for word in words] == [False, True, False, True]
    assert words[0].key == skeleton("gaanth") and not words[0].latin


def test_a_search_finds_every_spelling_of_a_word_in_its_script() -> None:
    assert search_form("गांठ") in search_form("मेरे स्तन में गाँठ है")
    assert search_form("ಚಾಟ್ಬಾಟ್") in search_form("ಚಾಟ್\u200cಬಾಟ್") and search_form("LUMP") == "lump"
    assert search_form("गांठ") not in search_form("गाना")


def test_the_script_a_text_is_written_in() -> None:
    assert script_of("ನನ್ನ ಸ್ತನದಲ್ಲಿ ಗಡ್ಡೆ") == "Kannada" and script_of("मेरे स्तन में") == "Devanagari"
    assert script_of("mere stan mein gaanth") == "Latin" and script_of("ನನ್ನ left breast") == "Kannada + Latin"
    assert script_of("42 ...") is None
