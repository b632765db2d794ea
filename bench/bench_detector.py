"""CPU latency and throughput of the detector: preprocessing, forward passes, and the whole predict call.

Every figure is a median over repeats, printed beside a baseline measured in the same run and the ratio:

* preprocessing: read_image + model preparation vs the baseline "Pillow decode only" (Image.open().load());
* forward: each model's forward with the class activation map (what predict runs) vs the bare timm forward at
  the same size (so the ratio is the heatmap's cost), single image and batch of 8 (images per second);
* predict: Predictor.predict (gate + model + heatmap PNG) vs the bare forward of the routed model;
* ensemble: a cross-fitted model's forward (all members, with its TTA setting) vs its first member alone.

    python bench/bench_detector.py [--threads 2] [--repeats 30]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
from PIL import Image  # noqa: E402

from detector import Predictor  # noqa: E402
from detector.cam import forward_with_cam  # noqa: E402
from detector.ensemble import Ensemble  # noqa: E402
from detector.prepare import normalise, prepare_mammogram, prepare_whole  # noqa: E402
from detector.reading import read_image  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
MAMMOGRAM = SHARED / "mini-mias" / "images" / "mdb001.png"
ULTRASOUND = SHARED / "busi" / "images" / "malignant_1.png"


def median_ms(function: Callable[[], object], repeats: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000.0)
    return statistics.median(times)


def line(name: str, value: float, baseline: float, unit: str = "ms") -> None:
    print(
        f"{name:<58} {value:9.2f} {unit:<5} baseline {baseline:9.2f} {unit:<5} ratio {value / baseline:5.2f}"
    )


def decode(data: bytes) -> None:
    """The baseline of reading: Pillow's own decode of the same bytes."""
    Image.open(io.BytesIO(data)).load()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    repeats = args.repeats
    predictor = Predictor()
    print(
        f"torch {torch.__version__}, {torch.get_num_threads()} threads, trained={predictor.trained}, "
        f"median of {repeats}"
    )
    files = {
        "mammogram 1024x1024 PNG": MAMMOGRAM.read_bytes(),
        "ultrasound 256x256 PNG": ULTRASOUND.read_bytes(),
    }

    print("\n# preprocessing (single image)")
    for name, data in files.items():
        baseline = median_ms(partial(decode, data), repeats)
        line(f"read_image {name}", median_ms(partial(read_image, data), repeats), baseline)
    mammogram, ultrasound = (
        read_image(files["mammogram 1024x1024 PNG"]),
        read_image(files["ultrasound 256x256 PNG"]),
    )
    baseline = median_ms(partial(decode, files["mammogram 1024x1024 PNG"]), repeats)
    gate, mammography_model, ultrasound_model = predictor.gate, predictor.mammography, predictor.ultrasound
    if mammography_model is not None and ultrasound_model is not None and gate is not None:
        mammo_size = mammography_model.config.input_size
        line(
            f"crop + laterality + fit to {mammo_size} (mammogram)",
            median_ms(lambda: prepare_mammogram(mammogram, mammo_size), repeats),
            baseline,
        )
        line(
            f"fit to {gate.config.input_size} (gate, mammogram)",
            median_ms(partial(prepare_whole, mammogram, gate.config.input_size), repeats),
            baseline,
        )
        line(
            f"fit to {ultrasound_model.config.input_size} (ultrasound)",
            median_ms(partial(prepare_whole, ultrasound, ultrasound_model.config.input_size), repeats),
            baseline,
        )
        batch_read = median_ms(
            lambda: [read_image(files["ultrasound 256x256 PNG"]) for _ in range(8)], repeats // 3
        )
        batch_pil = median_ms(
            lambda: [Image.open(io.BytesIO(files["ultrasound 256x256 PNG"])).load() for _ in range(8)],
            repeats // 3,
        )
        line("read_image throughput, ultrasound PNG", 8000 / batch_read, 8000 / batch_pil, "img/s")

        print("\n# forward pass with heatmap (CAM) vs bare timm forward")
        for label, task in (
            ("gate", gate),
            ("mammography", mammography_model),
            ("ultrasound", ultrasound_model),
        ):
            size = task.config.input_size
            for batch in (1, 8):
                gray = torch.rand((batch, 1, size, size))
                x = normalise(gray, task.config.mean, task.config.std)

                def bare(x: torch.Tensor = x, model: torch.nn.Module = task.model) -> None:
                    with torch.inference_mode():
                        model(x)

                def with_cam(x: torch.Tensor = x, model: torch.nn.Module = task.model) -> None:
                    with torch.inference_mode():
                        forward_with_cam(model, x)

                n = max(5, repeats // batch)
                base, cam = median_ms(bare, n), median_ms(with_cam, n)
                if batch == 1:
                    line(f"{label} {size} px, 1 image (ms)", cam, base)
                    if task.tta:
                        line(
                            f"{label} {size} px, 1 image with flip TTA (ms)",
                            median_ms(partial(task.forward, gray), n),
                            base,
                        )
                else:
                    line(
                        f"{label} {size} px, batch {batch} throughput",
                        batch * 1000 / cam,
                        batch * 1000 / base,
                        "img/s",
                    )

        print("\n# cross-fitted ensemble vs one of its members (same TTA setting)")
        for label, task in (("mammography", mammography_model), ("ultrasound", ultrasound_model)):
            if not isinstance(task.model, Ensemble):
                print(f"{label}: one network, no ensemble")
                continue
            size = task.config.input_size
            gray = torch.rand((1, 1, size, size))
            member = dataclasses.replace(task, model=task.model.members[0])
            line(
                f"{label} {size} px, {len(task.model.members)} members vs 1 (ms)",
                median_ms(partial(task.forward, gray), repeats),
                median_ms(partial(member.forward, gray), repeats),
            )

        print("\n# whole predict (read, gate, crop, model, calibration, band, heatmap PNG)")
        for name, data, task in (
            ("mammogram", files["mammogram 1024x1024 PNG"], mammography_model),
            ("ultrasound", files["ultrasound 256x256 PNG"], ultrasound_model),
        ):
            size = task.config.input_size
            x = normalise(torch.rand((1, 1, size, size)), task.config.mean, task.config.std)

            def bare_forward(x: torch.Tensor = x, model: torch.nn.Module = task.model) -> None:
                with torch.inference_mode():
                    model(x)

            line(
                f"predict {name} vs bare {size} px forward",
                median_ms(partial(predictor.predict, data), repeats),
                median_ms(bare_forward, repeats),
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
