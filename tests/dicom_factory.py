"""Write real mammography (MG) DICOM files for tests, from PNG files or arrays, with pydicom.

Pixel values are stored as they are in the PNG (scaled to ``bits``), whatever ``photometric`` says: a
"MONOCHROME1" file made from a PNG therefore displays inverted relative to the PNG, by design, so that tests
can check that readers honour the photometric interpretation.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pydicom
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import UID, ExplicitVRLittleEndian, RLELossless, generate_uid

MG_FOR_PRESENTATION = UID("1.2.840.10008.5.1.4.1.1.1.2")
MG_FOR_PROCESSING = UID("1.2.840.10008.5.1.4.1.1.1.2.1")


def mg_dataset(
    pixels: npt.NDArray[np.integer],
    *,
    photometric: str = "MONOCHROME2",
    bits_stored: int = 16,
    laterality: str | None = None,
    patient_name: str = "Test^Patient",
) -> Dataset:
    """An MG "For Presentation" data set holding ``pixels`` (rows x columns, or frames x rows x columns)."""
    dataset = Dataset()
    dataset.file_meta = FileMetaDataset()
    dataset.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    dataset.file_meta.MediaStorageSOPClassUID = MG_FOR_PRESENTATION
    dataset.SOPClassUID = MG_FOR_PRESENTATION
    dataset.Modality = "MG"
    dataset.PresentationIntentType = "FOR PRESENTATION"
    dataset.ImageType = ["ORIGINAL", "PRIMARY"]
    dataset.PatientName = patient_name
    dataset.PatientID = "TEST-0001"
    dataset.StudyInstanceUID = generate_uid()
    dataset.SeriesInstanceUID = generate_uid()
    dataset.ViewPosition = "MLO"
    if laterality is not None:
        dataset.ImageLaterality = laterality
    dataset.set_pixel_data(pixels, photometric, bits_stored)
    dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
    return dataset


def dataset_to_bytes(dataset: Dataset, *, preamble: bool = True) -> bytes:
    """Serialise; with ``preamble=False`` the 128-byte preamble and "DICM" are left out (older systems)."""
    buffer = io.BytesIO()
    if preamble:
        dataset.save_as(buffer, enforce_file_format=True)
    else:
        dataset.preamble = None
        pydicom.dcmwrite(buffer, dataset, enforce_file_format=False)
    return buffer.getvalue()


def png_to_stored_values(png_path: Path, bits: int) -> npt.NDArray[np.integer]:
    """The PNG's gray levels (8-bit) scaled linearly to the full range of ``bits`` (8 to 16)."""
    if not 8 <= bits <= 16:
        raise ValueError(f"bits must be 8..16, got {bits}")
    with Image.open(png_path) as image:
        gray = np.asarray(image.convert("L"), dtype=np.float64)
    scaled = np.rint(gray * ((2**bits - 1) / 255.0))
    stored: npt.NDArray[np.integer] = scaled.astype(np.uint8 if bits == 8 else np.uint16)
    return stored


def dicom_from_png(
    png_path: Path,
    *,
    photometric: str = "MONOCHROME2",
    bits: int = 16,
    window: tuple[float, float] | None = None,
    rle: bool = False,
    laterality: str | None = None,
    patient_name: str = "Test^Patient",
) -> bytes:
    """A single-frame MG DICOM file (bytes) of the PNG; ``window`` is (center, width) in stored units."""
    dataset = mg_dataset(
        png_to_stored_values(png_path, bits),
        photometric=photometric,
        bits_stored=bits,
        laterality=laterality,
        patient_name=patient_name,
    )
    if window is not None:
        dataset.WindowCenter, dataset.WindowWidth = window
        dataset.VOILUTFunction = "LINEAR"
    if rle:
        dataset.compress(RLELossless, generate_instance_uid=False)
    return dataset_to_bytes(dataset)
