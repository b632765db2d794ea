"""Cross-fitted ensembles: one member per fold of 0-3 held out for validation, calibrated out of fold.

    bcdbot train --dataset busi --cross-fit --data-dir ../shared/data/busi --out detector/weights

One validation fold of 156 images is a noisy judge: the same recipe's score on one fold moved by four points
between two devices (docs/ultrasound_recipe_sweep.md). Here each fold 0-3 is held out once, so four members
are trained, and the mean of their logits answers. Every image of folds 0-3 then becomes a calibration
image: it is scored by the one member that never trained on it (out of fold). The temperature, the bias,
the bands and the validation report therefore rest on 624 images instead of 156. Fold 4 is never read.

Ultrasound only. The mammography score is a top-k mean of the lesion map; the top-k mean of the members'
average map is lower than the average of their own top-k scores (the top-k mean is convex), so a
calibration fitted on single members' out-of-fold scores reads an ensemble too low. A mini-MIAS ensemble
built that way was measured and not adopted (docs/model_card.md).

Each member is an ordinary training run of the committed recipe (under 30 minutes on the 2-core CPU);
``jobs`` of them run at once, one torch thread each. A member already in ``members_dir`` with the same
folds and recipe is reused, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import multiprocessing
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Final

import numpy as np
import torch

from detector.datasets import BUSI_CLASSES, Cached, busi_class, cache_ultrasound, in_folds, load_busi
from detector.ensemble import Ensemble, round_parameters
from detector.heads import UltrasoundModel
from detector.model import save_checkpoint
from detector.reports import environment, git_commit, write_json
from detector.train_ultrasound import (
    CALIBRATION_METHOD,
    UltrasoundSettings,
    calibrate_ultrasound,
    plot_ultrasound,
    predict_logits,
    train_ultrasound,
)
from detector.weights import weights_path

logger = logging.getLogger(__name__)

CROSS_FIT_FOLDS: Final = (0, 1, 2, 3)
STORAGE_DTYPE: Final = torch.float16  # halves the four-member checkpoint; rounded before calibration
NAME: Final = "ultrasound"
# not part of what a member is: a run that hits its budget ends early, and then its epochs differ anyway
_NOT_RECIPE: Final = frozenset({"time_budget_s", "train_folds", "validation_folds", "device"})


def member_settings(fold: int) -> UltrasoundSettings:
    """The committed recipe with ``fold`` validating and the other three of folds 0-3 training."""
    if fold not in CROSS_FIT_FOLDS:
        raise ValueError(f"validation fold must be one of {CROSS_FIT_FOLDS}, got {fold}")
    train = tuple(f for f in CROSS_FIT_FOLDS if f != fold)
    return dataclasses.replace(UltrasoundSettings(), train_folds=train, validation_folds=(fold,))


def member_dir(members_dir: Path, fold: int) -> Path:
    return members_dir / f"busi-fold{fold}"


def has_member(members_dir: Path, fold: int) -> bool:
    """True when that member was trained already, with the same folds and recipe."""
    checkpoint = weights_path(NAME, member_dir(members_dir, fold))
    card_path = checkpoint.with_suffix(".json")
    if not checkpoint.is_file() or not card_path.is_file():
        return False
    card = json.loads(card_path.read_text(encoding="utf-8"))
    settings = member_settings(fold)
    data = card.get("data", {})
    if data.get("validation_folds") != [fold] or data.get("train_folds") != list(settings.train_folds):
        return False
    wanted = json.loads(json.dumps(dataclasses.asdict(settings)))
    recorded = card.get("hyper_parameters", {})
    return all(
        recorded[key] == value for key, value in wanted.items() if key in recorded and key not in _NOT_RECIPE
    )


def train_member(data_dir: Path, members_dir: Path, fold: int, progress: bool) -> Path:
    """One member (run in a worker process: one torch thread, so ``jobs`` members share the cores)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    torch.set_num_threads(1)
    return train_ultrasound(data_dir, member_dir(members_dir, fold), member_settings(fold), progress=progress)


def train_cross_fitted(
    data_dir: Path, out_dir: Path, *, members_dir: Path, jobs: int = 2, progress: bool = False
) -> Path:
    """Train the missing members (``jobs`` at a time), then combine all four into ``out_dir``."""
    missing = [f for f in CROSS_FIT_FOLDS if not has_member(members_dir, f)]
    logger.info("cross-fit: members to train for validation folds %s, in %s", missing, members_dir)
    if missing:
        context = multiprocessing.get_context("spawn")  # no forked torch thread pools
        with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
            futures = [pool.submit(train_member, data_dir, members_dir, f, progress) for f in missing]
            for future in futures:
                logger.info("member written: %s", future.result())
    return combine(data_dir, [member_dir(members_dir, f) for f in CROSS_FIT_FOLDS], out_dir)


