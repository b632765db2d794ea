"""One object that turns uploaded bytes into a probability: read, preprocess, forward, sigmoid."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from detector.config import DEFAULT_CONFIG, ModelConfig
from detector.model import build_model, load_checkpoint
from detector.preprocess import to_tensor
from detector.reading import DEFAULT_MAX_PIXELS, read_image

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prediction:
    """The answer for one image. ``trained`` False: no trained weights, the number means nothing."""

    probability: float
    model_name: str
    model_version: str
    trained: bool
    source_format: str
    width: int
    height: int
    for_processing: bool
    preprocess_ms: float
    inference_ms: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (only str, float, int, bool), e.g. for a Celery result."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Prediction:
        return cls(
            probability=float(data["probability"]),
            model_name=str(data["model_name"]),
            model_version=str(data["model_version"]),
            trained=bool(data["trained"]),
            source_format=str(data["source_format"]),
            width=int(data["width"]),
            height=int(data["height"]),
            for_processing=bool(data["for_processing"]),
            preprocess_ms=float(data["preprocess_ms"]),
            inference_ms=float(data["inference_ms"]),
        )


def model_card_path(checkpoint: Path) -> Path:
    """The JSON model card that travels beside a checkpoint: ``model.safetensors`` -> ``model.json``."""
    return checkpoint.with_suffix(".json")


class Predictor:
    """Builds the model once; ``predict`` is then safe to call repeatedly (one image at a time).

    With ``checkpoint`` (a safetensors state dict) the weights are trained and, when a JSON model card sits
    beside it (see model_card_path), the card's fields (architecture, input_size, mean, std, name, version)
    replace ``config``. ``num_threads`` sets torch's intra-op threads for the whole process.
    """

    def __init__(
        self,
        config: ModelConfig = DEFAULT_CONFIG,
        *,
        checkpoint: Path | None = None,
        device: str | None = None,
        num_threads: int | None = None,
        max_pixels: int = DEFAULT_MAX_PIXELS,
    ) -> None:
        if num_threads is not None:
            torch.set_num_threads(num_threads)
        if checkpoint is not None:
            card = model_card_path(checkpoint)
            if card.is_file():
                config = ModelConfig.from_json_file(card)
                logger.info("model card %s: %s %s", card, config.name, config.version)
        if config.num_outputs != 1:
            raise ValueError(f"Predictor needs a model with one output, config has {config.num_outputs}")
        self.config = config
        self.trained = checkpoint is not None
        self.max_pixels = max_pixels
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        model = build_model(config, imagenet=checkpoint is None)
        if checkpoint is not None:
            load_checkpoint(model, checkpoint)
        self.model = model.to(self.device).eval()
        self._warm_up()
        logger.info(
            "predictor ready: %s %s (trained=%s) on %s, %d threads",
            config.name,
            config.version,
            self.trained,
            self.device,
            torch.get_num_threads(),
        )

    def _warm_up(self) -> None:
        """One forward pass at start-up so the first user does not pay for kernel selection."""
        size = self.config.input_size
        with torch.inference_mode():
            self.model(torch.zeros((1, 3, size, size), device=self.device))

    def predict(self, data: bytes) -> Prediction:
        """Raises detector.errors.ImageError (with a user_message) for an unusable upload."""
        started = time.perf_counter()
        image = read_image(data, max_pixels=self.max_pixels)
        batch = to_tensor(image, self.config).to(self.device)
        preprocessed = time.perf_counter()
        with torch.inference_mode():
            logits = self.model(batch)
            probability = float(torch.sigmoid(logits.float()).reshape(-1)[0].item())
        finished = time.perf_counter()
        return Prediction(
            probability=probability,
            model_name=self.config.name,
            model_version=self.config.version,
            trained=self.trained,
            source_format=image.source_format,
            width=image.width,
            height=image.height,
            for_processing=image.for_processing,
            preprocess_ms=(preprocessed - started) * 1000.0,
            inference_ms=(finished - preprocessed) * 1000.0,
        )
