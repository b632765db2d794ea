"""Cross-fitted ensembles: one member per fold of 0-3 held out for validation, calibrated out of fold.

    bcdbot train --dataset busi --cross-fit --data-dir ../shared/data/busi --out detector/weights

One validation fold (156 BUSI images, 62 mini-MIAS films) is a noisy judge: the same recipe's score on one
fold moved by four points between two devices (docs/ultrasound_recipe_sweep.md). Here each fold 0-3 is held
out once, so four members are trained, and their mean answers. Every image of folds 0-3 then becomes a
calibration image: it is scored by the one member that never trained on it (out of fold). The temperature,
the bands and the validation report therefore rest on 624 BUSI images / 260 films instead of 156 / 62.
Fold 4 is never read.

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
from typing import Any, Final, Literal

import numpy as np
import torch

from detector.datasets import (
    BUSI_CLASSES,
    Cached,
    busi_class,
    cache_mammography,
    cache_ultrasound,
    in_folds,
    load_busi,
    load_mini_mias,
)
from detector.ensemble import Ensemble, round_parameters
from detector.model import save_checkpoint
from detector.reports import environment, git_commit, write_json
from detector.tasks import MammographyModel, TaskModel, UltrasoundModel, to_batch
from detector.train_mammography import MammographySettings, calibrate_mammography, plot_mammography
from detector.train_ultrasound import (
    UltrasoundSettings,
    calibrate_ultrasound,
    plot_ultrasound,
)
from detector.training import batches
from detector.weights import weights_path

logger = logging.getLogger(__name__)

Dataset = Literal["busi", "mini-mias"]
CROSS_FIT_FOLDS: Final = (0, 1, 2, 3)
STORAGE_DTYPE: Final = torch.float16  # halves the four-member checkpoint; rounded before calibration
MODEL_NAME: Final[dict[str, str]] = {"busi": "ultrasound", "mini-mias": "mammography"}
# not part of what a member is: a run that hits its budget ends early, and then its epochs differ anyway
_NOT_RECIPE: Final = frozenset({"time_budget_s", "train_folds", "validation_folds", "device"})


def member_settings(dataset: Dataset, fold: int) -> UltrasoundSettings | MammographySettings:
    """The committed recipe with ``fold`` validating and the other three of folds 0-3 training."""
    if fold not in CROSS_FIT_FOLDS:
        raise ValueError(f"validation fold must be one of {CROSS_FIT_FOLDS}, got {fold}")
    train = tuple(f for f in CROSS_FIT_FOLDS if f != fold)
    base: UltrasoundSettings | MammographySettings
    base = UltrasoundSettings() if dataset == "busi" else MammographySettings()
    return dataclasses.replace(base, train_folds=train, validation_folds=(fold,))


def member_dir(members_dir: Path, dataset: Dataset, fold: int) -> Path:
    return members_dir / f"{dataset}-fold{fold}"


def has_member(members_dir: Path, dataset: Dataset, fold: int) -> bool:
    """True when that member was trained already, with the same folds and recipe."""
    card_path = weights_path(MODEL_NAME[dataset], member_dir(members_dir, dataset, fold)).with_suffix(".json")
    if not card_path.with_suffix(".safetensors").is_file() or not card_path.is_file():
        return False
    card = json.loads(card_path.read_text(encoding="utf-8"))
    settings = member_settings(dataset, fold)
    data = card.get("data", {})
    if data.get("validation_folds") != [fold] or data.get("train_folds") != list(settings.train_folds):
        return False
    wanted = json.loads(json.dumps(dataclasses.asdict(settings)))
    recorded = card.get("hyper_parameters", {})
    return all(
        recorded[key] == value for key, value in wanted.items() if key in recorded and key not in _NOT_RECIPE
    )


def train_member(dataset: Dataset, data_dir: Path, members_dir: Path, fold: int, progress: bool) -> Path:
    """One member (run in a worker process: one torch thread, so ``jobs`` members share the cores)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    torch.set_num_threads(1)
    out = member_dir(members_dir, dataset, fold)
    settings = member_settings(dataset, fold)
    if isinstance(settings, UltrasoundSettings):
        from detector.train_ultrasound import train_ultrasound

        return train_ultrasound(data_dir, out, settings, progress=progress)
    from detector.train_mammography import train_mammography

    return train_mammography(data_dir, out, settings, progress=progress)


