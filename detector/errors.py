"""Exceptions raised by the detector.

Every problem with an uploaded file is an :class:`ImageError`; its ``user_message`` is written for the person
holding the phone (plain words, what to do next), while ``str(exc)`` is the technical detail for the logs::

    Exception
    ├── ImageError                      the upload cannot be used (carries .user_message)
    │   ├── EmptyImageError             0 bytes
    │   ├── UnsupportedFormatError      not JPEG/PNG/DICOM (PDF, text...), or an unreadable DICOM compression
    │   ├── CorruptImageError           truncated or undecodable
    │   ├── DicomWithoutPixelDataError  a DICOM file that holds no image (report, structured data)
    │   ├── MultiFrameDicomError        several frames (tomosynthesis, cine): one 2-D image is expected
    │   ├── ImageTooLargeError          too many pixels (checked from the header, before decoding)
    │   ├── ImageTooSmallError          a side shorter than the minimum
    │   ├── NotABreastImageError        readable, but the quality gate sees no mammogram or breast ultrasound
    │   └── UnusablePhotoError          a photo of a film or screen that cannot be read: ``.problem`` says why
    └── RuntimeError
        └── ModelLoadError              weights or a checkpoint do not fit the model (a deployment problem)
"""

from __future__ import annotations

from typing import Literal

ACCEPTED_TYPES = "JPEG, PNG or DICOM"


class ImageError(Exception):
    """The uploaded bytes cannot be turned into an image the model can use."""

    default_user_message = "This image could not be read. Please send it again as JPEG, PNG or DICOM."

    def __init__(self, detail: str, *, user_message: str | None = None) -> None:
        super().__init__(detail)
        self.user_message: str = user_message or self.default_user_message


class EmptyImageError(ImageError):
    default_user_message = "This file is empty (0 bytes). Please send the image again."


class UnsupportedFormatError(ImageError):
    default_user_message = (
        f"This file type is not supported. Please send the image as {ACCEPTED_TYPES} "
        "(a photo or a file straight from the imaging system)."
    )


class CorruptImageError(ImageError):
    default_user_message = (
        "This image seems damaged or incomplete, so it could not be opened. "
        "Please send it again, ideally as a file (not compressed)."
    )


class DicomWithoutPixelDataError(ImageError):
    default_user_message = (
        "This DICOM file does not contain an image (it may be a report or other data). "
        "Please send the DICOM file of the image itself."
    )


class MultiFrameDicomError(ImageError):
    default_user_message = (
        "This DICOM file holds several images (for example a tomosynthesis stack or a video). "
        "Please send a single 2-D image, such as one mammogram view."
    )


class ImageTooLargeError(ImageError):
    default_user_message = (
        "This image is too large to process. Please send a smaller version (for example a screenshot "
        "or an export at lower resolution)."
    )


class ImageTooSmallError(ImageError):
    default_user_message = (
        "This image is too small to analyse. Please send the original image at full size, not a thumbnail."
    )


class NotABreastImageError(ImageError):
    default_user_message = (
        "This does not look like a mammogram or breast ultrasound image. Please send a mammogram (X-ray of "
        "the breast) or a breast ultrasound image, ideally the file from the imaging system or a clear "
        "photo of the whole image."
    )


PhotoProblem = Literal["dark", "glare", "cut_off", "blurred"]


class UnusablePhotoError(ImageError):
    """A phone photo of a film or a screen that cannot be read well enough; the person should retake it.

    ``problem`` names what is wrong, so that a front end can give its own tip and a "send another" button.
    """

    default_user_message = (
        "This photo cannot be read well enough. Please take it again: lay the film flat on a bright window "
        "or light box, switch the flash off, hold the phone straight above it and fill the frame with the "
        "whole film."
    )

    def __init__(self, detail: str, *, problem: PhotoProblem, user_message: str | None = None) -> None:
        super().__init__(detail, user_message=user_message or RETAKE_TIPS[problem])
        self.problem: PhotoProblem = problem


RETAKE_TIPS: dict[PhotoProblem, str] = {
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


class ModelLoadError(RuntimeError):
    """Weights or a checkpoint do not fit the model being built (never the user's fault)."""
