"""Turn uploaded bytes (DICOM, PNG, JPEG) into one grayscale float image in [0, 1], or a typed ImageError."""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps

from detector.downscale import box_reduce, reduction_for
from detector.errors import (
    DICOM_COMPRESSION,
    CorruptImageError,
    DicomWithoutPixelDataError,
    EmptyImageError,
    ImageError,
    ImageTooLargeError,
    ImageTooSmallError,
    MultiFrameDicomError,
    UnsupportedFormatError,
)
from imaging.formats import ImageFormat, detect_format, unsupported_format

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

logger = logging.getLogger(__name__)

# The largest full-field digital mammography detectors give ~24-28 megapixels (e.g. 4728 x 5928); 40 MP leaves
# room for them while bounding the float working copies (160 MB in float32) a single upload may cost.
DEFAULT_MAX_PIXELS: Final = 40_000_000
MIN_SIDE: Final = 64

_FOR_PROCESSING_SOP_CLASSES: Final = frozenset(
    {
        "1.2.840.10008.5.1.4.1.1.1.1.1",  # Digital X-Ray Image Storage - For Processing
        "1.2.840.10008.5.1.4.1.1.1.2.1",  # Digital Mammography X-Ray Image Storage - For Processing
        "1.2.840.10008.5.1.4.1.1.1.3.1",  # Digital Intra-Oral X-Ray Image Storage - For Processing
    }
)
_PIXEL_DATA_KEYWORDS: Final = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")
_EXIF_ORIENTATION: Final = 0x0112
_QUARTER_TURNS: Final = frozenset({5, 6, 7, 8})  # EXIF orientations that swap width and height
_LUMA: Final = np.array([0.299, 0.587, 0.114], dtype=np.float32)  # ITU-R BT.601, as Pillow's "L" conversion

FloatImage = npt.NDArray[np.float32]


@dataclass(frozen=True, eq=False)
class LoadedImage:
    """One 2-D grayscale image, pixels float32 in [0, 1] (0 = black as displayed), read-only.

    ``width`` and ``height`` are the upload's own; ``pixels`` may be smaller by ``reduction`` (original
    pixels per working pixel) when read_image was given a ``working_side``.
    """

    pixels: FloatImage
    source_format: ImageFormat
    width: int
    height: int
    bits_stored: int
    laterality: Literal["L", "R"] | None = None
    for_processing: bool = False
    photometric: str | None = None
    reduction: float = 1.0


def read_image(
    data: bytes, *, max_pixels: int = DEFAULT_MAX_PIXELS, working_side: int | None = None
) -> LoadedImage:
    """Decode an upload. Raises only ImageError subclasses.

    ``working_side``: shrink the pixels (a JPEG already while decoding) as long as the longer side stays at
    least this long; the stretch to [0, 1] uses the full-resolution range either way.
    """
    source_format = sniff_format(data)
    try:
        if source_format == "dicom":
            image = _read_dicom(data, max_pixels, working_side)
        else:
            image = _read_pillow(data, source_format, max_pixels, working_side)
    except ImageError:
        raise
    except MemoryError as exc:
        raise ImageTooLargeError(f"out of memory decoding {source_format}") from exc
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # a Rust decoder panic (pyo3 PanicException) is a BaseException
        raise CorruptImageError(f"cannot decode {source_format}: {type(exc).__name__}: {exc}") from exc
    if min(image.width, image.height) < MIN_SIDE:
        raise ImageTooSmallError(f"{image.width}x{image.height} px, minimum side is {MIN_SIDE} px")
    image.pixels.flags.writeable = False
    return image


def sniff_format(data: bytes) -> ImageFormat:
    """The upload's format from its first bytes; EmptyImageError or UnsupportedFormatError (its reason
    naming what was sent, when it can be named) otherwise."""
    if not data:
        raise EmptyImageError("upload has 0 bytes")
    image_format = detect_format(data)
    if image_format is not None:
        return image_format
    kind = unsupported_format(data)
    if kind is None:
        raise UnsupportedFormatError(f"unrecognised format, first bytes {data[:16]!r}")
    raise UnsupportedFormatError(f"unsupported format: {kind}", reason=kind)


