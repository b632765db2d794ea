"""What the detector answers for the profile's uploads, as JSON, to compare two versions of the image path.

Each reply keeps what the person sees: the outcome (modality or refusal), the probability, the band, the
gate's probabilities and the heatmap overlay shrunk to THUMB_SIDE px (RGB, 0-255). Record with one version,
compare with another::

    python -m bench.replies_reference --count 3 --out tests/data/replies_reference.json
    python -m bench.replies_reference --count 30 --compare old.json
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any, Final

import numpy as np
import torch
from PIL import Image

from bench.profile_inputs import uploads
from detector import ImageError, Predictor
from tests.shared_data import DATA_DIR

THUMB_SIDE: Final = 16


def thumbnail(png: bytes) -> list[list[list[int]]]:
    with Image.open(io.BytesIO(png)) as image:
        small = image.convert("RGB").resize((THUMB_SIDE, THUMB_SIDE), Image.Resampling.BOX)
    rows: list[list[list[int]]] = np.asarray(small).tolist()
    return rows


def replies(predictor: Predictor, files: dict[str, list[bytes]]) -> dict[str, list[dict[str, Any]]]:
    answered: dict[str, list[dict[str, Any]]] = {}
    for kind, datas in files.items():
        answered[kind] = []
        for outcome in predictor.predict_batch(datas):
            if isinstance(outcome, ImageError):
                answered[kind].append({"refused": type(outcome).__name__})
                continue
            answered[kind].append(
                {
                    "modality": outcome.modality,
                    "probability": outcome.probability,
                    "band": outcome.band,
                    "gate": outcome.gate_probabilities,
                    "size": [outcome.width, outcome.height],
                    "heatmap": thumbnail(outcome.heatmap_png),
                }
            )
    return answered


def differences(old: dict[str, Any], new: dict[str, Any]) -> dict[str, float]:
    """Largest differences over all replies; ``changed`` counts outcomes, bands or sizes that differ."""
    worst = {"probability": 0.0, "gate": 0.0, "heatmap_mean": 0.0, "heatmap_max": 0.0, "changed": 0.0}
    for kind, replies_old in old.items():
        for a, b in zip(replies_old, new[kind], strict=True):
            keys = ("refused", "modality", "band", "size")
            if any(a.get(key) != b.get(key) for key in keys):
                worst["changed"] += 1
                continue
            if "refused" in a:
                continue
            worst["probability"] = max(worst["probability"], abs(a["probability"] - b["probability"]))
            gate = max(abs(a["gate"][name] - b["gate"][name]) for name in a["gate"])
            worst["gate"] = max(worst["gate"], gate)
            diff = np.abs(np.asarray(a["heatmap"], dtype=float) - np.asarray(b["heatmap"], dtype=float))
            worst["heatmap_mean"] = max(worst["heatmap_mean"], float(diff.mean()))
            worst["heatmap_max"] = max(worst["heatmap_max"], float(diff.max()))
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    torch.set_num_threads(1)
    answered = replies(Predictor(), uploads(DATA_DIR, args.count))
    if args.out is not None:
        args.out.write_text(json.dumps(answered) + "\n", encoding="utf-8")
    if args.compare is not None:
        print(json.dumps(differences(json.loads(args.compare.read_text(encoding="utf-8")), answered)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
