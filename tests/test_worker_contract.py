"""The analysis contract between workers and bot: its JSON round trip, its parity with detector.Prediction,
the bot's words for each refusal code, Celery's result backend read as the contract, and no user text in
workers/."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import replies
from bot.analysis_reply import analysis_reply, heatmap_png
from bot.delivery import stored_result
from bot.image_refusal_replies import IMAGE_ERRORS, WORKER_REFUSALS
from detector import errors as detector_errors
from detector.predictor import Prediction
from settings import Settings
from workers.celery_app import create_celery
from workers.contract import (
    AnalysisDone,
    AnalysisOutcome,
    AnalysisRefused,
    RefusalCode,
    outcome_from_json,
)
from workers.results import ResultReader

ROOT = Path(__file__).resolve().parents[1]

PREDICTION = Prediction(
    probability=0.73,
    model_name="effnet",
    model_version="2026.11",
    trained=True,
    source_format="png",
    width=640,
    height=480,
    for_processing=False,
    preprocess_ms=12.5,
    inference_ms=40.0,
    modality="ultrasound",
    band="high",
    heatmap_png=b"\x89PNG fake heatmap",
    heatmap_ms=3.25,
    probabilities_3class={"normal": 0.1, "benign": 0.17, "malignant": 0.73},
    gate_probabilities={"mammography": 0.01, "ultrasound": 0.98, "other": 0.01},
)


def through_json(outcome: AnalysisOutcome) -> AnalysisOutcome:
    return outcome_from_json(json.loads(json.dumps(outcome.to_json())))


@pytest.mark.parametrize(
    "outcome",
    [
        AnalysisDone.from_prediction(PREDICTION),
        AnalysisRefused(RefusalCode.POISON),
        AnalysisRefused(RefusalCode.TIMEOUT),
        AnalysisRefused("NotABreastImageError"),
        AnalysisRefused("UnusablePhotoError", detail="glare"),
    ],
)
def test_every_outcome_survives_its_json_round_trip(outcome: AnalysisOutcome) -> None:
    assert through_json(outcome) == outcome


def test_a_success_carries_the_whole_prediction() -> None:
    done = AnalysisDone.from_prediction(PREDICTION)
    assert {f.name for f in dataclasses.fields(AnalysisDone)} == {
        f.name for f in dataclasses.fields(Prediction)
    }
    assert Prediction.from_dict(done.prediction_json()) == PREDICTION
    assert done.prediction_json() == PREDICTION.to_dict()
    assert done.timings == {"preprocess_ms": 12.5, "inference_ms": 40.0, "heatmap_ms": 3.25}


def test_results_in_the_wire_form_workers_wrote_before_are_read() -> None:
    refused = {"ok": False, "error_kind": "EmptyImageError", "user_message": "This file is empty."}
    assert outcome_from_json(refused) == AnalysisRefused("EmptyImageError")
    done = outcome_from_json({"ok": True, "prediction": PREDICTION.to_dict()})
    assert done == AnalysisDone.from_prediction(PREDICTION)


@pytest.mark.parametrize(
    "data", [{}, {"ok": True}, {"ok": True, "prediction": {"probability": 0.5}}, {"ok": "yes"}]
)
def test_anything_else_is_not_an_outcome(data: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="not an analysis outcome"):
        outcome_from_json(data)


def test_the_contract_imports_no_torch() -> None:
    code = "import sys, workers.contract, workers.results; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_bot_has_words_for_every_refusal_code_and_keeps_them() -> None:
    assert set(WORKER_REFUSALS) == set(RefusalCode)
    errors = {
        name
        for name, value in vars(detector_errors).items()
        if isinstance(value, type) and issubclass(value, detector_errors.ImageError)
    }
    assert set(IMAGE_ERRORS) == errors
    assert analysis_reply(AnalysisRefused(RefusalCode.TIMEOUT)) == (
        "Sorry, the analysis took too long. Please try again in a few minutes."
    )
    assert analysis_reply(AnalysisRefused(RefusalCode.BAD_PAYLOAD)) == (
        "The image could not be read. Please send it again."
    )
    assert analysis_reply(AnalysisRefused(RefusalCode.POISON)) == (
        "Sorry, this image could not be analysed: it failed several times on our side. "
        "Please try a different image or file format."
    )
    assert analysis_reply(AnalysisRefused(RefusalCode.FAILED)) == replies.ANALYSIS_FAILED
    assert analysis_reply(AnalysisRefused("SomeFutureDetectorError")) == replies.ANALYSIS_FAILED


def test_the_store_keeps_the_numbers_and_the_refusal_code() -> None:
    done = stored_result(AnalysisDone.from_prediction(PREDICTION))
    assert (done.status, done.probability, done.band, done.heatmap_png) == (
        "done",
        0.73,
        "high",
        PREDICTION.heatmap_png,
    )
    assert done.timings == {"preprocess_ms": 12.5, "inference_ms": 40.0, "heatmap_ms": 3.25}
    refused = stored_result(AnalysisRefused("NotABreastImageError"))
    assert (refused.status, refused.error_kind) == ("refused", "NotABreastImageError")
    assert stored_result(AnalysisRefused(RefusalCode.TIMEOUT)).status == "timeout"
    assert heatmap_png(AnalysisDone.from_prediction(PREDICTION)) == PREDICTION.heatmap_png
    assert heatmap_png(AnalysisRefused(RefusalCode.FAILED)) is None


def reader() -> ResultReader:
    return ResultReader(create_celery(Settings(_env_file=None, redis_url="redis://127.0.0.1:1/0")))  # type: ignore[call-arg]


def test_the_result_backend_is_read_as_the_contract() -> None:
    results = reader()
    backend = create_celery(Settings(_env_file=None, redis_url="redis://127.0.0.1:1/0")).backend  # type: ignore[call-arg]
    done = AnalysisDone.from_prediction(PREDICTION)
    assert results.task_id_of(results.key("abc").encode()) == "abc"
    assert results.key("abc") == backend.get_key_for_task("abc").decode()
    assert results.channel_pattern.endswith("*")
    assert not results.read(None).started
    started = results.read(backend.encode({"status": "STARTED", "result": None}))
    assert started.started and started.outcome is None
    assert results.read(backend.encode({"status": "SUCCESS", "result": done.to_json()})).outcome == done
    hard_limit = {"status": "FAILURE", "result": {"exc_type": "TimeLimitExceeded", "exc_message": []}}
    assert results.read(backend.encode(hard_limit)).outcome == AnalysisRefused(RefusalCode.TIMEOUT)
    crashed = {"status": "FAILURE", "result": {"exc_type": "TransientAnalysisError", "exc_message": []}}
    assert results.read(backend.encode(crashed)).outcome == AnalysisRefused(RefusalCode.FAILED)


USER_WORDS = re.compile(r"\b(please|sorry|you|your)\b", re.IGNORECASE)


def test_no_module_under_workers_holds_user_facing_text() -> None:
    found = []
    for path in sorted((ROOT / "workers").glob("**/*.py")):
        tree = ast.parse(path.read_text())
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        strings = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        ]
        found += [
            f"{path.name}:{node.lineno}: {node.value!r}"
            for node in strings
            if USER_WORDS.search(str(node.value))
        ]
    assert not found, found
