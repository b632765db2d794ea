"""Where the read-only shared data sets live: ``../shared`` beside the repository, or $BCDBOT_SHARED_DIR."""

from __future__ import annotations

import csv
import os
from pathlib import Path

_BESIDE_REPO = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_DIR = Path(os.environ.get("BCDBOT_SHARED_DIR") or _BESIDE_REPO)
DATA_DIR = SHARED_DIR / "data"
MINI_MIAS_IMAGES = DATA_DIR / "mini-mias" / "images"
BUSI_IMAGES = DATA_DIR / "busi" / "images"


def have_shared_data() -> bool:
    """True when both image folders exist (tests that need them skip otherwise)."""
    return MINI_MIAS_IMAGES.is_dir() and BUSI_IMAGES.is_dir()


def subset(source: Path, target: Path, per_fold_label: int) -> Path:
    """images.csv (absolute file paths) with a few images per (fold, label); findings.csv copied."""
    target.mkdir()
    with (source / "images.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    taken: dict[tuple[str, str], int] = {}
    chosen = []
    for row in rows:
        key = (row["fold"], row["label"])
        if taken.get(key, 0) < per_fold_label:
            taken[key] = taken.get(key, 0) + 1
            chosen.append({**row, "file": str(source / row["file"])})
    with (target / "images.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(chosen)
    if (source / "findings.csv").is_file():
        (target / "findings.csv").write_text(
            (source / "findings.csv").read_text(encoding="utf-8"), encoding="utf-8"
        )
    return target
