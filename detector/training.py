"""What every fine-tuning run shares: seeds, the ImageNet start, augmentation, AdamW + cosine, early stopping.

Augmentation works on batches of gray tensors (B, 1, S, S) in [0, 1] (and, for mini-MIAS, the lesion masks
with the same geometry): random flips, a small affine (rotation, shift, zoom in = random resized crop), then
intensity jitter (gamma, contrast, brightness) and a little noise.
"""

from __future__ import annotations

import copy
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from tqdm import tqdm  # type: ignore[import-untyped]

from detector.config import ModelConfig
from detector.model import build_model

logger = logging.getLogger(__name__)


def seed_everything(seed: int) -> torch.Generator:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)


def finetune_model(config: ModelConfig, *, frozen_blocks: int) -> torch.nn.Module:
    """ImageNet EfficientNet-Lite0 with a new head; the stem and the first ``frozen_blocks`` stages frozen.

    Freezing the high-resolution early stages (generic edges and textures) makes a CPU training step ~3x
    cheaper at 384 px: their backward pass is most of the cost.
    """
    model = build_model(config, imagenet=True)
    blocks: Any = model.blocks
    frozen: list[Any] = [model.conv_stem, model.bn1, *list(blocks)[:frozen_blocks]]
    for module in frozen:
        for parameter in module.parameters():
            parameter.requires_grad_(False)
    model.frozen_modules = frozen  # type: ignore[assignment]
    return model


def train_mode(model: torch.nn.Module) -> None:
    """Train mode, except frozen stages keep their ImageNet batch-norm statistics."""
    model.train()
    for module in getattr(model, "frozen_modules", []):
        module.eval()


