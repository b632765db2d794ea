"""Files against simulated phone photos of the same mini-MIAS films, through the whole Predictor.

For every film of the chosen folds: the PNG file, a light-box photo and a screen photo (bench/photo_simulator,
seeded per film and kind); for a subset, one photo per defect (dark, glare, cut off, blurred) that must get a
retake reply; and non-breast photos (a document, a room, a screen of text, and non-breast images from the
gate's held-out split shown on a screen or a light box) that must be refused. Prints and writes JSON:
gate acceptance, AUC abnormal vs normal with a 95% bootstrap interval, and the change of the probability
against the file. Folds 0-3 are for tuning; fold 4 is read only to report.

    python bench/photo_eval.py --folds 0 1 2 3 --limit 60 --json /tmp/photos_tune.json
    python bench/photo_eval.py --folds 4 --json bench/results/photos_fold4.json
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.photo_simulator import (  # noqa: E402
    Defect,
    Kind,
    simulate_non_breast,
    simulate_photo,
    text_page,
)
from detector.datasets import in_folds, load_mini_mias  # noqa: E402
from detector.errors import ImageError, UnusablePhotoError  # noqa: E402
from detector.metrics import bootstrap_auc_ci, roc_auc  # noqa: E402
from detector.negatives import Negative, all_negatives, split_of  # noqa: E402
from detector.predictor import Prediction, Predictor  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
KINDS: tuple[Kind, ...] = ("lightbox", "screen")
DEFECTS: tuple[Defect, ...] = ("dark", "glare", "cut_off", "blurred")


def seed_of(*parts: str) -> int:
    return int(hashlib.sha256("/".join(parts).encode()).hexdigest()[:8], 16)


def film_pixels(path: Path) -> np.ndarray:  # type: ignore[type-arg]
    with Image.open(path) as image:
        return np.asarray(image.convert("L"), dtype=np.float32) / 255.0


def outcome_name(outcome: Prediction | ImageError) -> str:
    if isinstance(outcome, UnusablePhotoError):
        return f"retake:{outcome.problem}"
    return type(outcome).__name__ if isinstance(outcome, ImageError) else "accepted"


def negative_pixels(negative: Negative) -> np.ndarray | None:  # type: ignore[type-arg]
    try:
        with Image.open(io.BytesIO(negative.data)) as image:
            grey = np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    except Exception:  # a DICOM or an odd file: not used as photo content
        return None
    return grey if min(grey.shape) >= 64 else None


def summarise(labels: list[bool], files: list[float], photos: list[float | None]) -> dict[str, Any]:
    accepted = [i for i, p in enumerate(photos) if p is not None]
    y = np.array([labels[i] for i in accepted])
    photo_scores = np.array([photos[i] for i in accepted], dtype=np.float64)
    file_scores = np.array([files[i] for i in accepted], dtype=np.float64)
    change = np.abs(photo_scores - file_scores)
    return {
        "accepted": len(accepted),
        "total": len(photos),
        "auc": roc_auc(y, photo_scores) if len(accepted) else float("nan"),
        "auc_ci": bootstrap_auc_ci(y, photo_scores) if len(accepted) else (float("nan"), float("nan")),
        "auc_files_same_films": roc_auc(y, file_scores) if len(accepted) else float("nan"),
        "median_change": float(np.median(change)) if len(accepted) else float("nan"),
        "max_change": float(change.max()) if len(accepted) else float("nan"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, nargs="+", required=True)
    parser.add_argument("--limit", type=int, default=0, help="at most this many films (0: all)")
    parser.add_argument("--defect-films", type=int, default=12, help="films that get one photo per defect")
    parser.add_argument("--non-breast", type=int, default=40, help="photos of each non-breast scene kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(1)
    predictor = Predictor(num_threads=1)
    cases = in_folds(load_mini_mias(SHARED / "mini-mias"), args.folds)
    if args.limit:
        cases = cases[:: max(1, len(cases) // args.limit)][: args.limit]
    started = time.perf_counter()
    labels: list[bool] = []
    files: list[float] = []
    photos: dict[str, list[float | None]] = {kind: [] for kind in KINDS}
    outcomes: dict[str, Counter[str]] = {kind: Counter() for kind in (*KINDS, "file", "defects")}
    rows: list[dict[str, Any]] = []
    for index, case in enumerate(cases):
        file_outcome = predictor.predict_batch([case.path.read_bytes()])[0]
        outcomes["file"][outcome_name(file_outcome)] += 1
        if not isinstance(file_outcome, Prediction):
            continue
        film = film_pixels(case.path)
        labels.append(case.abnormal)
        files.append(file_outcome.probability)
        row: dict[str, Any] = {"film": case.name, "abnormal": case.abnormal, "file": file_outcome.probability}
        for kind in KINDS:
            photo = simulate_photo(film, kind, seed_of(str(args.seed), case.name, kind))
            outcome = predictor.predict_batch([photo.jpeg])[0]
            outcomes[kind][outcome_name(outcome)] += 1
            photos[kind].append(outcome.probability if isinstance(outcome, Prediction) else None)
            row[kind] = outcome.probability if isinstance(outcome, Prediction) else outcome_name(outcome)
        if index < args.defect_films:
            for defect in DEFECTS:
                kind = KINDS[index % 2]
                photo = simulate_photo(film, kind, seed_of(str(args.seed), case.name, defect), defect=defect)
                outcome = predictor.predict_batch([photo.jpeg])[0]
                outcomes["defects"][f"{defect}->{outcome_name(outcome)}"] += 1
        rows.append(row)
        print(json.dumps(row), flush=True)

    non_breast = non_breast_outcomes(predictor, args.folds, args.non_breast, args.seed)
    report: dict[str, Any] = {
        "folds": args.folds,
        "films": len(labels),
        "seconds": round(time.perf_counter() - started, 1),
        "files": {"auc": roc_auc(labels, files), "auc_ci": bootstrap_auc_ci(labels, files)},
        **{kind: summarise(labels, files, photos[kind]) for kind in KINDS},
        "outcomes": {name: dict(counter) for name, counter in outcomes.items()},
        "non_breast": non_breast,
        "rows": rows,
    }
    text = json.dumps({k: v for k, v in report.items() if k != "rows"}, indent=2)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def non_breast_outcomes(predictor: Predictor, folds: list[int], count: int, seed: int) -> dict[str, Any]:
    """Photos of things that are not mammograms; the held-out split's images only when fold 4 is read."""
    splits = {"test"} if 4 in folds else {"train", "validation"}
    contents = [
        pixels
        for negative in all_negatives(rendered=60)
        if split_of(negative.source) in splits and (pixels := negative_pixels(negative)) is not None
    ]
    offset = 10_000 if 4 in folds else 0
    tallies: dict[str, dict[str, int]] = {}
    for kind in ("document", "room", "text_screen", "image_on_screen", "image_on_lightbox"):
        tally: Counter[str] = Counter()
        for index in range(count):
            photo_seed = seed_of(str(seed), kind, str(offset + index))
            content = contents[(offset + index) % len(contents)]
            if kind == "document":
                jpeg = simulate_non_breast(text_page(photo_seed), "document", photo_seed).jpeg
            elif kind == "text_screen":
                page = text_page(photo_seed, height=900, width=1440, dark=index % 3 == 0)
                jpeg = simulate_non_breast(page, "text_screen", photo_seed).jpeg
            elif kind == "room":
                jpeg = simulate_non_breast(content, "room", photo_seed).jpeg
            elif kind == "image_on_screen":
                jpeg = simulate_photo(content, "screen", photo_seed).jpeg
            else:
                jpeg = simulate_photo(content, "lightbox", photo_seed).jpeg
            outcome = predictor.predict_batch([jpeg])[0]
            tally["accepted" if isinstance(outcome, Prediction) else "refused"] += 1
        tallies[kind] = dict(tally)
    refused = sum(t.get("refused", 0) for t in tallies.values())
    total = sum(sum(t.values()) for t in tallies.values())
    return {"by_kind": tallies, "refused": refused, "total": total}


if __name__ == "__main__":
    raise SystemExit(main())
