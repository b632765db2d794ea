"""Where the committed weights live: ``detector/weights/{gate,mammography,ultrasound}.safetensors`` + cards.

Reproduce them with (from the repository root, shared data beside it)::

    bcdbot train --dataset busi --cross-fit --data-dir ../shared/data/busi --out detector/weights
    bcdbot train --dataset mini-mias --data-dir ../shared/data/mini-mias --out detector/weights
    bcdbot train --dataset gate --data-dir ../shared/data --out detector/weights

The ultrasound model is a cross-fitted ensemble of four networks (detector.cross_fit); the mammography
model and the gate are one network each.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Final, Literal

ModelName = Literal["gate", "mammography", "ultrasound"]
MODEL_NAMES: Final[tuple[ModelName, ...]] = ("gate", "mammography", "ultrasound")


def default_weights_dir() -> Path:
    """The package's own weights folder (exists in a source checkout and in an installed wheel)."""
    return Path(str(resources.files("detector") / "weights"))


def weights_path(name: str, weights_dir: Path | None = None) -> Path:
    return (weights_dir or default_weights_dir()) / f"{name}.safetensors"


def have_weights(weights_dir: Path | None = None) -> bool:
    """True when all three checkpoints and their model cards are present."""
    return all(
        weights_path(name, weights_dir).is_file()
        and weights_path(name, weights_dir).with_suffix(".json").is_file()
        for name in MODEL_NAMES
    )
