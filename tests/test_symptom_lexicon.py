"""The lexicon is the one table of symptom words: the Rasa synonyms are written from it and agree with it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from clinical.symptom_lexicon import SYMPTOMS, canonical_symptoms
from nlu.lexicon_export import PLACE_SYNONYMS_FILE, SYNONYMS_FILE, render_place_synonyms, render_synonyms

NLU_DATA = Path(__file__).resolve().parents[1] / "nlu" / "data"
DOMAIN = Path(__file__).resolve().parents[1] / "nlu" / "domain.yml"


def test_the_rasa_synonyms_file_is_written_from_the_lexicon() -> None:
    assert SYNONYMS_FILE.read_text(encoding="utf-8") == render_synonyms(), (
        "nlu/data/symptom_synonyms.yml is stale: run `python -m nlu.lexicon_export`"
    )


def test_the_side_and_place_synonyms_are_written_from_the_glosses() -> None:
    assert PLACE_SYNONYMS_FILE.read_text(encoding="utf-8") == render_place_synonyms(), (
        "nlu/data/place_synonyms.yml is stale: run `python -m nlu.lexicon_export`"
    )


def test_each_word_means_one_symptom() -> None:
    counts = Counter(word for symptom in SYMPTOMS for word in set(symptom.words))
    assert [word for word, count in counts.items() if count > 1] == []


def test_words_are_lower_case_and_trimmed() -> None:
    assert all(word == word.strip().lower() and word for symptom in SYMPTOMS for word in symptom.words)


def test_no_text_maps_to_two_values_across_the_rasa_data() -> None:
    mapped: dict[str, set[str]] = {}
    for path in NLU_DATA.glob("*.yml"):
        value = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := re.match(r"\s*- synonym: (\S+)", line):
                value = match.group(1)
            elif value and (match := re.match(r"\s+- (.+)$", line)):
                mapped.setdefault(match.group(1).strip().lower(), set()).add(value)
            elif re.match(r"\s*- (lookup|regex|intent):", line):
                value = None
    assert {text: values for text, values in mapped.items() if len(values) > 1} == {}


def test_the_domain_names_every_canonical_symptom() -> None:
    domain = DOMAIN.read_text(encoding="utf-8")
    assert [name for name in sorted(canonical_symptoms()) if name not in domain] == []
