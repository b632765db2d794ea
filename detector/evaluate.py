"""`bcdbot evaluate`: one trained model on one fold (fold 4: the held-out test), as a JSON-ready dict.

The images go through the same preparation and calibrated outputs as ``predict`` (detector.heads).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from detector.cam import top_k_mean
from detector.datasets import (
    MALIGNANT,
    busi_class,
    cache_mammography,
    cache_ultrasound,
    in_folds,
    load_busi,
    load_mini_mias,
)
from detector.heads import GateModel, MammographyModel, UltrasoundModel, to_batch
from detector.metrics import binary_report, bootstrap_auc_ci, bootstrap_ci, confusion, roc_auc
from detector.pointing import pointing_game
from detector.training import batches
from detector.weights import weights_path

logger = logging.getLogger(__name__)


def evaluate(model: str, data_dir: Path, *, fold: int = 4, weights_dir: Path | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    if model == "ultrasound":
        report = evaluate_ultrasound(weights_path("ultrasound", weights_dir), data_dir, fold)
    elif model == "mammography":
        report = evaluate_mammography(weights_path("mammography", weights_dir), data_dir, fold)
    elif model == "gate":
        report = evaluate_gate(weights_path("gate", weights_dir), data_dir, fold)
    else:
        raise ValueError(f"unknown model {model!r}")
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def evaluate_ultrasound(checkpoint: Path, data_dir: Path, fold: int) -> dict[str, Any]:
    task = UltrasoundModel.load(checkpoint)
    cases = in_folds(load_busi(data_dir), [fold])
    cached = cache_ultrasound(cases, task.config.input_size)
    probabilities = np.concatenate(
        [task.outputs(to_batch(cached.images[s]))[0] for s in batches(len(cases), 32)]
    )
    labels = np.array([busi_class(c) for c in cases])
    report = binary_report(
        labels == MALIGNANT, probabilities[:, MALIGNANT], threshold=task.bands.threshold_low
    )
    correct = (probabilities.argmax(1) == labels).astype(float)
    report.update(
        model="ultrasound",
        model_version=task.config.version,
        fold=fold,
        positive="malignant",
        accuracy_3class=float(correct.mean()),
        accuracy_3class_ci=list(bootstrap_ci(correct)),
        confusion_matrix_3class=confusion(labels, probabilities.argmax(1), 3),
        classes=["benign", "malignant", "normal"],
        at_threshold_0_5=_short(
            binary_report(labels == MALIGNANT, probabilities[:, MALIGNANT], threshold=0.5, replicates=1)
        ),
        tta=task.tta,
        bands=task.bands.to_dict(),
    )
    return report


def evaluate_mammography(checkpoint: Path, data_dir: Path, fold: int) -> dict[str, Any]:
    task = MammographyModel.load(checkpoint)
    cases = in_folds(load_mini_mias(data_dir), [fold])
    cached = cache_mammography(cases, task.config.input_size)
    maps: list[torch.Tensor] = []
    for s in batches(len(cases), 16):
        _, cell_maps = task.forward(to_batch(cached.images[s]))
        maps.append(cell_maps)
    all_maps = torch.cat(maps)
    raw = top_k_mean(all_maps[:, 0], task.top_k).numpy().astype(np.float64)
    raw_malignant = top_k_mean(all_maps[:, 1], task.top_k).numpy().astype(np.float64)
    scores = task.calibrate(raw)
    abnormal = np.array([c.abnormal for c in cases])
    malignant = np.array([c.malignant for c in cases])
    report = binary_report(abnormal, scores, threshold=task.bands.threshold_low)
    report.update(
        model="mammography",
        model_version=task.config.version,
        fold=fold,
        positive="abnormal",
        auc_malignant_vs_rest=roc_auc(malignant, raw_malignant),
        auc_malignant_vs_rest_ci=list(bootstrap_auc_ci(malignant, raw_malignant)),
        auc_malignant_vs_rest_from_lesion_score=roc_auc(malignant, raw),
        pointing_game=pointing_game(cached, all_maps[:, 0]),
        at_threshold_0_5=_short(binary_report(abnormal, scores, threshold=0.5, replicates=1)),
        tta=task.tta,
        bands=task.bands.to_dict(),
        top_k=task.top_k,
    )
    return report


def evaluate_gate(checkpoint: Path, data_dir: Path, fold: int) -> dict[str, Any]:
    """Breast images of ``fold`` (mini-MIAS and BUSI) and the test split of the non-breast images."""
    from detector.calibration import softmax
    from detector.train_gate import GateSettings, gate_logits, gate_report, gate_sets

    task = GateModel.load(checkpoint)
    if fold != 4:
        raise ValueError("the gate is evaluated on fold 4 with the negative test split only")
    rendered = int(
        task.card.get("hyper_parameters", {}).get("rendered_negatives", GateSettings.rendered_negatives)
    )
    test = gate_sets(data_dir, task.config.input_size, rendered=rendered, splits=("test",))["test"]
    probabilities = softmax(gate_logits(task, test.images), float(task.calibration.get("temperature", 1.0)))
    report = gate_report(test.labels, probabilities, task.refuse_threshold)
    refused = probabilities[:, 2] >= task.refuse_threshold
    report.update(
        model="gate",
        model_version=task.config.version,
        fold=fold,
        wrongly_refused=[n for n, r, y in zip(test.names, refused, test.labels, strict=True) if r and y != 2],
        wrongly_accepted=[
            n for n, r, y in zip(test.names, refused, test.labels, strict=True) if not r and y == 2
        ],
    )
    return report


def _short(report: dict[str, Any]) -> dict[str, Any]:
    keys = ("threshold", "accuracy", "sensitivity", "specificity", "precision", "f1", "confusion_matrix")
    return {k: report[k] for k in keys}
