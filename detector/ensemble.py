"""A cross-fitted ensemble: networks of one architecture, each trained with a different fold held out.

Its outputs are the means of its members' logits and class activation maps. A mean of class activation maps
is still the class activation map of the mean logit (the pooling is linear), so the heatmap stays exact and
free. Calibration comes from out-of-fold outputs: every image of folds 0-3 is scored by the one member that
did not train on it (detector.cross_fit).
"""

from __future__ import annotations

from collections.abc import Sequence

import torch


class Ensemble(torch.nn.Module):
    def __init__(self, members: Sequence[torch.nn.Module]) -> None:
        super().__init__()
        if not members:
            raise ValueError("an ensemble needs at least one member")
        self.members = torch.nn.ModuleList(members)

    def forward(self, batch: torch.Tensor) -> torch.Tensor:
        return torch.stack([member(batch) for member in self.members]).mean(dim=0)


def round_parameters(model: torch.nn.Module, dtype: torch.dtype) -> None:
    """Round every parameter through ``dtype`` in place, so that a checkpoint stored in ``dtype`` loads back
    to exactly the network that was calibrated and evaluated. Buffers (batch-norm statistics) stay float32:
    a small running variance loses too much in float16."""
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(parameter.to(dtype).to(parameter.dtype))
