"""Pieces of the training runs that are cheap to check on their own: the weight average and fold guards."""

from __future__ import annotations

import pytest
import torch

from detector.train_ultrasound import UltrasoundSettings
from detector.training import WeightAverage


class Small(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.linear = torch.nn.Linear(3, 4)
        self.norm = torch.nn.BatchNorm1d(4)


def test_weight_average_follows_the_weights_at_its_decay() -> None:
    model = Small()
    average = WeightAverage(model, decay=0.75)
    start = model.linear.weight.detach().clone()
    with torch.no_grad():
        model.linear.weight.add_(1.0)
        model.state_dict()["norm.running_mean"].fill_(5.0)
    average.update(model)
    assert torch.allclose(average.state["linear.weight"], start + 0.25)
    # batch-norm statistics are copied, not averaged: they describe the current weights' activations
    assert torch.equal(average.state["norm.running_mean"], torch.full((4,), 5.0))
    assert average.state["norm.num_batches_tracked"].dtype == torch.int64


def test_the_average_loads_into_a_model_and_leaves_the_trained_weights_alone() -> None:
    model = Small()
    average = WeightAverage(model, decay=0.5)
    start = model.linear.bias.detach().clone()
    with torch.no_grad():
        model.linear.bias.fill_(2.0)
    average.update(model)
    other = Small()
    other.load_state_dict(average.state)
    assert torch.allclose(other.linear.bias, (start + 2.0) / 2)
    assert torch.equal(model.linear.bias, torch.full((4,), 2.0))


@pytest.mark.parametrize("folds", [{"train_folds": (0, 1, 4)}, {"validation_folds": (4,)}])
def test_the_held_out_fold_cannot_be_trained_or_tuned_on(folds: dict[str, tuple[int, ...]]) -> None:
    with pytest.raises(ValueError, match="held out"):
        UltrasoundSettings(**folds)  # type: ignore[arg-type]


def test_weight_average_can_average_the_batch_norm_statistics_too() -> None:
    model = Small()
    average = WeightAverage(model, decay=0.5, average_statistics=True)
    with torch.no_grad():
        model.state_dict()["norm.running_mean"].fill_(4.0)
    average.update(model)
    assert torch.equal(average.state["norm.running_mean"], torch.full((4,), 2.0))
