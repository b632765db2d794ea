"""Writes Rasa synonyms from the clinical lexicons: the symptoms (nlu/data/symptom_synonyms.yml) in English,
Hindi and Kannada, and the Hindi and Kannada words for the side and the place (nlu/data/place_synonyms.yml),
so that "baayein", "ಎಡಗಡೆ" and "left" reach the bot as the same `body_side`.

Run `python -m nlu.lexicon_export` after changing a lexicon; `tests/test_symptom_lexicon.py` fails while a
committed file and the tables disagree. Rasa reads every file in `nlu/data/`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from clinical import lexicon_hi, lexicon_kn
from clinical.symptom_lexicon import SYMPTOMS, words_in_every_language

DATA = Path(__file__).resolve().parent / "data"
SYNONYMS_FILE = DATA / "symptom_synonyms.yml"
PLACE_SYNONYMS_FILE = DATA / "place_synonyms.yml"
# The canonical values of body_side and location (domain.yml) that the lexicons' glosses name.
PLACES = ("left", "right", "both", "nipple", "armpit")
HEADER = """version: "3.1"

# Written by `python -m nlu.lexicon_export` from {source}: edit the lexicon, not this file.
# EntitySynonymMapper maps each extracted text, case-insensitively, to its canonical value.

nlu:
"""


def _block(value: str, words: Iterable[str]) -> str:
    # A literal block scalar: one example a line, nothing quoted.
    examples = "".join(f"      - {word}\n" for word in dict.fromkeys(words) if word != value)
    return f"  - synonym: {value}\n    examples: |\n{examples}"


def render_synonyms() -> str:
    """The YAML text of the symptom synonyms, one block per canonical symptom."""
    blocks = [_block(symptom.name, words_in_every_language(symptom)) for symptom in SYMPTOMS]
    return HEADER.format(source="clinical/symptom_lexicon.py") + "\n".join(blocks)


def render_place_synonyms() -> str:
    """The YAML text of the Hindi and Kannada side and place words, one block per canonical value."""
    blocks = [_block(place, lexicon_hi.GLOSSES[place] + lexicon_kn.GLOSSES[place]) for place in PLACES]
    return HEADER.format(source="the GLOSSES of clinical/lexicon_hi.py and lexicon_kn.py") + "\n".join(blocks)


def main() -> int:
    for path, text in ((SYNONYMS_FILE, render_synonyms()), (PLACE_SYNONYMS_FILE, render_place_synonyms())):
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
