"""Choose the ultrasound recipe by cross-validation inside folds 0-3 (fold 4 is never read).

One validation fold of ~150 images is too noisy to choose between recipes: a seed changes its AUC by
several points. Each recipe here is trained four times, validating on fold 0, 1, 2 and 3 in turn (training on
the other three), and judged by the mean. Meant for a GPU (``--device cuda``); on the 2-core CPU one recipe
takes about two hours.

    python -m detector.sweep_ultrasound --data-dir ../shared/data/busi --recipe ema15 --json out.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import tempfile
from pathlib import Path
from typing import Any, Final

from detector.train_ultrasound import UltrasoundSettings, train_ultrasound

CROSS_VALIDATION_FOLDS: Final = (0, 1, 2, 3)

RECIPES: Final[dict[str, UltrasoundSettings]] = {
    "previous": UltrasoundSettings(epochs=9, patience=9, ema_decay=None),  # the single model until 2026-11-26
    "long15": UltrasoundSettings(epochs=15, patience=15, ema_decay=None),
    "ema15": UltrasoundSettings(),  # best CV mean; the recipe of the committed ensemble's members
    "ema15_bn": UltrasoundSettings(epochs=15, patience=15, ema_decay=0.99, ema_statistics=True),
    "ema15_full": UltrasoundSettings(epochs=15, patience=15, ema_decay=0.99, frozen_blocks=0),
    "ema15_smooth": UltrasoundSettings(epochs=15, patience=15, ema_decay=0.99, label_smoothing=0.1),
    "ema15_256": UltrasoundSettings(epochs=15, patience=15, ema_decay=0.99, input_size=256),
    "ema25_lr5e-4": UltrasoundSettings(epochs=25, patience=25, ema_decay=0.995, lr=5e-4),
}


def cross_validate(
    data_dir: Path,
    recipe: UltrasoundSettings,
    device: str,
    validation_folds: tuple[int, ...] = CROSS_VALIDATION_FOLDS,
) -> dict[str, Any]:
    folds = []
    for validation_fold in validation_folds:
        settings = dataclasses.replace(
            recipe,
            train_folds=tuple(f for f in CROSS_VALIDATION_FOLDS if f != validation_fold),
            validation_folds=(validation_fold,),
            device=device,
        )
        with tempfile.TemporaryDirectory() as out:
            checkpoint = train_ultrasound(data_dir, Path(out), settings, progress=False)
            card = json.loads(checkpoint.with_suffix(".json").read_text(encoding="utf-8"))
        validation = card["metrics"]["validation"]
        folds.append(
            {
                "validation_fold": validation_fold,
                "auc": validation["auc"],
                "accuracy_3class": validation["accuracy_3class"],
                "ece": validation["ece"],
                "best_epoch": card["training"]["best_epoch"],
                "seconds": card["training"]["seconds"],
            }
        )
        print(f"validation fold {validation_fold}: {folds[-1]}", flush=True)
    summary = {key: statistics.mean(fold[key] for fold in folds) for key in ("auc", "accuracy_3class", "ece")}
    summary["auc_sd"] = statistics.stdev(fold["auc"] for fold in folds) if len(folds) > 1 else 0.0
    return {"folds": folds, "mean": summary}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--recipe", choices=sorted(RECIPES), action="append", required=True)
    parser.add_argument("--device", default="cpu")
    parser.add_argument(
        "--validation-fold",
        type=int,
        action="append",
        choices=CROSS_VALIDATION_FOLDS,
        help="run only these validation folds (to spread one recipe over several processes)",
    )
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args()
    results = {}
    for name in args.recipe:
        results[name] = {
            "settings": dataclasses.asdict(RECIPES[name]),
            **cross_validate(
                args.data_dir,
                RECIPES[name],
                args.device,
                tuple(args.validation_fold or CROSS_VALIDATION_FOLDS),
            ),
        }
        mean = results[name]["mean"]
        print(
            f"{name:14s} AUC {mean['auc']:.3f} (sd {mean['auc_sd']:.3f})  "
            f"3-class {mean['accuracy_3class']:.3f}  ECE {mean['ece']:.3f}",
            flush=True,
        )
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
