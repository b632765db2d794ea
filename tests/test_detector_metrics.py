"""Metrics, bootstrap intervals, calibration and suspicion bands on known numbers."""

from __future__ import annotations

import numpy as np
import pytest

from detector.calibration import (
    fit_bands,
    fit_temperature_and_class_bias,
    fit_temperature_binary,
    fit_temperature_multiclass,
    sigmoid,
    softmax,
)
from detector.metrics import (
    binary_report,
    bootstrap_auc_ci,
    confusion,
    expected_calibration_error,
    roc_auc,
    roc_curve,
)


def test_auc_known_values() -> None:
    assert roc_auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == 1.0
    assert roc_auc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]) == 0.0
    assert roc_auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]) == 0.5
    assert roc_auc([0, 0, 1], [0.1, 0.4, 0.35]) == 0.5
    assert np.isnan(roc_auc([1, 1], [0.2, 0.3]))


def test_auc_matches_the_roc_curve_area() -> None:
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 2, 300)
    scores = labels + rng.normal(0, 1.2, 300)
    fpr, tpr, _ = roc_curve(labels, scores)
    assert np.trapezoid(tpr, fpr) == pytest.approx(roc_auc(labels, scores), abs=1e-9)


def test_bootstrap_interval_brackets_the_auc() -> None:
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 2, 200)
    scores = labels + rng.normal(0, 1.0, 200)
    low, high = bootstrap_auc_ci(labels, scores, replicates=500)
    assert low < roc_auc(labels, scores) < high and high - low < 0.2


def test_report_counts_and_ece() -> None:
    report = binary_report([0, 0, 1, 1], [0.1, 0.6, 0.7, 0.4], threshold=0.5, replicates=50)
    assert report["confusion_matrix"] == [[1, 1], [1, 1]]
    assert report["sensitivity"] == report["recall"] == 0.5 and report["specificity"] == 0.5
    assert expected_calibration_error([1, 0] * 50, [0.5] * 100) == pytest.approx(0.0)
    assert expected_calibration_error([1] * 10, [0.0] * 10) == pytest.approx(1.0)
    assert confusion([0, 1, 2, 2], [0, 2, 2, 1], 3) == [[1, 0, 0], [0, 0, 1], [0, 1, 1]]


def test_temperature_scaling_recovers_a_known_temperature() -> None:
    rng = np.random.default_rng(2)
    true_logits = rng.normal(0, 2, 4000)
    labels = rng.random(4000) < sigmoid(true_logits)
    temperature, bias = fit_temperature_binary(true_logits * 3.0, labels)
    assert temperature == pytest.approx(3.0, rel=0.1) and bias == 0.0
    logits3 = rng.normal(0, 2, (3000, 3))
    classes = np.array([rng.choice(3, p=p) for p in softmax(logits3)])
    assert fit_temperature_multiclass(logits3 / 2.0, classes) == pytest.approx(0.5, rel=0.1)


def test_temperature_and_class_bias_recover_a_shifted_prior() -> None:
    rng = np.random.default_rng(4)
    logits3 = rng.normal(0, 2, (6000, 3))
    true_bias = np.array([0.0, -1.0, 0.0])  # the positive class is rarer than the logits say
    classes = np.array([rng.choice(3, p=p) for p in softmax(logits3 / 1.5, bias=true_bias)])
    temperature, bias = fit_temperature_and_class_bias(logits3, classes, positive=1)
    assert temperature == pytest.approx(1.5, rel=0.1)
    assert bias == pytest.approx(-1.0, abs=0.15)


def test_bands_meet_the_sensitivity_target_on_the_data_they_were_fitted_on() -> None:
    rng = np.random.default_rng(3)
    labels = rng.integers(0, 2, 400).astype(bool)
    probabilities = sigmoid(labels * 2.0 + rng.normal(0, 1, 400) - 1.0)
    bands = fit_bands(labels, probabilities)
    flagged = probabilities >= bands.threshold_low
    assert flagged[labels].mean() >= 0.95
    assert (probabilities[~labels] < bands.threshold_high).mean() >= 0.90
    assert bands.threshold_low <= bands.threshold_high
    assert bands.band(0.0) == "low" and bands.band(1.0) == "high"
