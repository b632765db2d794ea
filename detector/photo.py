"""Phone photos of a film on a light box or of a screen -> the image as its file would show it.

::

    read_image (grey, as before) ── DICOM, grey PNG/JPEG, R=G=B colour ──> unchanged ("file")
        │ a colour photo
        ├─ too dark ─────────────────────────────────> UnusablePhotoError("dark")
        ├─ one large saturated highlight ────────────> UnusablePhotoError("glare")
        ├─ locate the film / display (detector.photo_geometry)
        │     none found, a region runs off the edge ──> "photo", film_cut_off (the gate decides first)
        │     none found ──────────────────────────────> "photo" (the gate sees it as it is)
        ├─ straighten, cut the panel / bezel away, grey without the colour cast, undo the tone curve,
        │  flatten the background (detector.photo_tone)
        ├─ saturated glare over the breast ────────────> UnusablePhotoError("glare")
        └─ too blurred (variance of the Laplacian) ────> UnusablePhotoError("blurred")

The thresholds were set on simulated photos of mini-MIAS folds 0-3 (bench/photo_simulator.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps
from scipy import ndimage  # type: ignore[import-untyped]
from skimage.draw import polygon as polygon_pixels

from detector.breast import breast_mask
from detector.errors import UnusablePhotoError
from detector.photo_geometry import Located, bezel_crop, inset_box, locate, straighten
from detector.photo_tone import (
    additive_pedestal,
    background_level,
    balanced_grey,
    display_values,
    evaluate_panel,
    film_values,
    panel_light,
    srgb_to_linear,
    stretch,
)
from detector.reading import DEFAULT_MAX_PIXELS, LoadedImage, read_image

FloatImage = npt.NDArray[np.float32]
ReadingKind = Literal["file", "photo", "lightbox", "screen"]

COLOUR_SPREAD: Final = 1.5  # mean |R-G| + |G-B| in 8-bit steps above which an upload is a colour photo
DARK_LEVEL: Final = 0.40  # the photo's 99th percentile (encoded grey) below this: too dark
SATURATED: Final = 0.985  # an encoded channel at or above this is clipped
GLARE_SHARE: Final = 0.08  # clipped share of the (dilated) breast above this: glare over the breast
GLARE_BLOB_SHARE: Final = 0.01  # one clipped blob over 1% of the photo: a lamp or flash reflection
BLUR_SIDE: Final = 512  # px, the longer side the sharpness is measured at
MIN_SHARPNESS: Final = 5.0e-5  # variance of the Laplacian over the breast below this: too blurred
# a light-box photo's light view is flatter (the film's dark background): on folds 0-3 usable ones measured
# 3.1e-5 and up, blurred ones (sigma 7-12 px) 2.7e-5 and below -- a thin margin, so this one is provisional
MIN_SHARPNESS_LIGHTBOX: Final = 2.9e-5
MOIRE_SIGMA: Final = 1.2  # px, the low-pass a screen photo gets before straightening (moiré, noise)
DENOISE_SIGMA: Final = 0.7  # px, the low-pass a light-box photo gets (sensor noise, JPEG blocks)
# px, a further low-pass of the straightened light through the film, before the log: the film's dense
# (dark) end lets through less light than the camera's read noise, and the log of noisy light is biased
# upwards there; averaging in linear light first brought the median change vs the file from 0.09 to 0.02
# on folds 0-3. The sharpness is still judged without it (on DENOISE_SIGMA only).
FILM_DENOISE_SIGMA: Final = 1.3


@dataclass(frozen=True)
class PhotoReading:
    """An upload read for the models: ``kind`` says whether it was a file or a photo, and what was done."""

    image: LoadedImage
    kind: ReadingKind
    film_cut_off: bool = False
    sharpness: float | None = None
    cut_off_view: LoadedImage | None = None  # what the gate judges when the film runs off the photo


def read_upload(data: bytes, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> PhotoReading:
    """Read a file unchanged, or straighten a photo of a film or screen. Raises only ImageError subclasses."""
    image = read_image(data, max_pixels=max_pixels)
    if image.source_format == "dicom":
        return PhotoReading(image, "file")
    encoded = _colour_photo(data)
    if encoded is None:
        return PhotoReading(image, "file")
    grey = encoded.mean(axis=2)
    if float(np.percentile(grey, 99)) < DARK_LEVEL:
        raise UnusablePhotoError("photo too dark", problem="dark")
    if _largest_clipped_share(encoded) > GLARE_BLOB_SHARE:
        raise UnusablePhotoError("a large saturated highlight", problem="glare")
    search = locate(grey)
    if search.located is None:
        view = _cut_off_view(image, grey, search.edge_region) if search.edge_region is not None else None
        return PhotoReading(image, "photo", film_cut_off=view is not None, cut_off_view=view)
    return _straightened(image, encoded, search.located)


def sharpness(pixels: FloatImage) -> float:
    """Variance of the Laplacian over the breast, measured at ``BLUR_SIDE`` px after a light denoise."""
    scale = BLUR_SIDE / max(pixels.shape)
    small = ndimage.zoom(pixels, scale, order=1) if scale < 1 else pixels
    small = ndimage.gaussian_filter(small.astype(np.float32), 1.0)
    laplacian = ndimage.laplace(small)
    mask = ndimage.binary_dilation(breast_mask(small), iterations=4)
    return float(laplacian[mask].var()) if mask.any() else float(laplacian.var())


def _colour_photo(data: bytes) -> npt.NDArray[np.float32] | None:
    """The upload's RGB in [0, 1] if it is a colour picture (a photo), else None (grey or R=G=B)."""
    with Image.open(io.BytesIO(data)) as opened:
        if opened.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
            return None
        opened.load()
        ImageOps.exif_transpose(opened, in_place=True)
        rgb = np.asarray(opened.convert("RGB"), dtype=np.int16)
    spread = np.abs(rgb[..., 0] - rgb[..., 1]).mean() + np.abs(rgb[..., 1] - rgb[..., 2]).mean()
    if float(spread) < COLOUR_SPREAD:
        return None
    return rgb.astype(np.float32) / np.float32(255.0)


