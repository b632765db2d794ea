"""Where one image's time goes, stage by stage, on one CPU core: median over N uploads of each kind.

Stages, in the order a worker runs them: read/decode, gate resize and forward, breast crop and laterality
(mammograms), the model's resize, its forward as served (flip TTA when its card says so; the other setting
is shown apart and not counted), the heatmap upsample, the overlay encode, the result's JSON, and a Redis
round trip of the task payload and the result. The total is the sum of the served stages; "CPU beside the
forward" leaves out the gate's and the model's forward passes. ``whole predict`` is Predictor.predict timed
on its own, a check that the stages add up.

    python -m bench.profile_image_path [--count 10] [--threads 1] [--engine torch|onnx]
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import redis
import torch

from bcdbot.processes import free_port
from bench.profile_inputs import uploads
from detector import Predictor
from detector.breast import canonical_mammogram
from detector.cam import overlay_png, upsample
from detector.engines import ENGINES
from detector.heads import GATE_CLASSES, MammographyModel, UltrasoundModel
from detector.predictor import Prediction
from detector.prepare import Prepared, fit_square, prepare_whole
from detector.reading import read_image
from settings import get_settings
from tests.shared_data import DATA_DIR
from workers.contract import AnalysisDone

FORWARD_STAGES = ("gate forward", "forward (served)")
T = TypeVar("T")


class Timer:
    """Times each named stage of one image into a shared list of samples per stage."""

    def __init__(self, samples: dict[str, list[float]]) -> None:
        self.samples = samples
        self.refused = 0

    def __call__(self, stage: str, function: Callable[[], T]) -> T:
        started = time.perf_counter()
        value = function()
        self.samples.setdefault(stage, []).append((time.perf_counter() - started) * 1000.0)
        return value


@contextmanager
def redis_client() -> Iterator[redis.Redis | None]:
    """A private redis-server for the round trip, or None when redis-server is not installed."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield client
    finally:
        client.close()
        server.terminate()
        server.wait()


def profile_one(predictor: Predictor, data: bytes, timer: Timer, redis_: redis.Redis | None) -> None:
    gate, mammography, ultrasound = predictor.gate, predictor.mammography, predictor.ultrasound
    assert gate is not None and mammography is not None and ultrasound is not None
    image = timer("read/decode", lambda: read_image(data, working_side=predictor.working_side))
    gate_input = timer("gate resize", lambda: prepare_whole(image, gate.config.input_size))
    gate_batch = torch.from_numpy(gate_input.pixels)[None, None]
    probabilities = timer("gate forward", lambda: gate.probabilities(gate_batch))[0]
    route = GATE_CLASSES[int(probabilities[:2].argmax())]
    if probabilities[2] >= gate.refuse_threshold:  # the reply is a refusal; time the rest all the same
        timer.refused += 1
    model: MammographyModel | UltrasoundModel
    if route == "mammography":
        model = mammography
        size = model.config.input_size
        crop, geometry = timer(
            "crop + laterality", lambda: canonical_mammogram(image.pixels, image.laterality)
        )
        pixels, scale, left, top = timer("resize", lambda: fit_square(crop, size, anchor="left"))
        prepared = Prepared(pixels, scale, left, top, geometry)
    else:
        model = ultrasound
        size = model.config.input_size
        prepared = timer("resize", lambda: prepare_whole(image, size))
    batch = torch.from_numpy(prepared.pixels)[None, None]
    scores, maps = timer("forward (served)", lambda: model.outputs(batch))
    served_tta = model.tta
    model.tta = not served_tta
    timer(f"forward, TTA {'on' if model.tta else 'off'} (not counted)", lambda: model.outputs(batch))
    model.tta = served_tta
    cam = timer("CAM upsample", lambda: upsample(maps[0], prepared.pixels.shape[0]))
    png = timer("overlay encode", lambda: overlay_png(prepared.pixels, cam))
    score = scores[0]
    probability = float(score[1] if score.ndim else score)
    prediction = Prediction(
        probability=probability,
        model_name=model.config.name,
        model_version=model.config.version,
        trained=True,
        source_format=image.source_format,
        width=image.width,
        height=image.height,
        for_processing=image.for_processing,
        preprocess_ms=0.0,
        inference_ms=0.0,
        modality=route,
        band=model.bands.band(probability),
        heatmap_png=png,
    )
    result = timer("result JSON", lambda: json.dumps(AnalysisDone.from_prediction(prediction).to_json()))
    if redis_ is not None:
        timer("Redis round trip", lambda: _round_trip(redis_, data, result))
    timer("whole predict (check)", lambda: predictor.predict_batch([data]))


def _round_trip(client: redis.Redis, data: bytes, result: str) -> None:
    """The task message there and back (base64 image), then the result there and back."""
    client.set("profile:task", base64.b64encode(data))
    client.get("profile:task")
    client.set("profile:result", result)
    client.get("profile:result")


def print_table(kind: str, timer: Timer) -> None:
    samples = timer.samples
    medians = {stage: statistics.median(values) for stage, values in samples.items()}
    counted = {
        stage: ms for stage, ms in medians.items() if "not counted" not in stage and "check" not in stage
    }
    total = sum(counted.values())
    beside = total - sum(ms for stage, ms in counted.items() if stage in FORWARD_STAGES)
    n = len(next(iter(samples.values())))
    refused = f"; {timer.refused} refused by the gate, timed to the end all the same" if timer.refused else ""
    print(f"\n## {kind} (median of {n}{refused})")
    print(f"{'stage':<36} {'ms':>9} {'share':>7}")
    for stage, ms in medians.items():
        share = f"{100 * ms / total:6.1f}%" if stage in counted else ""
        print(f"{stage:<36} {ms:9.2f} {share:>7}")
    print(f"{'total (served stages)':<36} {total:9.2f}")
    print(f"{'CPU beside the forward':<36} {beside:9.2f} {100 * beside / total:6.1f}%")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10, help="uploads of each kind")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--engine", choices=ENGINES, default="torch")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    predictor = Predictor(engine=args.engine, cache_dir=get_settings().cache_dir / "onnx")
    print(
        f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), {predictor.engine} engine, "
        f"model {predictor.version}"
    )
    inputs = uploads(DATA_DIR, args.count)
    with redis_client() as client:
        for kind, files in inputs.items():
            timer = Timer({})
            profile_one(predictor, files[0], Timer({}), client)  # warm-up, not counted
            for data in files:
                profile_one(predictor, data, timer, client)
            print_table(kind, timer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
