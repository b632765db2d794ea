"""One cleaning step for every upload, before anything is queued or stored: DICOM de-identified, JPEG and PNG
without metadata, anything else replaced by a content-free stand-in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from imaging.dicom_deid import NotDicom, deidentify_dicom
from imaging.formats import (
    DICOM_PREFIX,
    DICOM_PREFIX_OFFSET,
    content_free_stand_in,
    detect_format,
    has_dicom_preamble,
    looks_like_dicom,
    media_type_of,
)
from imaging.photo_metadata import has_metadata_container, strip_image_metadata

UNREADABLE_DICOM_STUB: Final = b"\x00" * DICOM_PREFIX_OFFSET + DICOM_PREFIX


@dataclass(frozen=True)
class CleanUpload:
    """Upload bytes that may travel to a worker and be kept.

    `media_type` is None for what must never be stored: a stand-in for a file that cannot be analysed, or
    the stub left of a DICOM file nobody could de-identify.
    """

    data: bytes
    media_type: str | None
    deidentified_dicom: bool


def clean_upload(data: bytes, *, seed: str) -> CleanUpload:
    """The upload as it may be analysed and kept.

    A JPEG or PNG comes back without its metadata, pixels untouched (a damaged one as far as it could be
    parsed: the detector then explains what is wrong). Anything else is replaced by a content-free stand-in
    that the detector refuses with the same words, and a DICOM file that cannot be read by a stub the
    detector calls damaged: a PDF, a letter, a HEIC photo with GPS EXIF or a DICOM header nobody could
    de-identify never reaches Redis or a worker.
    """
    if has_metadata_container(data):  # first, as the detector: a JPEG with "DICM" at 128 is a JPEG
        return _kept(strip_image_metadata(data), deidentified_dicom=False)
    if not looks_like_dicom(data):
        return CleanUpload(content_free_stand_in(data), media_type=None, deidentified_dicom=False)
    try:
        return _kept(deidentify_dicom(data, seed=seed), deidentified_dicom=True)
    except NotDicom:
        if has_dicom_preamble(data):
            return CleanUpload(UNREADABLE_DICOM_STUB, media_type=None, deidentified_dicom=False)
        return CleanUpload(content_free_stand_in(data), media_type=None, deidentified_dicom=False)


def _kept(data: bytes, *, deidentified_dicom: bool) -> CleanUpload:
    image_format = "dicom" if deidentified_dicom else detect_format(data)
    media_type = media_type_of(image_format) if image_format is not None else None
    return CleanUpload(data, media_type=media_type, deidentified_dicom=deidentified_dicom)
