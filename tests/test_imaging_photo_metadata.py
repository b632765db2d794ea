"""JPEG and PNG uploads lose their metadata losslessly (imaging.photo_metadata), on real BUSI and mini-MIAS
images: the pixels decode identically, the planted strings are gone, and the EXIF orientation survives."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from PIL import Image

from detector import CorruptImageError, ImageError, read_image
from imaging import clean_upload
from imaging import photo_metadata as filter_module
from imaging.formats import JPEG_SIGNATURE, PNG_SIGNATURE
from imaging.photo_metadata import strip_image_metadata
from store import Store, create_database_engine, create_schema, session_factory
from tests.photo_metadata import (
    EXIF_IFD,
    GPS_IFD,
    ORIENTATION,
    jpeg_markers,
    phone_jpeg,
    phone_png,
    planted_exif,
    planted_strings,
    png_chunk_types,
)
from tests.shared_data import BUSI_IMAGES, MINI_MIAS_IMAGES

BUSI = BUSI_IMAGES / "benign_10.png"
MAMMOGRAM = MINI_MIAS_IMAGES / "mdb001.png"


def ultrasound_photo() -> Image.Image:
    """A phone photo of an ultrasound screen: RGB, and not square, so that a turn shows in the shape."""
    with Image.open(BUSI) as image:
        return image.convert("RGB").crop((0, 0, 256, 176))


def mammogram() -> Image.Image:
    with Image.open(MAMMOGRAM) as image:
        return image.convert("L").crop((0, 0, 1024, 768))


def pixels(data: bytes) -> npt.NDArray[np.uint8]:
    """The decoded pixels as stored (no orientation applied)."""
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image)


def assert_clean(data: bytes) -> None:
    for planted in planted_strings():
        assert planted not in data, planted
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert set(exif) <= {ORIENTATION}, dict(exif)
        assert not exif.get_ifd(GPS_IFD) and not exif.get_ifd(EXIF_IFD)
        assert not {"xmp", "comment", "photoshop", "XML:com.adobe.xmp", "Author", "Comment"} & set(image.info)


def scan_bytes(jpeg: bytes) -> bytes:
    """From the first start of scan through end of image: the compressed pixels."""
    return jpeg[jpeg.index(b"\xff\xda") : jpeg.index(b"\xff\xd9", jpeg.index(b"\xff\xda")) + 2]


@pytest.mark.parametrize("source", [ultrasound_photo, mammogram], ids=["busi-rgb", "mini-mias-grey"])
def test_jpeg_loses_every_metadata_segment_and_keeps_its_pixels(source: Callable[[], Image.Image]) -> None:
    original = phone_jpeg(source())
    assert all(planted in original for planted in planted_strings("jpeg"))

    stripped = strip_image_metadata(original)

    assert_clean(stripped)
    assert np.array_equal(pixels(stripped), pixels(original))
    assert stripped.endswith(scan_bytes(original))  # the compressed data itself, byte for byte; no trailer
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(stripped)) as after:
        assert after.info.get("icc_profile") == before.info.get("icc_profile")
        assert after.info["jfif"] == before.info["jfif"]
    kept = {0xD8, 0xE0, 0xE2, 0xDB, 0xC0, 0xC4, 0xDA}
    assert set(jpeg_markers(stripped)) <= kept


@pytest.mark.parametrize(
    "options", [{"progressive": True}, {"restart_marker_rows": 1}], ids=["progressive", "restart-markers"]
)
def test_progressive_and_restart_marker_scans_are_copied_whole(options: dict[str, object]) -> None:
    buffer = io.BytesIO()
    ultrasound_photo().save(buffer, format="JPEG", exif=planted_exif(6), comment=b"PlantedComment", **options)
    original = buffer.getvalue()
    stripped = strip_image_metadata(original)
    assert b"PlantedComment" not in stripped and b"PlantedMake" not in stripped
    assert stripped.endswith(original[original.index(b"\xff\xda") :])  # every scan, and what is between them
    assert np.array_equal(pixels(stripped), pixels(original))


def test_cmyk_jpeg_keeps_the_adobe_segment_for_its_colour_transform() -> None:
    buffer = io.BytesIO()
    cmyk = ultrasound_photo().convert("CMYK")
    cmyk.save(buffer, format="JPEG", exif=planted_exif(), comment=b"PlantedComment")
    original = buffer.getvalue()
    stripped = strip_image_metadata(original)
    assert 0xEE in jpeg_markers(stripped) and b"PlantedComment" not in stripped
    with Image.open(io.BytesIO(stripped)) as image:
        assert image.mode == "CMYK" and "adobe" in image.info
    assert np.array_equal(pixels(stripped), pixels(original))


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_a_turned_phone_photo_keeps_its_orientation_alone(orientation: int) -> None:
    original = phone_jpeg(ultrasound_photo(), orientation=orientation)
    stripped = strip_image_metadata(original)

    assert_clean(stripped)
    with Image.open(io.BytesIO(stripped)) as image:
        assert dict(image.getexif()) == {ORIENTATION: orientation}
    read_before, read_after = read_image(original), read_image(stripped)  # the detector turns both alike
    assert np.array_equal(read_after.pixels, read_before.pixels)
    expected = (176, 256) if orientation == 3 else (256, 176)
    assert read_after.pixels.shape == expected
    assert np.array_equal(pixels(stripped), pixels(original))


def test_an_orientation_written_only_in_xmp_is_kept_as_exif() -> None:
    original = phone_jpeg(ultrasound_photo(), xmp_orientation=8, exif=False)
    stripped = strip_image_metadata(original)
    assert_clean(stripped)
    with Image.open(io.BytesIO(stripped)) as image:
        assert dict(image.getexif()) == {ORIENTATION: 8}
    assert np.array_equal(read_image(stripped).pixels, read_image(original).pixels)
    assert read_image(stripped).pixels.shape == (256, 176)


def test_an_upright_photo_gets_no_exif_at_all() -> None:
    stripped = strip_image_metadata(phone_jpeg(ultrasound_photo()))
    assert 0xE1 not in jpeg_markers(stripped)
    assert b"Exif" not in stripped


def test_png_loses_its_text_exif_and_time_chunks_and_keeps_colour_chunks() -> None:
    original = phone_png(mammogram())
    assert all(kind in png_chunk_types(original) for kind in (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"))
    assert all(planted in original for planted in planted_strings("png"))

    stripped = strip_image_metadata(original)

    assert_clean(stripped)
    assert np.array_equal(pixels(stripped), pixels(original))
    types = png_chunk_types(stripped)
    assert types[0] == b"IHDR" and types[-1] == b"IEND" and b"IDAT" in types
    assert set(types) == {b"IHDR", b"iCCP", b"gAMA", b"pHYs", b"IDAT", b"IEND"}
    assert stripped.endswith(b"IEND\xaeB`\x82")  # no trailer
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(stripped)) as after:
        after.load()  # every CRC checks (Pillow verifies them while reading)
        for key in ("dpi", "icc_profile", "gamma"):
            assert after.info[key] == before.info[key], key


def test_a_turned_png_keeps_its_orientation_in_a_minimal_exif_chunk() -> None:
    original = phone_png(ultrasound_photo(), orientation=6)
    stripped = strip_image_metadata(original)
    assert_clean(stripped)
    types = png_chunk_types(stripped)
    assert types.count(b"eXIf") == 1 and types.index(b"eXIf") < types.index(b"IDAT")
    with Image.open(io.BytesIO(stripped)) as image:
        assert dict(image.getexif()) == {ORIENTATION: 6}
    assert np.array_equal(read_image(stripped).pixels, read_image(original).pixels)
    assert read_image(stripped).pixels.shape == (256, 176)


@pytest.mark.parametrize("make", [phone_jpeg, phone_png], ids=["jpeg", "png"])
def test_stripping_twice_changes_nothing(make: Callable[..., bytes]) -> None:
    once = strip_image_metadata(make(ultrasound_photo(), orientation=6))
    assert strip_image_metadata(once) == once


def test_an_mpo_keeps_its_first_frame_only() -> None:
    first, second = ultrasound_photo(), ultrasound_photo().transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    buffer = io.BytesIO()
    first.save(buffer, format="MPO", save_all=True, append_images=[second], exif=planted_exif())
    original = buffer.getvalue()
    stripped = strip_image_metadata(original)
    assert b"PlantedMake" not in stripped and b"MPF" not in stripped
    assert stripped.count(b"\xff\xd8") == 1
    assert np.array_equal(pixels(stripped), pixels(original))


# --- damaged files: never an exception, never metadata, the reader's verdict unchanged ---------------------


def readable(data: bytes) -> npt.NDArray[np.float32] | None:
    try:
        return read_image(data).pixels
    except ImageError:
        return None


@pytest.mark.parametrize("make", [phone_jpeg, phone_png], ids=["jpeg", "png"])
def test_a_cut_file_keeps_what_it_had_and_no_metadata(make: Callable[..., bytes]) -> None:
    whole = make(ultrasound_photo(), orientation=6)
    size = len(whole)
    cuts = sorted({*range(3, 1200, 97), *range(size // 2, size, size // 9), size - 40})
    for cut in cuts:
        damaged = whole[:cut]
        stripped = strip_image_metadata(damaged)
        for planted in planted_strings():
            assert planted not in stripped, (cut, planted)
        before, after = readable(damaged), readable(stripped)
        assert (before is None) == (after is None), cut
        if before is not None and after is not None:
            assert np.array_equal(before, after), cut


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow's notes on the damaged EXIF it reads
@pytest.mark.parametrize("signature", [JPEG_SIGNATURE, PNG_SIGNATURE], ids=["jpeg", "png"])
def test_random_damage_never_raises(signature: bytes) -> None:
    generator = random.Random(20261126)
    source = phone_jpeg(ultrasound_photo()) if signature == JPEG_SIGNATURE else phone_png(ultrasound_photo())
    for _ in range(300):
        data = bytearray(source)
        for _ in range(generator.randint(1, 12)):
            data[generator.randrange(len(signature), len(data))] = generator.randrange(256)
        cut = generator.randrange(len(signature), len(data) + 1)
        stripped = strip_image_metadata(bytes(data[:cut]))
        assert stripped.startswith(signature) and len(stripped) <= cut + 64
    for _ in range(300):
        noise = signature + generator.randbytes(generator.randrange(0, 300))
        assert strip_image_metadata(noise).startswith(signature)


def test_a_failing_filter_keeps_only_the_signature_which_the_reader_calls_damaged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(data: bytes) -> bytes:
        raise IndexError("a bug")

    monkeypatch.setattr(filter_module, "_strip_jpeg", broken)
    assert strip_image_metadata(phone_jpeg(ultrasound_photo())) == JPEG_SIGNATURE
    with pytest.raises(CorruptImageError):
        read_image(JPEG_SIGNATURE)


# --- the upload path: clean_upload and Store.save_upload ----------------------------------------------


def test_the_stored_upload_is_the_stripped_image(tmp_path: Path) -> None:
    original = phone_jpeg(ultrasound_photo(), orientation=6)
    upload = clean_upload(original, seed="s")
    assert upload.media_type == "image/jpeg" and upload.data == strip_image_metadata(original)

    engine = create_database_engine(f"sqlite:///{tmp_path / 'exif.sqlite3'}")
    create_schema(engine)
    store = Store(session_factory(engine), image_dir=tmp_path / "images")
    store.save_upload(pseudonym="p" * 64, task_id="t1", upload=upload)
    (image,) = store.images_of(pseudonym="p" * 64)
    stored = store.image_bytes(image)
    assert image.media_type == "image/jpeg" and not image.deidentified
    assert stored == upload.data
    assert_clean(stored)
    for path in (tmp_path / "images").iterdir():
        assert b"PlantedMake" not in path.read_bytes()  # encrypted as well
    engine.dispose()


def test_a_webp_travels_as_a_content_free_stand_in_and_is_never_stored() -> None:
    """The reader refuses WebP by name, so only a stand-in it names the same way travels (TIFF, HEIC, GIF,
    BMP alike), and nothing is stored."""
    buffer = io.BytesIO()
    ultrasound_photo().save(buffer, format="WEBP", exif=planted_exif())
    webp = buffer.getvalue()
    upload = clean_upload(webp, seed="s")
    stand_in = upload.data
    assert not upload.deidentified_dicom and stand_in == b"RIFF\x00\x00\x00\x00WEBP"
    assert b"Planted" not in stand_in and b"GPS" not in stand_in
    assert upload.media_type is None and clean_upload(stand_in, seed="s").media_type is None
