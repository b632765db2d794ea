"""Build the network described by a ModelConfig; optionally fill it from a trained safetensors checkpoint."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Final

import timm
import torch

from detector.config import ModelConfig
from detector.ensemble import Ensemble
from detector.errors import ModelLoadError
from detector.imagenet_weights import IMAGENET_ARCHITECTURE, load_imagenet_weights

logger = logging.getLogger(__name__)

HEAD_SEED: Final = 20261126
HEAD_INIT_STD: Final = 0.01  # small weights, zero bias: an untrained head answers close to 0.5, never 0 or 1


def build_model(config: ModelConfig, *, imagenet: bool = True) -> torch.nn.Module:
    """A timm model in eval mode: ImageNet backbone (when asked), a deterministically initialised new head.

    ``config.members`` > 1 builds an :class:`~detector.ensemble.Ensemble` of that many such models.
    """
    if config.members > 1:
        single = dataclasses.replace(config, members=1)
        return Ensemble([build_model(single, imagenet=imagenet) for _ in range(config.members)]).eval()
    if imagenet and config.architecture != IMAGENET_ARCHITECTURE:
        raise ModelLoadError(
            f"bundled ImageNet weights exist only for {IMAGENET_ARCHITECTURE}, not {config.architecture}"
        )
    model: torch.nn.Module = timm.create_model(
        config.architecture, pretrained=False, num_classes=config.num_outputs
    )
    head_loaded = False
    if imagenet:
        head_loaded = not load_imagenet_weights(model)
    if not head_loaded:
        _init_head(model)
    return model.eval()


def _init_head(model: torch.nn.Module) -> None:
    """Seed the head from a local generator so the untrained output is reproducible (global RNG untouched)."""
    get_classifier = getattr(model, "get_classifier", None)
    head = get_classifier() if callable(get_classifier) else None
    if not isinstance(head, torch.nn.Linear):
        raise ModelLoadError(f"expected a Linear classifier head, found {type(head).__name__}")
    generator = torch.Generator().manual_seed(HEAD_SEED)
    with torch.no_grad():
        weight = torch.randn(head.weight.shape, generator=generator, dtype=head.weight.dtype) * HEAD_INIT_STD
        head.weight.copy_(weight)
        if head.bias is not None:
            head.bias.zero_()


def load_checkpoint(model: torch.nn.Module, path: Path) -> None:
    """Load every tensor of a safetensors state dict (as saved from this architecture); strict about names."""
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    try:
        state = load_file(str(path), device="cpu")
    except (OSError, SafetensorError) as exc:
        raise ModelLoadError(f"cannot read checkpoint {path}: {exc}") from exc
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        raise ModelLoadError(f"checkpoint {path} does not fit the model: {exc}") from exc
    logger.info("loaded checkpoint %s (%d tensors)", path, len(state))


def save_checkpoint(
    model: torch.nn.Module, path: Path, *, parameter_dtype: torch.dtype | None = None
) -> None:
    """Write the state dict as safetensors (what load_checkpoint and Predictor(checkpoint=...) read).

    ``parameter_dtype`` (e.g. float16) stores the learnt parameters in that type and the buffers as they are;
    loading casts them back. Round the model first (detector.ensemble.round_parameters) to make it lossless.
    """
    from safetensors.torch import save_file

    parameters = {name for name, _ in model.named_parameters()}
    state = {}
    for key, tensor in model.state_dict().items():
        value = tensor.detach().cpu()
        if parameter_dtype is not None and key in parameters and value.is_floating_point():
            value = value.to(parameter_dtype)
        state[key] = value.contiguous()
    save_file(state, str(path))
