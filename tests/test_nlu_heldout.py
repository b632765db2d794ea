"""The held-out NLU evaluation, per language and form: Rasa's own `run_evaluation` (what `rasa test nlu`
runs) on each file in nlu/tests/, none of which is trained on.

Floors: every Hindi and Kannada form, native script and romanised, reaches intent macro-F1 0.85 and entity
F1 0.80 (micro average over entity types, DIETClassifier). English keeps its entity floor from before the
lay-word lexicon (0.934); its intent floor is 0.93, below the 0.947 it had alone: trained with the other
languages it measured 0.941 (one more miss in 173), and the model is retrained wherever it is installed.
The figures are reported in the README.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tarfile
import unicodedata
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ROOT / "nlu" / "tests"
TRAINING = ROOT / "nlu" / "data"
MODEL = ROOT / "nlu" / "models" / "current.tar.gz"
FLOORS = {  # held-out file stem: (intent macro-F1, entity F1)
    "test_nlu_en": (0.93, 0.934),
    "test_nlu_hi_native": (0.85, 0.80),
    "test_nlu_hi_romanised": (0.85, 0.80),
    "test_nlu_kn_native": (0.85, 0.80),
    "test_nlu_kn_romanised": (0.85, 0.80),
}
EVALUATION_TIMEOUT_S = 900
_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_INVISIBLE = re.compile("[\u200b-\u200d\ufeff]")


def examples(path: Path) -> set[str]:
    """A file's example texts, annotations removed, NFC, zero-width characters dropped, case folded."""
    stripped = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    lines = [line[2:] for line in stripped if line.startswith("- ")]
    texts = (_ANNOTATION.sub(r"\1", line) for line in lines if ":" not in line[:8])
    return {_INVISIBLE.sub("", unicodedata.normalize("NFC", text)).strip().casefold() for text in texts}


def test_every_language_and_form_has_a_held_out_file_and_training_data() -> None:
    assert sorted(path.stem for path in HELD_OUT.glob("test_nlu_*.yml")) == sorted(FLOORS)
    for stem in FLOORS:
        assert (TRAINING / f"{stem.removeprefix('test_')}.yml").is_file()


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_held_out_lines_are_in_no_training_file(stem: str) -> None:
    trained = set().union(*(examples(path) for path in TRAINING.glob("nlu_*.yml")))
    assert sorted(examples(HELD_OUT / f"{stem}.yml") & trained) == []


def test_the_model_counts_devanagari_and_kannada_words_whole() -> None:
    with tarfile.open(MODEL) as archive:
        vocabularies = [
            json.load(archive.extractfile(member))  # type: ignore[arg-type]
            for member in archive.getmembers()
            if "WholeWordCountVectorsFeaturizer" in member.name and member.name.endswith("vocabularies.json")
        ]
    assert len(vocabularies) == 1
    words = set(vocabularies[0]["text"])
    assert {"गांठ", "दर्द", "ಗಡ್ಡೆ", "ನೋವು"} <= words
    assert "ग" not in words


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    out = tmp_path_factory.mktemp("rasa-test")
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3",
           "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONPATH": str(ROOT / "nlu")}  # fmt: skip
    files = [str(HELD_OUT / f"{stem}.yml") for stem in FLOORS]
    argv = [str(ROOT / ".rasa-venv" / "bin" / "python"), "-m", "rasa_addons.evaluate", "--model", str(MODEL),
            "--out", str(out), *files]  # fmt: skip
    completed = subprocess.run(
        argv, cwd=out, env=env, capture_output=True, text=True, timeout=EVALUATION_TIMEOUT_S, check=False
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    return json.loads((out / "scores.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_intent_macro_f1(scores: dict[str, dict[str, float]], stem: str) -> None:
    assert scores[stem]["intent_macro_f1"] >= FLOORS[stem][0]


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_entity_f1(scores: dict[str, dict[str, float]], stem: str) -> None:
    assert scores[stem]["entity_f1"] >= FLOORS[stem][1]
