"""Where the read-only shared data sets live: ``../shared`` beside the repository, or $BCDBOT_SHARED_DIR."""

from __future__ import annotations

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
