"""The three trained models behind ``predict``: how each turns a prepared batch into calibrated outputs.

Each is a timm EfficientNet-Lite0 plus the calibration read from its JSON model card:

* :class:`GateModel`: 3 classes (mammography, ultrasound, other); refuses when P(other) >= its threshold;
* :class:`UltrasoundModel`: 3 classes (benign, malignant, normal); P(malignant) with temperature scaling and
  a bias on the malignant logit (absent in older cards: 0);
* :class:`MammographyModel`: 1 output per position (a lesion map); the image score is the mean of the top-k
  positions, calibrated by sigmoid(score / T + b) (Platt form of temperature scaling).

Flip test-time augmentation (``tta=True``) averages the logits (and maps) of the image and its mirror.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Self

import numpy as np
import numpy.typing as npt
import torch

from detector.calibration import Bands, one_hot_bias, sigmoid, softmax
from detector.cam import top_k_mean
from detector.cam_graph import CamGraph
from detector.config import ModelConfig
from detector.engines import Engine, Runner, make_runner
from detector.model import build_model, load_checkpoint

logger = logging.getLogger(__name__)

GATE_CLASSES: Final = ("mammography", "ultrasound", "other")
ULTRASOUND_CLASSES: Final = ("benign", "malignant", "normal")


def read_card(checkpoint: Path) -> dict[str, Any]:
    card_path = checkpoint.with_suffix(".json")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    if not isinstance(card, dict):
        raise ValueError(f"model card {card_path} is not a JSON object")
    return card


def to_batch(images: npt.NDArray[np.uint8] | npt.NDArray[np.float32]) -> torch.Tensor:
    """(N, S, S) uint8 or float in [0, 1] -> (N, 1, S, S) float32."""
    tensor = torch.from_numpy(np.ascontiguousarray(images))
    if tensor.dtype == torch.uint8:
        tensor = tensor.float().div_(255.0)
    return tensor[:, None].float()


@dataclass
class TaskModel:
    """A network, its card and the engine that runs it.

    ``identity`` names the weights and card a loaded model came from; the ONNX engine needs it (to find
    its cached export), so only :meth:`load` makes models it can run. Models built in training run eagerly
    on the network as it is being trained.
    """

    config: ModelConfig
    model: torch.nn.Module
    card: dict[str, Any]
    tta: bool = False
    engine: Engine = "torch"
    cache_dir: Path | None = None
    identity: bytes = b""
    _runners: dict[bool, Runner] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def load(
        cls,
        checkpoint: Path,
        *,
        tta: bool | None = None,
        engine: Engine = "torch",
        device: torch.device | None = None,
        cache_dir: Path | None = None,
    ) -> Self:
        card = read_card(checkpoint)
        config = ModelConfig.from_dict(card)
        model = build_model(config, imagenet=False)
        load_checkpoint(model, checkpoint)
        use_tta = bool(card.get("calibration", {}).get("tta", False)) if tta is None else tta
        identity = hashlib.sha256(checkpoint.read_bytes()).digest() + json.dumps(card).encode()
        model = model.to(device or torch.device("cpu")).eval()
        return cls(config, model, card, use_tta, engine=engine, cache_dir=cache_dir, identity=identity)

    def runner(self, tta: bool) -> Runner:
        """The engine's runner for this TTA setting, made on first use."""
        if tta not in self._runners:
            if self.engine != "torch" and not self.identity:
                raise ValueError(f"the {self.engine} engine runs loaded models only (TaskModel.load)")
            device = next(self.model.parameters()).device
            self._runners[tta] = make_runner(
                CamGraph(self.model, self.config.mean, self.config.std, tta=tta),
                engine=self.engine,
                device=device,
                input_size=self.config.input_size,
                identity=self.identity + (b"|tta" if tta else b"|plain"),
                cache_dir=self.cache_dir,
            )
        return self._runners[tta]

    @property
    def calibration(self) -> dict[str, Any]:
        calibration = self.card.get("calibration", {})
        return calibration if isinstance(calibration, dict) else {}

    def forward(self, gray: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(logits (B, C), maps (B, C, h, w)) for a (B, 1, S, S) gray batch; TTA averages over a flip."""
        return self.runner(self.tta)(gray)


class GateModel(TaskModel):
    def probabilities(self, gray: torch.Tensor) -> npt.NDArray[np.float64]:
        logits, _ = self.forward(gray)
        return softmax(logits.numpy(), float(self.calibration.get("temperature", 1.0)))

    @property
    def refuse_threshold(self) -> float:
        return float(self.calibration.get("refuse_threshold", 0.5))


class UltrasoundModel(TaskModel):
    def outputs(self, gray: torch.Tensor) -> tuple[npt.NDArray[np.float64], torch.Tensor]:
        """(calibrated 3-class probabilities (B, 3), malignant-class maps (B, h, w))."""
        logits, maps = self.forward(gray)
        malignant = ULTRASOUND_CLASSES.index("malignant")
        bias = one_hot_bias(
            len(ULTRASOUND_CLASSES), malignant, float(self.calibration.get("malignant_bias", 0.0))
        )
        probabilities = softmax(logits.numpy(), float(self.calibration.get("temperature", 1.0)), bias=bias)
        return probabilities, maps[:, malignant]

    @property
    def bands(self) -> Bands:
        return Bands.from_dict(self.calibration["bands"]) if "bands" in self.calibration else Bands(0.2, 0.5)


class MammographyModel(TaskModel):
    @property
    def top_k(self) -> int:
        return int(self.calibration.get("top_k", 4))

    def raw_scores(self, gray: torch.Tensor) -> tuple[npt.NDArray[np.float64], torch.Tensor]:
        """(uncalibrated image scores (B,), lesion maps (B, h, w))."""
        _, maps = self.forward(gray)
        lesion = maps[:, 0]
        return top_k_mean(lesion, self.top_k).numpy().astype(np.float64), lesion

    def calibrate(self, scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        temperature = float(self.calibration.get("temperature", 1.0))
        bias = float(self.calibration.get("bias", 0.0))
        return sigmoid(scores / temperature + bias)

    def outputs(self, gray: torch.Tensor) -> tuple[npt.NDArray[np.float64], torch.Tensor]:
        scores, maps = self.raw_scores(gray)
        return self.calibrate(scores), maps

    @property
    def bands(self) -> Bands:
        return Bands.from_dict(self.calibration["bands"]) if "bands" in self.calibration else Bands(0.2, 0.5)
