"""Which engine runs the three models fastest on this CPU, and how far each strays from eager float32.

For each model as served (its input size, its TTA setting, every ensemble member; one image per call),
the median forward of each engine beside eager PyTorch float32 measured in the same run, with the ratio
(baseline / engine: above 1 is faster) and the largest difference in calibrated probability and in the
class activation map over a few real prepared images:

* ``torch``: eager float32 (the baseline);
* ``torch channels_last``: the same with channels-last memory format;
* ``torch bf16``: CPU autocast to bfloat16;
* ``torch compile``: torch.compile (with ``--compile``: 16-31 s of compiling per model here);
* ``onnx``: onnxruntime, CPU provider (the export is timed apart).

    python -m bench.bench_engines [--threads 1] [--repeats 20] [--compile]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import torch

from bench.bench_detector import median_ms
from bench.profile_inputs import uploads
from detector.calibration import softmax
from detector.cam_graph import CamGraph
from detector.engines import TorchRunner
from detector.heads import GateModel, MammographyModel, TaskModel, UltrasoundModel
from detector.onnx_runner import OnnxRunner, export
from detector.prepare import prepare_mammogram, prepare_whole
from detector.reading import read_image
from detector.weights import weights_path
from tests.shared_data import DATA_DIR

Forward = Callable[[torch.Tensor], tuple[torch.Tensor, torch.Tensor]]


def probabilities(task: TaskModel, logits: torch.Tensor, maps: torch.Tensor) -> np.ndarray[Any, Any]:
    """The calibrated numbers a reply carries, from raw engine outputs."""
    if isinstance(task, MammographyModel):
        from detector.cam import top_k_mean

        return task.calibrate(top_k_mean(maps[:, 0], task.top_k).numpy().astype(np.float64))
    return softmax(logits.numpy(), float(task.calibration.get("temperature", 1.0)))


def engines(task: TaskModel, compile_: bool) -> dict[str, Forward]:
    graph = CamGraph(task.model, task.config.mean, task.config.std, tta=task.tta).eval()
    cpu = torch.device("cpu")
    eager = TorchRunner(graph, cpu)

    def channels_last(gray: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        graph.to(memory_format=torch.channels_last)
        try:
            return eager(gray.contiguous(memory_format=torch.channels_last))
        finally:
            graph.to(memory_format=torch.contiguous_format)

    def bf16(gray: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        with torch.autocast("cpu", dtype=torch.bfloat16):
            return eager(gray)

    found: dict[str, Forward] = {"torch": eager, "torch channels_last": channels_last, "torch bf16": bf16}
    if compile_:
        compiled: Any = torch.compile(graph)
        found["torch compile"] = TorchRunner(compiled, cpu)
    started = time.perf_counter()
    onnx = OnnxRunner(export(graph, task.config.input_size))
    print(f"  onnx export + session: {time.perf_counter() - started:.1f} s")
    found["onnx"] = onnx
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--images", type=int, default=4, help="real images for the accuracy columns")
    parser.add_argument("--compile", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), median of {args.repeats}")
    files = uploads(DATA_DIR, args.images)
    films = [read_image(data) for data in files["film"]]
    frames = [read_image(data) for data in files["busi"]]
    tasks: list[tuple[TaskModel, list[np.ndarray[Any, Any]]]] = []
    gate = GateModel.load(weights_path("gate"), tta=False)
    tasks.append((gate, [prepare_whole(image, 128).pixels for image in films + frames]))
    mammography = MammographyModel.load(weights_path("mammography"))
    size = mammography.config.input_size
    tasks.append((mammography, [prepare_mammogram(image, size).pixels for image in films]))
    ultrasound = UltrasoundModel.load(weights_path("ultrasound"))
    size = ultrasound.config.input_size
    tasks.append((ultrasound, [prepare_whole(image, size).pixels for image in frames]))
    summary = []
    for task, images in tasks:
        size = task.config.input_size
        print(f"\n# {task.config.name} {size} px, TTA {task.tta}, {task.config.members} network(s)")
        gray = torch.from_numpy(np.stack(images))[:, None]
        one = gray[:1].clone()
        runs = engines(task, args.compile)
        reference_logits, reference_maps = runs["torch"](gray)
        reference = probabilities(task, reference_logits, reference_maps)
        baseline = median_ms(partial(runs["torch"], one), args.repeats)
        print(f"{'engine':<22} {'ms':>8} {'ratio':>6} {'max |dp|':>10} {'max |dmap|':>11}")
        for name, run in runs.items():
            ms = baseline if name == "torch" else median_ms(partial(run, one), args.repeats)
            logits, maps = run(gray)
            dp = float(np.abs(probabilities(task, logits, maps) - reference).max())
            dmap = float((maps.float() - reference_maps).abs().max())
            print(f"{name:<22} {ms:8.2f} {baseline / ms:6.2f} {dp:10.2e} {dmap:11.2e}")
            summary.append((task.config.name, name, baseline / ms, dp))
    print("\n# speed-up over eager float32 (max |dp|)")
    for model, name, ratio, dp in summary:
        print(f"{model:<12} {name:<22} {ratio:5.2f}x  {dp:.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