def _check_pixel_count(width: int, height: int, frames: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise CorruptImageError(f"header declares an empty image ({width}x{height})")
    count = width * height * frames
    if count > max_pixels:
        raise ImageTooLargeError(f"{width}x{height}x{frames} = {count} pixels, over the {max_pixels} limit")


def _min_max(arr: npt.NDArray[Any]) -> FloatImage:
    """Stretch to [0, 1] in a fresh float32 array; a constant image becomes all zeros."""
    if arr.dtype in (np.uint8, np.uint16) and arr.size:
        # one lookup per pixel instead of five passes; the table holds the very same float32 arithmetic
        table = _min_max(np.arange(int(arr.min()), int(arr.max()) + 1, dtype=np.float32))
        looked_up: FloatImage = table[arr - arr.min()]
        return looked_up
    out = np.array(arr, dtype=np.float32)  # always a writable copy
    if not np.isfinite(out).all():
        raise CorruptImageError("pixel values are not finite")
    low, high = float(out.min()), float(out.max())
    out -= low
    if high > low:
        out *= np.float32(1.0 / (high - low))
    np.clip(out, 0.0, 1.0, out=out)
    return out


# --- PNG / JPEG through Pillow ---


def _read_pillow(
    data: bytes, source_format: ImageFormat, max_pixels: int, working_side: int | None
) -> LoadedImage:
    formats = ("PNG",) if source_format == "png" else ("JPEG",)  # JPEG also opens MPO (multi-picture)
    # Pillow warns above Image.MAX_IMAGE_PIXELS and refuses at twice that: both mean "too large" here.
    # (catch_warnings swaps process-wide filters for the duration: a rare race only affects warning filters.)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=formats)  # reads the header only
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageTooLargeError(str(exc)) from exc
        with image:
            width, height = image.size
            _check_pixel_count(width, height, 1, max_pixels)
            factor = reduction_for(width, height, working_side)
            if source_format == "jpeg" and working_side is not None:
                # gray straight from the decoder, at 1/2, 1/4 or 1/8 scale when that is still large enough
                image.draft("L", (width // factor, height // factor))
            try:
                image.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
                raise ImageTooLargeError(str(exc)) from exc
            if image.getexif().get(_EXIF_ORIENTATION, 1) in _QUARTER_TURNS:
                width, height = height, width
            ImageOps.exif_transpose(image, in_place=True)
            pixels, bits = _pillow_to_gray(image)
    stretched = _min_max(pixels)
    working = box_reduce(stretched, reduction_for(stretched.shape[1], stretched.shape[0], working_side))
    return LoadedImage(
        pixels=working,
        source_format=source_format,
        width=width,
        height=height,
        bits_stored=bits,
        reduction=max(width, height) / max(working.shape),
    )


def _pillow_to_gray(image: Image.Image) -> tuple[npt.NDArray[Any], int]:
    mode = image.mode
    if mode == "L":
        return np.asarray(image), 8
    if mode.startswith("I;16"):
        return np.asarray(image).astype(np.uint16), 16
    if mode == "I":
        arr = np.asarray(image)
        return arr, 16 if arr.size == 0 or (arr.min() >= 0 and arr.max() <= 0xFFFF) else 32
    if mode == "F":
        return np.asarray(image), 32
    if mode == "1":
        return np.asarray(image.convert("L")), 1
    if mode in ("LA", "La"):
        return np.asarray(image.getchannel("L")), 8
    rgb = np.asarray(image if mode == "RGB" else image.convert("RGB"), dtype=np.float32)
    return rgb @ _LUMA, 8


# --- DICOM through pydicom ---


def _read_dicom(data: bytes, max_pixels: int, working_side: int | None) -> LoadedImage:
    import pydicom
    from pydicom.pixels.processing import apply_modality_lut, apply_voi_lut

    dataset = pydicom.dcmread(io.BytesIO(data), force=True)
    if not any(keyword in dataset for keyword in _PIXEL_DATA_KEYWORDS):
        raise DicomWithoutPixelDataError(f"DICOM without pixel data (Modality={dataset.get('Modality')})")
    rows, columns = int(dataset.get("Rows") or 0), int(dataset.get("Columns") or 0)
    frames = int(dataset.get("NumberOfFrames") or 1)
    _check_pixel_count(columns, rows, frames, max_pixels)
    if frames > 1:
        raise MultiFrameDicomError(f"DICOM with {frames} frames")
    _ensure_decodable(dataset)

    photometric = str(dataset.get("PhotometricInterpretation") or "").upper() or None
    raw = dataset.pixel_array
    if raw.ndim == 3 and raw.shape[-1] in (3, 4):  # colour (ultrasound, secondary capture): pydicom gives RGB
        pixels = _min_max(raw[..., :3].astype(np.float32) @ _LUMA)
    elif raw.ndim == 2:
        values = apply_modality_lut(raw, dataset)  # Rescale Slope/Intercept or a Modality LUT
        try:
            values = apply_voi_lut(values, dataset, index=0)  # VOI LUT, else the first window, else unchanged
        except Exception as exc:  # a malformed window should not make a good image unreadable
            logger.warning("ignoring unusable VOI LUT / window: %s", exc)
        pixels = _min_max(values)
        if photometric == "MONOCHROME1":  # low values are white: flip so that 0 is black as displayed
            np.subtract(np.float32(1.0), pixels, out=pixels)
    else:
        raise CorruptImageError(f"unexpected DICOM pixel array shape {raw.shape}")

    height, width = pixels.shape
    working = box_reduce(pixels, reduction_for(width, height, working_side))
    return LoadedImage(
        pixels=working,
        source_format="dicom",
        width=int(width),
        height=int(height),
        reduction=max(width, height) / max(working.shape),
        bits_stored=int(dataset.get("BitsStored") or dataset.get("BitsAllocated") or 8),
        laterality=_laterality(dataset),
        for_processing=_is_for_processing(dataset),
        photometric=photometric,
    )


def _ensure_decodable(dataset: Dataset) -> None:
    """Give a data set read without File Meta a transfer syntax; refuse compressions no plugin decodes."""
    from pydicom.dataset import FileMetaDataset
    from pydicom.pixels.decoders.base import get_decoder
    from pydicom.uid import ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

    file_meta = getattr(dataset, "file_meta", None)
    if file_meta is None:
        file_meta = dataset.file_meta = FileMetaDataset()
    syntax = file_meta.get("TransferSyntaxUID")
    if syntax is None:  # preamble-less data sets are never encapsulated: infer from how pydicom parsed them
        implicit, little = dataset.original_encoding
        explicit = ExplicitVRLittleEndian if little else ExplicitVRBigEndian
        syntax = ImplicitVRLittleEndian if implicit else explicit
        file_meta.TransferSyntaxUID = syntax
    try:
        decoder = get_decoder(syntax)
        available = decoder.is_available
    except (NotImplementedError, ValueError, KeyError):
        available = False
    if not available:
        raise UnsupportedFormatError(
            f"no decoder for DICOM transfer syntax {syntax} ({getattr(syntax, 'name', '?')})",
            reason=DICOM_COMPRESSION,
        )


def _laterality(dataset: Dataset) -> Literal["L", "R"] | None:
    for keyword in ("ImageLaterality", "Laterality"):
        value = str(dataset.get(keyword) or "").strip().upper()
        if value == "L":
            return "L"
        if value == "R":
            return "R"
    return None


def _is_for_processing(dataset: Dataset) -> bool:
    intent = str(dataset.get("PresentationIntentType") or "").strip().upper()
    return intent == "FOR PROCESSING" or str(dataset.get("SOPClassUID") or "") in _FOR_PROCESSING_SOP_CLASSES
