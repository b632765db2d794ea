"""Which engine runs a model's forward: eager PyTorch, or onnxruntime on the CPU.

Both run the same :class:`~detector.cam_graph.CamGraph`; ``tests/test_detector_engines.py`` holds them to
1e-3 of each other. On this project's CPUs onnxruntime is the faster (``bench/bench_engines.py``); a CUDA
device always runs PyTorch (the onnxruntime wheel in the lock is the CPU one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal, Protocol

import torch

from detector.cam_graph import CamGraph

Engine = Literal["torch", "onnx"]
ENGINES: Final[tuple[Engine, ...]] = ("torch", "onnx")


class Runner(Protocol):
    """Runs one model: (B, 1, S, S) gray -> (logits (B, C), maps (B, C, h, w)), float32 on the CPU."""

    @property
    def engine(self) -> Engine: ...

    def __call__(self, gray: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]: ...


class TorchRunner:
    engine: Final = "torch"

    def __init__(self, graph: CamGraph, device: torch.device) -> None:
        self.graph = graph.to(device)  # the buffers; the network is where its owner put it, in its mode
        self.device = device

    def __call__(self, gray: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        with torch.inference_mode():
            logits, maps = self.graph(gray.to(self.device))
        return logits.float().cpu(), maps.float().cpu()


def make_runner(
    graph: CamGraph,
    *,
    engine: Engine,
    device: torch.device,
    input_size: int,
    identity: bytes,
    cache_dir: Path | None,
) -> Runner:
    """The runner for ``engine``. ``identity`` names the weights, the card and the TTA setting: the ONNX
    file exported for them is kept in ``cache_dir`` and found there again by it."""
    if engine == "torch" or device.type != "cpu":
        return TorchRunner(graph, device)
    from detector.onnx_runner import OnnxRunner

    return OnnxRunner.cached(graph, input_size=input_size, identity=identity, cache_dir=cache_dir)
