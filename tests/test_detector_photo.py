"""Phone photos of a film or screen: files pass unchanged, photos are straightened, bad ones refused."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from bench.photo_simulator import simulate_non_breast, simulate_photo, text_page
from bot.catalog import Language
from bot.image_refusal_replies import RETAKE_PROBLEMS, image_error_text
from detector.errors import PHOTO_PROBLEMS, UnusablePhotoError
from detector.photo import read_upload
from detector.reading import read_image
from tests.dicom_factory import dicom_from_png
from tests.shared_data import MINI_MIAS_IMAGES

needs_films = pytest.mark.skipif(not MINI_MIAS_IMAGES.is_dir(), reason="shared mini-MIAS films not present")
FILM = MINI_MIAS_IMAGES / "mdb021.png"


def _film() -> np.ndarray:  # type: ignore[type-arg]
    with Image.open(FILM) as image:
        return np.asarray(image.convert("L"), dtype=np.float32) / 255.0


def _jpeg_rgb_grey(pixels: np.ndarray) -> bytes:  # type: ignore[type-arg]
    buffer = io.BytesIO()
    grey = Image.fromarray((pixels * 255).astype(np.uint8))
    Image.merge("RGB", (grey, grey, grey)).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


@needs_films
def test_png_and_dicom_files_pass_through_unchanged(tmp_path: object) -> None:
    for data in (FILM.read_bytes(), dicom_from_png(FILM), dicom_from_png(FILM, photometric="MONOCHROME1")):
        reading = read_upload(data)
        assert reading.kind == "file"
        np.testing.assert_allclose(reading.image.pixels, read_image(data).pixels, atol=1e-6, rtol=0)


@needs_films
def test_grey_jpeg_stored_as_rgb_is_a_file_not_a_photo() -> None:
    data = _jpeg_rgb_grey(_film())
    reading = read_upload(data)
    assert reading.kind == "file"
    np.testing.assert_allclose(reading.image.pixels, read_image(data).pixels, atol=1e-6, rtol=0)


def test_simulator_is_seeded() -> None:
    film = np.tile(np.linspace(0, 1, 256, dtype=np.float32), (256, 1))
    first = simulate_photo(film, "lightbox", 7, scale=0.4)
    assert simulate_photo(film, "lightbox", 7, scale=0.4).jpeg == first.jpeg
    assert simulate_photo(film, "lightbox", 8, scale=0.4).jpeg != first.jpeg
    assert {"density_max", "gain_b", "blur_sigma", "rotation_deg"} <= set(first.parameters.values)


@needs_films
@pytest.mark.parametrize("kind", ["lightbox", "screen"])
def test_a_photo_is_straightened_back_to_the_film(kind: str) -> None:
    film = _film()
    reading = read_upload(simulate_photo(film, kind, 3).jpeg)  # type: ignore[arg-type]
    assert reading.kind == kind
    got = reading.image.pixels
    height, width = got.shape
    if kind == "screen":  # the 16:10 display, the square film letterboxed in its middle
        assert 1.4 < width / height < 1.8
        got = got[:, (width - height) // 2 : (width + height) // 2]
    else:  # the square film, not the frame or the light box
        assert 0.8 < width / height < 1.25
    small = np.asarray(Image.fromarray(got).resize((128, 128), Image.Resampling.BILINEAR))
    reference = np.asarray(Image.fromarray(film).resize((128, 128), Image.Resampling.BILINEAR))
    assert np.corrcoef(small.ravel(), reference.ravel())[0, 1] > 0.85


@needs_films
@pytest.mark.parametrize("defect", ["dark", "glare", "blurred"])
def test_an_unusable_photo_is_refused_with_its_tip(defect: str) -> None:
    photo = simulate_photo(_film(), "lightbox", 11, defect=defect)  # type: ignore[arg-type]
    with pytest.raises(UnusablePhotoError) as caught:
        read_upload(photo.jpeg)
    assert caught.value.problem == defect
    assert caught.value.reason == defect


def test_a_photo_of_a_document_is_not_straightened_into_a_film() -> None:
    photo = simulate_non_breast(text_page(1, height=700, width=500), "document", 1, scale=0.5)
    reading = read_upload(photo.jpeg)
    assert reading.kind in ("photo", "lightbox", "screen")  # the gate decides; nothing here claims a breast


@pytest.mark.parametrize("language", list(Language))
def test_every_problem_has_a_concrete_tip_in_every_language(language: Language) -> None:
    assert set(RETAKE_PROBLEMS) == set(PHOTO_PROBLEMS) == {"dark", "glare", "cut_off", "blurred"}
    general = image_error_text("UnusablePhotoError", None, language)
    tips = {problem: image_error_text("UnusablePhotoError", problem, language) for problem in PHOTO_PROBLEMS}
    assert general not in tips.values() and len(set(tips.values())) == len(tips)
    if language is Language.ENGLISH:
        assert "flash" in tips["glare"] and "edges" in tips["cut_off"]
