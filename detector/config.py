"""Model identity and input geometry; a trained checkpoint's JSON model card carries the same fields."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)

# 384 px square: on this project's 2-core CPU an EfficientNet at 224 px takes ~19 ms and at 512 px ~69 ms per
# image (FINDINGS.md), so 384 px costs roughly 40 ms, cheap enough for two Celery workers sharing two cores.
# A 1024 px mini-MIAS film shrinks 2.7x: a median mass (radius ~40 px) keeps ~15 px, while 224 px would leave
# ~9 px. Micro-calcifications are lost either way; a trained model may pick another size in its model card.
DEFAULT_INPUT_SIZE = 384


@dataclass(frozen=True)
class ModelConfig:
    """Architecture, input geometry and identity of a model. Immutable and hashable."""

    architecture: str = "efficientnet_lite0"
    input_size: int = DEFAULT_INPUT_SIZE
    mean: tuple[float, float, float] = IMAGENET_MEAN
    std: tuple[float, float, float] = IMAGENET_STD
    num_outputs: int = 1
    name: str = "mammography"
    version: str = "untrained-0"
    members: int = 1  # > 1: a cross-fitted ensemble of this many networks (detector.ensemble)

    def __post_init__(self) -> None:
        if self.input_size < 32:
            raise ValueError(f"input_size must be at least 32, got {self.input_size}")
        if self.num_outputs < 1:
            raise ValueError(f"num_outputs must be positive, got {self.num_outputs}")
        if self.members < 1:
            raise ValueError(f"members must be positive, got {self.members}")
        if len(self.mean) != 3 or len(self.std) != 3 or min(self.std) <= 0:
            raise ValueError("mean and std need three values each, std positive")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ModelConfig:
        """Build from a model card; keys that are not fields (metrics, data sets, notes) are ignored."""
        known = {field.name for field in dataclasses.fields(cls)}
        values: dict[str, Any] = {key: value for key, value in data.items() if key in known}
        for key in ("mean", "std"):
            if key in values:
                values[key] = tuple(float(v) for v in values[key])
        for key in ("input_size", "num_outputs", "members"):
            if key in values:
                values[key] = int(values[key])
        for key in ("architecture", "name", "version"):
            if key in values:
                values[key] = str(values[key])
        return cls(**values)

    @classmethod
    def from_json_file(cls, path: Path) -> ModelConfig:
        card = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(card, dict):
            raise ValueError(f"model card {path} is not a JSON object")
        return cls.from_dict(card)


DEFAULT_CONFIG = ModelConfig()
