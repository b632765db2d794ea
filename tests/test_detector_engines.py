"""onnxruntime answers what eager PyTorch answers (within 1e-3), from an export cached by its inputs."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from detector import Predictor
from detector.heads import GateModel, MammographyModel, TaskModel, UltrasoundModel
from detector.weights import have_weights, weights_path
from tests.shared_data import BUSI_IMAGES, MINI_MIAS_IMAGES, have_shared_data

pytest.importorskip("onnxruntime")
pytestmark = pytest.mark.skipif(not have_weights(), reason="committed weights missing")

TOLERANCE = 1e-3
HEADS: list[tuple[type[TaskModel], str]] = [
    (GateModel, "gate"),
    (MammographyModel, "mammography"),
    (UltrasoundModel, "ultrasound"),
]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx")


@pytest.mark.parametrize(("head", "name"), HEADS)
def test_onnx_outputs_match_eager(head: type[TaskModel], name: str, cache_dir: Path) -> None:
    torch.set_num_threads(2)
    eager = head.load(weights_path(name))
    onnx = head.load(weights_path(name), engine="onnx", cache_dir=cache_dir)
    assert onnx.runner(onnx.tta).engine == "onnx"
    size = eager.config.input_size
    gray = torch.rand((3, 1, size, size), generator=torch.Generator().manual_seed(7))
    expected_logits, expected_maps = eager.forward(gray)
    logits, maps = onnx.forward(gray)
    torch.testing.assert_close(logits, expected_logits, rtol=0, atol=TOLERANCE)
    torch.testing.assert_close(maps, expected_maps, rtol=0, atol=TOLERANCE)
    if isinstance(eager, MammographyModel | UltrasoundModel):
        assert isinstance(onnx, MammographyModel | UltrasoundModel)
        np.testing.assert_allclose(onnx.outputs(gray)[0], eager.outputs(gray)[0], rtol=0, atol=TOLERANCE)


def test_export_is_cached_by_what_it_was_made_of(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    GateModel.load(weights_path("gate"), engine="onnx", cache_dir=cache_dir).forward(
        torch.zeros((1, 1, 128, 128))
    )
    exported = sorted(cache_dir.glob("*.onnx"))
    assert exported and not list(cache_dir.glob("*.partial"))

    def no_export(*_: object) -> bytes:
        raise AssertionError("exported again although the cache holds it")

    monkeypatch.setattr("detector.onnx_runner.export", no_export)
    again = GateModel.load(weights_path("gate"), engine="onnx", cache_dir=cache_dir)
    again.forward(torch.zeros((1, 1, 128, 128)))
    with pytest.raises(AssertionError, match="exported again"):  # another TTA setting is another graph
        again.runner(not again.tta)


@pytest.mark.skipif(not have_shared_data(), reason="shared data missing")
def test_predictions_through_onnx_match_eager(cache_dir: Path) -> None:
    torch.set_num_threads(2)
    uploads = [(MINI_MIAS_IMAGES / "mdb001.png").read_bytes(), (BUSI_IMAGES / "malignant_1.png").read_bytes()]
    eager = Predictor().predict_batch(uploads)
    onnx_predictor = Predictor(engine="onnx", cache_dir=cache_dir)
    assert onnx_predictor.engine == "onnx"
    for a, b in zip(eager, onnx_predictor.predict_batch(uploads), strict=True):
        assert not isinstance(a, Exception) and not isinstance(b, Exception)
        assert abs(a.probability - b.probability) <= TOLERANCE
        assert (a.band, a.modality) == (b.band, b.modality)
        assert all(
            abs(a.gate_probabilities[k] - b.gate_probabilities[k]) <= TOLERANCE for k in a.gate_probabilities
        )
        difference = np.abs(_pixels(a.heatmap_png) - _pixels(b.heatmap_png))
        assert difference.mean() < 0.05 and difference.max() <= 2  # levels of 255: rounding only


def _pixels(png: bytes) -> np.ndarray[tuple[int, ...], np.dtype[np.int16]]:
    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int16)
