"""GPU: the card's bare batched forward of each served model (CamGraph: members, TTA, heatmap included).

No decoding, no preparation, no queue: random gray batches already on the device, bf16 autocast and
channels-last, timed over ``--repeats`` batches after a warm-up. The ceiling the pipeline and the worker
(bench.gpu_worker_throughput) are compared against.

    python3 -m bench.gpu_forward [--batches 32 128] [--repeats 20]
"""

from __future__ import annotations

import argparse
import sys
import time

import torch

from detector.cam_graph import CamGraph
from detector.heads import GateModel, MammographyModel, TaskModel, UltrasoundModel
from detector.weights import weights_path


def images_per_second(task: TaskModel, batch: int, repeats: int) -> float:
    graph = CamGraph(task.model, task.config.mean, task.config.std, tta=task.tta).eval()
    graph = graph.to(memory_format=torch.channels_last)
    size = task.config.input_size
    gray = torch.rand((batch, 1, size, size), device="cuda")
    with torch.inference_mode(), torch.autocast("cuda", dtype=torch.bfloat16):
        graph(gray)
        torch.cuda.synchronize()
        started = time.perf_counter()
        for _ in range(repeats):
            graph(gray)
        torch.cuda.synchronize()
    return batch * repeats / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, nargs="+", default=[32, 128])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    device = torch.device("cuda")
    for head, name in (
        (GateModel, "gate"),
        (MammographyModel, "mammography"),
        (UltrasoundModel, "ultrasound"),
    ):
        task = head.load(weights_path(name), device=device)
        for batch in args.batches:
            rate = images_per_second(task, batch, args.repeats)
            size = task.config.input_size
            print(f"bare forward {name:<12} {size} px, TTA {task.tta}, batch {batch:>3}: {rate:8.0f} img/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
