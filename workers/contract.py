"""The analysis contract: what a worker answers for one image, and all the bot reads of it.

    AnalysisOutcome = AnalysisDone | AnalysisRefused
    ├── AnalysisDone      the prediction: numbers, model identity, timings, the heatmap PNG
    └── AnalysisRefused   no prediction, and a code saying why (RefusalCode, or the name of the
                          detector.errors.ImageError subclass that refused the upload)

The words for a refusal are the bot's (`bot.image_refusal_replies.refusal_text`), chosen by the code and,
for a detector refusal, its reason (which format was sent, what is wrong with a photo). No user-facing text
lives here.

Wire form (JSON-safe, kept in Celery's result backend and in the worker's cache; unchanged, so results
cached or in flight stay readable)::

    {"ok": true, "prediction": <detector.Prediction.to_dict()>}
    {"ok": false, "error_kind": <code>, "detail": <the detector error's reason, when it has one>}

(an older refusal's "user_message" is ignored: the bot words every refusal itself)

This module imports no torch: the bot reads it, the worker builds `AnalysisDone` from a `detector.Prediction`.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from detector import Prediction


class RefusalCode(StrEnum):
    """Why there is no prediction, when the detector did not say (its codes are its error names)."""

    BAD_PAYLOAD = "bad_payload"  # the message held neither base64 image bytes nor a reference to them
    IMAGE_GONE = "image_gone"  # the referenced image was no longer in Redis (answered, erased or expired)
    POISON = "poison"  # the task killed its worker too often: dead-lettered
    TIMEOUT = "timeout"  # over the time limit (the worker's soft or hard one, or the bot's deadline)
    FAILED = "failed"  # the task failed for good (after its retries)


@dataclass(frozen=True)
class AnalysisDone:
    """A prediction for one image (the fields of `detector.Prediction`, readable without torch)."""

    probability: float
    model_name: str
    model_version: str
    trained: bool
    source_format: str
    width: int
    height: int
    for_processing: bool
    preprocess_ms: float
    inference_ms: float
    modality: str = "mammography"
    band: str = "intermediate"
    heatmap_png: bytes = b""
    heatmap_ms: float = 0.0
    probabilities_3class: Mapping[str, float] = field(default_factory=dict)
    gate_probabilities: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_prediction(cls, prediction: Prediction) -> AnalysisDone:
        return cls.from_prediction_json(prediction.to_dict())

    @classmethod
    def from_prediction_json(cls, data: Mapping[str, Any]) -> AnalysisDone:
        """Read `detector.Prediction.to_dict()`; absent optional fields take the detector's defaults."""
        return cls(
            probability=float(data["probability"]),
            model_name=str(data["model_name"]),
            model_version=str(data["model_version"]),
            trained=bool(data["trained"]),
            source_format=str(data["source_format"]),
            width=int(data["width"]),
            height=int(data["height"]),
            for_processing=bool(data.get("for_processing", False)),
            preprocess_ms=float(data.get("preprocess_ms", 0.0)),
            inference_ms=float(data.get("inference_ms", 0.0)),
            modality=str(data.get("modality") or "mammography"),
            band=str(data.get("band") or "intermediate"),
            heatmap_png=base64.b64decode(str(data.get("heatmap_png") or "")),
            heatmap_ms=float(data.get("heatmap_ms", 0.0)),
            probabilities_3class=_floats(data.get("probabilities_3class")),
            gate_probabilities=_floats(data.get("gate_probabilities")),
        )

    def prediction_json(self) -> dict[str, Any]:
        """The prediction as `detector.Prediction.to_dict()` writes it (`Prediction.from_dict` reads it)."""
        return {
            "probability": self.probability,
            "model_name": self.model_name,
            "model_version": self.model_version,
            "trained": self.trained,
            "source_format": self.source_format,
            "width": self.width,
            "height": self.height,
            "for_processing": self.for_processing,
            "preprocess_ms": self.preprocess_ms,
            "inference_ms": self.inference_ms,
            "modality": self.modality,
            "band": self.band,
            "heatmap_png": base64.b64encode(self.heatmap_png).decode("ascii"),
            "heatmap_ms": self.heatmap_ms,
            "probabilities_3class": dict(self.probabilities_3class),
            "gate_probabilities": dict(self.gate_probabilities),
        }

    @property
    def timings(self) -> dict[str, float]:
        """Where the time went, in milliseconds."""
        return {
            "preprocess_ms": self.preprocess_ms,
            "inference_ms": self.inference_ms,
            "heatmap_ms": self.heatmap_ms,
        }

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, "prediction": self.prediction_json()}


@dataclass(frozen=True)
class AnalysisRefused:
    """No prediction. `code`: a RefusalCode value or a detector error's name; `detail`: that error's
    reason, when it has one (an `imaging.formats.OtherFormat`, a photo problem)."""

    code: str
    detail: str | None = None

    @property
    def status(self) -> str:
        """How the store files it: "timeout", "failed" or "refused"."""
        return self.code if self.code in (RefusalCode.TIMEOUT, RefusalCode.FAILED) else "refused"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"ok": False, "error_kind": self.code}
        if self.detail:
            data["detail"] = self.detail
        return data


AnalysisOutcome: TypeAlias = AnalysisDone | AnalysisRefused


def outcome_from_json(data: Mapping[str, Any]) -> AnalysisOutcome:
    """Read either wire form; raises ValueError when `data` is neither."""
    try:
        if data.get("ok") is True:
            return AnalysisDone.from_prediction_json(data["prediction"])
        if data.get("ok") is False:
            detail = data.get("detail")
            return AnalysisRefused(
                code=str(data.get("error_kind") or RefusalCode.FAILED), detail=str(detail) if detail else None
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not an analysis outcome: {type(exc).__name__}: {exc}") from exc
    raise ValueError("not an analysis outcome: no boolean 'ok'")


def _floats(value: object) -> dict[str, float]:
    if not isinstance(value, Mapping):
        return {}
    return {str(key): float(number) for key, number in value.items()}
