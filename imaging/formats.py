"""Recognise an upload's format from its first bytes (never from a file name or a MIME type a client sent)."""

from __future__ import annotations

import io
import logging
from enum import StrEnum
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

logger = logging.getLogger(__name__)

ImageFormat = Literal["dicom", "png", "jpeg"]

PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE: Final = b"\xff\xd8\xff"
DICOM_PREFIX: Final = b"DICM"
DICOM_PREFIX_OFFSET: Final = 128
BARE_DICOM_FIRST_GROUPS: Final = (0x0002, 0x0028)
MEDIA_TYPES: Final[dict[ImageFormat, str]] = {
    "dicom": "application/dicom",
    "png": "image/png",
    "jpeg": "image/jpeg",
}


class OtherFormat(StrEnum):
    """A format refused but recognised, so that the person can learn what they actually sent."""

    PDF = "pdf"
    GIF = "gif"
    TIFF = "tiff"
    ZIP = "zip"  # also an Office document
    GZIP = "gzip"
    JPEG_2000 = "jpeg2000"
    RTF = "rtf"
    HEIC = "heic"
    AVIF = "avif"
    VIDEO = "video"
    WEBP = "webp"
    HTML = "html"
    SVG = "svg"
    TEXT = "text"
    BMP = "bmp"


_OTHER_SIGNATURES: Final[tuple[tuple[bytes, OtherFormat], ...]] = (
    (b"%PDF", OtherFormat.PDF),
    (b"GIF8", OtherFormat.GIF),
    (b"II*\x00", OtherFormat.TIFF),
    (b"MM\x00*", OtherFormat.TIFF),
    (b"PK\x03\x04", OtherFormat.ZIP),
    (b"\x1f\x8b", OtherFormat.GZIP),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", OtherFormat.JPEG_2000),
    (b"\xff\x4f\xff\x51", OtherFormat.JPEG_2000),
    (b"{\\rtf", OtherFormat.RTF),
)
_HEIF_BRANDS: Final = frozenset({b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"})
_TEXT_PROBE_BYTES: Final = 1024


def detect_format(data: bytes) -> ImageFormat | None:
    """The format as the detector reads it (DICOM, PNG or JPEG); None for anything else."""
    if data.startswith(PNG_SIGNATURE):
        return "png"
    if data.startswith(JPEG_SIGNATURE):
        return "jpeg"
    if has_dicom_preamble(data) or _is_raw_dicom_with_pixels(data):
        return "dicom"
    return None


def has_dicom_preamble(data: bytes) -> bool:
    """A DICOM Part 10 file: "DICM" after the 128-byte preamble."""
    return data[DICOM_PREFIX_OFFSET : DICOM_PREFIX_OFFSET + len(DICOM_PREFIX)] == DICOM_PREFIX


def media_type_of(image_format: ImageFormat) -> str:
    return MEDIA_TYPES[image_format]


def looks_like_dicom(data: bytes) -> bool:
    """A DICOM Part 10 file ("DICM" after the preamble) or a bare data set, recognised more widely than
    `detect_format` does: any data set that starts like one and holds a UID, pixels or a patient.

    De-identification asks this question, so nothing the detector would read as DICOM escapes it.
    """
    if has_dicom_preamble(data):
        return True
    dataset = _bare_dataset(data)
    if dataset is None:
        return False
    return any(
        keyword in dataset for keyword in ("SOPClassUID", "PixelData", "PatientName", "PatientID")
    ) or "TransferSyntaxUID" in getattr(dataset, "file_meta", {})


def unsupported_format(data: bytes) -> OtherFormat | None:
    """Which common non-image (or unsupported image) format `data` is, or None when unsure."""
    for signature, kind in _OTHER_SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in _HEIF_BRANDS:
            return OtherFormat.HEIC
        if brand in (b"avif", b"avis"):
            return OtherFormat.AVIF
        return OtherFormat.VIDEO
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return OtherFormat.WEBP
    text = _as_text(data[:_TEXT_PROBE_BYTES])
    if text is not None:
        head = text.lstrip().lower()
        if head.startswith(("<!doctype html", "<html")):
            return OtherFormat.HTML
        if head.startswith("<svg") or (head.startswith("<?xml") and "<svg" in head):
            return OtherFormat.SVG
        return OtherFormat.TEXT
    if data[:2] == b"BM":
        return OtherFormat.BMP
    return None


def content_free_stand_in(data: bytes) -> bytes:
    """A few bytes that carry nothing of ``data`` but that the detector refuses with the same words.

    For uploads that cannot be analysed (a PDF, a letter, a HEIC photo with GPS EXIF): only the stand-in
    travels to the queue and the worker, and the person still learns what they sent.
    """
    if not data:
        return b""
    kind = unsupported_format(data)
    return b"\x00" * 16 if kind is None else _STAND_INS[kind]


_STAND_INS: Final[dict[OtherFormat, bytes]] = {
    **{kind: signature for signature, kind in _OTHER_SIGNATURES},
    OtherFormat.HEIC: b"\x00\x00\x00\x18ftypheic",
    OtherFormat.AVIF: b"\x00\x00\x00\x18ftypavif",
    OtherFormat.VIDEO: b"\x00\x00\x00\x18ftypisom",
    OtherFormat.WEBP: b"RIFF\x00\x00\x00\x00WEBP",
    OtherFormat.HTML: b"<!doctype html>",
    OtherFormat.SVG: b"<svg>",
    OtherFormat.TEXT: b"text",
    OtherFormat.BMP: b"BM\x00\x00",
}


def _as_text(probe: bytes) -> str | None:
    if b"\x00" in probe:
        return None
    text = probe.decode("utf-8", errors="ignore")
    if not text or len(text.encode("utf-8")) < len(probe) - 3:  # undecodable bytes beyond a cut character
        return None
    printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in text)
    return text if printable >= 0.95 * len(text) else None


def _is_raw_dicom_with_pixels(data: bytes) -> bool:
    """A DICOM data set written without the 128-byte preamble and "DICM" (older systems do this).

    Accepted only when it starts like a DICOM element and pydicom, forced, finds pixel data in it: force alone
    would "read" almost any bytes.
    """
    dataset = _bare_dataset(data)
    return dataset is not None and "PixelData" in dataset


def _bare_dataset(data: bytes) -> Dataset | None:
    """`data` read as a DICOM data set without preamble when it starts like one (an even group from 0002 to
    0028, little endian); None otherwise."""
    if len(data) < 8:
        return None
    group = int.from_bytes(data[:2], "little")
    if group % 2 or not BARE_DICOM_FIRST_GROUPS[0] <= group <= BARE_DICOM_FIRST_GROUPS[1]:
        return None
    try:
        import pydicom

        return pydicom.dcmread(io.BytesIO(data), force=True)
    except Exception as exc:  # any parse failure simply means "not DICOM"
        logger.debug("not a preamble-less DICOM: %s", exc)
        return None
