"""DICOM uploads are de-identified (PS3.15 Annex E basic profile) before they are stored: every tag of the
stored file is read back."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence

from bot.image_refusal_replies import image_error_text
from detector.errors import ImageError, UnsupportedFormatError
from detector.reading import read_image
from imaging import CleanUpload, clean_upload, deidentification_seed
from store import Store, create_database_engine, create_schema, session_factory
from tests.admin_seed import png
from tests.dicom_factory import dataset_to_bytes, mg_dataset

PATIENT_NAME = "Smithson^Janet^Q"
PHI = {
    "PatientName": PATIENT_NAME,
    "PatientID": "NHS-943-476-5919",
    "PatientBirthDate": "19640213",
    "PatientAge": "061Y",
    "PatientAddress": "12 Acacia Avenue, Leeds",
    "PatientComments": "prefers morning appointments",
    "OtherPatientIDs": "MRN-77812",
    "StudyDate": "20260914",
    "SeriesDate": "20260914",
    "AcquisitionDate": "20260914",
    "ContentDate": "20260914",
    "StudyTime": "101502",
    "AccessionNumber": "ACC-55123",
    "InstitutionName": "Leeds Breast Screening Unit",
    "InstitutionAddress": "Beckett Street, Leeds",
    "ReferringPhysicianName": "Okafor^Amara",
    "PerformingPhysicianName": "Lindqvist^Per",
    "OperatorsName": "Radiographer^Rita",
    "StationName": "MAMMO-LEEDS-02",
    "DeviceSerialNumber": "SN-HOLOGIC-4471",
    "StudyID": "STUDY-8812",
    "StudyDescription": "Screening mammogram for Janet Smithson",
}


def phi_dataset() -> Dataset:
    pixels = (np.arange(64 * 64, dtype=np.uint16).reshape(64, 64) * 7) % 4096
    dataset = mg_dataset(pixels, patient_name=PATIENT_NAME, bits_stored=12)
    for keyword, value in PHI.items():
        setattr(dataset, keyword, value)
    dataset.BurnedInAnnotation = "NO"
    dataset.add_new(0x00091010, "LO", "private vendor tag: Janet Smithson")
    request = Dataset()
    request.RequestedProcedureID = "RP-1"
    request.ScheduledProcedureStepID = "SPS-1"
    dataset.RequestAttributesSequence = Sequence([request])
    referenced = Dataset()
    referenced.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.3.1"
    referenced.ReferencedSOPInstanceUID = "1.2.826.0.1.3680043.8.498.1234567890"
    dataset.ReferencedStudySequence = Sequence([referenced])
    return dataset


def every_element(dataset: Dataset) -> list[DataElement]:
    elements: list[DataElement] = []
    dataset.walk(lambda _, element: elements.append(element))
    elements.extend(dataset.file_meta)
    return elements


def stored_dicom(tmp_path: Path, data: bytes, *, secret: bytes = b"secret") -> tuple[Store, Dataset, bytes]:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'deid.sqlite3'}")
    create_schema(engine)
    store = Store(session_factory(engine), image_dir=tmp_path / "images")
    upload = clean_upload(data, seed=deidentification_seed(secret))
    store.save_upload(pseudonym="p" * 64, task_id="t1", upload=upload)
    (image,) = store.images_of(pseudonym="p" * 64)
    stored = store.image_bytes(image)
    return store, pydicom.dcmread(io.BytesIO(stored)), stored


def test_every_tag_of_the_stored_file_is_free_of_the_patients_identity(tmp_path: Path) -> None:
    original = phi_dataset()
    store, stored, raw = stored_dicom(tmp_path, dataset_to_bytes(original))
    (image,) = store.images_of(pseudonym="p" * 64)
    assert image.deidentified and image.media_type == "application/dicom"
    assert (tmp_path / "images" / str(image.file_name)).read_bytes().startswith(b"gAAAA")  # encrypted

    values = [str(element.value) for element in every_element(stored) if element.VR not in ("OB", "OW", "SQ")]
    for keyword, value in PHI.items():
        assert not any(value in found for found in values), keyword
    for part in ("Smithson", "Janet", "Leeds", "Okafor", "HOLOGIC", "943-476"):
        assert part.encode() not in raw, part
    original_uids = {
        str(e.value) for e in every_element(original) if e.VR == "UI" and "1.2.840.10008" not in str(e.value)
    }
    stored_uids = {str(e.value) for e in every_element(stored) if e.VR == "UI"}
    assert original_uids and not original_uids & stored_uids  # every instance UID replaced
    assert stored.file_meta.MediaStorageSOPInstanceUID == stored.SOPInstanceUID
    assert not any(element.tag.is_private for element in every_element(stored))
    for removed in (
        "PatientAge",
        "PatientAddress",
        "PatientComments",
        "DeviceSerialNumber",
        "OtherPatientIDs",
    ):
        assert removed not in stored, removed
    assert stored.PatientBirthDate == ""
    assert stored.StudyDate != PHI["StudyDate"]  # dates shifted (longitudinal, modified dates option)

    assert stored.PatientIdentityRemoved == "YES"
    assert "Annex E" in stored.DeidentificationMethod
    codes = {
        (item.CodeValue, item.CodingSchemeDesignator) for item in stored.DeidentificationMethodCodeSequence
    }
    assert codes == {("113100", "DCM"), ("113107", "DCM")}
    assert np.array_equal(stored.pixel_array, original.pixel_array)  # the image itself is untouched
    assert stored.Modality == "MG" and stored.ViewPosition == "MLO"
    store.engine.dispose()


def test_uids_are_replaced_consistently_per_secret(tmp_path: Path) -> None:
    data = dataset_to_bytes(phi_dataset())
    uploads = [clean_upload(data, seed=deidentification_seed(secret)) for secret in (b"one", b"one", b"two")]
    read = [pydicom.dcmread(io.BytesIO(upload.data)) for upload in uploads]
    assert read[0].StudyInstanceUID == read[1].StudyInstanceUID != read[2].StudyInstanceUID
    assert read[0].PatientID == read[1].PatientID


def test_a_file_without_preamble_is_de_identified_too(tmp_path: Path) -> None:
    _, stored, raw = stored_dicom(tmp_path, dataset_to_bytes(phi_dataset(), preamble=False))
    assert stored.PatientIdentityRemoved == "YES"
    assert b"Smithson" not in raw


def test_a_png_without_metadata_passes_through_unchanged() -> None:
    data = png((1, 2, 3))
    assert clean_upload(data, seed="s") == CleanUpload(data, media_type="image/png", deidentified_dicom=False)


def test_a_data_set_that_starts_with_the_patient_module_is_de_identified(tmp_path: Path) -> None:
    """No preamble, no file meta, no group 0008: the detector reads it as DICOM, so it must be cleaned."""
    dataset = phi_dataset()
    for element in list(dataset):
        if element.tag.group < 0x0010:
            del dataset[element.tag]
    dataset.file_meta = FileMetaDataset()
    buffer = io.BytesIO()
    dataset.save_as(buffer, implicit_vr=True, little_endian=True, enforce_file_format=False)
    raw = buffer.getvalue()
    assert raw[:2] == b"\x10\x00" and PATIENT_NAME.encode() in raw
    assert read_image(raw).source_format == "dicom"
    upload = clean_upload(raw, seed=deidentification_seed(b"secret"))
    assert upload.deidentified_dicom and upload.media_type == "application/dicom"
    assert PATIENT_NAME.encode() not in upload.data and b"Smithson" not in upload.data
    assert pydicom.dcmread(io.BytesIO(upload.data)).PatientIdentityRemoved == "YES"


@pytest.mark.parametrize(
    ("document", "kind", "named"),
    [
        (
            b"Dear Dr Okafor,\nRe: Janet Smithson, born 13/02/1964, NHS 943 476 5919\n" * 20,
            "text",
            "a text file",
        ),
        (
            b"RIFF\x00\x10\x00\x00WEBPVP8X" + b"\x00" * 40 + b"EXIF GPS 53.80N Janet Smithson",
            "webp",
            "a WebP",
        ),
        (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 20 + b"Exif GPS Janet Smithson", "heic", "a HEIC photo"),
        (b"%PDF-1.7\n/Author (Janet Smithson)\n", "pdf", "a PDF document"),
        (b"<!DOCTYPE html><title>Janet Smithson results</title>", "html", "a web page"),
    ],
    ids=["letter", "webp", "heic", "pdf", "html"],
)
def test_a_file_that_cannot_be_analysed_travels_as_a_content_free_stand_in(
    document: bytes, kind: str, named: str
) -> None:
    upload = clean_upload(document, seed="s")
    stand_in = upload.data
    assert not upload.deidentified_dicom and upload.media_type is None and len(stand_in) <= 16
    assert b"Smithson" not in stand_in and b"GPS" not in stand_in
    for data in (document, stand_in):
        with pytest.raises(UnsupportedFormatError) as refused:
            read_image(data)
        assert refused.value.reason == kind
        assert named in image_error_text("UnsupportedFormatError", refused.value.reason)


def test_an_unreadable_dicom_travels_as_a_stub_the_detector_calls_damaged() -> None:
    broken = b"\x00" * 128 + b"DICM" + b"\xff\xfe" * 40 + PATIENT_NAME.encode()
    upload = clean_upload(broken, seed="s")
    cut = upload.data
    assert not upload.deidentified_dicom and upload.media_type is None and b"Smithson" not in cut
    with pytest.raises(ImageError) as refused:
        read_image(cut)
    assert not isinstance(refused.value, UnsupportedFormatError)


def test_a_dicom_that_cannot_be_de_identified_is_never_stored(tmp_path: Path) -> None:
    broken = b"\x00" * 128 + b"DICM" + b"\xff\xfe" * 40 + PATIENT_NAME.encode()  # magic, then garbage
    engine = create_database_engine(f"sqlite:///{tmp_path / 'broken.sqlite3'}")
    create_schema(engine)
    store = Store(session_factory(engine), image_dir=tmp_path / "images")
    assert store.save_upload(pseudonym="p" * 64, task_id="t", upload=clean_upload(broken, seed="s")) is None
    assert store.images_of(pseudonym="p" * 64) == []
    engine.dispose()
