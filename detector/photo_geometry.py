"""Where the film or the screen is in a phone photo, and how to straighten it (scikit-image geometry).

Two scenes are recognised on a small grey copy of the photo, split into bright and dark by Otsu's threshold:

* ``lightbox``: the film is the largest hole in the largest very bright region (the lit panel, above the
  upper of two multi-Otsu thresholds, so that tissue seen through the film stays out of it);
* ``screen``: the display with its bezel is the largest dark region that does not touch the photo's edge
  (holes, the bright image on it, filled); the bezel is then cut where the light steps up onto the display.

The region's four corners are its extreme points along the four diagonals (right for a quadrilateral turned
by less than 45 degrees). It counts as found when it fills at least ``MIN_RECTANGULARITY`` of that
quadrilateral and covers at least ``MIN_AREA_SHARE`` of the photo. A region that reaches the photo's edge is
not straightened (the film may be cut off): :attr:`Search.edge_region` holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from scipy import ndimage  # type: ignore[import-untyped]
from skimage.draw import polygon as polygon_pixels
from skimage.filters import threshold_multiotsu, threshold_otsu
from skimage.transform import ProjectiveTransform, warp

FloatImage = npt.NDArray[np.float32]
Mask = npt.NDArray[np.bool_]
SceneKind = Literal["lightbox", "screen"]

DETECTION_SIDE: Final = 400  # px, longer side of the copy the regions are found on
MIN_RECTANGULARITY: Final = 0.88
MIN_AREA_SHARE: Final = 0.12
MAX_OUTPUT_SIDE: Final = 1024  # the straightened film is never larger than a mini-MIAS file
EDGE_MARGIN: Final = 2  # detection px: a region this close to the border touches it
BEZEL_SEARCH: Final = 0.10  # share of each side searched for the bezel-to-display step
PANEL_OUTSHINES_PERCENTILE: Final = 97
INSET: Final = 0.012  # share of each side cut after straightening (the film's or display's own rim)


@dataclass(frozen=True)
class Located:
    """A film or display found in a photo: corners (x, y) in photo pixels, TL, TR, BR, BL."""

    kind: SceneKind
    corners: npt.NDArray[np.float64]
    panel: Mask | None  # lightbox: the visible panel pixels, photo resolution (for the light fit)


@dataclass(frozen=True)
class Search:
    """What the search saw: the located region, or whether a candidate region ran into the photo's edge."""

    located: Located | None
    edge_region: Mask | None  # a candidate that ran into the photo's edge (photo resolution)


def locate(grey: FloatImage) -> Search:
    """Find the film on a light box or the display in a photo (``grey``: encoded grey values in [0, 1])."""
    scale = DETECTION_SIDE / max(grey.shape)
    small = ndimage.zoom(grey, scale, order=1) if scale < 1 else grey
    scale = small.shape[0] / grey.shape[0]
    small = ndimage.gaussian_filter(small, 1.0)
    try:
        threshold = float(threshold_otsu(small))  # type: ignore[no-untyped-call]
    except ValueError:
        return Search(None, None)
    bright = small > threshold
    try:
        low_threshold, panel_threshold = (
            float(t)
            for t in threshold_multiotsu(small, classes=3)  # type: ignore[no-untyped-call]
        )
    except ValueError:
        low_threshold = panel_threshold = threshold
    very_bright = small > panel_threshold
    touches: Mask | None = None
    # a screen's black is darker than most rooms: try the lower multi-Otsu split first, then Otsu's
    candidates = (
        (_lightbox_film, very_bright),
        (_screen_display, small > low_threshold),
        (_screen_display, bright),
    )
    for finder, split in candidates:
        region, kind = finder(small, split)
        if region is None:
            continue
        if _touches_edge(region):
            if touches is None:
                touches = _to_shape(region, grey.shape)
            continue
        corners = _diagonal_corners(region)
        if corners is None or not _is_rectangle_like(region, corners):
            continue
        full_corners = (corners + 0.5) / scale - 0.5
        panel = None
        if kind == "lightbox":
            panel_small = ndimage.binary_erosion(_largest(very_bright), iterations=3)
            panel = _to_shape(panel_small, grey.shape)
        return Search(Located(kind, full_corners, panel), touches)
    return Search(None, touches)


def _to_shape(mask: Mask, shape: tuple[int, ...]) -> Mask:
    """A detection-size mask blown up to the photo's size (nearest neighbour)."""
    zoomed = ndimage.zoom(mask, shape[0] / mask.shape[0], order=0)[: shape[0], : shape[1]]
    out: Mask = np.pad(zoomed, [(0, shape[0] - zoomed.shape[0]), (0, shape[1] - zoomed.shape[1])])
    return out


