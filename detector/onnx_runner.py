"""onnxruntime on the CPU for one CamGraph: exported from the loaded weights, cached by what it was made of.

Nothing is downloaded: the graph is traced from the network the safetensors checkpoint filled. The file is
written to ``cache_dir`` (atomically: a partial export never looks finished) under a name derived from the
weights, the model card, the TTA setting, torch's version and EXPORT_VERSION, so a changed input exports
afresh and a stale file is never read. Without a ``cache_dir`` the export stays in memory.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import warnings
from pathlib import Path
from typing import Final

import numpy as np
import torch

from detector.cam_graph import CamGraph

logger = logging.getLogger(__name__)

EXPORT_VERSION: Final = 1  # raise when CamGraph or the export changes: older cached files are then ignored
OPSET: Final = 17


def cache_key(identity: bytes) -> str:
    digest = hashlib.sha256(identity)
    digest.update(f"|torch {torch.__version__}|export {EXPORT_VERSION}|opset {OPSET}".encode())
    return digest.hexdigest()[:24]


def export(graph: CamGraph, input_size: int) -> bytes:
    """The graph as ONNX, batch size free, traced on the CPU."""
    example = torch.zeros((1, 1, input_size, input_size))
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice, tracer notes
        torch.onnx.export(
            graph.cpu().eval(),
            (example,),
            buffer,  # type: ignore[arg-type]  # the TorchScript exporter writes to file objects too
            dynamo=False,
            opset_version=OPSET,
            input_names=["gray"],
            output_names=["logits", "maps"],
            dynamic_axes={"gray": {0: "batch"}, "logits": {0: "batch"}, "maps": {0: "batch"}},
        )
    return buffer.getvalue()


class OnnxRunner:
    engine: Final = "onnx"

    def __init__(self, model: bytes | Path) -> None:
        import onnxruntime  # type: ignore[import-untyped]

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = torch.get_num_threads()  # the process's thread setting governs both
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        # spinning threads wait on each other when the worker shares its cores (README, BCDBOT_WORKER_THREADS)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        source = str(model) if isinstance(model, Path) else model
        self.session = onnxruntime.InferenceSession(
            source, sess_options=options, providers=["CPUExecutionProvider"]
        )

    @classmethod
    def cached(
        cls, graph: CamGraph, *, input_size: int, identity: bytes, cache_dir: Path | None
    ) -> OnnxRunner:
        if cache_dir is None:
            return cls(export(graph, input_size))
        path = cache_dir / f"{cache_key(identity)}.onnx"
        if not path.is_file():
            cache_dir.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
            partial.write_bytes(export(graph, input_size))
            os.replace(partial, path)
            logger.info("exported %s", path)
        return cls(path)

    def __call__(self, gray: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        feed = np.ascontiguousarray(gray.detach().cpu().numpy(), dtype=np.float32)
        logits, maps = self.session.run(None, {"gray": feed})
        return torch.from_numpy(np.asarray(logits)), torch.from_numpy(np.asarray(maps))
