"""The committed weights (detector/weights): held-out fold-4 figures must not regress; predict end to end.

The floors are the fold-4 figures measured when the weights were committed, minus a small margin (the code
path is deterministic on one machine; the margin absorbs BLAS differences between machines).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image

from detector import ImageError, NotABreastImageError, Prediction, Predictor, save_checkpoint
from detector.evaluate import evaluate
from detector.heads import MammographyModel, UltrasoundModel
from detector.weights import default_weights_dir, have_weights
from tests.dicom_factory import dicom_from_png
from tests.shared_data import BUSI_IMAGES, DATA_DIR, MINI_MIAS_IMAGES, have_shared_data

MARGIN = 0.02
MEASURED_ULTRASOUND_AUC = 0.947  # detector/weights/ultrasound_fold4.json (the cross-fitted ensemble)
MEASURED_ULTRASOUND_ACCURACY_3CLASS = 0.844
MEASURED_MAMMOGRAPHY_AUC = 0.710  # detector/weights/mammography_fold4.json
MEASURED_GATE_BREAST_ACCEPTED = 1.0  # detector/weights/gate_fold4.json
MEASURED_GATE_NON_BREAST_REFUSED = 1.0

pytestmark = pytest.mark.skipif(
    not (have_weights() and have_shared_data()), reason="committed weights or shared data missing"
)


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    torch.set_num_threads(2)
    return Predictor()


def test_ultrasound_fold4_does_not_regress() -> None:
    report = evaluate("ultrasound", DATA_DIR / "busi", fold=4)
    assert report["n"] > 100 and report["model_version"].startswith("busi-cv4-")
    assert report["auc"] >= MEASURED_ULTRASOUND_AUC - MARGIN
    assert report["accuracy_3class"] >= MEASURED_ULTRASOUND_ACCURACY_3CLASS - MARGIN
    assert report["auc_ci"][0] <= report["auc"] <= report["auc_ci"][1]


def test_mammography_fold4_does_not_regress() -> None:
    report = evaluate("mammography", DATA_DIR / "mini-mias", fold=4)
    assert report["n"] > 50
    assert report["auc"] >= MEASURED_MAMMOGRAPHY_AUC - MARGIN
    assert 0.0 <= report["pointing_game"]["hit_rate"] <= 1.0
    assert "auc_malignant_vs_rest" in report


def test_gate_fold4_does_not_regress() -> None:
    report = evaluate("gate", DATA_DIR, fold=4)
    assert report["breast_accepted"] >= MEASURED_GATE_BREAST_ACCEPTED - MARGIN
    assert report["non_breast_refused"] >= MEASURED_GATE_NON_BREAST_REFUSED - MARGIN


def test_predict_routes_a_mammogram_and_its_dicom(predictor: Predictor) -> None:
    path = MINI_MIAS_IMAGES / "mdb001.png"
    prediction = predictor.predict(path.read_bytes())
    assert prediction.trained and prediction.modality == "mammography"
    assert prediction.band in ("low", "intermediate", "high")
    assert Image.open(io.BytesIO(prediction.heatmap_png)).size == (384, 384)
    from_dicom = predictor.predict(dicom_from_png(path, laterality="R"))
    assert from_dicom.probability == pytest.approx(prediction.probability, abs=0.02)
    assert Prediction.from_dict(json.loads(json.dumps(prediction.to_dict()))) == prediction


def test_predict_routes_an_ultrasound_image(predictor: Predictor) -> None:
    prediction = predictor.predict((BUSI_IMAGES / "malignant_1.png").read_bytes())
    assert prediction.modality == "ultrasound" and prediction.model_name == "ultrasound"
    assert set(prediction.probabilities_3class) == {"benign", "malignant", "normal"}
    assert prediction.probability == pytest.approx(prediction.probabilities_3class["malignant"])
    assert sum(prediction.probabilities_3class.values()) == pytest.approx(1.0)


def test_non_breast_photo_is_refused_kindly(predictor: Predictor) -> None:
    skimage_data = pytest.importorskip("skimage.data")
    buffer = io.BytesIO()
    Image.fromarray(skimage_data.chelsea()).save(buffer, format="JPEG")
    with pytest.raises(NotABreastImageError) as caught:
        predictor.predict(buffer.getvalue())
    assert isinstance(caught.value, ImageError)
    assert "quality gate" in str(caught.value)


@pytest.mark.parametrize("task_class", [MammographyModel, UltrasoundModel])
def test_checkpoint_save_load_round_trip(task_class: Any, tmp_path: Path) -> None:
    name = "mammography" if task_class is MammographyModel else "ultrasound"
    source = default_weights_dir() / f"{name}.safetensors"
    task = task_class.load(source)
    copy = tmp_path / f"{name}.safetensors"
    save_checkpoint(task.model, copy)
    copy.with_suffix(".json").write_text(
        source.with_suffix(".json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    again = task_class.load(copy)
    size = task.config.input_size
    gray = torch.rand((2, 1, size, size), generator=torch.Generator().manual_seed(0))
    first, second = task.outputs(gray), again.outputs(gray)
    np.testing.assert_array_equal(first[0], second[0])
    torch.testing.assert_close(first[1], second[1], rtol=0, atol=0)


def test_predict_batch_stacks_mixed_uploads_and_matches_one_at_a_time(predictor: Predictor) -> None:
    skimage_data = pytest.importorskip("skimage.data")
    cat = io.BytesIO()
    Image.fromarray(skimage_data.chelsea()).save(cat, format="JPEG")
    uploads = [
        (MINI_MIAS_IMAGES / "mdb001.png").read_bytes(),
        (BUSI_IMAGES / "malignant_1.png").read_bytes(),
        b"%PDF-1.5\n",
        (MINI_MIAS_IMAGES / "mdb002.png").read_bytes(),
        cat.getvalue(),
        (BUSI_IMAGES / "benign_1.png").read_bytes(),
    ]
    outcomes = predictor.predict_batch(uploads)
    assert [type(o).__name__ for o in outcomes] == [
        "Prediction",
        "Prediction",
        "UnsupportedFormatError",
        "Prediction",
        "NotABreastImageError",
        "Prediction",
    ]
    for data, outcome in zip(uploads, outcomes, strict=True):
        if isinstance(outcome, Prediction):
            alone = predictor.predict(data)
            assert outcome.modality == alone.modality
            assert outcome.probability == pytest.approx(alone.probability, abs=1e-4)
            assert outcome.band == alone.band
            assert outcome.heatmap_png.startswith(b"\x89PNG")
