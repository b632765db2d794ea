"""Train the quality gate / modality router: mammography, ultrasound or other (refused).

Breast images: mini-MIAS and BUSI folds 0-2 (train) and 3 (validation). Non-breast images: detector.negatives
(installed packages only), split by source into train / validation / test. Fold 4 and the negative test split
are only read by ``bcdbot evaluate --model gate``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import torch
import torch.nn.functional as F

from detector.calibration import fit_temperature_multiclass, softmax
from detector.config import ModelConfig
from detector.datasets import in_folds, load_busi, load_mini_mias
from detector.errors import ImageError
from detector.heads import GATE_CLASSES, GateModel, to_batch
from detector.metrics import binary_report, confusion, roc_auc
from detector.model import save_checkpoint
from detector.model_card import write_model_card
from detector.negatives import all_negatives, split_of
from detector.prepare import normalise, prepare_whole
from detector.reading import read_image
from detector.reports import plot_training
from detector.training import Augment, batches, finetune_model, fit, seed_everything

logger = logging.getLogger(__name__)

MAMMOGRAPHY, ULTRASOUND, OTHER = 0, 1, 2
TRAIN_FOLDS: Final = (0, 1, 2)
VALIDATION_FOLDS: Final = (3,)


@dataclass(frozen=True)
class GateSettings:
    input_size: int = 128
    epochs: int = 8
    batch_size: int = 32
    steps_per_epoch: int = 30
    lr: float = 1e-3
    weight_decay: float = 1e-4
    frozen_blocks: int = 2
    patience: int = 4
    seed: int = 20261126
    rendered_negatives: int = 300
    time_budget_s: float = 20 * 60


@dataclass
class GateSet:
    images: npt.NDArray[np.uint8]
    labels: npt.NDArray[np.int64]
    names: list[str]


def _prepared(data: bytes, size: int) -> npt.NDArray[np.uint8] | None:
    try:
        pixels = prepare_whole(read_image(data), size).pixels
    except ImageError:
        return None  # the reader refuses it before the gate ever sees it
    out: npt.NDArray[np.uint8] = (pixels * 255.0 + 0.5).astype(np.uint8)
    return out


def gate_sets(data_dir: Path, size: int, *, rendered: int, splits: tuple[str, ...]) -> dict[str, GateSet]:
    """``splits`` among train / validation / test; breast folds 0-2 / 3 / 4 respectively."""
    folds = {"train": TRAIN_FOLDS, "validation": VALIDATION_FOLDS, "test": (4,)}
    out: dict[str, tuple[list[Any], list[int], list[str]]] = {s: ([], [], []) for s in splits}
    for label, cases in (
        (MAMMOGRAPHY, load_mini_mias(data_dir / "mini-mias")),
        (ULTRASOUND, load_busi(data_dir / "busi")),
    ):
        for split in splits:
            for case in in_folds(cases, folds[split]):
                array = _prepared(case.path.read_bytes(), size)
                if array is not None:
                    out[split][0].append(array)
                    out[split][1].append(label)
                    out[split][2].append(case.name)
    for negative in all_negatives(rendered=rendered):
        split = split_of(negative.source)
        if split in out:
            array = _prepared(negative.data, size)
            if array is not None:
                out[split][0].append(array)
                out[split][1].append(OTHER)
                out[split][2].append(negative.name)
    return {s: GateSet(np.stack(a), np.array(y, dtype=np.int64), n) for s, (a, y, n) in out.items()}


def gate_logits(task: GateModel, images: npt.NDArray[np.uint8]) -> npt.NDArray[np.float64]:
    out = [task.forward(to_batch(images[s]))[0].numpy() for s in batches(len(images), 64)]
    return np.concatenate(out).astype(np.float64)


def gate_report(
    labels: npt.NDArray[np.int64], probabilities: npt.NDArray[np.float64], threshold: float
) -> dict[str, Any]:
    """Acceptance of breast images, refusal of others, routing accuracy of accepted breast images."""
    refused = probabilities[:, OTHER] >= threshold
    breast = labels != OTHER
    routed = probabilities[:, :2].argmax(1)
    accepted_breast = breast & ~refused
    report = binary_report(~breast, probabilities[:, OTHER], threshold=threshold)
    report.update(
        breast_accepted=float((~refused[breast]).mean()) if breast.any() else float("nan"),
        n_breast=int(breast.sum()),
        non_breast_refused=float(refused[~breast].mean()) if (~breast).any() else float("nan"),
        n_non_breast=int((~breast).sum()),
        modality_accuracy=float((routed[accepted_breast] == labels[accepted_breast]).mean())
        if accepted_breast.any()
        else float("nan"),
        confusion_matrix_3class=confusion(labels, np.where(refused, OTHER, routed), 3),
    )
    return report


def choose_refuse_threshold(labels: npt.NDArray[np.int64], p_other: npt.NDArray[np.float64]) -> float:
    """Midway (in log-odds) between the most "other"-looking breast image and the least "other"-looking
    non-breast image of the validation set; 0.5 when they overlap."""
    breast, other = p_other[labels != OTHER], p_other[labels == OTHER]
    if not breast.size or not other.size or breast.max() >= other.min():
        return 0.5
    low, high = np.clip([breast.max(), other.min()], 1e-9, 1 - 1e-9)
    midpoint = (np.log(low / (1 - low)) + np.log(high / (1 - high))) / 2
    return float(np.clip(1 / (1 + np.exp(-midpoint)), 0.02, 0.98))


def train_gate(
    data_dir: Path, out_dir: Path, settings: GateSettings = GateSettings(), *, progress: bool = True
) -> Path:
    """``data_dir`` holds mini-mias/ and busi/; writes ``gate.safetensors`` + ``gate.json`` + plots."""
    started = time.perf_counter()
    generator = seed_everything(settings.seed)
    sets = gate_sets(
        data_dir, settings.input_size, rendered=settings.rendered_negatives, splits=("train", "validation")
    )
    train, val = sets["train"], sets["validation"]
    logger.info(
        "gate: %d train, %d validation images (%s / %s per class)",
        len(train.labels),
        len(val.labels),
        np.bincount(train.labels).tolist(),
        np.bincount(val.labels).tolist(),
    )
    version = f"gate-{dt.date.today().isoformat()}"
    config = ModelConfig(input_size=settings.input_size, num_outputs=3, name="gate", version=version)
    model = finetune_model(config, frozen_blocks=settings.frozen_blocks)
    task = GateModel(config, model, {})
    images = to_batch(train.images)
    labels = torch.from_numpy(train.labels)
    weights = (1.0 / torch.bincount(labels, minlength=3).float())[labels]
    augment = Augment(
        flip_horizontal=True,
        flip_vertical=True,
        rotate_degrees=20.0,
        shift=0.1,
        zoom=(0.8, 1.4),
        gamma=(0.6, 1.6),
        contrast=(0.7, 1.3),
        brightness=0.1,
        noise=0.02,
    )

    def step(m: torch.nn.Module) -> torch.Tensor:
        index = torch.multinomial(weights, settings.batch_size, replacement=True, generator=generator)
        x, _ = augment(images[index], None, generator)
        inverted = torch.rand(len(index), generator=generator) < 0.1  # negatives shown inverted too
        x = torch.where((inverted & (labels[index] == OTHER)).view(-1, 1, 1, 1), 1.0 - x, x)
        return F.cross_entropy(m(normalise(x, config.mean, config.std)), labels[index])

    def validate(m: torch.nn.Module) -> dict[str, float]:
        p = softmax(gate_logits(task, val.images))
        auc = roc_auc(val.labels == OTHER, p[:, OTHER])
        accuracy = float((p.argmax(1) == val.labels).mean())
        return {"val_auc": auc, "val_accuracy": accuracy, "val_score": auc + accuracy}

    history = fit(
        model,
        epochs=settings.epochs,
        steps_per_epoch=settings.steps_per_epoch,
        train_step=step,
        validate=validate,
        score_key="val_score",
        lr=settings.lr,
        weight_decay=settings.weight_decay,
        patience=settings.patience,
        time_budget_s=settings.time_budget_s,
        progress=progress,
    )
    logits = gate_logits(task, val.images)
    # never sharpen: a validation set the gate separates perfectly would drive T towards 0
    temperature = max(1.0, fit_temperature_multiclass(logits, val.labels))
    calibrated, raw = softmax(logits, temperature), softmax(logits)
    refuse_threshold = choose_refuse_threshold(val.labels, calibrated[:, OTHER])
    report = gate_report(val.labels, calibrated, refuse_threshold)

    out_dir.mkdir(parents=True, exist_ok=True)
    checkpoint = out_dir / "gate.safetensors"
    save_checkpoint(model, checkpoint)
    plots = plot_training(
        out_dir,
        "gate",
        history.epochs,
        val.labels == OTHER,
        calibrated[:, OTHER],
        raw[:, OTHER],
        report["confusion_matrix_3class"],
        GATE_CLASSES,
        "quality gate",
    )
    write_model_card(
        checkpoint,
        config,
        task="gate",
        settings=settings,
        recipe={"sampling": "class-balanced"},
        history=history,
        started=started,
        sections={
            "classes": list(GATE_CLASSES),
            "intended_use": "routes uploads to the mammography or ultrasound model; refuses other images",
            "data": {
                "breast": "mini-MIAS and BUSI folds 0-2 train, 3 validation (fold 4 held out)",
                "non_breast": "skimage.data files, pydicom test files, matplotlib sample data, rendered "
                "text/chat/form screenshots and charts; split by source hash 60/15/25",
                "n_train": len(train.labels),
                "n_validation": len(val.labels),
                "train_per_class": np.bincount(train.labels).tolist(),
            },
            "calibration": {
                "method": "temperature scaling on validation logits, T >= 1",
                "temperature": temperature,
                "refuse_threshold": refuse_threshold,
                "refuse_rule": "P(other) >= threshold, chosen midway between the classes on validation",
                "tta": False,
            },
            "metrics": {"validation": report},
            "plots": [p.name for p in plots],
        },
    )
    logger.info(
        "wrote %s (validation: breast accepted %.3f, others refused %.3f)",
        checkpoint,
        report["breast_accepted"],
        report["non_breast_refused"],
    )
    return checkpoint
