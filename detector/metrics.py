"""Binary and 3-class metrics with bootstrap intervals, calibration error; numpy only (no scikit-learn)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from scipy.stats import rankdata  # type: ignore[import-untyped]

BOOTSTRAP_REPLICATES: Final = 2000
BOOTSTRAP_SEED: Final = 20261126
ECE_BINS: Final = 10

Array = npt.NDArray[Any]


def roc_auc(labels: npt.ArrayLike, scores: npt.ArrayLike) -> float:
    """Area under the ROC curve (Mann-Whitney U with midranks for ties); NaN when one class is missing."""
    y = np.asarray(labels, dtype=bool)
    s = np.asarray(scores, dtype=np.float64)
    positives, negatives = int(y.sum()), int((~y).sum())
    if positives == 0 or negatives == 0:
        return float("nan")
    ranks = rankdata(s)
    return float((ranks[y].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def bootstrap_auc_ci(
    labels: npt.ArrayLike,
    scores: npt.ArrayLike,
    *,
    replicates: int = BOOTSTRAP_REPLICATES,
    seed: int = BOOTSTRAP_SEED,
    level: float = 0.95,
) -> tuple[float, float]:
    """Percentile interval of the AUC over ``replicates`` resamples of the cases (with replacement)."""
    y = np.asarray(labels, dtype=bool)
    s = np.asarray(scores, dtype=np.float64)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(replicates):
        index = rng.integers(0, len(y), len(y))
        value = roc_auc(y[index], s[index])
        if not np.isnan(value):
            values.append(value)
    if not values:
        return float("nan"), float("nan")
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(values, [tail, 100.0 - tail])
    return float(low), float(high)


def bootstrap_ci(
    values: npt.ArrayLike, *, replicates: int = BOOTSTRAP_REPLICATES, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float]:
    """95% percentile interval of a mean of per-case values (accuracy, hit rate)."""
    v = np.asarray(values, dtype=np.float64)
    if v.size == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = v[rng.integers(0, v.size, (replicates, v.size))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def roc_curve(labels: npt.ArrayLike, scores: npt.ArrayLike) -> tuple[Array, Array, Array]:
    """(false positive rate, true positive rate, thresholds), thresholds decreasing."""
    y = np.asarray(labels, dtype=bool)
    s = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    distinct = np.r_[np.nonzero(np.diff(s))[0], y.size - 1]
    tps = np.cumsum(y)[distinct]
    fps = (distinct + 1) - tps
    tpr = np.r_[0.0, tps / max(1, int(y.sum()))]
    fpr = np.r_[0.0, fps / max(1, int((~y).sum()))]
    return fpr, tpr, np.r_[np.inf, s[distinct]]


def expected_calibration_error(
    labels: npt.ArrayLike, probabilities: npt.ArrayLike, bins: int = ECE_BINS
) -> float:
    """Equal-width-bin ECE of P(positive): sum over bins of share x |observed rate - mean probability|."""
    y = np.asarray(labels, dtype=np.float64)
    p = np.asarray(probabilities, dtype=np.float64)
    index = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        chosen = index == b
        if chosen.any():
            total += chosen.mean() * abs(y[chosen].mean() - p[chosen].mean())
    return float(total)


def reliability(
    labels: npt.ArrayLike, probabilities: npt.ArrayLike, bins: int = ECE_BINS
) -> list[dict[str, float]]:
    """Per non-empty bin: mean probability, observed rate, count (for the reliability diagram)."""
    y = np.asarray(labels, dtype=np.float64)
    p = np.asarray(probabilities, dtype=np.float64)
    index = np.minimum((p * bins).astype(int), bins - 1)
    return [
        {
            "mean_probability": float(p[index == b].mean()),
            "observed": float(y[index == b].mean()),
            "count": float((index == b).sum()),
        }
        for b in range(bins)
        if (index == b).any()
    ]


def binary_report(
    labels: npt.ArrayLike,
    probabilities: npt.ArrayLike,
    *,
    threshold: float,
    replicates: int = BOOTSTRAP_REPLICATES,
) -> dict[str, Any]:
    """AUC with its interval and threshold metrics (positive: probability >= threshold)."""
    y = np.asarray(labels, dtype=bool)
    p = np.asarray(probabilities, dtype=np.float64)
    predicted = p >= threshold
    tp, fn = int((predicted & y).sum()), int((~predicted & y).sum())
    fp, tn = int((predicted & ~y).sum()), int((~predicted & ~y).sum())
    sensitivity = tp / (tp + fn) if tp + fn else float("nan")
    specificity = tn / (tn + fp) if tn + fp else float("nan")
    precision = tp / (tp + fp) if tp + fp else 0.0
    f1 = 2 * precision * sensitivity / (precision + sensitivity) if precision + sensitivity else 0.0
    return {
        "n": int(y.size),
        "n_positive": int(y.sum()),
        "auc": roc_auc(y, p),
        "auc_ci": list(bootstrap_auc_ci(y, p, replicates=replicates)),
        "threshold": float(threshold),
        "accuracy": float((predicted == y).mean()),
        "sensitivity": sensitivity,
        "specificity": specificity,
        "precision": precision,
        "recall": sensitivity,
        "f1": f1,
        "ece": expected_calibration_error(y, p),
        "confusion_matrix": [[tn, fp], [fn, tp]],
        "confusion_matrix_labels": ["negative", "positive"],
    }


def confusion(
    labels: Sequence[int] | Array, predicted: Sequence[int] | Array, classes: int
) -> list[list[int]]:
    """Rows: true class, columns: predicted class."""
    matrix = np.zeros((classes, classes), dtype=int)
    for t, p in zip(np.asarray(labels), np.asarray(predicted), strict=True):
        matrix[int(t), int(p)] += 1
    return [[int(v) for v in row] for row in matrix]
