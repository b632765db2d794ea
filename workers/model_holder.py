"""The detector, loaded once per worker process (after the fork, never in the parent)."""

from __future__ import annotations

import logging
from pathlib import Path

from detector import DEFAULT_CONFIG, Predictor

logger = logging.getLogger(__name__)

_predictor: Predictor | None = None
_checkpoint: Path | None = None
_device: str | None = None
_threads: int | None = None


def configure(*, checkpoint: Path | None, device: str | None, threads: int | None) -> None:
    """Remember how to build the predictor; called by the worker entry point before forking."""
    global _checkpoint, _device, _threads
    _checkpoint, _device, _threads = checkpoint, device, threads


def get_predictor() -> Predictor:
    """The process's predictor, built on first use."""
    global _predictor
    if _predictor is None:
        _predictor = Predictor(DEFAULT_CONFIG, checkpoint=_checkpoint, device=_device, num_threads=_threads)
        logger.info("detector loaded (model %s %s)", _predictor.config.name, _predictor.config.version)
    return _predictor
