"""Colour and light of a phone photo: undo the colour cast, undo the camera's and the display's or film's
tone curve, and flatten a smooth illumination gradient.

* Colour: the camera encodes sRGB; decoding it gives linear light. A colour cast multiplies each channel by
  its own gain, so dividing each channel by its mean over the (grey) film or display area undoes it
  (grey world on the content only, never on the room around it).
* Light box: the film transmits ``10 ** -D`` of the panel's light, and a film digitiser records density
  ``D`` linearly, so ``log10`` of the light, divided by the panel's own brightness, gives back the file's
  values up to an affine map (which the final stretch removes).
* Screen: the display shows ``v ** 2.2`` (display gamma), so the power ``1 / 2.2`` of linear light gives ``v``
  back, again up to an affine map.
* Flattening: flare, a veiling glare and a reflection on the glass add light. What should be black (the
  film's unexposed background, the letterbox around the image) shows that added light; a smooth surface
  through the darkest blocks is subtracted in linear light, before the tone curve is undone. The light
  box's own unevenness multiplies instead: it is fitted on the visible panel and divided out.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
from scipy import ndimage  # type: ignore[import-untyped]

FloatImage = npt.NDArray[np.float32]
DISPLAY_GAMMA: Final = 2.2
_BLOCK: Final = 24  # px, the flattening's block size on the straightened image
_DARK_BLOCK_SHARE: Final = 0.35  # the darkest 35% of blocks are taken as background
_STRETCH_PERCENTILES: Final = (0.5, 99.98)  # a file's white is its labels and markers, a few pixels
_PEDESTAL_SIGMA: Final = 2.0
_BACKGROUND_PERCENTILE: Final = 90
FILM_FLOOR: Final = 2e-3  # transmission: darker than the densest film here, and above the noise


def srgb_to_linear(encoded: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The standard sRGB transfer curve, inverted ([0, 1] in, linear light out)."""
    low = encoded / np.float32(12.92)
    high = np.power((encoded + np.float32(0.055)) / np.float32(1.055), np.float32(2.4))
    return np.where(encoded <= 0.04045, low, high).astype(np.float32)


def balanced_grey(linear_rgb: npt.NDArray[np.float32], region: npt.NDArray[np.bool_]) -> FloatImage:
    """Grey linear light without the colour cast: each channel scaled to the same mean over ``region``."""
    means = linear_rgb[region].mean(axis=0) if region.any() else linear_rgb.reshape(-1, 3).mean(axis=0)
    gains = means.mean() / np.maximum(means, 1e-6)
    grey: FloatImage = (linear_rgb * gains.astype(np.float32)).mean(axis=2).astype(np.float32)
    return grey


def film_values(light: FloatImage, panel: FloatImage | None) -> FloatImage:
    """Light through a film on a light box (pedestal removed) -> log transmission, unstretched."""
    transmission = (
        light / np.maximum(panel, 1e-3) if panel is not None else light / max(1e-3, float(light.max()))
    )
    values: FloatImage = np.log10(np.maximum(transmission, FILM_FLOOR)).astype(np.float32)
    return values


def display_values(light: FloatImage) -> FloatImage:
    """Light from a display (pedestal removed) -> the image's values, display gamma undone."""
    values: FloatImage = np.power(np.maximum(light, 0.0), np.float32(1.0 / DISPLAY_GAMMA)).astype(np.float32)
    return values


def additive_pedestal(light: FloatImage) -> FloatImage:
    """The light added on top of what should be black (flare, glare, a reflection), as a smooth surface.

    Blocks of the straightened image are summarised by their 20th percentile; the darkest, flattest of them
    are the film's background or the letterbox, and a normalised Gaussian convolution over those blocks
    (sigma ``_PEDESTAL_SIGMA`` blocks) interpolates the surface under the rest.
    """
    height, width = light.shape
    rows, cols = height // _BLOCK, width // _BLOCK
    if rows < 4 or cols < 4:
        return np.full_like(light, float(np.percentile(light, 1)))
    blocks = light[: rows * _BLOCK, : cols * _BLOCK].reshape(rows, _BLOCK, cols, _BLOCK)
    levels = np.percentile(blocks, 20, axis=(1, 3))
    chosen = levels <= np.quantile(levels, _DARK_BLOCK_SHARE)
    weights = ndimage.gaussian_filter(chosen.astype(np.float64), _PEDESTAL_SIGMA, mode="nearest")
    summed = ndimage.gaussian_filter(np.where(chosen, levels, 0.0), _PEDESTAL_SIGMA, mode="nearest")
    fallback = float(np.median(levels[chosen]))
    surface = np.where(weights > 1e-3, summed / np.maximum(weights, 1e-12), fallback)
    full = ndimage.zoom(surface, (height / rows, width / cols), order=1, mode="nearest")
    out = np.empty_like(light)
    out[:] = (
        full[:height, :width]
        if full.shape[0] >= height and full.shape[1] >= width
        else np.pad(
            full, [(0, max(0, height - full.shape[0])), (0, max(0, width - full.shape[1]))], mode="edge"
        )[:height, :width]
    )
    return out


