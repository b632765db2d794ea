"""Seeded simulated phone photos of a mammogram film on a light box or of the image on a screen.

Real photographs cannot be taken on the project machines, so this models the physics of each step. Every
draw comes from ``numpy.random.default_rng(seed)``; the same (image, kind, seed) gives the same JPEG bytes.

Scene, in linear light (1.0 = the bare light box or a white screen pixel):

* ``lightbox``: the film is a transmission image. A film pixel ``v`` (0 black .. 1 white, as the digitised
  file shows it) has optical density ``D = d_base + (d_max - d_base) * (1 - v)``, ``d_base`` U(0.15, 0.25),
  ``d_max`` U(2.2, 3.0), and lets ``10 ** -D`` of the light through. The panel is lit unevenly: a plane of
  slope up to ±``LIGHT_SLOPE`` across the panel times a radial fall-off of up to ``LIGHT_VIGNETTE``. The panel
  extends U(0.05, 0.14) of the film side beyond each film edge; the room around it is a dim, smooth, textured
  surface (0.03-0.20).
* ``screen``: the image is shown letterboxed on a 16:10 display: luminance ``black + (1 - black) * v**2.2``
  (display gamma), black level U(0.01, 0.03), panel brightness U(0.7, 1.0). A bezel of U(0.025, 0.05) of the
  display width at 0.004-0.012, the room around at 0.05-0.35. Moiré: two sinusoidal beat patterns (period
  U(3, 9) px, random angle), multiplicative, each of amplitude U(0.02, 0.06).

Camera, for both kinds (``PhotoParameters`` records every value drawn):

* view: the film or display rectangle covers U(0.62, 0.82) of the shorter side of a 1536 x 2048 portrait
  frame, rotated U(-8, 8) degrees, centre shifted up to 4% of the frame, each corner moved up to
  ``PERSPECTIVE`` (6%) of the film side (tilt/perspective), then shrunk until the film or display with 6%
  around it (the bezel) lies inside the frame; the scene is rendered through that homography;
* glare: one additive Gaussian highlight, peak U(0.03, 0.15) of white, sigma U(0.04, 0.10) of the frame, at a
  random place inside the film (never saturating in a usable photo);
* flare: a veiling light of U(0.002, 0.01) of white over the whole frame;
* exposure: auto, so that the frame's 99.5th percentile before the highlight lands at U(0.80, 0.95) of
  full scale;
* warm colour cast: channel gains R U(1.00, 1.12), G 1, B U(0.72, 0.90), then renormalised to the brightest;
* optics: Gaussian blur sigma U(0.6, 1.4) px; noise: shot noise with sigma ``0.012 * sqrt(x)`` plus read
  noise 0.004, per channel;
* sRGB encoding (the standard transfer curve), 8-bit, JPEG quality 85 with 4:2:0 chroma subsampling.

Unusable variants (``defect``), each drawn on top of an otherwise usable photo:

* ``dark``: exposure multiplied by U(0.04, 0.10);
* ``glare``: a saturating highlight (peak U(1.5, 3.0), sigma U(0.05, 0.09) of the frame) on the breast;
* ``cut_off``: the film centre shifted U(0.32, 0.45) of the frame sideways or up/down, so an edge leaves it;
* ``blurred``: blur sigma U(7, 12) px.

Non-breast scenes for the gate: ``document`` (a rendered page of text lying on a desk), ``room`` (a photo from
the installed packages filling the frame, as a photo of a room would) and ``text_screen`` (a screen showing a
rendered page of text), all through the same camera.
"""

from __future__ import annotations

import io
import math
from dataclasses import asdict, dataclass, field
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont
from scipy import ndimage  # type: ignore[import-untyped]
from skimage.transform import ProjectiveTransform, warp

FloatImage = npt.NDArray[np.float32]
Kind = Literal["lightbox", "screen"]
Defect = Literal["dark", "glare", "cut_off", "blurred"]
NonBreastKind = Literal["document", "room", "text_screen"]

FRAME_HEIGHT: Final = 1280  # Telegram sends a "photo" at most 1280 px on its longer side
FRAME_WIDTH: Final = 960
JPEG_QUALITY: Final = 85
LIGHT_SLOPE: Final = 0.25
LIGHT_VIGNETTE: Final = 0.20
PERSPECTIVE: Final = 0.06
DISPLAY_ASPECT: Final = 16 / 10
DISPLAY_GAMMA: Final = 2.2
BEZEL_ALLOWANCE: Final = 0.06  # a usable view keeps this share of the film's size free around it


