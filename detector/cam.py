"""Class activation maps from the forward pass, and the heatmap overlay PNG sent with every prediction.

For a global-average-pool + linear head, logits = mean over positions of (W @ features + b). The per-position
term W @ features + b is the class activation map (CAM, Zhou et al. 2016); for this head it equals Grad-CAM on
the last convolutional block up to the ReLU and normalisation Grad-CAM applies. It costs one 1x1 projection of
features the forward pass computes anyway: no backward pass, no extra dependency.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import numpy.typing as npt
import torch
import torch.nn.functional as F

from detector.ensemble import Ensemble


def classifier_of(model: torch.nn.Module) -> torch.nn.Linear:
    get_classifier: Any = getattr(model, "get_classifier", None)
    head = get_classifier() if callable(get_classifier) else None
    if not isinstance(head, torch.nn.Linear):
        raise TypeError(f"expected a Linear classifier head, found {type(head).__name__}")
    return head


def forward_with_cam(model: torch.nn.Module, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(logits (B, C), maps (B, C, h, w)); logits equal the model's own output in eval mode.

    For an Ensemble both are the means over its members.
    """
    if isinstance(model, Ensemble):
        outputs = [forward_with_cam(member, batch) for member in model.members]
        return (
            torch.stack([logits for logits, _ in outputs]).mean(dim=0),
            torch.stack([maps for _, maps in outputs]).mean(dim=0),
        )
    forward_features: Any = model.forward_features
    features: torch.Tensor = forward_features(batch)
    head = classifier_of(model)
    maps = torch.einsum("bkhw,ck->bchw", features, head.weight)
    if head.bias is not None:
        maps = maps + head.bias.view(1, -1, 1, 1)
    return maps.mean(dim=(2, 3)), maps


def top_k_mean(maps: torch.Tensor, k: int) -> torch.Tensor:
    """(B, h, w) -> (B,): the mean of the k largest positions (k = 1 is max pooling)."""
    flat = maps.flatten(1)
    k = max(1, min(k, flat.shape[1]))
    return flat.topk(k, dim=1).values.mean(dim=1)


def upsample(cam: torch.Tensor, size: int) -> npt.NDArray[np.float32]:
    """(h, w) map -> (size, size) float32 array, bilinear."""
    up = F.interpolate(cam[None, None].float(), size=(size, size), mode="bilinear", align_corners=False)
    out: npt.NDArray[np.float32] = up[0, 0].numpy().astype(np.float32)
    return out


def peak(cam_up: npt.NDArray[np.float32], valid: npt.NDArray[np.bool_] | None = None) -> tuple[int, int]:
    """(column, row) of the heatmap's maximum (inside ``valid`` when given)."""
    values = np.where(valid, cam_up, -np.inf) if valid is not None and valid.any() else cam_up
    row, col = np.unravel_index(int(np.argmax(values)), values.shape)
    return int(col), int(row)


def overlay_png(
    gray: npt.NDArray[np.float32], cam_up: npt.NDArray[np.float32], *, alpha: float = 0.45
) -> bytes:
    """The model's view in gray with the heatmap (min-max scaled, jet-like colours) blended on top; PNG."""
    from PIL import Image

    low, high = float(cam_up.min()), float(cam_up.max())
    heat = (cam_up - low) / (high - low) if high > low else np.zeros_like(cam_up)
    colour = _jet(heat)
    base = np.repeat(np.clip(gray, 0.0, 1.0)[..., None], 3, axis=2)
    weight = alpha * heat[..., None]  # weak activations leave the image visible
    blended = (1.0 - weight) * base + weight * colour
    image = Image.fromarray((np.clip(blended, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8), mode="RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=1)  # lossless; level 6 took 5x longer
    return buffer.getvalue()


def _jet(values: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
    v = np.clip(values, 0.0, 1.0).astype(np.float32)
    red = np.clip(1.5 - np.abs(4.0 * v - 3.0), 0.0, 1.0)
    green = np.clip(1.5 - np.abs(4.0 * v - 2.0), 0.0, 1.0)
    blue = np.clip(1.5 - np.abs(4.0 * v - 1.0), 0.0, 1.0)
    return np.stack([red, green, blue], axis=-1)
