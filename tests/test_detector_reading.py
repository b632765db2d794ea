"""detector.read_image on real files: mini-MIAS and BUSI PNGs, re-encodings of them, DICOM from pydicom."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pydicom
import pytest
from PIL import Image
from pydicom.dataset import Dataset

from bot.image_refusal_replies import IMAGE_ERRORS, SENT_FORMATS
from detector import (
    CorruptImageError,
    DicomWithoutPixelDataError,
    EmptyImageError,
    ImageError,
    ImageTooLargeError,
    ImageTooSmallError,
    LoadedImage,
    MultiFrameDicomError,
    UnsupportedFormatError,
    read_image,
)
from tests.dicom_factory import (
    MG_FOR_PROCESSING,
    dataset_to_bytes,
    dicom_from_png,
    mg_dataset,
    png_to_stored_values,
)
from tests.shared_data import BUSI_IMAGES, MINI_MIAS_IMAGES

MDB001 = MINI_MIAS_IMAGES / "mdb001.png"
WINDOW = (30000.0, 30000.0)  # centre, width in 16-bit stored units: clips both ends of a mini-MIAS film

FloatArray = npt.NDArray[np.float64]


@pytest.fixture(scope="module")
def mdb001() -> Path:
    if not MDB001.is_file():
        pytest.skip(f"shared data missing: {MDB001}")
    return MDB001


@pytest.fixture(scope="module")
def mdb001_png(mdb001: Path) -> LoadedImage:
    return read_image(mdb001.read_bytes())


def png_bytes(image: Image.Image, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **params)
    return buffer.getvalue()


def jpeg_bytes(image: Image.Image, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", **params)
    return buffer.getvalue()


def photo_like(width: int = 300, height: int = 200) -> Image.Image:
    """Smooth colour gradients plus noise: an RGB "photo" with distinct channels."""
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    rgb = np.stack([255 * x / width, 255 * y / height, 128 + 60 * np.sin(x / 17) * np.cos(y / 11)], axis=-1)
    rgb += rng.normal(0, 8, rgb.shape)
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), mode="RGB")


def min_max(values: npt.ArrayLike) -> FloatArray:
    array = np.asarray(values, dtype=np.float64)
    stretched: FloatArray = (array - array.min()) / (array.max() - array.min())
    return stretched


def linear_window(values: npt.ArrayLike, center: float, width: float) -> FloatArray:
    """DICOM PS3.3 C.11.2.1.2.1 LINEAR window onto [0, 1]."""
    array = np.asarray(values, dtype=np.float64)
    return np.clip((array - (center - 0.5)) / (width - 1) + 0.5, 0.0, 1.0)


def correlation(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    return float(np.corrcoef(np.ravel(a), np.ravel(b))[0, 1])


def edit_dicom(data: bytes, edit: Callable[[Dataset], None]) -> bytes:
    dataset = pydicom.dcmread(io.BytesIO(data))
    edit(dataset)
    return dataset_to_bytes(dataset)


def png_header_only(width: int, height: int) -> bytes:
    """A syntactically valid PNG signature + IHDR + IEND, declaring a size but holding no pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


# --- PNG and JPEG ---


def test_mini_mias_png_reads_as_unit_floats(mdb001_png: LoadedImage) -> None:
    image = mdb001_png
    assert (image.width, image.height) == (1024, 1024)
    assert image.pixels.shape == (1024, 1024)
    assert image.pixels.dtype == np.float32
    assert float(image.pixels.min()) == 0.0
    assert float(image.pixels.max()) == 1.0
    assert (image.source_format, image.bits_stored, image.photometric) == ("png", 8, None)
    assert image.laterality is None and image.for_processing is False
    assert not image.pixels.flags.writeable


def test_busi_png() -> None:
    paths = sorted(BUSI_IMAGES.glob("*.png"))
    if not paths:
        pytest.skip(f"shared data missing: {BUSI_IMAGES}")
    image = read_image(paths[0].read_bytes())
    assert (image.width, image.height) == (256, 256)
    assert 0.0 <= float(image.pixels.min()) < float(image.pixels.max()) <= 1.0


def test_jpeg_of_a_mammogram_matches_the_png(mdb001: Path, mdb001_png: LoadedImage) -> None:
    with Image.open(mdb001) as png:
        data = jpeg_bytes(png, quality=92)
    image = read_image(data)
    assert image.source_format == "jpeg"
    assert image.pixels.shape == (1024, 1024)
    assert correlation(image.pixels, mdb001_png.pixels) > 0.99


