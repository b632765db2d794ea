"""One object that turns uploaded bytes into a calibrated answer with a heatmap: the detector's entry point.

With the committed weights (``detector/weights``, see detector.weights) a prediction runs::

    read_image -> quality gate (mammography / ultrasound / other: refused with NotABreastImageError)
               -> mammography: breast crop + laterality normalisation -> lesion map -> calibrated P(abnormal)
               -> ultrasound: whole image -> 3 classes -> calibrated P(malignant)
               (a cross-fitted ensemble: the mean of four networks' logits and maps)
               -> suspicion band (low / intermediate / high) + class-activation heatmap overlay (PNG)

Without weights (or with ``checkpoint=`` a single safetensors file, the older single-model form) the one
model runs on the whole image, no gate; without any checkpoint ``trained`` is False and the probability
means nothing.
"""

from __future__ import annotations

import base64
import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import torch

from detector.calibration import Bands, sigmoid
from detector.cam import forward_with_cam, overlay_png, upsample
from detector.config import DEFAULT_CONFIG, ModelConfig
from detector.engines import Engine
from detector.errors import ImageError, NotABreastImageError
from detector.heads import (
    GATE_CLASSES,
    ULTRASOUND_CLASSES,
    GateModel,
    MammographyModel,
    TaskModel,
    UltrasoundModel,
)
from detector.model import build_model, load_checkpoint
from detector.prepare import Prepared, normalise, prepare_mammogram, prepare_whole
from detector.reading import DEFAULT_MAX_PIXELS, LoadedImage, read_image
from detector.weights import default_weights_dir, have_weights, weights_path

logger = logging.getLogger(__name__)

H = TypeVar("H", bound=TaskModel)
UNTRAINED_BANDS = Bands(threshold_low=0.2, threshold_high=0.5)
WORKING_MARGIN = 2  # uploads are shrunk on reading to twice the largest model input, no further


