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

from detector.downscale import box_reduce, reduction_for

FloatImage = npt.NDArray[np.float32]

BACKGROUND_LEVEL: Final = 0.12  # film background and scanner borders sit below this after min-max stretching
_SMOOTH_SIGMA: Final = 2.0
_OPENING_ITERATIONS: Final = 2
# The breast is first looked for on a copy about MASK_SIDE px large; the full-resolution mask is then made
# only inside that box widened by WINDOW_MARGIN px. Where it comes near the window's edge (the small copy
# missed a thin part) the whole image is masked instead, so the mask is always the whole image's own.
MASK_SIDE: Final = 256
WINDOW_MARGIN: Final = 32
_EDGE_REACH: Final = 12  # smoothing (8 px) and opening (4 px) reach: a mask this close may be cut off
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


def breast_mask(
    pixels: FloatImage, *, level: float = BACKGROUND_LEVEL, scale: int = 1, image_area: int | None = None
) -> npt.NDArray[np.bool_]:
    """The largest connected bright region (the breast), holes filled; labels and tags are left out.

    ``scale``: ``pixels`` is a copy shrunk that many times (smoothing and opening shrink with it);
    ``image_area``: ``pixels`` is a window of an image this large (the smallest region is a share of it).
    """
    smooth = ndimage.gaussian_filter(pixels, _SMOOTH_SIGMA / scale)
    foreground = smooth > level
    iterations = max(1, round(_OPENING_ITERATIONS / scale))
    foreground = ndimage.binary_opening(foreground, iterations=iterations)
    labels, count = ndimage.label(foreground)
    if count == 0:
        return np.ones_like(pixels, dtype=bool)
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    largest = labels == int(sizes.argmax())
    if int(sizes.max()) < _MIN_REGION_FRACTION * (image_area or pixels.size):
        return np.ones_like(pixels, dtype=bool)
    return fill_holes(largest)


def fill_holes(region: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """What ndimage.binary_fill_holes gives, from one labelling of the background instead of a dilation
    repeated until nothing changes (the background 4-connected to the border is not a hole)."""
    background, count = ndimage.label(~region)
    edges = np.concatenate([background[0], background[-1], background[:, 0], background[:, -1]])
    outside = np.zeros(count + 1, dtype=bool)
    outside[edges] = True
    outside[0] = True  # label 0: the region itself
    filled: npt.NDArray[np.bool_] = region | ~outside[background]
    return filled


def breast_window(pixels: FloatImage) -> tuple[slice, slice]:
    """Where the breast can be: its box on a small copy widened by WINDOW_MARGIN, or the whole image."""
    height, width = pixels.shape
    factor = reduction_for(width, height, MASK_SIDE)
    whole = (slice(0, height), slice(0, width))
    if factor == 1:
        return whole
    small = breast_mask(box_reduce(pixels, factor), scale=factor)
    if small.all():
        return whole
    rows, cols = np.nonzero(small.any(axis=1))[0], np.nonzero(small.any(axis=0))[0]
    margin = WINDOW_MARGIN + factor
    return (
        slice(max(0, int(rows[0]) * factor - margin), min(height, (int(rows[-1]) + 1) * factor + margin)),
        slice(max(0, int(cols[0]) * factor - margin), min(width, (int(cols[-1]) + 1) * factor + margin)),
    )


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


def _near_inner_edge(
    inside: npt.NDArray[np.bool_], window: tuple[slice, slice], shape: tuple[int, ...]
) -> bool:
    """True when the mask comes within _EDGE_REACH px of a window edge that is not the image's edge."""
    rows, cols = window
    reach = _EDGE_REACH
    return bool(
        (rows.start > 0 and inside[:reach].any())
        or (rows.stop < shape[0] and inside[-reach:].any())
        or (cols.start > 0 and inside[:, :reach].any())
        or (cols.stop < shape[1] and inside[:, -reach:].any())
    )


def canonical_mammogram(
    pixels: FloatImage, laterality: Literal["L", "R"] | None = None
) -> tuple[FloatImage, Geometry]:
    """Crop to the breast's bounding box, flip so the chest wall is on the left; pixels outside are zeroed."""
    window = breast_window(pixels)
    mask = np.zeros(pixels.shape, dtype=bool)
    mask[window] = inside = breast_mask(pixels[window], image_area=pixels.size)
    if inside.size < pixels.size and (inside.all() or _near_inner_edge(inside, window, pixels.shape)):
        mask = breast_mask(pixels)  # nothing in the window, or the breast may go on beyond it
    rows, cols = np.nonzero(mask)
    top, bottom = int(rows.min()), int(rows.max()) + 1
    left, right = int(cols.min()), int(cols.max()) + 1
    flipped = chest_wall_side(pixels, mask, laterality) == "right"
    crop = np.where(mask, pixels, np.float32(0.0))[top:bottom, left:right].astype(np.float32)
    if flipped:
        crop = crop[:, ::-1]
    return np.ascontiguousarray(crop), Geometry(top, left, bottom, right, flipped)
