"""The words for an image the analysis refused, in the person's language: by the detector error's name and
its reason, or by the worker's refusal code (`workers.contract`). The texts are in
`bot/locales/*/results.ftl`; these tables name the message for each case."""

from __future__ import annotations

from bot.catalog import DEFAULT_LANGUAGE, Language, text
from imaging.formats import OtherFormat
from workers.contract import AnalysisRefused, RefusalCode

# By the name of the detector.errors.ImageError subclass: its message id.
IMAGE_ERRORS: dict[str, str] = {
    "ImageError": "image-unreadable",
    "EmptyImageError": "file-empty",
    "UnsupportedFormatError": "image-unsupported-format",
    "CorruptImageError": "image-corrupt",
    "DicomWithoutPixelDataError": "image-dicom-without-pixels",
    "MultiFrameDicomError": "image-multi-frame",
    "ImageTooLargeError": "image-too-large",
    "ImageTooSmallError": "image-too-small",
    "NotABreastImageError": "image-not-breast",
    "UnusablePhotoError": "image-unusable-photo",
}

# An UnsupportedFormatError's reason naming what was sent (imaging.formats.OtherFormat): each is a variant
# of "image-sent-format".
SENT_FORMATS = frozenset(OtherFormat)
DICOM_COMPRESSION = "dicom_compression"  # detector.errors.DICOM_COMPRESSION

# An UnusablePhotoError's reason (detector.errors.PhotoProblem): each is a variant of "photo-retake", one
# concrete tip.
RETAKE_PROBLEMS = frozenset({"dark", "glare", "cut_off", "blurred"})

# The worker's own refusals (no prediction, and not the upload's fault).
WORKER_REFUSALS: dict[str, str] = {
    RefusalCode.BAD_PAYLOAD: "analysis-unreadable",
    RefusalCode.IMAGE_GONE: "analysis-unreadable",
    RefusalCode.POISON: "analysis-gave-up",
    RefusalCode.TIMEOUT: "analysis-timeout",
    RefusalCode.FAILED: "analysis-failed",
}


def image_error_text(error: str, reason: str | None, language: Language = DEFAULT_LANGUAGE) -> str:
    """The words for a detector error by its class name and reason; a general one for an unknown name."""
    if error == "UnsupportedFormatError" and reason == DICOM_COMPRESSION:
        return text(language, "image-dicom-compression")
    if error == "UnsupportedFormatError" and reason in SENT_FORMATS:
        return text(language, "image-sent-format", sent=reason)
    if error == "UnusablePhotoError" and reason in RETAKE_PROBLEMS:
        return text(language, "photo-retake", problem=reason)
    return text(language, IMAGE_ERRORS.get(error, "analysis-failed"))


def refusal_text(refused: AnalysisRefused, language: Language = DEFAULT_LANGUAGE) -> str:
    """The words for a refusal: the worker's code, else the detector's error and reason."""
    if refused.code in WORKER_REFUSALS:
        return text(language, WORKER_REFUSALS[refused.code])
    return image_error_text(refused.code, refused.detail, language)