@dataclass(frozen=True)
class Prediction:
    """The answer for one image. ``trained`` False: no trained weights, the number means nothing.

    ``probability`` is calibrated: P(abnormal) for a mammogram, P(malignant) for an ultrasound image.
    ``heatmap_png`` is the model's view of the image with its class activation map blended on top.
    """

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
    probabilities_3class: dict[str, float] = field(default_factory=dict)
    gate_probabilities: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (str, float, int, bool, dicts of floats); the heatmap PNG as base64 text."""
        data = dataclasses.asdict(self)
        data["heatmap_png"] = base64.b64encode(self.heatmap_png).decode("ascii")
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Prediction:
        return cls(
            probability=float(data["probability"]),
            model_name=str(data["model_name"]),
            model_version=str(data["model_version"]),
            trained=bool(data["trained"]),
            source_format=str(data["source_format"]),
            width=int(data["width"]),
            height=int(data["height"]),
            for_processing=bool(data["for_processing"]),
            preprocess_ms=float(data["preprocess_ms"]),
            inference_ms=float(data["inference_ms"]),
            modality=str(data.get("modality", "mammography")),
            band=str(data.get("band", "intermediate")),
            heatmap_png=base64.b64decode(str(data.get("heatmap_png") or "")),
            heatmap_ms=float(data.get("heatmap_ms", 0.0)),
            probabilities_3class={
                str(k): float(v) for k, v in (data.get("probabilities_3class") or {}).items()
            },
            gate_probabilities={str(k): float(v) for k, v in (data.get("gate_probabilities") or {}).items()},
        )


def model_card_path(checkpoint: Path) -> Path:
    """The JSON model card that travels beside a checkpoint: ``model.safetensors`` -> ``model.json``."""
    return checkpoint.with_suffix(".json")


class Predictor:
    """Loads the models once; ``predict`` and ``predict_batch`` are then safe to call repeatedly.

    * ``checkpoint=None``: the committed weights in ``weights_dir`` (default: detector/weights) when all three
      are there, else the untrained single model (``trained`` False).
    * ``checkpoint=`` a folder: the three-model bundle in that folder.
    * ``checkpoint=`` a safetensors file: one whole-image model (older form); a JSON model card beside it
      replaces ``config``.

    ``num_threads`` sets torch's intra-op threads for the whole process (onnxruntime takes the same
    number); ``tta`` turns flip test-time augmentation on or off (default: what each model card says).
    ``engine``: "torch" (eager) or "onnx" (CPU only), exports cached in ``cache_dir`` (detector.engines).
    """

    def __init__(
        self,
        config: ModelConfig = DEFAULT_CONFIG,
        *,
        checkpoint: Path | None = None,
        device: str | None = None,
        num_threads: int | None = None,
        max_pixels: int = DEFAULT_MAX_PIXELS,
        weights_dir: Path | None = None,
        tta: bool | None = None,
        engine: Engine = "torch",
        cache_dir: Path | None = None,
    ) -> None:
        if num_threads is not None:
            torch.set_num_threads(num_threads)
        self.max_pixels = max_pixels
        self.device = torch.device(device or "cpu")
        self.gate: GateModel | None = None
        self.mammography: MammographyModel | None = None
        self.ultrasound: UltrasoundModel | None = None
        self.model: torch.nn.Module | None = None
        self.working_side: int | None = None
        self.engine: Engine = "torch"
        bundle = checkpoint if checkpoint is not None and checkpoint.is_dir() else None
        if checkpoint is None:
            bundle = weights_dir or default_weights_dir()
            if not have_weights(bundle):
                logger.warning("no trained weights in %s: the detector runs UNTRAINED", bundle)
                bundle = None
        if bundle is not None:

            def load(head: type[H], path: Path, head_tta: bool | None) -> H:
                return head.load(path, tta=head_tta, engine=engine, device=self.device, cache_dir=cache_dir)

            self.gate = load(GateModel, weights_path("gate", bundle), False)
            self.mammography = load(MammographyModel, weights_path("mammography", bundle), tta)
            self.ultrasound = load(UltrasoundModel, weights_path("ultrasound", bundle), tta)
            self.trained = True
            self.version = "+".join(m.config.version for m in (self.gate, self.mammography, self.ultrasound))
            self.engine = self.gate.runner(False).engine
            largest = max(m.config.input_size for m in (self.gate, self.mammography, self.ultrasound))
            self.working_side = WORKING_MARGIN * largest
            # config.version names the whole bundle (callers use it as a cache key for results)
            self.config = dataclasses.replace(self.mammography.config, version=self.version)
        else:
            self._init_single(config, checkpoint)
        self._warm_up()
        logger.info(
            "predictor ready: %s (trained=%s) on %s, %s engine, %d threads",
            self.version,
            self.trained,
            self.device,
            self.engine,
            torch.get_num_threads(),
        )

    def _init_single(self, config: ModelConfig, checkpoint: Path | None) -> None:
        if checkpoint is not None:
            card = model_card_path(checkpoint)
            if card.is_file():
                config = ModelConfig.from_json_file(card)
                logger.info("model card %s: %s %s", card, config.name, config.version)
        if config.num_outputs != 1:
            raise ValueError(
                f"a single-file Predictor needs a one-output model, config has {config.num_outputs}"
            )
        model = build_model(config, imagenet=checkpoint is None)
        if checkpoint is not None:
            load_checkpoint(model, checkpoint)
        self.model = model.to(self.device).eval()
        self.config = config
        self.trained = checkpoint is not None
        self.version = config.version

    def _warm_up(self) -> None:
        """One forward pass per model at start-up so the first user does not pay for kernel selection."""
        for task in (self.gate, self.mammography, self.ultrasound):
            if task is not None:
                size = task.config.input_size
                task.forward(torch.zeros((1, 1, size, size)))
        if self.model is not None:
            size = self.config.input_size
            with torch.inference_mode():
                self.model(torch.zeros((1, 3, size, size), device=self.device))

    def predict(self, data: bytes) -> Prediction:
        """Raises detector.errors.ImageError for an unusable or non-breast upload."""
        outcome = self.predict_batch([data])[0]
        if isinstance(outcome, ImageError):
            raise outcome
        return outcome

    def predict_batch(self, uploads: Sequence[bytes]) -> list[Prediction | ImageError]:
        """One prediction per upload, in order; an unusable or refused upload gives its ImageError instead.

        Every model input has a fixed size, so the batch runs as one stacked forward pass of the gate and one
        per modality (the mammograms together, the ultrasound images together): on a GPU that is where
        batching pays. Per-image ``inference_ms`` is the batch's forward time shared equally.
        """
        if self.gate is None:
            return [self._guarded_single(data) for data in uploads]
        outcomes: list[Prediction | ImageError | None] = [None] * len(uploads)
        pending: list[_Pending] = []
        for index, data in enumerate(uploads):
            started = time.perf_counter()
            try:
                image = read_image(data, max_pixels=self.max_pixels, working_side=self.working_side)
                gate_input = prepare_whole(image, self.gate.config.input_size)
            except ImageError as exc:
                outcomes[index] = exc
                continue
            pending.append(_Pending(index, image, gate_input, _ms_since(started)))
        if pending:
            self._route(pending, outcomes)
        return [outcome for outcome in outcomes if outcome is not None]

    def _route(self, pending: list[_Pending], outcomes: list[Prediction | ImageError | None]) -> None:
        assert self.gate is not None
        started = time.perf_counter()
        gate_probabilities = self.gate.probabilities(_stack(item.gate_input for item in pending))
        gate_ms = _ms_since(started) / len(pending)
        by_modality: dict[str, list[_Pending]] = {"mammography": [], "ultrasound": []}
        for item, probabilities in zip(pending, gate_probabilities, strict=True):
            item.inference_ms += gate_ms
            item.gate = {name: float(p) for name, p in zip(GATE_CLASSES, probabilities, strict=True)}
            if probabilities[2] >= self.gate.refuse_threshold:
                outcomes[item.index] = NotABreastImageError(f"quality gate: {item.gate}")
            else:
                by_modality[GATE_CLASSES[int(np.argmax(probabilities[:2]))]].append(item)
        for modality, items in by_modality.items():
            if items:
                self._score(modality, items, outcomes)

    def _score(
        self, modality: str, items: list[_Pending], outcomes: list[Prediction | ImageError | None]
    ) -> None:
        """One stacked forward pass of the modality's model over its items, then each item's Prediction."""
        model: MammographyModel | UltrasoundModel | None
        if modality == "mammography":
            model, prepare = self.mammography, prepare_mammogram
        else:
            model, prepare = self.ultrasound, prepare_whole
        assert model is not None
        size = model.config.input_size
        prepared = self._prepare(items, lambda image: prepare(image, size))
        started = time.perf_counter()
        scores, maps = model.outputs(_stack(prepared))
        share = _ms_since(started) / len(items)
        for k, item in enumerate(items):
            item.inference_ms += share
            classes: dict[str, float] = {}
            if scores.ndim == 2:  # ultrasound: 3 classes, the reported probability is P(malignant)
                classes = {name: float(p) for name, p in zip(ULTRASOUND_CLASSES, scores[k], strict=True)}
                probability = classes["malignant"]
            else:
                probability = float(scores[k])
            outcomes[item.index] = self._finish(
                item, model, prepared[k], probability, maps[k], modality, classes
            )

    @staticmethod
    def _prepare(items: list[_Pending], prepare: Callable[[LoadedImage], Prepared]) -> list[Prepared]:
        prepared = []
        for item in items:
            started = time.perf_counter()
            prepared.append(prepare(item.image))
            item.preprocess_ms += _ms_since(started)
        return prepared

    @staticmethod
    def _finish(
        item: _Pending,
        model: MammographyModel | UltrasoundModel,
        prepared: Prepared,
        probability: float,
        cam: torch.Tensor,
        modality: str,
        probabilities_3class: dict[str, float],
    ) -> Prediction:
        started = time.perf_counter()
        heatmap = overlay_png(prepared.pixels, upsample(cam, prepared.pixels.shape[0]))
        return Prediction(
            probability=probability,
            model_name=model.config.name,
            model_version=model.config.version,
            trained=True,
            source_format=item.image.source_format,
            width=item.image.width,
            height=item.image.height,
            for_processing=item.image.for_processing,
            preprocess_ms=item.preprocess_ms,
            inference_ms=item.inference_ms,
            modality=modality,
            band=model.bands.band(probability),
            heatmap_png=heatmap,
            heatmap_ms=_ms_since(started),
            probabilities_3class=probabilities_3class,
            gate_probabilities=item.gate,
        )

    def _guarded_single(self, data: bytes) -> Prediction | ImageError:
        try:
            return self._predict_single(read_image(data, max_pixels=self.max_pixels), _Clock())
        except ImageError as exc:
            return exc

    def _predict_single(self, image: LoadedImage, clock: _Clock) -> Prediction:
        assert self.model is not None
        prepared = prepare_whole(image, self.config.input_size)
        batch = normalise(_batch(prepared), self.config.mean, self.config.std).to(self.device)
        clock.lap("preprocess")
        with torch.inference_mode():
            logits, maps = forward_with_cam(self.model, batch)
        probability = float(sigmoid(logits.float().reshape(-1)[:1].cpu().numpy())[0])
        clock.lap("inference")
        heatmap = overlay_png(prepared.pixels, upsample(maps[0, 0].cpu(), prepared.pixels.shape[0]))
        clock.lap("heatmap")
        return Prediction(
            probability=probability,
            model_name=self.config.name,
            model_version=self.config.version,
            trained=self.trained,
            source_format=image.source_format,
            width=image.width,
            height=image.height,
            for_processing=image.for_processing,
            preprocess_ms=clock.ms["preprocess"],
            inference_ms=clock.ms["inference"],
            modality="mammography",
            band=UNTRAINED_BANDS.band(probability),
            heatmap_png=heatmap,
            heatmap_ms=clock.ms["heatmap"],
        )


def _batch(prepared: Prepared) -> torch.Tensor:
    return torch.from_numpy(prepared.pixels)[None, None]


def _stack(prepared: Iterable[Prepared]) -> torch.Tensor:
    """Same-size prepared images -> one (B, 1, S, S) batch."""
    return torch.from_numpy(np.stack([p.pixels for p in prepared]))[:, None]


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


@dataclass
class _Pending:
    """An upload that has been read and is on its way through the gate and its modality's model."""

    index: int
    image: LoadedImage
    gate_input: Prepared
    preprocess_ms: float
    inference_ms: float = 0.0
    gate: dict[str, float] = field(default_factory=dict)


class _Clock:
    """Adds the time since the previous lap to a named bucket (milliseconds)."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.ms: dict[str, float] = {"preprocess": 0.0, "inference": 0.0, "heatmap": 0.0}

    def lap(self, bucket: str) -> None:
        now = time.perf_counter()
        self.ms[bucket] += (now - self.last) * 1000.0
        self.last = now
