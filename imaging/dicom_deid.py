"""DICOM de-identification at upload, before anything is stored or queued: DICOM PS3.15 Annex E, Basic
Application Level Confidentiality Profile, with the Retain Longitudinal Temporal Information with Modified
Dates option.

dicognito (maintained, pydicom 3) replaces names, ids, institutions, addresses and every UID; UIDs and the
date shift are derived from a keyed seed, so the same study uploaded twice maps to the same new UIDs and
dates. On top of it, this module removes what dicognito leaves but the basic profile does not allow
(private tags, device serial numbers, free-text comments, the patient's age, sex-neutral demographics
other than sex, ...), empties the birth date, and records PatientIdentityRemoved = YES with the
De-identification Method and its Code Sequence (DCM 113100, 113107).

`imaging.upload.clean_upload` calls it for every upload, beside the removal of photo metadata.
"""

from __future__ import annotations

import hashlib
import hmac
import io
from importlib.metadata import version

import pydicom
from dicognito.anonymizer import Anonymizer
from pydicom.dataset import Dataset

from imaging.formats import DICOM_PREFIX_OFFSET, has_dicom_preamble

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
        dataset = pydicom.dcmread(io.BytesIO(data), force=not has_dicom_preamble(data))
    except Exception as exc:
        raise NotDicom(type(exc).__name__) from exc
    if "PixelData" not in dataset and "SOPClassUID" not in dataset:
        raise NotDicom("no DICOM data set")
    deidentify_dataset(dataset, seed=seed)
    buffer = io.BytesIO()
    dataset.preamble = dataset.preamble or b"\x00" * DICOM_PREFIX_OFFSET  # always stored as a Part 10 file
    try:
        dataset.save_as(buffer, enforce_file_format=True)
    except (AttributeError, ValueError):  # a bare data set without file meta information
        buffer = io.BytesIO()
        dataset.save_as(buffer, enforce_file_format=False)
    return buffer.getvalue()
