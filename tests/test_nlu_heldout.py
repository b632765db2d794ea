"""The held-out NLU evaluation: `rasa test nlu` on nlu/tests/test_nlu.yml (never trained on).

Floors: the scores before the lay-word lexicon (intent macro-F1 0.947, entity F1 0.934, micro average
over entity types, DIETClassifier): broadening the training data must not cost the held-out figures.
The figures are reported in the README.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ROOT / "nlu" / "tests" / "test_nlu.yml"
TRAINING = ROOT / "nlu" / "data" / "nlu.yml"
MIN_INTENT_MACRO_F1 = 0.947
MIN_ENTITY_F1 = 0.934
EVALUATION_TIMEOUT_S = 600


def _examples(path: Path) -> set[str]:
    """Example texts with annotations removed, lower-cased."""
    lines = [line.strip()[2:] for line in path.read_text().splitlines() if line.strip().startswith("- ")]
    return {
        re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line).strip().lower() for line in lines if ":" not in line[:8]
    }


def test_held_out_lines_are_not_in_the_training_data() -> None:
    assert not _examples(HELD_OUT) & _examples(TRAINING)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    out = tmp_path_factory.mktemp("rasa-test")
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3",
           "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}  # fmt: skip
    argv = [str(ROOT / ".rasa-venv" / "bin" / "rasa"), "test", "nlu", "--nlu", str(HELD_OUT),
            "--model", str(ROOT / "nlu" / "models" / "current.tar.gz"), "--out", str(out)]  # fmt: skip
    completed = subprocess.run(
        argv, cwd=out, env=env, capture_output=True, text=True, timeout=EVALUATION_TIMEOUT_S, check=False
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    return {
        "intent": json.loads((out / "intent_report.json").read_text()),
        "entity": json.loads((out / "DIETClassifier_report.json").read_text()),
    }


def test_intent_macro_f1(reports: dict[str, dict[str, dict[str, float]]]) -> None:
    assert reports["intent"]["macro avg"]["f1-score"] >= MIN_INTENT_MACRO_F1


def test_entity_f1(reports: dict[str, dict[str, dict[str, float]]]) -> None:
    assert reports["entity"]["micro avg"]["f1-score"] >= MIN_ENTITY_F1