def combine(data_dir: Path, member_dirs: Sequence[Path], out_dir: Path) -> Path:
    """One ensemble checkpoint + model card + plots from trained members, calibrated out of fold."""
    started = time.perf_counter()
    members = [UltrasoundModel.load(weights_path(NAME, d)) for d in member_dirs]
    folds = [_validation_fold(m) for m in members]
    if len(set(folds)) != len(folds):
        raise ValueError(f"each member must hold out a different fold, got {folds}")
    ensemble = Ensemble([m.model for m in members])
    round_parameters(ensemble, STORAGE_DTYPE)  # the members now compute exactly what the checkpoint will
    tta = members[0].tta
    config = dataclasses.replace(
        members[0].config,
        members=len(members),
        version=f"busi-cv{len(members)}-{dt.date.today().isoformat()}",
    )

    cases = in_folds(load_busi(data_dir), folds)
    cached = cache_ultrasound(cases, config.input_size)
    labels = np.array([busi_class(c) for c in cases])
    calibration = calibrate_ultrasound(out_of_fold_logits(members, folds, cached), labels)

    out_dir.mkdir(parents=True, exist_ok=True)
    checkpoint = weights_path(NAME, out_dir)
    (out_dir / f"{NAME}_loss.png").unlink(missing_ok=True)  # a single run's curve; members' are in the card
    plots = plot_ultrasound(out_dir, [], labels, calibration)
    save_checkpoint(ensemble, checkpoint, parameter_dtype=STORAGE_DTYPE)
    card = {
        **config.to_dict(),
        "task": NAME,
        "classes": list(BUSI_CLASSES),
        "intended_use": "research only; not a medical device",
        "data": {
            "dataset": "BUSI (Al-Dhabyani et al. 2020), 256x256 copy, grouped folds",
            "train_folds": sorted(folds),
            "validation_folds": sorted(folds),
            "validation": "out of fold: each image scored by the one member that did not train on it",
            "held_out_fold": 4,
            "n_validation": len(cases),
        },
        "calibration": calibration.card_section(f"{CALIBRATION_METHOD}; on out-of-fold logits", tta),
        "metrics": {"validation": calibration.report},
        "ensemble": {
            "members": len(members),
            "combination": "mean of the members' logits and class activation maps",
            "storage": "parameters float16 (rounded before calibration), batch-norm statistics float32",
        },
        "heatmap": "class activation map of the malignant class, averaged over the members",
        "plots": [p.name for p in plots],
        "hyper_parameters": {
            k: v for k, v in members[0].card.get("hyper_parameters", {}).items() if k not in _NOT_RECIPE
        },
        "training": {
            "cross_fitted": True,
            "members": [_member_summary(m, f) for m, f in zip(members, folds, strict=True)],
            "seconds": round(sum(float(m.card.get("training", {}).get("seconds", 0.0)) for m in members), 1),
            "combine_seconds": round(time.perf_counter() - started, 1),
        },
        "git_commit": git_commit(),
        "environment": environment(),
    }
    write_json(checkpoint.with_suffix(".json"), card)
    logger.info("wrote %s (out-of-fold AUC %.3f)", checkpoint, calibration.report["auc"])
    return checkpoint


def out_of_fold_logits(
    members: Sequence[UltrasoundModel], folds: Sequence[int], cached: Cached
) -> np.ndarray[Any, Any]:
    """(N, C) logits in ``cached`` order, each image's from the member that held its fold out."""
    logits = np.zeros((len(cached.cases), len(BUSI_CLASSES)))
    for member, fold in zip(members, folds, strict=True):
        index = np.array([i for i, case in enumerate(cached.cases) if case.fold == fold], dtype=np.int64)
        logits[index] = predict_logits(member, cached.images[index])
    return logits


def _validation_fold(member: UltrasoundModel) -> int:
    folds = member.card.get("data", {}).get("validation_folds", [])
    if len(folds) != 1 or folds[0] not in CROSS_FIT_FOLDS:
        raise ValueError(f"a member must validate on one fold of {CROSS_FIT_FOLDS}, its card says {folds}")
    return int(folds[0])


def _member_summary(member: UltrasoundModel, fold: int) -> dict[str, Any]:
    validation = member.card.get("metrics", {}).get("validation", {})
    training = member.card.get("training", {})
    return {
        "validation_fold": fold,
        "version": member.config.version,
        "epochs_run": training.get("epochs_run"),
        "best_epoch": training.get("best_epoch"),
        "seconds": training.get("seconds"),
        "git_commit": member.card.get("git_commit"),
        "validation_auc": validation.get("auc"),
        "validation_accuracy_3class": validation.get("accuracy_3class"),
        "validation_ece": validation.get("ece"),
    }
