"""LoadedImage -> normalised 1x3xSxS tensor: shrink keeping the aspect ratio, pad to a square, gray to RGB."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from detector.config import ModelConfig
from detector.reading import LoadedImage


def to_tensor(image: LoadedImage, config: ModelConfig) -> torch.Tensor:
    """Fit the longer side to ``config.input_size`` (antialiased bilinear), centre it on black, normalise."""
    size = config.input_size
    pixels = torch.from_numpy(image.pixels.copy() if not image.pixels.flags.writeable else image.pixels)
    height, width = pixels.shape
    scale = size / max(height, width)
    new_height = min(size, max(1, round(height * scale)))
    new_width = min(size, max(1, round(width * scale)))
    resized = F.interpolate(
        pixels[None, None].float(),
        size=(new_height, new_width),
        mode="bilinear",
        antialias=True,
        align_corners=False,
    ).clamp_(0.0, 1.0)
    canvas = torch.zeros((1, 1, size, size), dtype=torch.float32)
    top, left = (size - new_height) // 2, (size - new_width) // 2
    canvas[:, :, top : top + new_height, left : left + new_width] = resized
    mean = torch.tensor(config.mean, dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(config.std, dtype=torch.float32).view(1, 3, 1, 1)
    return (canvas.expand(1, 3, size, size) - mean) / std