def train_cross_fitted(
    dataset: Dataset,
    data_dir: Path,
    out_dir: Path,
    *,
    members_dir: Path,
    jobs: int = 2,
    progress: bool = False,
) -> Path:
    """Train the missing members (``jobs`` at a time), then combine all four into ``out_dir``."""
    missing = [f for f in CROSS_FIT_FOLDS if not has_member(members_dir, dataset, f)]
    logger.info(
        "cross-fit %s: members to train for validation folds %s, in %s", dataset, missing, members_dir
    )
    if missing:
        context = multiprocessing.get_context("spawn")  # no forked torch thread pools
        with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
            futures = [
                pool.submit(train_member, dataset, data_dir, members_dir, f, progress) for f in missing
            ]
            for future in futures:
                logger.info("member written: %s", future.result())
    return combine(dataset, data_dir, [member_dir(members_dir, dataset, f) for f in CROSS_FIT_FOLDS], out_dir)


def combine(dataset: Dataset, data_dir: Path, member_dirs: Sequence[Path], out_dir: Path) -> Path:
    """One ensemble checkpoint + model card + plots from trained members, calibrated out of fold."""
    started = time.perf_counter()
    name = MODEL_NAME[dataset]
    loader = UltrasoundModel if dataset == "busi" else MammographyModel
    members = [loader.load(weights_path(name, d)) for d in member_dirs]
    folds = [_validation_fold(m) for m in members]
    if len(set(folds)) != len(folds):
        raise ValueError(f"each member must hold out a different fold, got {folds}")
    ensemble = Ensemble([m.model for m in members])
    round_parameters(ensemble, STORAGE_DTYPE)  # the members now compute exactly what the checkpoint will
    tta = members[0].tta
    config = dataclasses.replace(
        members[0].config,
        members=len(members),
        version=f"{dataset}-cv{len(members)}-{dt.date.today().isoformat()}",
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    checkpoint = weights_path(name, out_dir)
    stale_loss_plot = out_dir / f"{name}_loss.png"  # a single run's curve; members keep theirs in their cards
    stale_loss_plot.unlink(missing_ok=True)
    if isinstance(members[0], UltrasoundModel):
        sections = _ultrasound_sections(members, folds, data_dir, out_dir, tta)
    else:
        sections = _mammography_sections(members, folds, data_dir, out_dir, tta)
    save_checkpoint(ensemble, checkpoint, parameter_dtype=STORAGE_DTYPE)
    card = {
        **config.to_dict(),
        "task": name,
        **sections,
        "intended_use": "research only; not a medical device",
        "ensemble": {
            "members": len(members),
            "combination": "mean of the members' logits and class activation maps",
            "calibration_data": "out of fold: each image of folds "
            f"{sorted(folds)} scored by the one member that did not train on it",
            "storage": "parameters float16 (rounded before calibration), batch-norm statistics float32",
        },
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
    logger.info("wrote %s (out-of-fold AUC %.3f)", checkpoint, card["metrics"]["validation"]["auc"])
    return checkpoint


def _validation_fold(member: TaskModel) -> int:
    folds = member.card.get("data", {}).get("validation_folds", [])
    if len(folds) != 1 or folds[0] not in CROSS_FIT_FOLDS:
        raise ValueError(f"a member must validate on one fold of {CROSS_FIT_FOLDS}, its card says {folds}")
    return int(folds[0])


def _member_summary(member: TaskModel, fold: int) -> dict[str, Any]:
    validation = member.card.get("metrics", {}).get("validation", {})
    training = member.card.get("training", {})
    summary = {
        "validation_fold": fold,
        "version": member.config.version,
        "epochs_run": training.get("epochs_run"),
        "best_epoch": training.get("best_epoch"),
        "seconds": training.get("seconds"),
        "git_commit": member.card.get("git_commit"),
        "validation_auc": validation.get("auc"),
        "validation_ece": validation.get("ece"),
    }
    if "accuracy_3class" in validation:
        summary["validation_accuracy_3class"] = validation["accuracy_3class"]
    return summary


def _fold_index(cached: Cached, fold: int) -> np.ndarray[Any, Any]:
    return np.array([i for i, case in enumerate(cached.cases) if case.fold == fold], dtype=np.int64)


def out_of_fold_logits(
    members: Sequence[TaskModel], folds: Sequence[int], cached: Cached
) -> np.ndarray[Any, Any]:
    """(N, C) logits in ``cached`` order, each image's from the member that held its fold out."""
    logits: np.ndarray[Any, Any] | None = None
    for member, fold in zip(members, folds, strict=True):
        index = _fold_index(cached, fold)
        for chunk in batches(len(index), 32):
            chunk_logits = member.forward(to_batch(cached.images[index[chunk]]))[0].numpy()
            if logits is None:
                logits = np.zeros((len(cached.cases), chunk_logits.shape[1]))
            logits[index[chunk]] = chunk_logits
    if logits is None:
        raise ValueError("no image of the members' validation folds")
    return logits


def out_of_fold_maps(members: Sequence[TaskModel], folds: Sequence[int], cached: Cached) -> torch.Tensor:
    """(N, C, h, w) class activation maps in ``cached`` order, each from the member that held its fold out."""
    maps: torch.Tensor | None = None
    for member, fold in zip(members, folds, strict=True):
        index = _fold_index(cached, fold)
        for chunk in batches(len(index), 16):
            _, chunk_maps = member.forward(to_batch(cached.images[index[chunk]]))
            if maps is None:
                maps = torch.zeros((len(cached.cases), *chunk_maps.shape[1:]))
            maps[torch.from_numpy(index[chunk])] = chunk_maps
    if maps is None:
        raise ValueError("no image of the members' validation folds")
    return maps


def _ultrasound_sections(
    members: Sequence[TaskModel], folds: list[int], data_dir: Path, out_dir: Path, tta: bool
) -> dict[str, Any]:
    cases = in_folds(load_busi(data_dir), folds)
    cached = cache_ultrasound(cases, members[0].config.input_size)
    logits = out_of_fold_logits(members, folds, cached)
    labels = np.array([busi_class(c) for c in cases])
    calibration = calibrate_ultrasound(logits, labels)
    plots = plot_ultrasound(out_dir, [], labels, calibration)
    return {
        "classes": list(BUSI_CLASSES),
        "data": {
            "dataset": "BUSI (Al-Dhabyani et al. 2020), 256x256 copy, grouped folds",
            "train_folds": sorted(folds),
            "validation_folds": sorted(folds),
            "validation": "out of fold",
            "held_out_fold": 4,
            "n_validation": len(cases),
        },
        "calibration": calibration.card_section(
            "temperature scaling on out-of-fold logits (binary log-loss of P(malignant))", tta
        ),
        "metrics": {"validation": calibration.report},
        "heatmap": "class activation map of the malignant class, averaged over the members",
        "plots": [p.name for p in plots],
    }


def _mammography_sections(
    members: Sequence[TaskModel], folds: list[int], data_dir: Path, out_dir: Path, tta: bool
) -> dict[str, Any]:
    cases = in_folds(load_mini_mias(data_dir), folds)
    cached = cache_mammography(cases, members[0].config.input_size)
    maps = out_of_fold_maps(members, folds, cached)
    calibration = calibrate_mammography(maps, cached)
    plots = plot_mammography(out_dir, [], calibration)
    return {
        "outputs": ["lesion (abnormal vs normal)", "malignant lesion (malignant vs rest)"],
        "data": {
            "dataset": "mini-MIAS (Suckling et al. 1994), 1024x1024 film at 200 um, folds per woman",
            "train_folds": sorted(folds),
            "validation_folds": sorted(folds),
            "validation": "out of fold",
            "held_out_fold": 4,
            "n_validation": len(cases),
        },
        "preprocessing": (
            "breast crop (threshold + largest region), chest wall turned to the left, "
            f"longer side fitted to {members[0].config.input_size} px"
        ),
        "calibration": calibration.card_section(
            "Platt / temperature scaling sigmoid(score / T + b) on out-of-fold scores", tta
        ),
        "metrics": {"validation": calibration.report},
        "heatmap": "the lesion map (class activation map of output 0), averaged over the members",
        "plots": [p.name for p in plots],
    }
