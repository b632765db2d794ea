"""Model cards (JSON beside each checkpoint) and the training plots (PNG beside the checkpoint)."""

from __future__ import annotations

import json
import logging
import math
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from detector.metrics import reliability, roc_curve

logger = logging.getLogger(__name__)


def git_commit(start: Path | None = None) -> str:
    """The checked-out commit, read from .git files (no git process); "unknown" outside a work tree."""
    here = (start or Path(__file__)).resolve()
    for folder in [here, *here.parents]:
        git = folder / ".git"
        if git.is_file():  # a worktree: "gitdir: PATH"
            text = git.read_text(encoding="utf-8").strip()
            git = Path(text.removeprefix("gitdir:").strip())
        if git.is_dir():
            return _resolve_head(git)
    return "unknown"


def _resolve_head(git: Path) -> str:
    try:
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref:"):
            return head
        ref = head.removeprefix("ref:").strip()
        common = git
        if (git / "commondir").is_file():
            common = (git / (git / "commondir").read_text(encoding="utf-8").strip()).resolve()
        for base in (git, common):
            if (base / ref).is_file():
                return (base / ref).read_text(encoding="utf-8").strip()
        packed = common / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="utf-8").splitlines():
                if line.endswith(" " + ref):
                    return line.split(" ", 1)[0]
    except OSError as exc:
        logger.debug("cannot read git HEAD: %s", exc)
    return "unknown"


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        return _clean(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_clean(data), indent=2, sort_keys=False) + "\n", encoding="utf-8")


def environment() -> dict[str, str]:
    import timm
    import torch

    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "timm": timm.__version__,
        "machine": platform.machine(),
    }


def plot_training(
    out_dir: Path,
    stem: str,
    epochs: list[dict[str, float]],
    labels: npt.ArrayLike,
    probabilities: npt.ArrayLike,
    uncalibrated: npt.ArrayLike,
    confusion_matrix: Sequence[Sequence[int]],
    class_names: Sequence[str],
    title: str,
) -> list[Path]:
    """Loss curves, validation ROC, confusion matrix, reliability diagram; returns the PNG paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    if epochs:  # a cross-fitted ensemble has no training curve of its own
        fig, ax = plt.subplots(figsize=(6, 4))
        x = [e["epoch"] for e in epochs]
        ax.plot(x, [e["train_loss"] for e in epochs], label="train loss")
        for key in ("val_loss",):
            if epochs and key in epochs[0]:
                ax.plot(x, [e[key] for e in epochs], label=key.replace("_", " "))
        ax2 = ax.twinx()
        ax2.plot(x, [e.get("val_auc", float("nan")) for e in epochs], "g--", label="validation AUC")
        ax2.set_ylabel("validation AUC")
        ax.set_xlabel("epoch")
        ax.set_ylabel("loss")
        ax.legend(loc="upper left")
        ax2.legend(loc="upper right")
        ax.set_title(f"{title}: training")
        written.append(_save(fig, out_dir / f"{stem}_loss.png"))

    fpr, tpr, _ = roc_curve(labels, probabilities)
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot(fpr, tpr)
    ax.plot([0, 1], [0, 1], ":", color="grey")
    ax.set_xlabel("1 - specificity")
    ax.set_ylabel("sensitivity")
    ax.set_title(f"{title}: validation ROC")
    written.append(_save(fig, out_dir / f"{stem}_roc.png"))

    matrix = np.asarray(confusion_matrix)
    fig, ax = plt.subplots(figsize=(4.5, 4))
    ax.imshow(matrix, cmap="Blues")
    for (i, j), value in np.ndenumerate(matrix):
        ax.text(j, i, str(value), ha="center", va="center")
    ax.set_xticks(range(len(class_names)), class_names)
    ax.set_yticks(range(len(class_names)), class_names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(f"{title}: validation confusion")
    written.append(_save(fig, out_dir / f"{stem}_confusion.png"))

    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    for name, values in (("before calibration", uncalibrated), ("after calibration", probabilities)):
        bins = reliability(labels, values)
        ax.plot([b["mean_probability"] for b in bins], [b["observed"] for b in bins], "o-", label=name)
    ax.plot([0, 1], [0, 1], ":", color="grey")
    ax.set_xlabel("predicted probability")
    ax.set_ylabel("observed frequency")
    ax.legend()
    ax.set_title(f"{title}: reliability (validation)")
    written.append(_save(fig, out_dir / f"{stem}_reliability.png"))
    return written


def _save(fig: Any, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return path
