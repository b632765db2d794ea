"""Writes the Rasa symptom synonyms (nlu/data/symptom_synonyms.yml) from `clinical.symptom_lexicon`, in
English, Hindi and Kannada.

Run `python -m nlu.lexicon_export` after changing the lexicon; `tests/test_symptom_lexicon.py` fails while
the committed file and the table disagree. Rasa reads every file in `nlu/data/`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clinical.symptom_lexicon import SYMPTOMS, words_in_every_language

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "symptom_synonyms.yml"
HEADER = """version: "3.1"

# Written by `python -m nlu.lexicon_export` from clinical/symptom_lexicon.py: edit the lexicon, not this file.
# EntitySynonymMapper maps each extracted symptom text, case-insensitively, to its canonical value.

nlu:
"""


def render_synonyms() -> str:
    """The YAML text of the symptom synonyms, one block per canonical symptom."""
    blocks = []
    for symptom in SYMPTOMS:
        words = [word for word in dict.fromkeys(words_in_every_language(symptom)) if word != symptom.name]
        examples = "".join(f"      - {word}\n" for word in words)  # literal: a block scalar
        blocks.append(f"  - synonym: {symptom.name}\n    examples: |\n{examples}")
    return HEADER + "\n".join(blocks)


def main() -> int:
    SYNONYMS_FILE.write_text(render_synonyms(), encoding="utf-8")
    print(f"wrote {SYNONYMS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
