"""`bcdbot train`, `bcdbot evaluate` and `bcdbot predict`: the detector's command line (research use)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

DATASETS = ("mini-mias", "busi", "gate")
MODELS = ("mammography", "ultrasound", "gate")


def _setup(threads: int | None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    import torch

    torch.set_num_threads(threads or 2)


def _train(args: argparse.Namespace) -> int:
    _setup(args.threads)
    out = Path(args.out)
    if args.cross_fit:
        return _train_cross_fitted(args, out)
    if args.dataset == "busi":
        from detector.train_ultrasound import UltrasoundSettings, train_ultrasound

        settings = UltrasoundSettings() if args.epochs is None else UltrasoundSettings(epochs=args.epochs)
        checkpoint = train_ultrasound(Path(args.data_dir), out, settings, progress=not args.no_progress)
    elif args.dataset == "mini-mias":
        import dataclasses

        from detector.train_mammography import PATCH_SETTINGS, MammographySettings, train_mammography

        msettings = PATCH_SETTINGS if args.mammography_mode == "patch" else MammographySettings()
        if args.epochs is not None:
            msettings = dataclasses.replace(msettings, epochs=args.epochs)
        checkpoint = train_mammography(Path(args.data_dir), out, msettings, progress=not args.no_progress)
    else:
        from detector.train_gate import GateSettings, train_gate

        gsettings = GateSettings() if args.epochs is None else GateSettings(epochs=args.epochs)
        checkpoint = train_gate(Path(args.data_dir), out, gsettings, progress=not args.no_progress)
    print(checkpoint)
    return 0


def _train_cross_fitted(args: argparse.Namespace, out: Path) -> int:
    from detector.cross_fit import train_cross_fitted

    if args.dataset != "busi" or args.epochs is not None:
        print(
            "--cross-fit trains the committed busi recipe only (a mini-MIAS ensemble would be calibrated "
            "too low: see docs/model_card.md); drop --epochs"
        )
        return 2
    members_dir = Path(args.members_dir) if args.members_dir else _cache_dir() / "cross-fit"
    checkpoint = train_cross_fitted(
        Path(args.data_dir), out, members_dir=members_dir, jobs=args.jobs, progress=not args.no_progress
    )
    print(checkpoint)
    return 0


def _cache_dir() -> Path:
    import os

    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bcdbot"


def _evaluate(args: argparse.Namespace) -> int:
    _setup(args.threads)
    from detector.evaluate import evaluate

    report = evaluate(args.model, Path(args.data_dir), fold=args.fold, weights_dir=_weights(args))
    text = json.dumps(report, indent=2)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    summary = {k: report[k] for k in ("n", "auc", "auc_ci", "ece") if k in report}
    print(json.dumps(summary))
    return 0


def _weights(args: argparse.Namespace) -> Path | None:
    return Path(args.weights_dir) if getattr(args, "weights_dir", None) else None


def _predict(args: argparse.Namespace) -> int:
    _setup(args.threads)
    from bot.image_refusal_replies import image_error_text
    from detector import ImageError, Predictor

    predictor = Predictor(weights_dir=_weights(args), tta=args.tta)
    heatmap_dir = Path(args.heatmap_dir) if args.heatmap_dir else None
    if heatmap_dir is not None:
        heatmap_dir.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    for name in args.files:
        path = Path(name)
        entry: dict[str, Any] = {"file": name}
        try:
            prediction = predictor.predict(path.read_bytes())
        except ImageError as exc:
            entry.update(
                refused=True,
                reason=type(exc).__name__,
                message=image_error_text(type(exc).__name__, exc.reason),
            )
        except OSError as exc:
            entry.update(refused=True, reason="OSError", message=f"cannot read the file: {exc.strerror}")
        else:
            heatmap_path = None
            if heatmap_dir is not None and prediction.heatmap_png:
                heatmap_path = heatmap_dir / f"{path.stem}_heatmap.png"
                heatmap_path.write_bytes(prediction.heatmap_png)
            entry.update(
                refused=False,
                modality=prediction.modality,
                probability=prediction.probability,
                band=prediction.band,
                heatmap=str(heatmap_path) if heatmap_path else None,
                trained=prediction.trained,
                model_version=prediction.model_version,
            )
            if prediction.probabilities_3class:
                entry["probabilities_3class"] = prediction.probabilities_3class
        results.append(entry)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for entry in results:
            if entry["refused"]:
                print(f"{entry['file']}: refused ({entry['reason']}): {entry['message']}")
            else:
                print(
                    f"{entry['file']}: {entry['modality']}, probability {entry['probability']:.3f}, "
                    f"{entry['band']} suspicion, heatmap {entry['heatmap']}"
                )
    return 0


def register(commands: Any) -> None:
    """Add `train`, `evaluate` and `predict` to the `bcdbot` sub-commands."""
    train = commands.add_parser("train", help="train a detector model (research use)")
    train.add_argument("--dataset", choices=DATASETS, required=True)
    train.add_argument(
        "--data-dir", required=True, help="mini-mias or busi folder; for gate: the data folder"
    )
    train.add_argument("--out", required=True, help="folder for the checkpoint, model card and plots")
    train.add_argument("--epochs", type=int, default=None)
    train.add_argument("--threads", type=int, default=2)
    train.add_argument(
        "--mammography-mode",
        choices=("patch", "film"),
        default="film",
        help="mini-MIAS: whole films at 384 px with per-cell lesion targets (default, the committed model) "
        "or lesion-centred patches cut from 640 px films",
    )
    train.add_argument(
        "--cross-fit",
        action="store_true",
        help="busi: train one member per validation fold 0-3 and write their ensemble, calibrated out of "
        "fold (how the committed ultrasound weights are made)",
    )
    train.add_argument("--jobs", type=int, default=2, help="--cross-fit: members trained at once")
    train.add_argument(
        "--members-dir",
        default=None,
        help="--cross-fit: where members are kept and reused (default: ~/.cache/bcdbot/cross-fit)",
    )
    train.add_argument("--no-progress", action="store_true", help="no progress bars")
    train.set_defaults(handler=_train)

    evaluate = commands.add_parser("evaluate", help="evaluate a trained model on one fold")
    evaluate.add_argument("--model", choices=MODELS, required=True)
    evaluate.add_argument("--data-dir", required=True)
    evaluate.add_argument("--fold", type=int, default=4)
    evaluate.add_argument("--json", default=None, help="write the metrics here")
    evaluate.add_argument("--weights-dir", default=None, help="default: the committed detector/weights")
    evaluate.add_argument("--threads", type=int, default=2)
    evaluate.set_defaults(handler=_evaluate)

    predict = commands.add_parser("predict", help="analyse image files")
    predict.add_argument("files", nargs="+")
    predict.add_argument("--json", action="store_true")
    predict.add_argument("--heatmap-dir", default=None)
    predict.add_argument("--weights-dir", default=None)
    predict.add_argument("--tta", action="store_true", default=None, help="flip test-time augmentation")
    predict.add_argument("--threads", type=int, default=2)
    predict.set_defaults(handler=_predict)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bcdbot-detector")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    sys.exit(args.handler(args))