def _largest_clipped_share(encoded: npt.NDArray[np.float32]) -> float:
    """The share of the photo covered by its largest blob of clipped (saturated) pixels."""
    clipped = ndimage.binary_opening(encoded.max(axis=2) >= SATURATED, iterations=2)
    labels, count = ndimage.label(clipped)
    if count == 0:
        return 0.0
    sizes = np.bincount(labels.ravel())[1:]
    return float(sizes.max()) / float(clipped.size)


def _cut_off_view(image: LoadedImage, grey: FloatImage, region: npt.NDArray[np.bool_]) -> LoadedImage | None:
    """The bounding box of a region that runs off the photo, in grey: enough for the gate to judge it."""
    rows, cols = np.nonzero(region)
    if len(rows) == 0:
        return None
    crop = grey[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    if min(crop.shape) < 64:
        return None
    pixels = stretch(display_values(srgb_to_linear(crop)), None)
    pixels.flags.writeable = False
    return LoadedImage(pixels, image.source_format, int(pixels.shape[1]), int(pixels.shape[0]), 8)


def _straightened(image: LoadedImage, encoded: npt.NDArray[np.float32], located: Located) -> PhotoReading:
    rr, cc = polygon_pixels(  # type: ignore[no-untyped-call]
        located.corners[:, 1], located.corners[:, 0], shape=encoded.shape[:2]
    )
    region = np.zeros(encoded.shape[:2], dtype=bool)
    region[rr, cc] = True
    linear = balanced_grey(srgb_to_linear(encoded), region)
    clipped = (encoded.max(axis=2) >= SATURATED).astype(np.float32)
    linear = ndimage.gaussian_filter(linear, MOIRE_SIGMA if located.kind == "screen" else DENOISE_SIGMA)
    straight, photo_x, photo_y = straighten(linear, located.corners)
    straight_clipped = straighten(clipped, located.corners)[0] > 0.5
    if located.kind == "lightbox":
        top, bottom, left, right = inset_box(*straight.shape)
        panel = None
        if located.panel is not None:
            fit = panel_light(linear, located.panel & (clipped < 0.5))
            panel = evaluate_panel(fit, photo_x, photo_y)[top:bottom, left:right] if fit is not None else None
        straight = straight[top:bottom, left:right]
        smooth = ndimage.gaussian_filter(straight, FILM_DENOISE_SIGMA)
        values = film_values(smooth - additive_pedestal(smooth), panel)
    else:
        top, bottom, left, right = bezel_crop(np.sqrt(np.maximum(straight, 0)))
        straight = straight[top:bottom, left:right]
        dy0, dy1, dx0, dx1 = inset_box(*straight.shape)
        top, bottom, left, right = top + dy0, top + dy1, left + dx0, left + dx1
        straight = straight[dy0:dy1, dx0:dx1]
        values = display_values(straight - additive_pedestal(straight))
    straight_clipped = straight_clipped[top:bottom, left:right]
    pixels = stretch(values, background_level(values))
    # sharpness is judged on the light itself: the light box's log transmission amplifies the noise of the
    # film's dark background far more than any blur takes away
    light_view = stretch(display_values(np.maximum(straight, 0.0)), None)
    breast = ndimage.binary_dilation(breast_mask(pixels), iterations=8)
    if breast.any() and float(straight_clipped[breast].mean()) > GLARE_SHARE:
        raise UnusablePhotoError("saturated glare over the breast", problem="glare")
    measured = sharpness(light_view)
    if measured < (MIN_SHARPNESS_LIGHTBOX if located.kind == "lightbox" else MIN_SHARPNESS):
        raise UnusablePhotoError(f"photo too blurred (sharpness {measured:.2e})", problem="blurred")
    pixels.flags.writeable = False
    straightened = LoadedImage(
        pixels=pixels,
        source_format=image.source_format,
        width=int(pixels.shape[1]),
        height=int(pixels.shape[0]),
        bits_stored=8,
    )
    return PhotoReading(straightened, located.kind, sharpness=measured)
