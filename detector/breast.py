"""Mammogram geometry: crop to the breast region and turn every breast to face the same way.

The canonical orientation (what the mammography model sees) puts the chest wall on the LEFT edge and the
nipple towards the right, as mini-MIAS shows left breasts. Side detection uses the image itself (the
chest-wall
half of a mammogram holds more tissue); a DICOM ``ImageLaterality`` only decides when the image is ambiguous
(R: chest wall on the image's right, the usual hanging convention).

Every step records what it did in a :class:`Geometry`, so that a heatmap (or a lesion centre) can be mapped
between the original pixels and the model's canonical frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from scipy import ndimage  # type: ignore[import-untyped]

FloatImage = npt.NDArray[np.float32]

BACKGROUND_LEVEL: Final = 0.12  # film background and scanner borders sit below this after min-max stretching
_SMOOTH_SIGMA: Final = 2.0
_SIDE_MARGIN: Final = 1.15  # one half must hold 15% more tissue than the other to decide from the image
_MIN_REGION_FRACTION: Final = 0.02  # a "breast" region smaller than 2% of the image: keep the whole image


@dataclass(frozen=True)
class Geometry:
    """How the canonical image was cut from the original: ``box`` (top, left, bottom, right), then a flip."""

    top: int
    left: int
    bottom: int
    right: int
    flipped: bool

    def to_canonical(self, x: float, y: float) -> tuple[float, float]:
        """Original (column, row) -> canonical crop (column, row)."""
        cx, cy = x - self.left, y - self.top
        if self.flipped:
            cx = (self.right - self.left) - 1 - cx
        return cx, cy

    def to_original(self, x: float, y: float) -> tuple[float, float]:
        """Canonical crop (column, row) -> original (column, row)."""
        if self.flipped:
            x = (self.right - self.left) - 1 - x
        return x + self.left, y + self.top


def breast_mask(pixels: FloatImage, *, level: float = BACKGROUND_LEVEL) -> npt.NDArray[np.bool_]:
    """The largest connected bright region (the breast), holes filled; labels and tags are left out."""
    smooth = ndimage.gaussian_filter(pixels, _SMOOTH_SIGMA)
    foreground = smooth > level
    foreground = ndimage.binary_opening(foreground, iterations=2)
    labels, count = ndimage.label(foreground)
    if count == 0:
        return np.ones_like(pixels, dtype=bool)
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    largest = labels == int(sizes.argmax())
    if largest.mean() < _MIN_REGION_FRACTION:
        return np.ones_like(pixels, dtype=bool)
    filled: npt.NDArray[np.bool_] = ndimage.binary_fill_holes(largest)
    return filled


def chest_wall_side(
    pixels: FloatImage, mask: npt.NDArray[np.bool_], laterality: Literal["L", "R"] | None = None
) -> Literal["left", "right"]:
    """Which image edge the chest wall touches: from the tissue in each half, else from the laterality."""
    width = pixels.shape[1]
    tissue = np.where(mask, pixels, 0.0)
    left, right = float(tissue[:, : width // 2].sum()), float(tissue[:, width // 2 :].sum())
    if left > _SIDE_MARGIN * right:
        return "left"
    if right > _SIDE_MARGIN * left:
        return "right"
    if laterality == "R":
        return "right"
    return "left"


def canonical_mammogram(
    pixels: FloatImage, laterality: Literal["L", "R"] | None = None
) -> tuple[FloatImage, Geometry]:
    """Crop to the breast's bounding box, flip so the chest wall is on the left; pixels outside are zeroed."""
    mask = breast_mask(pixels)
    rows, cols = np.nonzero(mask)
    top, bottom = int(rows.min()), int(rows.max()) + 1
    left, right = int(cols.min()), int(cols.max()) + 1
    flipped = chest_wall_side(pixels, mask, laterality) == "right"
    crop = np.where(mask, pixels, np.float32(0.0))[top:bottom, left:right].astype(np.float32)
    if flipped:
        crop = crop[:, ::-1]
    return np.ascontiguousarray(crop), Geometry(top, left, bottom, right, flipped)
