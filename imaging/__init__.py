"""Upload bytes as files: format sniffing, DICOM de-identification, photo metadata removal. A pure library
below detector and store: it imports no package of this project."""

from imaging.dicom_deid import deidentification_seed
from imaging.upload import CleanUpload, clean_upload

__all__ = ["CleanUpload", "clean_upload", "deidentification_seed"]