@dataclass
class PhotoParameters:
    """Every random value one photo was made with (for the record and for tests)."""

    kind: str
    seed: int
    defect: str | None = None
    values: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    parameters: PhotoParameters
    corners: npt.NDArray[
        np.float64
    ]  # the film or display rectangle's corners in the frame (x, y), TL TR BR BL


def simulate_photo(
    film: FloatImage, kind: Kind, seed: int, *, defect: Defect | None = None, scale: float = 1.0
) -> Photo:
    """A phone photo of ``film`` (2-D, [0, 1]) on a light box or a screen; ``scale`` < 1: a smaller frame."""
    rng = np.random.default_rng(seed)
    params = PhotoParameters(kind=kind, seed=seed, defect=defect)
    height, width = round(FRAME_HEIGHT * scale), round(FRAME_WIDTH * scale)
    if kind == "lightbox":
        scene, content_box = _lightbox_scene(film, rng, params)
    else:  # a wide screen is photographed with the phone turned sideways
        height, width = width, height
        scene, content_box = _screen_scene(_letterbox(film), rng, params)
    return _photograph(scene, content_box, (height, width), rng, params, defect, film_for_glare=film)


def simulate_non_breast(content: FloatImage, kind: NonBreastKind, seed: int, *, scale: float = 1.0) -> Photo:
    """A phone photo of something that is not a mammogram (a document, a room, a screen of text)."""
    rng = np.random.default_rng(seed)
    params = PhotoParameters(kind=kind, seed=seed)
    height, width = round(FRAME_HEIGHT * scale), round(FRAME_WIDTH * scale)
    if kind == "room":
        box = (0.0, 0.0, float(content.shape[1]), float(content.shape[0]))
        return _photograph(content, box, (height, width), rng, params, None, fill=(1.05, 1.15))
    if kind == "text_screen":
        scene, box = _screen_scene(content, rng, params)
    else:
        scene, box = _document_scene(content, rng, params)
    return _photograph(scene, box, (height, width), rng, params, None)


def text_page(seed: int, *, height: int = 1400, width: int = 1000, dark: bool = False) -> FloatImage:
    """A page of random words (grey, [0, 1]): the content of a document or text-screen photo."""
    rng = np.random.default_rng(seed)
    page = Image.new("L", (width, height), 30 if dark else 245)
    draw = ImageDraw.Draw(page)
    words = ["report", "patient", "date", "result", "clinic", "total", "name", "please", "signed", "page"]
    y = int(rng.integers(30, 90))
    while y < height - 60:
        size = int(rng.integers(18, 44))
        font = _font(size)
        line = " ".join(str(rng.choice(words)) for _ in range(int(rng.integers(2, 8))))
        draw.text((int(rng.integers(30, 90)), y), line, fill=225 if dark else 20, font=font)
        y += int(size * rng.uniform(1.3, 1.9))
    return np.asarray(page, dtype=np.float32) / 255.0


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # a Pillow without FreeType
        return ImageFont.load_default()


def _draw(params: PhotoParameters, name: str, value: float) -> float:
    params.values[name] = float(value)
    return float(value)


