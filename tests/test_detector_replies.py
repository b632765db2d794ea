"""The replies a person gets did not change when the image path was made lean.

tests/data/replies_reference.json holds what the detector answered, before the lean path, for two uploads
of each kind the profile runs (bench/replies_reference.py wrote it). Uploads larger than the working size
(the 2560x3328 16-bit PNG) are left out: their breast is now found at the working resolution.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from bench.profile_inputs import uploads
from bench.replies_reference import differences, replies
from detector import Predictor
from detector.weights import have_weights
from tests.shared_data import DATA_DIR, have_shared_data

REFERENCE = Path(__file__).parent / "data" / "replies_reference.json"
UNCHANGED_KINDS = ("film", "jpeg", "dicom", "busi")

pytestmark = pytest.mark.skipif(
    not (have_weights() and have_shared_data()), reason="committed weights or shared data missing"
)


def test_replies_match_the_reference() -> None:
    torch.set_num_threads(2)
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    answered = replies(Predictor(), uploads(DATA_DIR, 2, UNCHANGED_KINDS))
    worst = differences({kind: reference[kind] for kind in UNCHANGED_KINDS}, answered)
    assert worst["changed"] == 0
    assert worst["probability"] <= 1e-3 and worst["gate"] <= 1e-3
    assert worst["heatmap_mean"] <= 0.5 and worst["heatmap_max"] <= 2
