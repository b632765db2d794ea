"""Fine-tune the ultrasound model on BUSI: 3 classes (benign, malignant, normal), folds 0-2 train, 3 validate.

BUSI's folds keep near-duplicate groups together, so using whole folds for training and validation keeps
every group on one side. Fold 4 is never read here.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import torch
import torch.nn.functional as F

from detector.calibration import Bands, fit_bands, fit_temperature_and_class_bias, one_hot_bias, softmax
from detector.config import ModelConfig
from detector.datasets import BUSI_CLASSES, MALIGNANT, busi_class, cache_ultrasound, in_folds, load_busi
from detector.heads import UltrasoundModel, to_batch
from detector.metrics import binary_report, confusion, roc_auc
from detector.model import save_checkpoint
from detector.model_card import write_model_card
from detector.prepare import normalise
from detector.reports import plot_training
from detector.training import Augment, batches, finetune_model, fit, seed_everything

logger = logging.getLogger(__name__)

TRAIN_FOLDS: Final = (0, 1, 2)
VALIDATION_FOLDS: Final = (3,)
HELD_OUT_FOLD: Final = 4


@dataclass(frozen=True)
class UltrasoundSettings:
    """Defaults: the recipe of each member of the committed ensemble, "ema15" of the cross-validated sweep
    (docs/ultrasound_recipe_sweep.md); ``detector.cross_fit`` varies only the folds."""

    input_size: int = 224
    epochs: int = 15
    batch_size: int = 16
    lr: float = 1e-3
    weight_decay: float = 1e-4
    label_smoothing: float = 0.0
    frozen_blocks: int = 1
    patience: int = 15  # the cosine schedule runs out; the best validation epoch is kept
    seed: int = 20261126
    tta: bool = True
    time_budget_s: float = 25 * 60
    ema_decay: float | None = 0.99
    ema_statistics: bool = False  # average batch-norm statistics too (else copied from current weights)
    train_folds: tuple[int, ...] = TRAIN_FOLDS
    validation_folds: tuple[int, ...] = VALIDATION_FOLDS
    device: str = "cpu"

    def __post_init__(self) -> None:
        if HELD_OUT_FOLD in self.train_folds + self.validation_folds:
            raise ValueError(f"fold {HELD_OUT_FOLD} is held out: never train or tune on it")


def predict_logits(
    task: UltrasoundModel, images: np.ndarray[Any, Any], batch_size: int = 32
) -> np.ndarray[Any, Any]:
    out = [task.forward(to_batch(images[s]))[0].numpy() for s in batches(len(images), batch_size)]
    return np.concatenate(out).astype(np.float64)


@dataclass(frozen=True)
class UltrasoundCalibration:
    """Temperature and malignant bias and bands fitted on validation logits, and the report they give."""

    temperature: float
    malignant_bias: float
    bands: Bands
    report: dict[str, Any]
    raw: np.ndarray[Any, Any]  # softmax of the logits, (N, 3)
    calibrated: np.ndarray[Any, Any]

    def card_section(self, method: str, tta: bool) -> dict[str, Any]:
        return {
            "method": method,
            "temperature": self.temperature,
            "malignant_bias": self.malignant_bias,
            "tta": tta,
            "bands": self.bands.to_dict(),
            "positive": "malignant",
        }


CALIBRATION_METHOD: Final = (
    "softmax(logits / T + b on the malignant logit), fitted to the binary log-loss of P(malignant); b undoes "
    "the equal class priors that class-balanced sampling teaches"
)


def calibrate_ultrasound(logits: np.ndarray[Any, Any], labels: np.ndarray[Any, Any]) -> UltrasoundCalibration:
    """Temperature + malignant bias on the log-loss of P(malignant), then bands for the sensitivity target."""
    temperature, bias = fit_temperature_and_class_bias(logits, labels, positive=MALIGNANT)
    raw = softmax(logits)
    calibrated = softmax(logits, temperature, bias=one_hot_bias(len(BUSI_CLASSES), MALIGNANT, bias))
    is_malignant = labels == MALIGNANT
    bands = fit_bands(is_malignant, calibrated[:, MALIGNANT])
    report = binary_report(is_malignant, calibrated[:, MALIGNANT], threshold=bands.threshold_low)
    report["accuracy_3class"] = float((calibrated.argmax(1) == labels).mean())
    report["confusion_matrix_3class"] = confusion(labels, calibrated.argmax(1), 3)
    report["ece_uncalibrated"] = binary_report(is_malignant, raw[:, MALIGNANT], threshold=0.5)["ece"]
    return UltrasoundCalibration(temperature, bias, bands, report, raw, calibrated)


def plot_ultrasound(
    out_dir: Path,
    epochs: list[dict[str, float]],
    labels: np.ndarray[Any, Any],
    calibration: UltrasoundCalibration,
) -> list[Path]:
    return plot_training(
        out_dir,
        "ultrasound",
        epochs,
        labels == MALIGNANT,
        calibration.calibrated[:, MALIGNANT],
        calibration.raw[:, MALIGNANT],
        calibration.report["confusion_matrix_3class"],
        BUSI_CLASSES,
        "BUSI ultrasound",
    )


def train_ultrasound(
    data_dir: Path,
    out_dir: Path,
    settings: UltrasoundSettings = UltrasoundSettings(),
    *,
    progress: bool = True,
) -> Path:
    """Train, calibrate on fold 3, write ``ultrasound.safetensors`` + ``ultrasound.json`` + plots."""
    started = time.perf_counter()
    generator = seed_everything(settings.seed)
    cases = load_busi(data_dir)
    train_cases = in_folds(cases, settings.train_folds)
    val_cases = in_folds(cases, settings.validation_folds)
    train, val = (
        cache_ultrasound(train_cases, settings.input_size),
        cache_ultrasound(val_cases, settings.input_size),
    )
    train_y = torch.tensor([busi_class(c) for c in train_cases])
    val_y = np.array([busi_class(c) for c in val_cases])
    logger.info(
        "BUSI: %d train, %d validation images (%.0f s to decode)",
        len(train_cases),
        len(val_cases),
        time.perf_counter() - started,
    )

    version = f"busi-{dt.date.today().isoformat()}"
    config = ModelConfig(input_size=settings.input_size, num_outputs=3, name="ultrasound", version=version)
    model = finetune_model(config, frozen_blocks=settings.frozen_blocks).to(settings.device)
    task = UltrasoundModel(config, model, {}, tta=False)
    counts = torch.bincount(train_y, minlength=3).float()
    sample_weight = (1.0 / counts)[train_y]  # balanced sampling: each class equally likely per draw
    images = to_batch(train.images)
    augment = Augment(flip_horizontal=True, rotate_degrees=8.0, zoom=(1.0, 1.15), gamma=(0.85, 1.18))

    def step(m: torch.nn.Module) -> torch.Tensor:
        index = torch.multinomial(sample_weight, settings.batch_size, replacement=True, generator=generator)
        x, _ = augment(images[index], None, generator)
        logits = m(normalise(x.to(settings.device), config.mean, config.std))
        labels = train_y[index].to(settings.device)
        return F.cross_entropy(logits, labels, label_smoothing=settings.label_smoothing)

    def validate(m: torch.nn.Module) -> dict[str, float]:
        logits = predict_logits(task, val.images)
        p = softmax(logits)
        loss = float(-np.log(p[np.arange(len(val_y)), val_y] + 1e-12).mean())
        return {
            "val_loss": loss,
            "val_auc": roc_auc(val_y == MALIGNANT, p[:, MALIGNANT]),
            "val_accuracy_3class": float((p.argmax(1) == val_y).mean()),
        }

    history = fit(
        model,
        epochs=settings.epochs,
        steps_per_epoch=max(1, len(train_cases) // settings.batch_size),
        train_step=step,
        validate=validate,
        lr=settings.lr,
        weight_decay=settings.weight_decay,
        patience=settings.patience,
        time_budget_s=settings.time_budget_s,
        progress=progress,
        ema_decay=settings.ema_decay,
        ema_statistics=settings.ema_statistics,
    )

    task.tta = settings.tta
    calibration = calibrate_ultrasound(predict_logits(task, val.images), val_y)
    val_report = calibration.report

    out_dir.mkdir(parents=True, exist_ok=True)
    checkpoint = out_dir / "ultrasound.safetensors"
    save_checkpoint(model, checkpoint)
    plots = plot_ultrasound(out_dir, history.epochs, val_y, calibration)
    write_model_card(
        checkpoint,
        config,
        task="ultrasound",
        settings=settings,
        recipe={
            "sampling": "class-balanced",
            "early_stopping": "validation AUC malignant-vs-rest",
            "weight_average": "EMA of the weights, used for validation and kept"
            if settings.ema_decay
            else "none",
        },
        history=history,
        started=started,
        sections={
            "classes": list(BUSI_CLASSES),
            "intended_use": "research only; not a medical device",
            "data": {
                "dataset": "BUSI (Al-Dhabyani et al. 2020), 256x256 copy, grouped folds",
                "train_folds": list(settings.train_folds),
                "validation_folds": list(settings.validation_folds),
                "held_out_fold": HELD_OUT_FOLD,
                "n_train": len(train_cases),
                "n_validation": len(val_cases),
            },
            "calibration": calibration.card_section(f"{CALIBRATION_METHOD}; on validation", settings.tta),
            "metrics": {"validation": val_report},
            "heatmap": "class activation map of the malignant class (Grad-CAM for a GAP + linear head)",
            "plots": [p.name for p in plots],
        },
    )
    logger.info("wrote %s (validation AUC %.3f)", checkpoint, val_report["auc"])
    return checkpoint
