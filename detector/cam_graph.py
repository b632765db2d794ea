"""One model's whole forward as one module: gray batch in, (logits, class activation maps) out.

Normalisation, every member of a cross-fitted ensemble and flip test-time augmentation (the mirrored images
ride in the same batch) all sit inside, so that each engine (eager PyTorch, onnxruntime) runs one graph and
their outputs can be compared one for one.
"""

from __future__ import annotations

import torch

from detector.cam import forward_with_cam


class CamGraph(torch.nn.Module):
    """(B, 1, S, S) gray in [0, 1] -> (logits (B, C), maps (B, C, h, w)); TTA averages over a flip."""

    mean: torch.Tensor
    std: torch.Tensor

    def __init__(
        self,
        model: torch.nn.Module,
        mean: tuple[float, float, float],
        std: tuple[float, float, float],
        *,
        tta: bool,
    ) -> None:
        super().__init__()
        self.model = model
        self.tta = tta
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32).view(1, 3, 1, 1))

    def forward(self, gray: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        batch = (gray.expand(-1, 3, -1, -1) - self.mean) / self.std
        if not self.tta:
            return forward_with_cam(self.model, batch)
        count = gray.shape[0]
        logits, maps = forward_with_cam(self.model, torch.cat([batch, batch.flip(-1)]))
        return (logits[:count] + logits[count:]) / 2, (maps[:count] + maps[count:].flip(-1)) / 2