def test_16_bit_png(mdb001: Path, mdb001_png: LoadedImage) -> None:
    with Image.open(mdb001) as png:
        wide = np.asarray(png.convert("L"), dtype=np.uint16) * 257
    image = read_image(png_bytes(Image.fromarray(wide)))
    assert image.bits_stored == 16
    np.testing.assert_allclose(image.pixels, mdb001_png.pixels, atol=1e-6)


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P", "LA"])
def test_colour_images_become_luminance(mode: str) -> None:
    photo = photo_like().convert(mode)
    image = read_image(png_bytes(photo))
    assert image.pixels.shape == (200, 300)
    expected = min_max(np.asarray(photo.convert("L"), dtype=np.float64))
    np.testing.assert_allclose(image.pixels, expected, atol=2.5 / 255)


def test_rgb_jpeg_photo() -> None:
    image = read_image(jpeg_bytes(photo_like(), quality=90))
    assert (image.source_format, image.width, image.height) == ("jpeg", 300, 200)


def test_exif_orientation_is_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to display
    photo = photo_like(300, 200)
    image = read_image(jpeg_bytes(photo, quality=95, exif=exif))
    assert (image.width, image.height) == (200, 300)
    upright = min_max(np.asarray(photo.convert("L").transpose(Image.Transpose.ROTATE_270), dtype=np.float64))
    assert correlation(image.pixels, upright) > 0.99


# --- DICOM ---


@pytest.mark.parametrize("bits", [8, 12, 16])
def test_dicom_monochrome2_matches_the_png(mdb001: Path, mdb001_png: LoadedImage, bits: int) -> None:
    image = read_image(dicom_from_png(mdb001, bits=bits))
    assert (image.source_format, image.photometric, image.bits_stored) == ("dicom", "MONOCHROME2", bits)
    assert (image.width, image.height) == (1024, 1024)
    assert image.pixels.dtype == np.float32
    np.testing.assert_allclose(image.pixels, mdb001_png.pixels, atol=1e-3)


def test_dicom_monochrome1_is_inverted(mdb001: Path) -> None:
    mono2 = read_image(dicom_from_png(mdb001, photometric="MONOCHROME2"))
    mono1 = read_image(dicom_from_png(mdb001, photometric="MONOCHROME1"))
    assert mono1.photometric == "MONOCHROME1"
    assert correlation(mono1.pixels, mono2.pixels) < -0.999
    np.testing.assert_allclose(mono1.pixels, 1.0 - mono2.pixels, atol=1e-6)


def test_dicom_voi_window(mdb001: Path) -> None:
    image = read_image(dicom_from_png(mdb001, window=WINDOW))
    expected = min_max(linear_window(png_to_stored_values(mdb001, 16), *WINDOW))
    np.testing.assert_allclose(image.pixels, expected, atol=1e-4)
    plain = read_image(dicom_from_png(mdb001))
    assert (image.pixels == 1.0).mean() > (plain.pixels == 1.0).mean()  # the window saturates bright tissue


def test_dicom_first_of_several_windows_is_used(mdb001: Path) -> None:
    def two_windows(dataset: Dataset) -> None:
        dataset.WindowCenter = [WINDOW[0], 1000.0]
        dataset.WindowWidth = [WINDOW[1], 500.0]

    image = read_image(edit_dicom(dicom_from_png(mdb001), two_windows))
    expected = min_max(linear_window(png_to_stored_values(mdb001, 16), *WINDOW))
    np.testing.assert_allclose(image.pixels, expected, atol=1e-4)


def test_dicom_rescale_slope_intercept(mdb001: Path, mdb001_png: LoadedImage) -> None:
    slope, intercept = 0.5, 100.0
    center, width = WINDOW[0] * slope + intercept, WINDOW[1] * slope

    def rescaled_window(dataset: Dataset) -> None:
        dataset.RescaleSlope, dataset.RescaleIntercept = slope, intercept
        dataset.WindowCenter, dataset.WindowWidth = center, width

    image = read_image(edit_dicom(dicom_from_png(mdb001), rescaled_window))
    stored = png_to_stored_values(mdb001, 16).astype(np.float64)
    expected = min_max(linear_window(stored * slope + intercept, center, width))
    np.testing.assert_allclose(image.pixels, expected, atol=1e-4)

    def negative_slope(dataset: Dataset) -> None:  # a rescale alone can invert the image
        dataset.RescaleSlope, dataset.RescaleIntercept = -1.0, 65535.0

    inverted = read_image(edit_dicom(dicom_from_png(mdb001), negative_slope))
    np.testing.assert_allclose(inverted.pixels, 1.0 - mdb001_png.pixels, atol=1e-5)


