"""The uploads the image-path profile runs: five kinds, each built from the real images in ../shared/data.

* ``film``: a mini-MIAS screen-film mammogram, 1024x1024 8-bit PNG, as stored;
* ``png16``: the same film upscaled to 2560x3328 and stored as a 16-bit PNG (a digital detector's size);
* ``jpeg``: an RSNA screening mammogram, 640x640 JPEG, as stored;
* ``dicom``: the film as a 16-bit MG DICOM file (tests/dicom_factory.py), with its laterality;
* ``busi``: a BUSI ultrasound frame, 256x256 8-bit PNG, as stored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

import numpy as np
from PIL import Image

from tests.dicom_factory import dicom_from_png

KINDS: Final = ("film", "png16", "jpeg", "dicom", "busi")
DIGITAL_SIZE: Final = (2560, 3328)  # width, height of a common full-field digital detector


def _rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "images.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _png16(path: Path) -> bytes:
    with Image.open(path) as film:
        gray = film.convert("L").resize(DIGITAL_SIZE, Image.Resampling.BICUBIC)
    wide = np.asarray(gray, dtype=np.uint16) * np.uint16(257)
    buffer = io.BytesIO()
    Image.fromarray(wide).save(buffer, format="PNG")
    return buffer.getvalue()


def uploads(data_dir: Path, count: int, kinds: Sequence[str] = KINDS) -> dict[str, list[bytes]]:
    """``count`` distinct uploads of each of ``kinds``, in a fixed order."""
    films = _rows(data_dir / "mini-mias")[:count]
    film_paths = [data_dir / "mini-mias" / row["file"] for row in films]
    jpegs = _rows(data_dir / "rsna-mammo")[:count]
    busi = _rows(data_dir / "busi")[:count]
    builders: dict[str, Callable[[], list[bytes]]] = {
        "film": lambda: [path.read_bytes() for path in film_paths],
        "png16": lambda: [_png16(path) for path in film_paths],
        "jpeg": lambda: [(data_dir / "rsna-mammo" / row["file"]).read_bytes() for row in jpegs],
        "dicom": lambda: [
            dicom_from_png(path, laterality=row["laterality"])
            for path, row in zip(film_paths, films, strict=True)
        ],
        "busi": lambda: [(data_dir / "busi" / row["file"]).read_bytes() for row in busi],
    }
    return {kind: builders[kind]() for kind in kinds}
