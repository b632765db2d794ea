"""Shrink an image once, right after decoding, to the size the models need.

Every model input is at most a few hundred pixels square. Keeping the working copy at least twice the
largest input (the ``working_side`` the predictor asks for) leaves antialiased resizing and breast finding
where they were at full resolution, while a 3328 px detector image costs 16x less to mask and resize.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PIL import Image

FloatImage = npt.NDArray[np.float32]


def reduction_for(width: int, height: int, working_side: int | None) -> int:
    """The integer box factor that keeps the longer side at ``working_side`` or more (1: keep as is)."""
    if working_side is None or working_side < 1:
        return 1
    return max(1, max(width, height) // working_side)


def box_reduce(pixels: FloatImage, factor: int) -> FloatImage:
    """Mean of each ``factor`` x ``factor`` block (Pillow's reduce; partial edge blocks averaged too)."""
    if factor <= 1:
        return pixels
    reduced = Image.fromarray(np.ascontiguousarray(pixels, dtype=np.float32)).reduce(factor)
    return np.array(reduced, dtype=np.float32)