def _smooth_texture(shape: tuple[int, int], rng: np.random.Generator, low: float, high: float) -> FloatImage:
    """A dim, smoothly varying surface (a desk, a wall) between ``low`` and ``high``."""
    coarse = rng.random((max(2, shape[0] // 64), max(2, shape[1] // 64)))
    zoomed = ndimage.zoom(coarse, (shape[0] / coarse.shape[0], shape[1] / coarse.shape[1]), order=1)
    zoomed = ndimage.gaussian_filter(zoomed, 24)
    grain = ndimage.gaussian_filter(rng.random(shape), 1.5)
    surface = 0.8 * zoomed[: shape[0], : shape[1]] + 0.2 * grain
    surface = (surface - surface.min()) / max(1e-6, float(surface.max() - surface.min()))
    out: FloatImage = (low + (high - low) * surface).astype(np.float32)
    return out


def _lightbox_scene(
    film: FloatImage, rng: np.random.Generator, params: PhotoParameters
) -> tuple[FloatImage, tuple[float, float, float, float]]:
    """The film on its light box in the room, linear light; returns the scene and the film's box in it."""
    film_h, film_w = film.shape
    margin = _draw(params, "panel_margin", rng.uniform(0.05, 0.14))
    pad = round(margin * max(film_h, film_w))
    room_pad = round(0.35 * max(film_h, film_w))
    d_base = _draw(params, "density_base", rng.uniform(0.15, 0.25))
    d_max = _draw(params, "density_max", rng.uniform(2.2, 3.0))
    transmission = 10.0 ** -(d_base + (d_max - d_base) * (1.0 - film.astype(np.float64)))
    panel_h, panel_w = film_h + 2 * pad, film_w + 2 * pad
    yy, xx = np.mgrid[0:panel_h, 0:panel_w].astype(np.float64)
    xn, yn = xx / panel_w - 0.5, yy / panel_h - 0.5
    slope_x = _draw(params, "light_slope_x", rng.uniform(-LIGHT_SLOPE, LIGHT_SLOPE))
    slope_y = _draw(params, "light_slope_y", rng.uniform(-LIGHT_SLOPE, LIGHT_SLOPE))
    vignette = _draw(params, "light_vignette", rng.uniform(0.0, LIGHT_VIGNETTE))
    light = (1.0 + slope_x * xn + slope_y * yn) * (1.0 - vignette * 2.0 * (xn**2 + yn**2))
    panel = light.copy()
    panel[pad : pad + film_h, pad : pad + film_w] *= transmission
    room = _smooth_texture((panel_h + 2 * room_pad, panel_w + 2 * room_pad), rng, 0.03, 0.20)
    room[room_pad : room_pad + panel_h, room_pad : room_pad + panel_w] = panel
    offset = room_pad + pad
    return room, (float(offset), float(offset), float(offset + film_w), float(offset + film_h))


def _letterbox(film: FloatImage) -> FloatImage:
    """The film shown on a 16:10 display, fitted to its height, black either side."""
    height, width = film.shape
    display_w = round(height * DISPLAY_ASPECT)
    out = np.zeros((height, max(width, display_w)), dtype=np.float32)
    left = (out.shape[1] - width) // 2
    out[:, left : left + width] = film
    return out


def _screen_scene(
    content: FloatImage, rng: np.random.Generator, params: PhotoParameters
) -> tuple[FloatImage, tuple[float, float, float, float]]:
    """The content on a lit display with bezel, in the room; returns the scene and the display's box."""
    height, width = content.shape
    black = _draw(params, "screen_black", rng.uniform(0.01, 0.03))
    brightness = _draw(params, "screen_brightness", rng.uniform(0.7, 1.0))
    display = brightness * (
        black + (1.0 - black) * np.clip(content, 0, 1).astype(np.float64) ** DISPLAY_GAMMA
    )
    bezel_share = _draw(params, "bezel", rng.uniform(0.025, 0.05))
    bezel = round(bezel_share * width)
    room_pad = round(0.3 * width)
    bezel_level = _draw(params, "bezel_level", rng.uniform(0.004, 0.012))
    frame = np.full((height + 2 * bezel, width + 2 * bezel), bezel_level, dtype=np.float64)
    frame[bezel : bezel + height, bezel : bezel + width] = display
    room = _smooth_texture((frame.shape[0] + 2 * room_pad, frame.shape[1] + 2 * room_pad), rng, 0.05, 0.35)
    room[room_pad : room_pad + frame.shape[0], room_pad : room_pad + frame.shape[1]] = frame
    offset = room_pad + bezel
    return room, (float(offset), float(offset), float(offset + width), float(offset + height))


def _document_scene(
    page: FloatImage, rng: np.random.Generator, params: PhotoParameters
) -> tuple[FloatImage, tuple[float, float, float, float]]:
    """A white page (reflective, lit by the room) lying on a darker desk."""
    height, width = page.shape
    room_pad = round(0.3 * width)
    paper = _draw(params, "paper_level", rng.uniform(0.55, 0.9))
    room = _smooth_texture((height + 2 * room_pad, width + 2 * room_pad), rng, 0.05, 0.3)
    room[room_pad : room_pad + height, room_pad : room_pad + width] = paper * page
    return room, (float(room_pad), float(room_pad), float(room_pad + width), float(room_pad + height))


def _view_corners(
    box: tuple[float, float, float, float],
    frame: tuple[int, int],
    rng: np.random.Generator,
    params: PhotoParameters,
    fill: tuple[float, float],
    shift: tuple[float, float],
    keep_inside: bool,
) -> npt.NDArray[np.float64]:
    """Where the content box's corners land in the frame: scaled, rotated, shifted, perspective-jittered."""
    height, width = frame
    left, top, right, bottom = box
    box_w, box_h = right - left, bottom - top
    cover = _draw(params, "cover", rng.uniform(*fill))
    fit = min(width / box_w, height / box_h) if fill[0] < 1 else max(width / box_w, height / box_h)
    scale = cover * fit
    angle = math.radians(_draw(params, "rotation_deg", rng.uniform(-8, 8)))
    centre_x = width / 2 + _draw(params, "shift_x", shift[0] + rng.uniform(-0.04, 0.04)) * width
    centre_y = height / 2 + _draw(params, "shift_y", shift[1] + rng.uniform(-0.04, 0.04)) * height
    half = np.array([[-box_w, -box_h], [box_w, -box_h], [box_w, box_h], [-box_w, box_h]]) * 0.5 * scale
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    corners = half @ rotation.T + np.array([centre_x, centre_y])
    jitter = rng.uniform(-PERSPECTIVE, PERSPECTIVE, size=(4, 2)) * cover * min(width, height)
    params.values["perspective_max_px"] = float(np.abs(jitter).max())
    moved: npt.NDArray[np.float64] = corners + jitter
    if keep_inside:  # a usable photo shows the whole film or screen (bezel included) with a margin
        centre = moved.mean(axis=0)
        limit = np.array([width, height], dtype=np.float64)
        for _ in range(50):
            grown = centre + (moved - centre) * (1.0 + 2 * BEZEL_ALLOWANCE)
            if (grown >= 0.01 * limit).all() and (grown <= 0.99 * limit).all():
                break
            moved = centre + (moved - centre) * 0.97
    return moved


def _photograph(
    scene: FloatImage,
    content_box: tuple[float, float, float, float],
    frame: tuple[int, int],
    rng: np.random.Generator,
    params: PhotoParameters,
    defect: Defect | None,
    *,
    fill: tuple[float, float] = (0.62, 0.82),
    film_for_glare: FloatImage | None = None,
) -> Photo:
    shift = (0.0, 0.0)
    if defect == "cut_off":
        amount = rng.uniform(0.32, 0.45) * rng.choice([-1.0, 1.0])
        shift = (float(amount), 0.0) if rng.random() < 0.5 else (0.0, float(amount))
    keep_inside = defect != "cut_off" and fill[0] < 1
    corners = _view_corners(content_box, frame, rng, params, fill, shift, keep_inside)
    left, top, right, bottom = content_box
    source = np.array([[left, top], [right, top], [right, bottom], [left, bottom]], dtype=np.float64)
    frame_to_scene = ProjectiveTransform.from_estimate(corners, source)  # type: ignore[no-untyped-call]
    light = warp(  # type: ignore[no-untyped-call]
        scene, frame_to_scene, output_shape=frame, order=1, mode="edge"
    ).astype(np.float64)
    height, width = frame
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float64)
    inside = _inside_mask(frame_to_scene, content_box, frame)

    # a highlight from a lamp or window: on the film (usable), or saturating over the breast (unusable)
    if defect == "glare" and film_for_glare is not None:
        spot = _breast_centre_in_frame(film_for_glare, frame_to_scene, content_box, frame)
        peak = _draw(params, "glare_peak", rng.uniform(1.5, 3.0))
        sigma = _draw(params, "glare_sigma", rng.uniform(0.05, 0.09)) * max(height, width)
    else:
        ys, xs = np.nonzero(inside) if inside.any() else (np.array([height // 2]), np.array([width // 2]))
        pick = int(rng.integers(0, len(xs)))
        spot = (float(xs[pick]), float(ys[pick]))
        peak = _draw(params, "glare_peak", rng.uniform(0.03, 0.15))
        sigma = _draw(params, "glare_sigma", rng.uniform(0.04, 0.10)) * max(height, width)
    # auto-exposure meters the scene; the highlight comes on top (so a strong one saturates)
    reference = float(np.percentile(light, 99.5))
    light = light + peak * reference * np.exp(-((xx - spot[0]) ** 2 + (yy - spot[1]) ** 2) / (2 * sigma**2))
    light = light + _draw(params, "flare", rng.uniform(0.002, 0.01)) * reference
    if params.kind == "screen" or params.kind == "text_screen":
        light = light * _moire(frame, rng, params, inside)

    target = _draw(params, "exposure_target", rng.uniform(0.80, 0.95))
    exposure = target / max(1e-6, reference)
    if defect == "dark":
        exposure *= _draw(params, "underexposure", rng.uniform(0.04, 0.10))
    light = light * exposure
    gains = np.array(
        [
            _draw(params, "gain_r", rng.uniform(1.00, 1.12)),
            1.0,
            _draw(params, "gain_b", rng.uniform(0.72, 0.90)),
        ]
    )
    gains = gains / gains.max()
    rgb = light[..., None] * gains
    blur = _draw(params, "blur_sigma", rng.uniform(7, 12) if defect == "blurred" else rng.uniform(0.6, 1.4))
    rgb = ndimage.gaussian_filter(rgb, sigma=(blur, blur, 0))
    noise_sigma = 0.012 * np.sqrt(np.clip(rgb, 0, None)) + 0.004
    rgb = rgb + rng.normal(size=rgb.shape) * noise_sigma
    encoded = _srgb_encode(np.clip(rgb, 0.0, 1.0))
    buffer = io.BytesIO()
    Image.fromarray(encoded, mode="RGB").save(buffer, format="JPEG", quality=JPEG_QUALITY, subsampling=2)
    return Photo(buffer.getvalue(), params, corners)


def _inside_mask(
    frame_to_scene: ProjectiveTransform, box: tuple[float, float, float, float], frame: tuple[int, int]
) -> npt.NDArray[np.bool_]:
    height, width = frame
    yy, xx = np.mgrid[0:height, 0:width]
    points = frame_to_scene(np.column_stack([xx.ravel(), yy.ravel()]).astype(np.float64))
    left, top, right, bottom = box
    inside = (points[:, 0] >= left) & (points[:, 0] < right) & (points[:, 1] >= top) & (points[:, 1] < bottom)
    mask: npt.NDArray[np.bool_] = inside.reshape(height, width)
    return mask


def _breast_centre_in_frame(
    film: FloatImage,
    frame_to_scene: ProjectiveTransform,
    box: tuple[float, float, float, float],
    frame: tuple[int, int],
) -> tuple[float, float]:
    """The frame position of the brightest-tissue centroid of the film (where glare hurts most)."""
    rows, cols = np.nonzero(film > 0.35)
    if len(rows) == 0:
        rows, cols = np.array([film.shape[0] / 2]), np.array([film.shape[1] / 2])
    left, top, _, _ = box
    scene_point = np.array([[left + float(cols.mean()), top + float(rows.mean())]])
    frame_point = frame_to_scene.inverse(scene_point)[0]
    return float(np.clip(frame_point[0], 0, frame[1] - 1)), float(np.clip(frame_point[1], 0, frame[0] - 1))


def _moire(
    frame: tuple[int, int], rng: np.random.Generator, params: PhotoParameters, inside: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """Two beat patterns between the display's pixel grid and the camera's sensor, on the display only."""
    height, width = frame
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float64)
    pattern = np.ones(frame)
    for index in range(2):
        period = _draw(params, f"moire_period_{index}", rng.uniform(3, 9))
        angle = _draw(params, f"moire_angle_{index}", rng.uniform(0, math.pi))
        amplitude = _draw(params, f"moire_amplitude_{index}", rng.uniform(0.02, 0.06))
        phase = 2 * math.pi * (xx * math.cos(angle) + yy * math.sin(angle)) / period
        pattern = pattern * (1.0 + amplitude * np.sin(phase))
    return np.where(inside, pattern, 1.0)


def _srgb_encode(linear: npt.NDArray[np.float64]) -> npt.NDArray[np.uint8]:
    encoded = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * np.power(linear, 1 / 2.4) - 0.055)
    return np.clip(np.round(encoded * 255.0), 0, 255).astype(np.uint8)
