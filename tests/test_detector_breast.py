"""Breast crop and laterality normalisation on real mini-MIAS films, their DICOM copies and made-up images."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, cast

import numpy as np
import pytest

from detector.breast import breast_mask, canonical_mammogram, chest_wall_side
from detector.prepare import fit_square, prepare_mammogram, prepare_whole
from detector.reading import LoadedImage, read_image
from tests.dicom_factory import dicom_from_png
from tests.shared_data import MINI_MIAS_IMAGES

RIGHT, LEFT = MINI_MIAS_IMAGES / "mdb001.png", MINI_MIAS_IMAGES / "mdb002.png"


@pytest.fixture(scope="module")
def films() -> tuple[Path, Path]:
    if not (RIGHT.is_file() and LEFT.is_file()):
        pytest.skip("shared mini-MIAS data missing")
    return RIGHT, LEFT


def loaded(pixels: np.ndarray, laterality: str | None = None) -> LoadedImage:  # type: ignore[type-arg]
    height, width = pixels.shape
    return LoadedImage(
        pixels=pixels.astype(np.float32),
        source_format="png",
        width=width,
        height=height,
        bits_stored=8,
        laterality=cast(Literal["L", "R"] | None, laterality),
    )


def test_right_breast_is_flipped_left_breast_is_not(films: tuple[Path, Path]) -> None:
    right, left = (read_image(path.read_bytes()) for path in films)
    right_crop, right_geometry = canonical_mammogram(right.pixels)
    left_crop, left_geometry = canonical_mammogram(left.pixels)
    assert right_geometry.flipped and not left_geometry.flipped
    for crop in (right_crop, left_crop):  # chest wall (most tissue) now on the left
        half = crop.shape[1] // 2
        assert crop[:, :half].sum() > 1.5 * crop[:, half:].sum()
        assert crop.shape[1] < 0.9 * 1024  # the empty film beside the breast is cut away


def test_crop_removes_film_labels_and_background(films: tuple[Path, Path]) -> None:
    image = read_image(films[0].read_bytes())
    mask = breast_mask(image.pixels)
    assert 0.15 < mask.mean() < 0.7
    crop, geometry = canonical_mammogram(image.pixels)
    assert crop.shape == (geometry.bottom - geometry.top, geometry.right - geometry.left)


def test_geometry_maps_points_both_ways(films: tuple[Path, Path]) -> None:
    prepared = prepare_mammogram(read_image(films[0].read_bytes()), 384)
    for x, y in ((535.0, 598.0), (700.0, 100.0)):
        sx, sy = prepared.to_square(x, y)
        assert 0 <= sx < 384 and 0 <= sy < 384
        assert prepared.to_original(sx, sy) == pytest.approx((x, y), abs=1e-6)


def test_dicom_gives_the_same_canonical_image(films: tuple[Path, Path]) -> None:
    png = prepare_mammogram(read_image(films[0].read_bytes()), 256)
    dicom = prepare_mammogram(read_image(dicom_from_png(films[0], laterality="R")), 256)
    np.testing.assert_allclose(dicom.pixels, png.pixels, atol=2e-3)


def test_laterality_decides_only_when_the_image_is_symmetric() -> None:
    symmetric = np.zeros((200, 200), dtype=np.float32)
    symmetric[40:160, 40:160] = 0.8
    mask = breast_mask(symmetric)
    assert chest_wall_side(symmetric, mask, "R") == "right"
    assert chest_wall_side(symmetric, mask, "L") == "left"
    assert chest_wall_side(symmetric, mask, None) == "left"
    lopsided = symmetric.copy()
    lopsided[:, 100:] = 0.0
    assert chest_wall_side(lopsided, breast_mask(lopsided), "R") == "left"  # the image wins over the tag
    _, geometry = canonical_mammogram(symmetric, "R")
    assert geometry.flipped


def test_blank_image_keeps_its_whole_frame() -> None:
    crop, geometry = canonical_mammogram(np.zeros((100, 80), dtype=np.float32))
    assert crop.shape == (100, 80) and not geometry.flipped


def test_fit_square_keeps_aspect_and_anchor() -> None:
    pixels = np.ones((200, 100), dtype=np.float32)
    square, scale, left, top = fit_square(pixels, 64, anchor="left")
    assert square.shape == (64, 64) and scale == pytest.approx(0.32) and (left, top) == (0, 0)
    assert square[:, :32].min() > 0.99 and square[:, 33:].max() == 0.0
    centred = prepare_whole(loaded(pixels), 64)
    assert centred.offset_x == 16 and centred.pixels[:, :15].max() == 0.0
