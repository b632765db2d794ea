"""Fine-tune the mammography model on mini-MIAS with the lesion centres as dense supervision.

A whole film with one label is too weak a signal for 200 images (FINDINGS: chance level), so the network is
trained as a fully-convolutional lesion detector: the class activation map (one logit per 32 px cell) is
pushed up inside the lesion circles of findings.csv and down over the rest of the breast and over normal
films (the patch-classifier idea of Shen et al. 2019, with every cell of the film as a patch). The image score
is the mean of the top-k cells, trained with an image-level loss as well; its calibration (Platt form of
temperature scaling) and k are chosen on the validation fold. Output 0: any lesion; output 1: malignant
lesion.
Folds 0-2 train, fold 3 validates (settings can choose others among 0-3); fold 4 is never read here.
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

from detector.calibration import Bands, fit_bands, fit_temperature_binary, sigmoid
from detector.cam import forward_with_cam, top_k_mean
from detector.config import ModelConfig
from detector.datasets import Cached, cache_mammography, has_centre, in_folds, load_mini_mias
from detector.heads import MammographyModel, to_batch
from detector.metrics import binary_report, roc_auc
from detector.model import save_checkpoint
from detector.model_card import write_model_card
from detector.pointing import pointing_game
from detector.prepare import normalise
from detector.reports import plot_training
from detector.training import Augment, batches, finetune_model, fit, seed_everything

logger = logging.getLogger(__name__)

TRAIN_FOLDS: Final = (0, 1, 2)
VALIDATION_FOLDS: Final = (3,)
HELD_OUT_FOLD: Final = 4
TOP_K_CHOICES: Final = (1, 2, 4, 8)


@dataclass(frozen=True)
class MammographySettings:
    input_size: int = 384
    epochs: int = 16
    batch_size: int = 8
    lr: float = 5e-4
    weight_decay: float = 1e-4
    frozen_blocks: int = 3
    positive_weight: float = 8.0
    image_loss_weight: float = 0.5
    train_top_k: int = 4
    patience: int = 6
    seed: int = 20261126
    tta: bool = True
    time_budget_s: float = 25 * 60
    patch_size: int = 0  # > 0: train on patches of this size cut from the input_size film (patch mode)
    steps_per_epoch: int = 0  # 0: one pass over the training films
    train_folds: tuple[int, ...] = TRAIN_FOLDS
    validation_folds: tuple[int, ...] = VALIDATION_FOLDS

    def __post_init__(self) -> None:
        if HELD_OUT_FOLD in self.train_folds + self.validation_folds:
            raise ValueError(f"fold {HELD_OUT_FOLD} is held out: never train or tune on it")


# Patch mode (Shen et al. 2019): half of each batch centred (with jitter) on a lesion, half anywhere in the
# breast; the same per-cell and pooled losses; inference stays fully convolutional on the whole film.
PATCH_SETTINGS = MammographySettings(
    input_size=640,
    patch_size=192,
    batch_size=16,
    epochs=12,
    steps_per_epoch=40,
    frozen_blocks=3,
    lr=5e-4,
    train_top_k=2,
    patience=12,
)


def cell_targets(masks: torch.Tensor, grid: int) -> torch.Tensor:
    """(B, 2, S, S) masks -> (B, 2, g, g): 1 where any lesion pixel falls in the cell."""
    return (F.adaptive_max_pool2d(masks.float(), grid) > 0).float()


class PatchSampler:
    """Patches (B, 1, P, P), their masks (B, 2, P, P) and film indices; half of them centred near a lesion."""

    def __init__(self, cached: Cached, settings: MammographySettings, generator: torch.Generator) -> None:
        assert cached.masks is not None
        self.images, self.masks = cached.images, cached.masks
        self.size, self.patch = settings.input_size, settings.patch_size
        self.generator = generator
        self.lesion_points = {
            i: np.argwhere(cached.masks[i, 0]) for i, c in enumerate(cached.cases) if has_centre(c)
        }
        self.lesion_films = sorted(self.lesion_points)
        self.tissue_points = [np.argwhere(image[::8, ::8] > 10) * 8 for image in cached.images]

    def _pick(self, count: int) -> int:
        return int(torch.randint(0, count, (1,), generator=self.generator))

    def sample(self, batch: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        xs, ms, films = [], [], []
        half = self.patch // 2
        for b in range(batch):
            if b % 2 == 0 and self.lesion_films:
                film = self.lesion_films[self._pick(len(self.lesion_films))]
                points = self.lesion_points[film]
                jitter = self.patch // 3
                dy, dx = (int(v) for v in torch.randint(-jitter, jitter + 1, (2,), generator=self.generator))
            else:
                film = self._pick(len(self.images))
                points = self.tissue_points[film]
                dy = dx = 0
            cy, cx = points[self._pick(len(points))] if len(points) else (self.size // 2, self.size // 2)
            top = int(np.clip(cy + dy - half, 0, self.size - self.patch))
            left = int(np.clip(cx + dx - half, 0, self.size - self.patch))
            xs.append(self.images[film, top : top + self.patch, left : left + self.patch])
            ms.append(self.masks[film, :, top : top + self.patch, left : left + self.patch])
            films.append(film)
        x = torch.from_numpy(np.stack(xs)).float().div_(255.0)[:, None]
        return x, torch.from_numpy(np.stack(ms)).float(), torch.tensor(films)


def val_scores(
    task: MammographyModel, cached: Cached, batch_size: int = 16
) -> tuple[np.ndarray[Any, Any], torch.Tensor]:
    """Cell maps (N, 2, g, g) for every image; scores come from top_k_mean on them."""
    maps = [task.forward(to_batch(cached.images[s]))[1] for s in batches(len(cached.cases), batch_size)]
    all_maps = torch.cat(maps)
    return all_maps.numpy(), all_maps


@dataclass(frozen=True)
class MammographyCalibration:
    """The top-k pooling, Platt temperature/bias and bands chosen on validation maps, and their report."""

    top_k: int
    temperature: float
    bias: float
    bands: Bands
    report: dict[str, Any]
    labels: np.ndarray[Any, Any]
    raw: np.ndarray[Any, Any]
    calibrated: np.ndarray[Any, Any]

    def card_section(self, method: str, tta: bool) -> dict[str, Any]:
        return {
            "method": method,
            "temperature": self.temperature,
            "bias": self.bias,
            "top_k": self.top_k,
            "tta": tta,
            "bands": self.bands.to_dict(),
            "positive": "abnormal (benign or malignant finding)",
        }


def calibrate_mammography(maps: torch.Tensor, cached: Cached) -> MammographyCalibration:
    """``maps`` (N, 2, g, g) in ``cached`` order: k by validation AUC, then sigmoid(score / T + b), bands."""
    abnormal = np.array([c.abnormal for c in cached.cases])
    by_k = {k: roc_auc(abnormal, top_k_mean(maps[:, 0], k).numpy()) for k in TOP_K_CHOICES}
    top_k = max(by_k, key=lambda k: by_k[k])
    raw = top_k_mean(maps[:, 0], top_k).numpy().astype(np.float64)
    raw_malignant = top_k_mean(maps[:, 1], top_k).numpy().astype(np.float64)
    temperature, bias = fit_temperature_binary(raw, abnormal, with_bias=True)
    calibrated = sigmoid(raw / temperature + bias)
    bands = fit_bands(abnormal, calibrated)
    report = binary_report(abnormal, calibrated, threshold=bands.threshold_low)
    malignant = [c.malignant for c in cached.cases]
    report["auc_malignant_vs_rest"] = roc_auc(malignant, raw_malignant)
    report["auc_malignant_vs_rest_from_lesion_score"] = roc_auc(malignant, raw)
    report["ece_uncalibrated"] = binary_report(abnormal, sigmoid(raw), threshold=0.5)["ece"]
    report["auc_by_top_k"] = {str(k): v for k, v in by_k.items()}
    report["pointing_game"] = pointing_game(cached, maps[:, 0])
    return MammographyCalibration(top_k, temperature, bias, bands, report, abnormal, raw, calibrated)


def plot_mammography(
    out_dir: Path, epochs: list[dict[str, float]], calibration: MammographyCalibration
) -> list[Path]:
    return plot_training(
        out_dir,
        "mammography",
        epochs,
        calibration.labels,
        calibration.calibrated,
        sigmoid(calibration.raw),
        calibration.report["confusion_matrix"],
        ("normal", "abnormal"),
        "mini-MIAS mammography",
    )


def train_mammography(
    data_dir: Path,
    out_dir: Path,
    settings: MammographySettings = MammographySettings(),
    *,
    progress: bool = True,
) -> Path:
    started = time.perf_counter()
    generator = seed_everything(settings.seed)
    cases = load_mini_mias(data_dir)
    train_cases = in_folds(cases, settings.train_folds)
    val_cases = in_folds(cases, settings.validation_folds)
    train = cache_mammography(train_cases, settings.input_size)
    val = cache_mammography(val_cases, settings.input_size)
    assert train.masks is not None
    logger.info(
        "mini-MIAS: %d train, %d validation films (%.0f s to decode)",
        len(train_cases),
        len(val_cases),
        time.perf_counter() - started,
    )

    version = f"mini-mias-{dt.date.today().isoformat()}"
    config = ModelConfig(input_size=settings.input_size, num_outputs=2, name="mammography", version=version)
    model = finetune_model(config, frozen_blocks=settings.frozen_blocks)
    task = MammographyModel(config, model, {}, tta=False)
    images = to_batch(train.images)
    masks = torch.from_numpy(train.masks).float()
    abnormal = torch.tensor([c.abnormal for c in train_cases], dtype=torch.float32)
    malignant = torch.tensor([c.malignant for c in train_cases], dtype=torch.float32)
    # abnormal films without a centre (diffuse calcifications...): image-level loss only
    dense_ok = torch.tensor([(not c.abnormal) or has_centre(c) for c in train_cases], dtype=torch.float32)
    weights = torch.where(abnormal > 0, 1.0 / abnormal.sum(), 1.0 / (1 - abnormal).sum())  # balanced
    augment = Augment(
        flip_horizontal=False,
        flip_vertical=True,
        rotate_degrees=8.0,
        shift=0.05,
        zoom=(1.0, 1.2),
        gamma=(0.8, 1.25),
    )
    val_abnormal = np.array([c.abnormal for c in val_cases])

    patches = PatchSampler(train, settings, generator) if settings.patch_size else None
    if patches is not None:
        augment = Augment(
            flip_horizontal=True,
            flip_vertical=True,
            rotate_degrees=15.0,
            shift=0.05,
            zoom=(0.9, 1.15),
            gamma=(0.8, 1.25),
        )

    def step(m: torch.nn.Module) -> torch.Tensor:
        if patches is not None:
            x, patch_masks, index = patches.sample(settings.batch_size)
            x, warped = augment(x, patch_masks, generator)
        else:
            index = torch.multinomial(weights, settings.batch_size, replacement=True, generator=generator)
            x, warped = augment(images[index], masks[index], generator)
        assert warped is not None
        _, maps = forward_with_cam(m, normalise(x, config.mean, config.std))
        target = cell_targets(warped, maps.shape[-1])
        cell_weight = torch.where(target > 0, settings.positive_weight, 1.0) * dense_ok[index].view(
            -1, 1, 1, 1
        )
        dense = F.binary_cross_entropy_with_logits(maps, target, weight=cell_weight, reduction="sum")
        dense = dense / cell_weight.sum().clamp(min=1.0)
        if patches is not None:  # a patch is positive when it holds a lesion cell
            image_target = target.amax(dim=(2, 3))
        else:
            image_target = torch.stack([abnormal[index], malignant[index]], dim=1)
        pooled = torch.stack([top_k_mean(maps[:, c], settings.train_top_k) for c in range(2)], dim=1)
        image = F.binary_cross_entropy_with_logits(pooled, image_target)
        return dense + settings.image_loss_weight * image

    def validate(m: torch.nn.Module) -> dict[str, float]:
        _, maps = val_scores(task, val)
        scores = top_k_mean(maps[:, 0], settings.train_top_k).numpy()
        return {"val_auc": roc_auc(val_abnormal, scores)}

    history = fit(
        model,
        epochs=settings.epochs,
        steps_per_epoch=settings.steps_per_epoch or max(1, len(train_cases) // settings.batch_size),
        train_step=step,
        validate=validate,
        lr=settings.lr,
        weight_decay=settings.weight_decay,
        patience=settings.patience,
        time_budget_s=settings.time_budget_s,
        progress=progress,
    )

    task.tta = settings.tta
    _, maps = val_scores(task, val)
    calibration = calibrate_mammography(maps, val)
    report = calibration.report

    out_dir.mkdir(parents=True, exist_ok=True)
    checkpoint = out_dir / "mammography.safetensors"
    save_checkpoint(model, checkpoint)
    plots = plot_mammography(out_dir, history.epochs, calibration)
    write_model_card(
        checkpoint,
        config,
        task="mammography",
        settings=settings,
        recipe={
            "sampling": "balanced normal/abnormal",
            "early_stopping": "validation AUC",
            "supervision": "lesion circles of findings.csv per 32 px cell + image label",
        },
        history=history,
        started=started,
        sections={
            "outputs": ["lesion (abnormal vs normal)", "malignant lesion (malignant vs rest)"],
            "intended_use": "research only; not a medical device",
            "data": {
                "dataset": "mini-MIAS (Suckling et al. 1994), 1024x1024 film at 200 um, folds per woman",
                "train_folds": list(settings.train_folds),
                "validation_folds": list(settings.validation_folds),
                "held_out_fold": HELD_OUT_FOLD,
                "n_train": len(train_cases),
                "n_validation": len(val_cases),
            },
            "preprocessing": (
                "breast crop (threshold + largest region), chest wall turned to the left, "
                f"longer side fitted to {settings.input_size} px"
            ),
            "calibration": calibration.card_section(
                "Platt / temperature scaling sigmoid(score / T + b) on validation", settings.tta
            ),
            "metrics": {"validation": report},
            "heatmap": "the lesion map itself (class activation map of output 0; Grad-CAM for this head)",
            "plots": [p.name for p in plots],
        },
    )
    logger.info("wrote %s (validation AUC %.3f, k=%d)", checkpoint, report["auc"], calibration.top_k)
    return checkpoint
