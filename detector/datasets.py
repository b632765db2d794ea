"""mini-MIAS and BUSI as the shared data folder lays them out (images.csv with folds; findings.csv).

Images are decoded once with the same reader and preparation as ``predict`` and kept in memory as uint8
arrays (the sets are small). Fold 4 is the held-out test fold: training code asks for folds 0-3 only.
"""

from __future__ import annotations

import csv
import dataclasses
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from detector.prepare import Prepared, prepare_mammogram, prepare_whole
from detector.reading import read_image

logger = logging.getLogger(__name__)

TEST_FOLD: Final = 4
DEVELOPMENT_FOLDS: Final = (0, 1, 2, 3)
BUSI_CLASSES: Final = ("benign", "malignant", "normal")
MALIGNANT: Final = 1


@dataclass(frozen=True)
class Finding:
    abnormality: str
    severity: str
    x: float | None
    y: float | None
    radius: float | None


@dataclass(frozen=True)
class Case:
    """One image: path, fold, label text, group (patient or near-duplicate chain), findings (mini-MIAS)."""

    name: str
    path: Path
    fold: int
    label: str
    group: str
    laterality: str | None = None
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def abnormal(self) -> bool:
        return self.label != "normal"

    @property
    def malignant(self) -> bool:
        return self.label == "malignant"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def load_mini_mias(data_dir: Path) -> list[Case]:
    findings: dict[str, list[Finding]] = {}
    for row in _rows(data_dir / "findings.csv"):
        if row["abnormality"] == "NORM":
            continue
        findings.setdefault(row["refnum"], []).append(
            Finding(
                row["abnormality"],
                row["severity"],
                _number(row["x"]),
                _number(row["y"]),
                _number(row["radius"]),
            )
        )
    return [
        Case(
            name=row["refnum"],
            path=data_dir / row["file"],
            fold=int(row["fold"]),
            label=row["label"],
            group=row["patient"],
            laterality=row["laterality"] or None,
            findings=tuple(findings.get(row["refnum"], ())),
        )
        for row in _rows(data_dir / "images.csv")
    ]


def load_busi(data_dir: Path) -> list[Case]:
    return [
        Case(
            name=Path(row["file"]).stem,
            path=data_dir / row["file"],
            fold=int(row["fold"]),
            label=row["label"],
            group=row["group"],
        )
        for row in _rows(data_dir / "images.csv")
    ]


def in_folds(cases: Iterable[Case], folds: Iterable[int]) -> list[Case]:
    wanted = set(folds)
    return [case for case in cases if case.fold in wanted]


def busi_class(case: Case) -> int:
    return BUSI_CLASSES.index(case.label)


@dataclass(frozen=True, eq=False)
class Cached:
    """Prepared images (N, S, S) uint8 and, for mini-MIAS, lesion masks (N, 2, S, S) bool: any, malignant."""

    cases: list[Case]
    images: npt.NDArray[np.uint8]
    prepared: list[Prepared]
    masks: npt.NDArray[np.bool_] | None = None


def _to_uint8(pixels: npt.NDArray[np.float32]) -> npt.NDArray[np.uint8]:
    out: npt.NDArray[np.uint8] = (np.clip(pixels, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
    return out


def cache_ultrasound(cases: list[Case], size: int) -> Cached:
    prepared = [prepare_whole(read_image(case.path.read_bytes()), size) for case in cases]
    return Cached(cases, np.stack([_to_uint8(p.pixels) for p in prepared]), prepared)


def lesion_mask(
    case: Case, prepared: Prepared, size: int, *, malignant_only: bool = False
) -> npt.NDArray[np.bool_]:
    """Circles of findings.csv in the prepared square (findings without a centre are left out)."""
    mask = np.zeros((size, size), dtype=bool)
    rows, cols = np.mgrid[0:size, 0:size]
    for finding in case.findings:
        if finding.x is None or finding.y is None or finding.radius is None:
            continue
        if malignant_only and finding.severity != "M":
            continue
        cx, cy = prepared.to_square(finding.x, finding.y)
        radius = max(finding.radius * prepared.scale, 2.0)
        mask |= (cols - cx) ** 2 + (rows - cy) ** 2 <= radius**2
    return mask


def has_centre(case: Case) -> bool:
    return any(f.x is not None and f.y is not None and f.radius is not None for f in case.findings)


def cache_mammography(cases: list[Case], size: int) -> Cached:
    prepared: list[Prepared] = []
    for case in cases:
        image = read_image(case.path.read_bytes())
        # PNG has no laterality tag; mini-MIAS lists it, as a DICOM would carry it
        laterality = case.laterality if case.laterality in ("L", "R") else None
        image = dataclasses.replace(image, laterality=laterality)  # type: ignore[arg-type]
        prepared.append(prepare_mammogram(image, size))
    masks = np.stack(
        [
            np.stack([lesion_mask(case, p, size), lesion_mask(case, p, size, malignant_only=True)])
            for case, p in zip(cases, prepared, strict=True)
        ]
    )
    return Cached(cases, np.stack([_to_uint8(p.pixels) for p in prepared]), prepared, masks)
