"""LoadedImage -> the square gray array each model sees (one code path for training, evaluation and predict).

* gate: the whole image, longer side fitted to the gate's input size, centred on black;
* mammography: breast crop + laterality normalisation (detector.breast), then the same fit, anchored left
  (chest wall) and centred vertically;
* ultrasound: the whole image, fitted and centred (BUSI frames are already cropped to the scan).

:class:`Prepared` remembers the scale and offsets, so heatmap peaks map back to the original pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import torch
import torch.nn.functional as F

from detector.breast import Geometry, canonical_mammogram
from detector.reading import LoadedImage

FloatImage = npt.NDArray[np.float32]
Anchor = Literal["centre", "left"]


@dataclass(frozen=True, eq=False)
class Prepared:
    """``pixels`` (size x size, float32 in [0, 1]); square pixel = original * scale + offset (after crop)."""

    pixels: FloatImage
    scale: float
    offset_x: int
    offset_y: int
    geometry: Geometry | None = None

    def to_original(self, x: float, y: float) -> tuple[float, float]:
        """Square (column, row) -> original image (column, row)."""
        cx, cy = (x - self.offset_x + 0.5) / self.scale - 0.5, (y - self.offset_y + 0.5) / self.scale - 0.5
        return self.geometry.to_original(cx, cy) if self.geometry is not None else (cx, cy)

    def to_square(self, x: float, y: float) -> tuple[float, float]:
        """Original image (column, row) -> square (column, row)."""
        if self.geometry is not None:
            x, y = self.geometry.to_canonical(x, y)
        return (x + 0.5) * self.scale - 0.5 + self.offset_x, (y + 0.5) * self.scale - 0.5 + self.offset_y


def fit_square(
    pixels: FloatImage, size: int, anchor: Anchor = "centre"
) -> tuple[FloatImage, float, int, int]:
    """Resize (antialiased bilinear) so the longer side is ``size``; pad with black to size x size."""
    height, width = pixels.shape
    scale = size / max(height, width)
    new_h, new_w = min(size, max(1, round(height * scale))), min(size, max(1, round(width * scale)))
    tensor = torch.from_numpy(np.array(pixels, dtype=np.float32, copy=True))[None, None]
    resized = F.interpolate(tensor, size=(new_h, new_w), mode="bilinear", antialias=True, align_corners=False)
    canvas = np.zeros((size, size), dtype=np.float32)
    top = (size - new_h) // 2
    left = 0 if anchor == "left" else (size - new_w) // 2
    canvas[top : top + new_h, left : left + new_w] = resized[0, 0].clamp_(0.0, 1.0).numpy()
    return canvas, scale, left, top


def prepare_whole(image: LoadedImage, size: int) -> Prepared:
    """Gate and ultrasound input: the whole image, fitted and centred."""
    pixels, scale, left, top = fit_square(image.pixels, size)
    return Prepared(pixels, scale, left, top)


def prepare_mammogram(image: LoadedImage, size: int) -> Prepared:
    """Mammography input: breast crop, chest wall on the left, fitted to ``size``."""
    crop, geometry = canonical_mammogram(image.pixels, image.laterality)
    pixels, scale, left, top = fit_square(crop, size, anchor="left")
    return Prepared(pixels, scale, left, top, geometry)


def normalise(batch: torch.Tensor, mean: tuple[float, ...], std: tuple[float, ...]) -> torch.Tensor:
    """(B, 1, S, S) gray in [0, 1] -> (B, 3, S, S) with the ImageNet mean and std."""
    mean_t = torch.tensor(mean, dtype=batch.dtype, device=batch.device).view(1, 3, 1, 1)
    std_t = torch.tensor(std, dtype=batch.dtype, device=batch.device).view(1, 3, 1, 1)
    return (batch.expand(-1, 3, -1, -1) - mean_t) / std_t