def test_dicom_rle_equals_uncompressed(mdb001: Path) -> None:
    compressed = dicom_from_png(mdb001, rle=True)
    assert pydicom.dcmread(io.BytesIO(compressed)).file_meta.TransferSyntaxUID == pydicom.uid.RLELossless
    np.testing.assert_array_equal(read_image(compressed).pixels, read_image(dicom_from_png(mdb001)).pixels)


def test_dicom_jpeg_2000_lossless_equals_uncompressed(mdb001: Path) -> None:
    def to_jpeg_2000(dataset: Dataset) -> None:
        dataset.compress(pydicom.uid.JPEG2000Lossless, generate_instance_uid=False)

    compressed = edit_dicom(dicom_from_png(mdb001, bits=12), to_jpeg_2000)
    assert pydicom.dcmread(io.BytesIO(compressed)).file_meta.TransferSyntaxUID == pydicom.uid.JPEG2000Lossless
    np.testing.assert_array_equal(
        read_image(compressed).pixels, read_image(dicom_from_png(mdb001, bits=12)).pixels
    )


def test_dicom_jpeg_baseline(mdb001: Path, mdb001_png: LoadedImage) -> None:
    """8-bit lossy JPEG inside DICOM (common for secondary captures), decoded by a pylibjpeg plugin."""
    with Image.open(mdb001) as png:
        frame = jpeg_bytes(png.convert("L"), quality=92)
    dataset = pydicom.dcmread(io.BytesIO(dicom_from_png(mdb001, bits=8)))
    dataset.PixelData = pydicom.encaps.encapsulate([frame])
    dataset["PixelData"].VR = "OB"
    dataset.file_meta.TransferSyntaxUID = pydicom.uid.JPEGBaseline8Bit
    image = read_image(dataset_to_bytes(dataset))
    assert (image.width, image.height) == (1024, 1024)
    assert correlation(image.pixels, mdb001_png.pixels) > 0.99


@pytest.mark.parametrize(
    ("laterality", "keyword", "expected"),
    [
        ("L", "ImageLaterality", "L"),
        ("R", "ImageLaterality", "R"),
        ("R", "Laterality", "R"),
        ("B", "ImageLaterality", None),
        (None, None, None),
    ],
)
def test_dicom_laterality(
    mdb001: Path, laterality: str | None, keyword: str | None, expected: str | None
) -> None:
    def set_laterality(dataset: Dataset) -> None:
        if keyword is not None:
            setattr(dataset, keyword, laterality)

    image = read_image(edit_dicom(dicom_from_png(mdb001, bits=8), set_laterality))
    assert image.laterality == expected


def test_dicom_factory_laterality_and_patient(mdb001: Path) -> None:
    data = dicom_from_png(mdb001, laterality="L", patient_name="Doe^Jane")
    dataset = pydicom.dcmread(io.BytesIO(data))
    assert (dataset.ImageLaterality, str(dataset.PatientName), dataset.Modality) == ("L", "Doe^Jane", "MG")
    assert read_image(data).laterality == "L"


def test_dicom_for_processing_is_flagged(mdb001: Path) -> None:
    def for_processing(dataset: Dataset) -> None:
        dataset.PresentationIntentType = "FOR PROCESSING"
        dataset.SOPClassUID = MG_FOR_PROCESSING

    assert read_image(dicom_from_png(mdb001, bits=8)).for_processing is False
    assert read_image(edit_dicom(dicom_from_png(mdb001, bits=8), for_processing)).for_processing is True


def test_dicom_without_preamble() -> None:
    pixels = (np.arange(128 * 96, dtype=np.uint16).reshape(128, 96) * 5) % 4096
    with_meta = dataset_to_bytes(mg_dataset(pixels, bits_stored=12), preamble=False)
    assert with_meta[128:132] != b"DICM"
    np.testing.assert_allclose(read_image(with_meta).pixels, min_max(pixels), atol=1e-6)

    bare = mg_dataset(pixels, bits_stored=12)  # no File Meta at all: implicit VR little endian
    del bare.file_meta
    buffer = io.BytesIO()
    pydicom.dcmwrite(buffer, bare, implicit_vr=True, little_endian=True)
    np.testing.assert_allclose(read_image(buffer.getvalue()).pixels, min_max(pixels), atol=1e-6)


# --- refusals ---


