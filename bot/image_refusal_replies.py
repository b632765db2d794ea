"""The words for an image the analysis refused: by the detector error's name and its reason, or by the
worker's refusal code (`workers.contract`)."""

from __future__ import annotations

from bot import replies
from workers.contract import AnalysisRefused, RefusalCode

ACCEPTED_TYPES = "JPEG, PNG or DICOM"

# By the name of the detector.errors.ImageError subclass.
IMAGE_ERRORS: dict[str, str] = {
    "ImageError": f"This image could not be read. Please send it again as {ACCEPTED_TYPES}.",
    "EmptyImageError": "This file is empty (0 bytes). Please send the image again.",
    "UnsupportedFormatError": (
        f"This file type is not supported. Please send the image as {ACCEPTED_TYPES} "
        "(a photo or a file straight from the imaging system)."
    ),
    "CorruptImageError": (
        "This image seems damaged or incomplete, so it could not be opened. "
        "Please send it again, ideally as a file (not compressed)."
    ),
    "DicomWithoutPixelDataError": (
        "This DICOM file does not contain an image (it may be a report or other data). "
        "Please send the DICOM file of the image itself."
    ),
    "MultiFrameDicomError": (
        "This DICOM file holds several images (for example a tomosynthesis stack or a video). "
        "Please send a single 2-D image, such as one mammogram view."
    ),
    "ImageTooLargeError": (
        "This image is too large to process. Please send a smaller version (for example a screenshot "
        "or an export at lower resolution)."
    ),
    "ImageTooSmallError": (
        "This image is too small to analyse. Please send the original image at full size, not a thumbnail."
    ),
    "NotABreastImageError": (
        "This does not look like a mammogram or breast ultrasound image. Please send a mammogram (X-ray of "
        "the breast) or a breast ultrasound image, ideally the file from the imaging system or a clear "
        "photo of the whole image."
    ),
    "UnusablePhotoError": (
        "This photo cannot be read well enough. Please take it again: lay the film flat on a bright window "
        "or light box, switch the flash off, hold the phone straight above it and fill the frame with the "
        "whole film."
    ),
}

# An UnsupportedFormatError's reason: what was sent (imaging.formats.OtherFormat), or the DICOM compression.
SENT_FORMAT = (
    "This looks like {what}, which cannot be analysed. Please send the image as " + ACCEPTED_TYPES + "."
)
FORMAT_NAMES: dict[str, str] = {
    "pdf": "a PDF document",
    "gif": "a GIF image",
    "tiff": "a TIFF image",
    "zip": "a ZIP archive or an Office document",
    "gzip": "a compressed (gzip) archive",
    "jpeg2000": "a JPEG 2000 image",
    "rtf": "an RTF document",
    "heic": "a HEIC photo (the iPhone camera format)",
    "avif": "an AVIF image",
    "video": "a video file",
    "webp": "a WebP image",
    "html": "a web page (HTML)",
    "svg": "an SVG drawing",
    "text": "a text file",
    "bmp": "a BMP image",
}
DICOM_COMPRESSION = (
    "This DICOM file uses a compression that cannot be read here. Please export it uncompressed "
    "or send it as PNG or JPEG."
)

# An UnusablePhotoError's reason (detector.errors.PhotoProblem): one concrete tip each.
RETAKE_TIPS: dict[str, str] = {
    "dark": (
        "This photo is too dark to read the film. Please take it again with the film held up to a bright "
        "window or on a light box, and the room lights on."
    ),
    "glare": (
        "A bright reflection covers the breast in this photo. Please take it again with the flash switched "
        "off, tilting the phone a little so that no lamp or window shines back from the film or screen."
    ),
    "cut_off": (
        "Part of the film is outside this photo. Please take it again from a little further away so that "
        "all four edges of the film (or the screen) are in the picture, and fill the frame with it."
    ),
    "blurred": (
        "This photo is too blurred to read. Please take it again holding the phone still, parallel to the "
        "film, and tap the screen on the film to focus before you take it."
    ),
}

# The worker's own refusals (no prediction, and not the upload's fault).
WORKER_REFUSALS: dict[str, str] = {
    RefusalCode.BAD_PAYLOAD: replies.ANALYSIS_UNREADABLE,
    RefusalCode.IMAGE_GONE: replies.ANALYSIS_UNREADABLE,
    RefusalCode.POISON: replies.ANALYSIS_GAVE_UP,
    RefusalCode.TIMEOUT: replies.ANALYSIS_TIMEOUT,
    RefusalCode.FAILED: replies.ANALYSIS_FAILED,
}


def image_error_text(error: str, reason: str | None) -> str:
    """The words for a detector error by its class name and reason; a general one for an unknown name."""
    if error == "UnsupportedFormatError" and reason == "dicom_compression":
        return DICOM_COMPRESSION
    if error == "UnsupportedFormatError" and reason in FORMAT_NAMES:
        return SENT_FORMAT.format(what=FORMAT_NAMES[reason])
    if error == "UnusablePhotoError" and reason in RETAKE_TIPS:
        return RETAKE_TIPS[reason]
    return IMAGE_ERRORS.get(error, replies.ANALYSIS_FAILED)


def refusal_text(refused: AnalysisRefused) -> str:
    """The words for a refusal: the worker's code, else the detector's error and reason."""
    if refused.code in WORKER_REFUSALS:
        return WORKER_REFUSALS[refused.code]
    return image_error_text(refused.code, refused.detail)
