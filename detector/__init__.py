"""Breast-image reading, a quality gate and two trained classifiers: a pure library that imports only imaging.

Research tool, not a medical device. ``Predictor()`` loads the committed weights (detector/weights); without
them ``Prediction.trained`` is False and the probability means nothing.
"""

import importlib
from typing import TYPE_CHECKING, Any

from detector.config import DEFAULT_CONFIG, ModelConfig
from detector.errors import (
    CorruptImageError,
    DicomWithoutPixelDataError,
    EmptyImageError,
    ImageError,
    ImageTooLargeError,
    ImageTooSmallError,
    ModelLoadError,
    MultiFrameDicomError,
    NotABreastImageError,
    UnsupportedFormatError,
)
from detector.reading import DEFAULT_MAX_PIXELS, LoadedImage, read_image

if TYPE_CHECKING:
    from detector.model import build_model, load_checkpoint, save_checkpoint
    from detector.predictor import Prediction, Predictor

# torch and timm load only when the model side is first used, so `import detector.errors` (or reading images)
# stays cheap in processes that never run the network, such as the bot front end.
_LAZY = {
    "Prediction": "detector.predictor",
    "Predictor": "detector.predictor",
    "build_model": "detector.model",
    "load_checkpoint": "detector.model",
    "save_checkpoint": "detector.model",
}

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_MAX_PIXELS",
    "CorruptImageError",
    "DicomWithoutPixelDataError",
    "EmptyImageError",
    "ImageError",
    "ImageTooLargeError",
    "ImageTooSmallError",
    "LoadedImage",
    "ModelConfig",
    "ModelLoadError",
    "MultiFrameDicomError",
    "NotABreastImageError",
    "Prediction",
    "Predictor",
    "UnsupportedFormatError",
    "build_model",
    "load_checkpoint",
    "read_image",
    "save_checkpoint",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'detector' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