def background_level(values: FloatImage) -> float:
    """The level under which the darkest blocks' pixels (background, noise included) almost all lie."""
    height, width = values.shape
    rows, cols = height // _BLOCK, width // _BLOCK
    if rows < 4 or cols < 4:
        return float(np.percentile(values, _STRETCH_PERCENTILES[0]))
    blocks = values[: rows * _BLOCK, : cols * _BLOCK].reshape(rows, _BLOCK, cols, _BLOCK)
    levels = np.percentile(blocks, 20, axis=(1, 3))
    chosen = levels <= np.quantile(levels, _DARK_BLOCK_SHARE / 2)
    return float(np.percentile(blocks.transpose(0, 2, 1, 3)[chosen], _BACKGROUND_PERCENTILE))


def stretch(values: FloatImage, low_level: float | None) -> FloatImage:
    """Min-max to [0, 1] from ``low_level`` (default: the darkest 0.5%) to the brightest 0.2%."""
    low, high = np.percentile(values, _STRETCH_PERCENTILES)
    if low_level is not None:
        low = max(float(low), low_level)
    if high <= low:
        return np.zeros_like(values)
    out: FloatImage = np.clip((values - low) / (high - low), 0.0, 1.0).astype(np.float32)
    return out


class _Surface:
    def __init__(self, coefficients: npt.NDArray[np.float64]) -> None:
        self.coefficients = coefficients

    def __call__(self, x: npt.NDArray[np.float32], y: npt.NDArray[np.float32]) -> FloatImage:
        c = self.coefficients
        out = c[0] + c[1] * x + c[2] * y + c[3] * x * x + c[4] * x * y + c[5] * y * y
        return np.asarray(out, dtype=np.float32)


def _quadratic_fit(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], z: npt.NDArray[np.float64]
) -> _Surface:
    """Least squares, refitted once without the worst 20% of residuals (a highlight, a stray label)."""
    design = np.column_stack([np.ones_like(x), x, y, x * x, x * y, y * y])
    coefficients = np.asarray(np.linalg.lstsq(design, z, rcond=None)[0], dtype=np.float64)
    residual = np.abs(design @ coefficients - z)
    keep = residual <= np.quantile(residual, 0.8)
    if keep.sum() >= 8:
        coefficients = np.asarray(np.linalg.lstsq(design[keep], z[keep], rcond=None)[0], dtype=np.float64)
    return _Surface(coefficients)


def panel_light(
    linear: FloatImage, panel_mask: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.float64], float, float] | None:
    """Fit the light box panel's brightness (a quadratic in frame coordinates) from its visible pixels.

    Returns the coefficients and the frame's (width, height) used to normalise x and y, or None when too
    little of the panel is visible.
    """
    height, width = linear.shape
    ys, xs = np.nonzero(panel_mask)
    if len(xs) < 200:
        return None
    step = max(1, len(xs) // 20000)
    xs, ys = xs[::step], ys[::step]
    x, y = xs / width - 0.5, ys / height - 0.5
    surface = _quadratic_fit(x.astype(np.float64), y.astype(np.float64), linear[ys, xs].astype(np.float64))
    return surface.coefficients, float(width), float(height)


def evaluate_panel(
    fit: tuple[npt.NDArray[np.float64], float, float], frame_x: FloatImage, frame_y: FloatImage
) -> FloatImage:
    """The fitted panel brightness at given frame coordinates (e.g. every straightened film pixel)."""
    coefficients, width, height = fit
    surface = _Surface(coefficients)
    return surface(frame_x / np.float32(width) - 0.5, frame_y / np.float32(height) - 0.5)
