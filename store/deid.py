"""DICOM de-identification at upload, before anything is stored or queued: DICOM PS3.15 Annex E, Basic
Application Level Confidentiality Profile, with the Retain Longitudinal Temporal Information with Modified
Dates option.

dicognito (maintained, pydicom 3) replaces names, ids, institutions, addresses and every UID; UIDs and the
date shift are derived from a keyed seed, so the same study uploaded twice maps to the same new UIDs and
dates. On top of it, this module removes what dicognito leaves but the basic profile does not allow
(private tags, device serial numbers, free-text comments, the patient's age, sex-neutral demographics
other than sex, ...), empties the birth date, and records PatientIdentityRemoved = YES with the
De-identification Method and its Code Sequence (DCM 113100, 113107).

JPEG and PNG uploads lose their metadata here too (EXIF with GPS, XMP, IPTC, comments, PNG text), losslessly
and keeping the EXIF orientation: see `store.image_metadata`.
"""

from __future__ import annotations

import hashlib
import hmac
import io
from importlib.metadata import version

import pydicom
from dicognito.anonymizer import Anonymizer
from pydicom.dataset import Dataset

from detector.formats import content_free_stand_in
from store.image_metadata import has_metadata_container, strip_image_metadata

DICOM_MAGIC_OFFSET = 128
RAW_DICOM_FIRST_GROUPS = (0x0002, 0x0028)  # as detector.formats accepts a data set without preamble
UNREADABLE_DICOM_STUB = b"\x00" * DICOM_MAGIC_OFFSET + b"DICM"
DEIDENTIFICATION_METHOD = "PS3.15 Annex E basic, modified dates; dicognito {version}"  # LO: <= 64
METHOD_CODES = (
    ("113100", "Basic Application Confidentiality Profile"),
    ("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
)

# Annex E attributes with action X (remove) or Z (empty) that dicognito keeps; removed here.
REMOVE = (
    "AcquisitionComments",
    "AcquisitionDeviceProcessingDescription",
    "AdditionalPatientHistory",
    "AdmissionID",
    "AdmittingDiagnosesDescription",
    "Allergies",
    "Arbitrary",
    "AuthorObserverSequence",
    "CountryOfResidence",
    "CurrentPatientLocation",
    "CustodialOrganizationSequence",
    "DerivationDescription",
    "DetectorID",
    "DeviceSerialNumber",
    "DeviceUID",
    "EthnicGroup",
    "FrameComments",
    "GantryID",
    "GeneratorID",
    "IconImageSequence",
    "IdentifyingComments",
    "ImageComments",
    "InstitutionAddress",
    "InstitutionalDepartmentName",
    "InterpretationApproverSequence",
    "IssuerOfAdmissionID",
    "IssuerOfPatientID",
    "MedicalAlerts",
    "ModifiedAttributesSequence",
    "OriginalAttributesSequence",
    "OtherPatientIDs",
    "OtherPatientIDsSequence",
    "OtherPatientNames",
    "PatientAddress",
    "PatientAge",
    "PatientBirthName",
    "PatientBirthTime",
    "PatientComments",
    "PatientMotherBirthName",
    "PatientSize",
    "PatientState",
    "PatientTransportArrangements",
    "PatientWeight",
    "PerformedProcedureStepDescription",
    "PerformingPhysicianIdentificationSequence",
    "PhysiciansOfRecordIdentificationSequence",
    "PlateID",
    "ProtocolName",
    "ReferringPhysicianAddress",
    "ReferringPhysicianTelephoneNumbers",
    "RegionOfResidence",
    "RequestAttributesSequence",
    "RequestedProcedureDescription",
    "RequestingPhysician",
    "ScheduledProcedureStepDescription",
    "SeriesDescription",
    "SmokingStatus",
    "SpecialNeeds",
    "StudyComments",
    "StudyDescription",
    "TextComments",
    "TopicAuthor",
    "TopicKeywords",
    "TopicSubject",
    "TopicTitle",
)
EMPTY = ("PatientBirthDate", "ContentCreatorName")


class NotDicom(ValueError):
    """The bytes are not a DICOM file."""


def looks_like_dicom(data: bytes) -> bool:
    """A DICOM Part 10 file ("DICM" after the preamble) or a bare data set.

    A bare data set is recognised as widely as the detector accepts one (any even group from 0002 to 0028
    first, e.g. the patient module 0010), so nothing the detector would read as DICOM escapes
    de-identification.
    """
    if data[DICOM_MAGIC_OFFSET : DICOM_MAGIC_OFFSET + 4] == b"DICM":
        return True
    if len(data) < 8:
        return False
    group = int.from_bytes(data[:2], "little")
    if group % 2 or not RAW_DICOM_FIRST_GROUPS[0] <= group <= RAW_DICOM_FIRST_GROUPS[1]:
        return False
    try:
        dataset = pydicom.dcmread(io.BytesIO(data), force=True)
    except Exception:
        return False
    return any(
        keyword in dataset for keyword in ("SOPClassUID", "PixelData", "PatientName", "PatientID")
    ) or "TransferSyntaxUID" in getattr(dataset, "file_meta", {})


def deidentification_seed(secret: bytes) -> str:
    """The seed for consistent UIDs and date shifts, derived from a secret (never stored)."""
    return hmac.new(secret, b"bcdbot-dicom-deidentification", hashlib.sha256).hexdigest()


def deidentify_dataset(dataset: Dataset, *, seed: str) -> None:
    """De-identify `dataset` in place (see the module docstring)."""
    Anonymizer(seed=seed).anonymize(dataset)
    dataset.remove_private_tags()
    for keyword in REMOVE:
        if keyword in dataset:
            delattr(dataset, keyword)
    for keyword in EMPTY:
        if keyword in dataset:
            setattr(dataset, keyword, "")
    # dicognito sets it only when BurnedInAnnotation is NO; the profile applies to the header either way, and
    # a burned-in annotation stays flagged in BurnedInAnnotation for the reader.
    dataset.PatientIdentityRemoved = "YES"
    dataset.DeidentificationMethod = DEIDENTIFICATION_METHOD.format(version=version("dicognito"))
    codes = []
    for value, meaning in METHOD_CODES:
        code = Dataset()
        code.CodeValue = value
        code.CodingSchemeDesignator = "DCM"
        code.CodeMeaning = meaning
        codes.append(code)
    dataset.DeidentificationMethodCodeSequence = codes


def deidentify_dicom(data: bytes, *, seed: str) -> bytes:
    """A de-identified copy of the DICOM file `data`; raises NotDicom when it cannot be read."""
    try:
        dataset = pydicom.dcmread(io.BytesIO(data), force=data[128:132] != b"DICM")
    except Exception as exc:
        raise NotDicom(type(exc).__name__) from exc
    if "PixelData" not in dataset and "SOPClassUID" not in dataset:
        raise NotDicom("no DICOM data set")
    deidentify_dataset(dataset, seed=seed)
    buffer = io.BytesIO()
    dataset.preamble = dataset.preamble or b"\x00" * DICOM_MAGIC_OFFSET  # always stored as a Part 10 file
    try:
        dataset.save_as(buffer, enforce_file_format=True)
    except (AttributeError, ValueError):  # a bare data set without file meta information
        buffer = io.BytesIO()
        dataset.save_as(buffer, enforce_file_format=False)
    return buffer.getvalue()


def deidentify_upload(data: bytes, *, seed: str) -> tuple[bytes, bool]:
    """(bytes to keep and analyse, whether they are a de-identified DICOM file).

    A JPEG or PNG comes back without its metadata, pixels untouched (a damaged one as far as it could be
    parsed: the detector then explains what is wrong). Anything else is replaced by a content-free stand-in
    that the detector refuses with the same words (`detector.formats.content_free_stand_in`), and a DICOM
    file that cannot be read by a stub the detector calls damaged: a PDF, a letter, a HEIC photo with GPS
    EXIF or a DICOM header nobody could de-identify never reaches Redis or a worker.
    """
    if has_metadata_container(data):  # first, as the detector: a JPEG with "DICM" at 128 is a JPEG
        return strip_image_metadata(data), False
    if not looks_like_dicom(data):
        return content_free_stand_in(data), False
    try:
        return deidentify_dicom(data, seed=seed), True
    except NotDicom:
        if data[DICOM_MAGIC_OFFSET : DICOM_MAGIC_OFFSET + 4] == b"DICM":
            return UNREADABLE_DICOM_STUB, False  # still DICOM to the detector, which calls it damaged
        return content_free_stand_in(data), False
