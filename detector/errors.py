"""Exceptions raised by the detector.

Every problem with an uploaded file is an :class:`ImageError`. Its class names what is wrong and its
``reason``, where there is one, says more (which format was sent, what is wrong with a photo), so that a
front end can say it in the person's own words and language (the bot: ``bot.image_refusal_replies``);
``str(exc)`` is the technical detail for the logs. No text for the person lives here::

    Exception
    ├── ImageError                      the upload cannot be used
    │   ├── EmptyImageError             0 bytes
    │   ├── UnsupportedFormatError      not JPEG/PNG/DICOM (PDF, text...), or an unreadable DICOM compression;
    │   │                               ``reason``: an ``imaging.formats.OtherFormat`` or "dicom_compression"
    │   ├── CorruptImageError           truncated or undecodable
    │   ├── DicomWithoutPixelDataError  a DICOM file that holds no image (report, structured data)
    │   ├── MultiFrameDicomError        several frames (tomosynthesis, cine): one 2-D image is expected
    │   ├── ImageTooLargeError          too many pixels (checked from the header, before decoding)
    │   ├── ImageTooSmallError          a side shorter than the minimum
    │   ├── NotABreastImageError        readable, but the quality gate sees no mammogram or breast ultrasound
    │   └── UnusablePhotoError          a photo of a film or screen that cannot be read; ``reason``: why
    └── RuntimeError
        └── ModelLoadError              weights or a checkpoint do not fit the model (a deployment problem)
"""

from __future__ import annotations

from typing import Literal

DICOM_COMPRESSION = "dicom_compression"  # an UnsupportedFormatError's reason: no decoder for its syntax


class ImageError(Exception):
    """The uploaded bytes cannot be turned into an image the model can use."""

    def __init__(self, detail: str, *, reason: str | None = None) -> None:
        super().__init__(detail)
        self.reason: str | None = reason


class EmptyImageError(ImageError):
    pass


class UnsupportedFormatError(ImageError):
    pass


class CorruptImageError(ImageError):
    pass


class DicomWithoutPixelDataError(ImageError):
    pass


class MultiFrameDicomError(ImageError):
    pass


class ImageTooLargeError(ImageError):
    pass


class ImageTooSmallError(ImageError):
    pass


class NotABreastImageError(ImageError):
    pass


PhotoProblem = Literal["dark", "glare", "cut_off", "blurred"]
PHOTO_PROBLEMS: tuple[PhotoProblem, ...] = ("dark", "glare", "cut_off", "blurred")


class UnusablePhotoError(ImageError):
    """A phone photo of a film or a screen that cannot be read well enough; the person should retake it.

    ``problem`` (also the ``reason``) names what is wrong, so that a front end can give its own tip and a
    "send another" button.
    """

    def __init__(self, detail: str, *, problem: PhotoProblem) -> None:
        super().__init__(detail, reason=problem)
        self.problem: PhotoProblem = problem


class ModelLoadError(RuntimeError):
    """Weights or a checkpoint do not fit the model being built (never the user's fault)."""
