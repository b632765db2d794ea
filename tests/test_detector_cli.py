"""`bcdbot train`, `evaluate` and `predict` end to end, on tiny real subsets of the shared data sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bcdbot.cli import build_parser
from detector.weights import MODEL_NAMES, have_weights
from tests.shared_data import DATA_DIR, have_shared_data, subset

pytestmark = pytest.mark.skipif(not have_shared_data(), reason="shared data missing")
PLOTS = ("loss", "roc", "confusion", "reliability")


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.handler(args)
    return code


@pytest.mark.parametrize(
    ("dataset", "model", "per"), [("busi", "ultrasound", 4), ("mini-mias", "mammography", 2)]
)
def test_train_then_evaluate(dataset: str, model: str, per: int, tmp_path: Path) -> None:
    data = subset(DATA_DIR / dataset, tmp_path / "data", per)
    out = tmp_path / "out"
    assert (
        run(
            [
                "train",
                "--dataset",
                dataset,
                "--data-dir",
                str(data),
                "--out",
                str(out),
                "--epochs",
                "1",
                "--no-progress",
            ]
        )
        == 0
    )
    checkpoint = out / f"{model}.safetensors"
    card = json.loads(checkpoint.with_suffix(".json").read_text(encoding="utf-8"))
    assert checkpoint.stat().st_size > 10_000_000
    assert card["data"]["held_out_fold"] == 4 and card["calibration"]["temperature"] > 0
    assert card["git_commit"] and "validation" in card["metrics"]
    for plot in PLOTS:
        assert (out / f"{model}_{plot}.png").read_bytes().startswith(b"\x89PNG")

    report_path = tmp_path / "fold4.json"
    assert (
        run(
            [
                "evaluate",
                "--model",
                model,
                "--data-dir",
                str(data),
                "--fold",
                "4",
                "--json",
                str(report_path),
                "--weights-dir",
                str(out),
            ]
        )
        == 0
    )
    report = json.loads(report_path.read_text(encoding="utf-8"))
    for key in (
        "auc",
        "auc_ci",
        "accuracy",
        "sensitivity",
        "specificity",
        "precision",
        "recall",
        "f1",
        "ece",
        "confusion_matrix",
        "n",
    ):
        assert key in report
    assert len(report["auc_ci"]) == 2
    assert ("accuracy_3class" if model == "ultrasound" else "auc_malignant_vs_rest") in report


@pytest.mark.skipif(not have_weights(), reason="committed weights missing")
def test_predict_json_with_heatmaps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "note.txt"
    text.write_text("not an image", encoding="utf-8")
    files = [
        DATA_DIR / "mini-mias" / "images" / "mdb005.png",
        DATA_DIR / "busi" / "images" / "benign_5.png",
        text,
    ]
    heatmaps = tmp_path / "heat"
    assert run(["predict", *map(str, files), "--json", "--heatmap-dir", str(heatmaps)]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["refused"] for r in results] == [False, False, True]
    assert [r.get("modality") for r in results[:2]] == ["mammography", "ultrasound"]
    for result in results[:2]:
        assert 0.0 <= result["probability"] <= 1.0 and result["band"] in ("low", "intermediate", "high")
        assert Path(result["heatmap"]).read_bytes().startswith(b"\x89PNG")
    assert results[2]["reason"] == "UnsupportedFormatError" and results[2]["message"]


def test_weights_folder_names() -> None:
    assert MODEL_NAMES == ("gate", "mammography", "ultrasound")


@pytest.mark.parametrize("dataset", ["mini-mias", "gate"])
def test_cross_fit_is_refused_where_an_ensemble_would_be_miscalibrated(
    dataset: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["train", "--dataset", dataset, "--cross-fit", "--data-dir", str(DATA_DIR), "--out", str(tmp_path)]
    assert run(argv) == 2
    assert "busi recipe only" in capsys.readouterr().out
    assert not any(tmp_path.iterdir())
