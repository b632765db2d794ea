"""One case computed by the BCRA R package, from the shared reference folder (tests skip without it)."""

from __future__ import annotations

import json
from typing import Any, Final

import pytest

from tests.shared_data import SHARED_DIR

R_REFERENCE_DIR: Final = SHARED_DIR / "reference" / "bcrat" / "r_reference"
# A 40-year-old White woman: menarche at 11, no live births, one relative, one biopsy without atypical
# hyperplasia. T1 40, T2 45: AbsRisk 1.898 (about 1.9 in 100), AvgRisk 0.579 (0.6 in 100).
FIVE_YEAR_CASE: Final = ("race-specific.json", 5)
# A 35-year-old White woman: menarche 12, first birth at 25, one relative, one biopsy, hyperplasia unknown.
# T1 35, T2 90 (the lifetime risk): AbsRisk 24.725 (24.7 in 100), AvgRisk 12.559 (12.6 in 100).
LIFETIME_CASE: Final = ("validation-errors.json", 292)


def reference_case(where: tuple[str, int]) -> dict[str, Any]:
    file_name, case_id = where
    path = R_REFERENCE_DIR / file_name
    if not path.is_file():
        pytest.skip(f"BCRAT reference cases not found in {R_REFERENCE_DIR} (set BCDBOT_SHARED_DIR)")
    case: dict[str, Any] = next(c for c in json.loads(path.read_text()) if c["ID"] == case_id)
    return case
