"""Cross-fitted ensembles: the mean of the members, stored in float16 without loss, calibrated out of fold."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
import torch

from detector.cam import classifier_of, forward_with_cam
from detector.config import ModelConfig
from detector.cross_fit import (
    CROSS_FIT_FOLDS,
    STORAGE_DTYPE,
    combine,
    has_member,
    member_dir,
    member_settings,
)
from detector.datasets import in_folds, load_busi
from detector.ensemble import Ensemble, round_parameters
from detector.heads import UltrasoundModel, to_batch
from detector.model import build_model, load_checkpoint, save_checkpoint
from tests.shared_data import DATA_DIR, have_shared_data, subset

SMALL = 64  # px: the members here are untrained; only the bookkeeping is under test

needs_data = pytest.mark.skipif(not have_shared_data(), reason="shared data missing")


def _small_model(outputs: int, seed: int) -> torch.nn.Module:
    torch.manual_seed(seed)
    model = build_model(ModelConfig(input_size=SMALL, num_outputs=outputs), imagenet=False)
    with torch.no_grad():  # random heads, so that members differ
        classifier_of(model).weight.normal_(0.0, 0.05)
    return model


def test_ensemble_answers_the_mean_of_its_members_and_its_map_explains_its_logits() -> None:
    members = [_small_model(3, seed) for seed in range(3)]
    ensemble = Ensemble(members).eval()
    batch = torch.rand((2, 3, SMALL, SMALL), generator=torch.Generator().manual_seed(1))
    with torch.inference_mode():
        logits, maps = forward_with_cam(ensemble, batch)
        each = [forward_with_cam(m, batch) for m in members]
        plain = ensemble(batch)
    torch.testing.assert_close(logits, torch.stack([e[0] for e in each]).mean(0))
    torch.testing.assert_close(maps, torch.stack([e[1] for e in each]).mean(0))
    torch.testing.assert_close(logits, maps.mean(dim=(2, 3)))  # the heatmap is the logit's own map
    torch.testing.assert_close(plain, logits, rtol=1e-5, atol=1e-5)


def test_a_rounded_ensemble_survives_float16_storage_exactly(tmp_path: Path) -> None:
    ensemble = Ensemble([_small_model(2, seed) for seed in range(2)]).eval()
    round_parameters(ensemble, STORAGE_DTYPE)
    full, half = tmp_path / "full.safetensors", tmp_path / "half.safetensors"
    save_checkpoint(ensemble, full)
    save_checkpoint(ensemble, half, parameter_dtype=STORAGE_DTYPE)
    assert half.stat().st_size < 0.6 * full.stat().st_size
    again = build_model(ModelConfig(input_size=SMALL, num_outputs=2, members=2), imagenet=False)
    load_checkpoint(again, half)
    for key, value in ensemble.state_dict().items():
        assert torch.equal(again.state_dict()[key], value), key
    assert again.state_dict()["members.0.bn1.running_var"].dtype == torch.float32


def test_members_never_train_or_validate_on_the_held_out_fold() -> None:
    with pytest.raises(ValueError):
        member_settings(4)
    settings = member_settings(2)
    assert settings.validation_folds == (2,) and settings.train_folds == (0, 1, 3)


def _write_member(out: Path, fold: int) -> None:
    """An untrained member whose malignant logit is its validation fold and the others 0, whatever the
    image (zero head weights)."""
    model = _small_model(3, fold)
    with torch.no_grad():
        classifier_of(model).weight.zero_()
        classifier_of(model).bias.zero_()
        classifier_of(model).bias[1] = float(fold)
    out.mkdir(parents=True, exist_ok=True)
    checkpoint = out / "ultrasound.safetensors"
    save_checkpoint(model, checkpoint)
    settings = member_settings(fold)
    card = {
        **ModelConfig(input_size=SMALL, num_outputs=3, name="ultrasound", version=f"test-{fold}").to_dict(),
        "data": {"train_folds": list(settings.train_folds), "validation_folds": [fold]},
        "hyper_parameters": json.loads(json.dumps(dataclasses.asdict(settings))),
        "calibration": {"tta": False},
        "training": {"seconds": 1.0, "epochs_run": 1, "best_epoch": 1},
        "metrics": {"validation": {"auc": 0.5, "ece": 0.1}},
    }
    checkpoint.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")


def test_a_member_is_reused_only_with_its_own_folds_and_recipe(tmp_path: Path) -> None:
    assert not has_member(tmp_path, 1)
    _write_member(member_dir(tmp_path, 1), 1)
    assert has_member(tmp_path, 1)
    card_path = member_dir(tmp_path, 1) / "ultrasound.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["hyper_parameters"]["epochs"] += 1
    card_path.write_text(json.dumps(card), encoding="utf-8")
    assert not has_member(tmp_path, 1)


@needs_data
def test_ultrasound_ensemble_is_calibrated_on_every_image_out_of_fold(tmp_path: Path) -> None:
    for fold in CROSS_FIT_FOLDS:
        _write_member(member_dir(tmp_path, fold), fold)
    out = tmp_path / "weights"
    data = subset(DATA_DIR / "busi", tmp_path / "busi", 4)
    checkpoint = combine(data, [member_dir(tmp_path, f) for f in CROSS_FIT_FOLDS], out)
    card = json.loads(checkpoint.with_suffix(".json").read_text(encoding="utf-8"))
    images = in_folds(load_busi(data), CROSS_FIT_FOLDS)
    assert card["members"] == 4 and card["metrics"]["validation"]["n"] == len(images)
    assert [m["validation_fold"] for m in card["training"]["members"]] == list(CROSS_FIT_FOLDS)
    # each member's constant logit is its fold number: the out-of-fold scores rank the images by fold, so
    # an AUC other than what the folds alone give would mean an image was scored by the wrong member
    folds = np.array([c.fold for c in images])
    malignant = np.array([c.label == "malignant" for c in images])
    from detector.metrics import roc_auc

    assert card["metrics"]["validation"]["auc"] == pytest.approx(roc_auc(malignant, folds))
    assert 4 not in card["data"]["train_folds"] + card["data"]["validation_folds"]
    loaded = UltrasoundModel.load(checkpoint)
    assert isinstance(loaded.model, Ensemble)
    logits, _ = loaded.forward(to_batch(np.zeros((1, SMALL, SMALL), dtype=np.uint8)))
    torch.testing.assert_close(logits, torch.tensor([[0.0, 1.5, 0.0]]))  # mean of the members' 0, 1, 2, 3
    assert sorted(card["plots"]) == sorted(p.name for p in out.glob("*.png"))