def straighten(
    image: FloatImage, corners: npt.NDArray[np.float64]
) -> tuple[FloatImage, FloatImage, FloatImage]:
    """Warp the quadrilateral to an upright rectangle; also return each output pixel's photo (x, y)."""
    top_w = float(np.linalg.norm(corners[1] - corners[0]))
    bottom_w = float(np.linalg.norm(corners[2] - corners[3]))
    left_h = float(np.linalg.norm(corners[3] - corners[0]))
    right_h = float(np.linalg.norm(corners[2] - corners[1]))
    width, height = (top_w + bottom_w) / 2, (left_h + right_h) / 2
    shrink = min(1.0, MAX_OUTPUT_SIDE / max(width, height))
    out_w, out_h = max(8, round(width * shrink)), max(8, round(height * shrink))
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float64)
    output_to_photo = ProjectiveTransform.from_estimate(target, corners)  # type: ignore[no-untyped-call]
    straight = warp(  # type: ignore[no-untyped-call]
        image, output_to_photo, output_shape=(out_h, out_w), order=1, mode="edge"
    )
    yy, xx = np.mgrid[0:out_h, 0:out_w]
    photo_points = output_to_photo(np.column_stack([xx.ravel(), yy.ravel()]).astype(np.float64))
    photo_x = photo_points[:, 0].reshape(out_h, out_w).astype(np.float32)
    photo_y = photo_points[:, 1].reshape(out_h, out_w).astype(np.float32)
    return straight.astype(np.float32), photo_x, photo_y


def bezel_crop(straight_grey: FloatImage) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) of the display inside a straightened bezel: where the light steps up."""
    height, width = straight_grey.shape
    rows, cols = straight_grey.mean(axis=1), straight_grey.mean(axis=0)
    top = _step_in(rows[: round(BEZEL_SEARCH * height)])
    bottom = height - _step_in(rows[::-1][: round(BEZEL_SEARCH * height)])
    left = _step_in(cols[: round(BEZEL_SEARCH * width)])
    right = width - _step_in(cols[::-1][: round(BEZEL_SEARCH * width)])
    return top, bottom, left, right


def inset_box(height: int, width: int) -> tuple[int, int, int, int]:
    dy, dx = round(INSET * height), round(INSET * width)
    return dy, height - dy, dx, width - dx


def _step_in(profile: npt.NDArray[np.float32]) -> int:
    """Index just past the largest upward step of a smoothed edge-inward profile."""
    if len(profile) < 4:
        return 0
    smooth = ndimage.gaussian_filter1d(profile.astype(np.float64), 1.0)
    steps = np.diff(smooth)
    return int(np.argmax(steps)) + 2


def _largest(mask: Mask) -> Mask:
    labels, count = ndimage.label(mask)
    if count == 0:
        return mask
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    largest: Mask = labels == int(sizes.argmax())
    return largest


def _lightbox_film(small: FloatImage, bright: Mask) -> tuple[Mask | None, SceneKind]:
    panel = _largest(bright)
    if panel.mean() < 0.05:
        return None, "lightbox"
    holes = ndimage.binary_fill_holes(panel) & ~panel
    holes = ndimage.binary_opening(holes, iterations=2)
    if not holes.any():
        return None, "lightbox"
    film = ndimage.binary_fill_holes(_largest(holes))
    if film.mean() < MIN_AREA_SHARE:
        return None, "lightbox"
    # a lit panel outshines everything seen through the film; a room around a screen does not
    if float(np.median(small[panel])) <= float(np.percentile(small[film], PANEL_OUTSHINES_PERCENTILE)):
        return None, "lightbox"
    return film, "lightbox"


def _screen_display(small: FloatImage, bright: Mask) -> tuple[Mask | None, SceneKind]:
    dark = ndimage.binary_opening(~bright, iterations=2)
    labels, count = ndimage.label(dark)
    best: Mask | None = None
    for index in range(1, count + 1):
        region = labels == index
        if region.mean() < MIN_AREA_SHARE:
            continue
        filled = ndimage.binary_fill_holes(region)
        if best is None or filled.sum() > best.sum():
            best = filled
    return best, "screen"


def _touches_edge(region: Mask) -> bool:
    m = EDGE_MARGIN
    return bool(region[:m].any() or region[-m:].any() or region[:, :m].any() or region[:, -m:].any())


def _diagonal_corners(region: Mask) -> npt.NDArray[np.float64] | None:
    ys, xs = np.nonzero(region)
    if len(xs) < 50:
        return None
    xs_f, ys_f = xs.astype(np.float64), ys.astype(np.float64)
    total, difference = xs_f + ys_f, xs_f - ys_f
    corners = [
        (xs_f[np.argmin(total)], ys_f[np.argmin(total)]),  # top left
        (xs_f[np.argmax(difference)], ys_f[np.argmax(difference)]),  # top right
        (xs_f[np.argmax(total)], ys_f[np.argmax(total)]),  # bottom right
        (xs_f[np.argmin(difference)], ys_f[np.argmin(difference)]),  # bottom left
    ]
    return np.array(corners, dtype=np.float64)


def _is_rectangle_like(region: Mask, corners: npt.NDArray[np.float64]) -> bool:
    rr, cc = polygon_pixels(corners[:, 1], corners[:, 0], shape=region.shape)  # type: ignore[no-untyped-call]
    quad = np.zeros_like(region)
    quad[rr, cc] = True
    union = int((quad | region).sum())
    return union > 0 and int((quad & region).sum()) / union >= MIN_RECTANGULARITY
