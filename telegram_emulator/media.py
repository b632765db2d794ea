"""Sniffing uploaded bytes: image size and format (with Pillow when importable), MIME types, extensions."""

from __future__ import annotations

import io
import mimetypes
from dataclasses import dataclass
from pathlib import PurePosixPath

DEFAULT_MIME_TYPE = "application/octet-stream"
IMAGE_MIME_BY_FORMAT = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "BMP": "image/bmp",
    "TIFF": "image/tiff",
}
MAGIC_MIME = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF8", "image/gif"),
    (b"%PDF-", "application/pdf"),
)
EXTENSION_BY_MIME = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
    "application/dicom": ".dcm",
    "text/plain": ".txt",
}


@dataclass(frozen=True)
class ImageInfo:
    """What is known about an image: pixel size (0 when unknown) and MIME type (None when not an image)."""

    width: int
    height: int
    mime_type: str | None


def probe_image(data: bytes) -> ImageInfo:
    """Read the image size with Pillow if it is importable; fall back to magic bytes with a size of 0."""
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        mime = sniff_mime(data)
        return ImageInfo(0, 0, mime if mime and mime.startswith("image/") else None)
    try:
        with Image.open(io.BytesIO(data)) as image:
            return ImageInfo(image.width, image.height, IMAGE_MIME_BY_FORMAT.get(image.format or ""))
    except (UnidentifiedImageError, OSError, ValueError):
        return ImageInfo(0, 0, None)


def pillow_available() -> bool:
    """Whether image sizes can be measured (and non-images refused as photos)."""
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


def sniff_mime(data: bytes) -> str | None:
    """Guess a MIME type from a file's first bytes."""
    for magic, mime in MAGIC_MIME:
        if data.startswith(magic):
            return mime
    if len(data) > 132 and data[128:132] == b"DICM":
        return "application/dicom"
    return None


def document_mime(file_name: str | None, content_type: str | None, data: bytes) -> str:
    """Pick a document's MIME type: the declared one, else from the name, else from the bytes."""
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared and declared != DEFAULT_MIME_TYPE:
        return declared
    if file_name:
        if PurePosixPath(file_name).suffix.lower() == ".dcm":
            return "application/dicom"
        guessed = mimetypes.guess_type(file_name, strict=False)[0]
        if guessed:
            return guessed
    return sniff_mime(data) or DEFAULT_MIME_TYPE


def extension_for(file_name: str | None, mime_type: str) -> str:
    """Extension for a stored file path: the file name's own, else one matching the MIME type."""
    if file_name:
        suffix = PurePosixPath(file_name).suffix.lower()
        if 1 < len(suffix) <= 10 and suffix[1:].isalnum():
            return suffix
    return EXTENSION_BY_MIME.get(mime_type) or mimetypes.guess_extension(mime_type, strict=False) or ""
