"""Temperature scaling (with a class bias where asked) and plain-words suspicion bands, fitted on validation
images only.

Bands: ``low`` below ``threshold_low``, ``high`` at or above ``threshold_high``, ``intermediate`` between.
``threshold_low`` is the largest calibrated probability that still flags (intermediate or high) at least
``SENSITIVITY_TARGET`` of the validation positives; ``threshold_high`` is the smallest probability at which at
least ``HIGH_SPECIFICITY_TARGET`` of the validation negatives stay below it (never below ``threshold_low``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize, minimize_scalar  # type: ignore[import-untyped]

SENSITIVITY_TARGET: Final = 0.95
HIGH_SPECIFICITY_TARGET: Final = 0.90

Band = Literal["low", "intermediate", "high"]


def _log_sigmoid(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    result: npt.NDArray[np.float64] = -np.logaddexp(0.0, -x)
    return result


def fit_temperature_binary(
    logits: npt.ArrayLike, labels: npt.ArrayLike, *, with_bias: bool = False
) -> tuple[float, float]:
    """(temperature, bias) minimising the validation log-loss of sigmoid(logit / T + bias)."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)

    def loss(params: npt.NDArray[np.float64]) -> float:
        t, b = float(np.exp(params[0])), float(params[1]) if with_bias else 0.0
        x = z / t + b
        return float(-(y * _log_sigmoid(x) + (1 - y) * _log_sigmoid(-x)).mean())

    result = minimize(
        loss, np.array([0.0, 0.0]), method="Nelder-Mead", options={"xatol": 1e-5, "fatol": 1e-8}
    )
    temperature = float(np.clip(np.exp(result.x[0]), 0.05, 100.0))
    return temperature, float(result.x[1]) if with_bias else 0.0


def fit_temperature_multiclass(
    logits: npt.ArrayLike, labels: npt.ArrayLike, *, positive: int | None = None
) -> float:
    """T minimising the validation cross-entropy of softmax(logits / T).

    With ``positive``, the loss is the binary log-loss of that class's probability (the number reported).
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels, dtype=int)

    def loss(log_t: float) -> float:
        log_p = _log_softmax(z / np.exp(log_t))
        if positive is not None:
            p = np.clip(np.exp(log_p[:, positive]), 1e-12, 1 - 1e-12)
            hit = y == positive
            return float(-(np.log(p[hit]).sum() + np.log1p(-p[~hit]).sum()) / len(y))
        return float(-log_p[np.arange(len(y)), y].mean())

    result = minimize_scalar(loss, bounds=(-3.0, 4.6), method="bounded")
    return float(np.exp(result.x))


def fit_temperature_and_class_bias(
    logits: npt.ArrayLike, labels: npt.ArrayLike, *, positive: int
) -> tuple[float, float]:
    """(T, b) minimising the binary log-loss of P(positive) under softmax(logits / T + b on ``positive``).

    The bias shifts the positive class's prior: a model trained with class-balanced sampling has learnt
    equal priors, and b moves them back to what the validation images show.
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels, dtype=int) == positive

    def loss(params: npt.NDArray[np.float64]) -> float:
        log_p = _log_softmax(z / np.exp(params[0]) + one_hot_bias(z.shape[1], positive, float(params[1])))
        return float(
            -(log_p[y, positive].sum() + np.log1p(-np.exp(log_p[~y, positive]) + 1e-12).sum()) / len(y)
        )

    result = minimize(
        loss, np.array([0.0, 0.0]), method="Nelder-Mead", options={"xatol": 1e-5, "fatol": 1e-8}
    )
    return float(np.clip(np.exp(result.x[0]), 0.05, 100.0)), float(result.x[1])


def one_hot_bias(classes: int, index: int, value: float) -> npt.NDArray[np.float64]:
    """A bias vector for ``softmax(..., bias=)`` that shifts one class's logit by ``value``."""
    bias = np.zeros(classes)
    bias[index] = value
    return bias


def _log_softmax(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    x = x - x.max(axis=1, keepdims=True)
    out: npt.NDArray[np.float64] = x - np.log(np.exp(x).sum(axis=1, keepdims=True))
    return out


def softmax(
    logits: npt.ArrayLike, temperature: float = 1.0, *, bias: npt.ArrayLike | None = None
) -> npt.NDArray[np.float64]:
    """softmax(logits / temperature + bias) over the last axis."""
    x = np.asarray(logits, dtype=np.float64) / temperature
    if bias is not None:
        x = x + np.asarray(bias, dtype=np.float64)
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    out: npt.NDArray[np.float64] = e / e.sum(axis=-1, keepdims=True)
    return out


def sigmoid(x: npt.ArrayLike) -> npt.NDArray[np.float64]:
    out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))
    return out


@dataclass(frozen=True)
class Bands:
    threshold_low: float
    threshold_high: float
    sensitivity_target: float = SENSITIVITY_TARGET
    specificity_target_high: float = HIGH_SPECIFICITY_TARGET

    def band(self, probability: float) -> Band:
        if probability >= self.threshold_high:
            return "high"
        if probability >= self.threshold_low:
            return "intermediate"
        return "low"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Bands:
        return cls(**{key: float(value) for key, value in data.items()})


def fit_bands(
    labels: npt.ArrayLike,
    probabilities: npt.ArrayLike,
    *,
    sensitivity: float = SENSITIVITY_TARGET,
    specificity: float = HIGH_SPECIFICITY_TARGET,
) -> Bands:
    y = np.asarray(labels, dtype=bool)
    p = np.asarray(probabilities, dtype=np.float64)
    positives = np.sort(p[y])
    negatives = np.sort(p[~y])
    # keep ceil(sensitivity * n) positives at or above the threshold
    missed = int(np.floor((1.0 - sensitivity) * positives.size + 1e-9))
    low = float(positives[missed]) if positives.size else 0.5
    keep = int(np.ceil(specificity * negatives.size - 1e-9))
    high = float(np.nextafter(negatives[keep - 1], np.inf)) if negatives.size and keep > 0 else 0.5
    high = max(high, low)
    return Bands(low, high, sensitivity, specificity)