def _noise_png() -> bytes:
    rng = np.random.default_rng(3)
    return png_bytes(Image.fromarray(rng.integers(0, 256, (256, 256), dtype=np.uint8)))


def _multi_frame() -> bytes:
    frames = np.zeros((3, 128, 128), dtype=np.uint16)
    return dataset_to_bytes(mg_dataset(frames, bits_stored=12))


def _no_pixel_data() -> bytes:
    dataset = mg_dataset(np.zeros((128, 128), dtype=np.uint16), bits_stored=12)
    del dataset.PixelData
    return dataset_to_bytes(dataset)


def _huge_dicom_header() -> bytes:
    dataset = mg_dataset(np.zeros((128, 128), dtype=np.uint16), bits_stored=12)
    dataset.Rows, dataset.Columns = 60000, 60000  # the pixel data no longer fits: must not matter
    return dataset_to_bytes(dataset)


REFUSALS: dict[str, tuple[Callable[[], bytes], type[ImageError]]] = {
    "zero bytes": (lambda: b"", EmptyImageError),
    "pdf": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", UnsupportedFormatError),
    "plain text": (lambda: b"Here is my mammogram report, thanks.\n" * 5, UnsupportedFormatError),
    "utf-8 text": (lambda: "Résumé: échographie — à revoir.\n".encode() * 5, UnsupportedFormatError),
    "html": (lambda: b"<!DOCTYPE html><html><body>not an image</body></html>", UnsupportedFormatError),
    "heic": (lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64), UnsupportedFormatError),
    "random binary": (lambda: bytes(range(7, 256)) * 4, UnsupportedFormatError),
    "dicom-like text": (lambda: b"\x08\x00" + b"garbage that is not a data set" * 3, UnsupportedFormatError),
    "truncated png": (lambda: _noise_png()[: len(_noise_png()) // 2], CorruptImageError),
    "truncated jpeg": (lambda: jpeg_bytes(photo_like())[:3000], CorruptImageError),
    "corrupt jpeg": (lambda: b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, CorruptImageError),
    "png without pixels": (lambda: png_header_only(512, 512), CorruptImageError),
    "gigantic png header": (lambda: png_header_only(100_000, 100_000), ImageTooLargeError),
    "large png header": (lambda: png_header_only(8000, 8000), ImageTooLargeError),
    "huge dicom header": (_huge_dicom_header, ImageTooLargeError),
    "multi-frame dicom": (_multi_frame, MultiFrameDicomError),
    "dicom without pixels": (_no_pixel_data, DicomWithoutPixelDataError),
    "tiny png": (lambda: png_bytes(Image.new("L", (32, 200), 128)), ImageTooSmallError),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusals_are_typed_and_explained(case: str) -> None:
    make, expected = REFUSALS[case]
    with pytest.raises(ImageError) as caught:
        read_image(make())
    assert type(caught.value) is expected, f"{case}: {type(caught.value).__name__}: {caught.value}"
    assert str(caught.value)
    assert type(caught.value).__name__ in IMAGE_ERRORS  # the bot has words for it


def test_unsupported_formats_are_named() -> None:
    cases = [(b"%PDF-1.4\n", "pdf"), (b"just some words\n" * 4, "text"), (b"GIF89a" + bytes(40), "gif")]
    for data, kind in cases:
        with pytest.raises(UnsupportedFormatError) as caught:
            read_image(data)
        assert caught.value.reason == kind


def test_decoder_errors_keep_their_cause() -> None:
    with pytest.raises(CorruptImageError) as caught:
        read_image(_noise_png()[:2000])
    assert caught.value.__cause__ is not None


def test_max_pixels_is_checked_before_decoding(mdb001: Path) -> None:
    with pytest.raises(ImageTooLargeError):
        read_image(mdb001.read_bytes(), max_pixels=1024 * 1024 - 1)
    assert read_image(mdb001.read_bytes(), max_pixels=1024 * 1024).width == 1024


def test_every_content_free_stand_in_is_named_like_the_format_it_stands_for() -> None:
    from imaging.formats import _STAND_INS, OtherFormat, content_free_stand_in, unsupported_format

    assert set(_STAND_INS) == set(OtherFormat) == set(SENT_FORMATS)  # and the bot can name each one
    for kind, stand_in in _STAND_INS.items():
        assert unsupported_format(stand_in) == kind
        assert content_free_stand_in(stand_in) == stand_in
    assert content_free_stand_in(b"") == b""
    assert unsupported_format(content_free_stand_in(bytes(range(7, 200)))) is None