@dataclass
class Augment:
    flip_horizontal: bool = True
    flip_vertical: bool = False
    rotate_degrees: float = 10.0
    shift: float = 0.06
    zoom: tuple[float, float] = (1.0, 1.25)  # >1 crops in: random resized crop
    gamma: tuple[float, float] = (0.75, 1.33)
    contrast: tuple[float, float] = (0.8, 1.2)
    brightness: float = 0.06
    noise: float = 0.01

    def __call__(
        self, images: torch.Tensor, masks: torch.Tensor | None, generator: torch.Generator
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        batch = images.shape[0]

        def uniform(low: float, high: float) -> torch.Tensor:
            return low + (high - low) * torch.rand(batch, generator=generator)

        angle = uniform(-self.rotate_degrees, self.rotate_degrees) * math.pi / 180.0
        zoom = uniform(*self.zoom)
        sx = (
            torch.where(torch.rand(batch, generator=generator) < 0.5, -1.0, 1.0)
            if self.flip_horizontal
            else 1.0
        )
        sy = (
            torch.where(torch.rand(batch, generator=generator) < 0.5, -1.0, 1.0)
            if self.flip_vertical
            else 1.0
        )
        cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
        theta = torch.zeros(batch, 2, 3)
        theta[:, 0, 0], theta[:, 0, 1] = cos * sx, -sin
        theta[:, 1, 0], theta[:, 1, 1] = sin, cos * sy
        theta[:, 0, 2], theta[:, 1, 2] = uniform(-self.shift, self.shift), uniform(-self.shift, self.shift)
        grid = F.affine_grid(theta, list(images.shape), align_corners=False)
        out = F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
        warped_masks = None
        if masks is not None:
            warped_masks = F.grid_sample(
                masks, grid, mode="nearest", padding_mode="zeros", align_corners=False
            )
        gamma = uniform(*self.gamma).view(-1, 1, 1, 1)
        contrast = uniform(*self.contrast).view(-1, 1, 1, 1)
        brightness = uniform(-self.brightness, self.brightness).view(-1, 1, 1, 1)
        out = out.clamp(0.0, 1.0) ** gamma
        out = (out - 0.5) * contrast + 0.5 + brightness
        out = out + self.noise * torch.randn(out.shape, generator=generator)
        return out.clamp(0.0, 1.0), warped_masks


@dataclass
class History:
    epochs: list[dict[str, float]] = field(default_factory=list)
    best_epoch: int = -1
    best_score: float = -math.inf
    seconds: float = 0.0


def fit(
    model: torch.nn.Module,
    *,
    epochs: int,
    steps_per_epoch: int,
    train_step: Callable[[torch.nn.Module], torch.Tensor],
    validate: Callable[[torch.nn.Module], dict[str, float]],
    score_key: str = "val_auc",
    lr: float = 1e-3,
    weight_decay: float = 1e-4,
    patience: int = 5,
    time_budget_s: float = 25 * 60,
    progress: bool = True,
    ema_decay: float | None = None,
    ema_statistics: bool = False,
) -> History:
    """AdamW + cosine (per step, 1 warm-up epoch); keep the weights of the best validation score.

    Stops early after ``patience`` epochs without improvement, or when the time budget would be exceeded.
    With ``ema_decay`` validation (and the kept weights) use an exponential moving average of the weights:
    on a few hundred images single-step weights are noisy, and their average generalises more steadily.
    """
    parameters = [p for p in model.parameters() if p.requires_grad]
    ema = (
        WeightAverage(model, ema_decay, average_statistics=ema_statistics) if ema_decay is not None else None
    )
    optimizer = torch.optim.AdamW(parameters, lr=lr, weight_decay=weight_decay)
    total = epochs * steps_per_epoch
    warmup = steps_per_epoch

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return 0.5 * (1.0 + math.cos(math.pi * (step - warmup) / max(1, total - warmup)))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    history = History()
    best_state: dict[str, Any] | None = None
    started = time.perf_counter()
    for epoch in range(epochs):
        epoch_started = time.perf_counter()
        train_mode(model)
        losses = []
        bar = tqdm(
            range(steps_per_epoch), desc=f"epoch {epoch + 1}/{epochs}", disable=not progress, leave=False
        )
        for _ in bar:
            loss = train_step(model)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()  # type: ignore[no-untyped-call]
            torch.nn.utils.clip_grad_norm_(parameters, 5.0)
            optimizer.step()
            scheduler.step()
            if ema is not None:
                ema.update(model)
            losses.append(float(loss.detach()))
            bar.set_postfix(loss=f"{np.mean(losses):.4f}")
        model.eval()
        training_state = copy.deepcopy(model.state_dict()) if ema is not None else None
        if ema is not None:
            model.load_state_dict(ema.state)
        with torch.inference_mode():
            record = {"epoch": float(epoch + 1), "train_loss": float(np.mean(losses)), **validate(model)}
        history.epochs.append(record)
        score = record[score_key]
        if score > history.best_score:
            history.best_score, history.best_epoch = score, epoch + 1
            best_state = copy.deepcopy(model.state_dict())
        if training_state is not None:
            model.load_state_dict(training_state)
        epoch_seconds = time.perf_counter() - epoch_started
        logger.info(
            "epoch %d: %s (%.0f s)",
            epoch + 1,
            ", ".join(f"{k}={v:.4f}" for k, v in record.items() if k != "epoch"),
            epoch_seconds,
        )
        if progress:
            tqdm.write(
                f"epoch {epoch + 1}: " + ", ".join(f"{k}={v:.4f}" for k, v in record.items() if k != "epoch")
            )
        elapsed = time.perf_counter() - started
        if epoch + 1 - history.best_epoch >= patience:
            logger.info("early stop: no %s gain for %d epochs", score_key, patience)
            break
        if elapsed + epoch_seconds > time_budget_s:
            logger.info("stopping: the next epoch would pass the %.0f s budget", time_budget_s)
            break
    history.seconds = time.perf_counter() - started
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return history


class WeightAverage:
    """Exponential moving average of a model's weights.

    Batch-norm statistics are copied from the current weights, or with ``average_statistics`` averaged
    like the weights (as timm's ModelEma does), which matches them better to the averaged weights.
    """

    def __init__(self, model: torch.nn.Module, decay: float, *, average_statistics: bool = False) -> None:
        self.decay = decay
        self.average_statistics = average_statistics
        self.state = {name: value.detach().clone() for name, value in model.state_dict().items()}

    @torch.no_grad()
    def update(self, model: torch.nn.Module) -> None:
        for name, value in model.state_dict().items():
            average = self.state[name]
            statistic = name.endswith(("running_mean", "running_var"))
            if value.dtype.is_floating_point and (self.average_statistics or not statistic):
                average.mul_(self.decay).add_(value.detach(), alpha=1.0 - self.decay)
            else:
                average.copy_(value)


def batches(count: int, batch_size: int) -> list[slice]:
    return [slice(start, min(count, start + batch_size)) for start in range(0, count, batch_size)]
