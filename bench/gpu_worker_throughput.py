"""GPU: images per second of the bare batched loop vs the batching (celery-batches) worker over Redis.

Run on a machine with a CUDA GPU (the CPU path never needs this script). Baseline: `Predictor.predict_batch`
over batches of `--batch` images in this process. Measured: the same images sent as `bcdbot.analyse_image`
tasks to a GPU worker (`bcdbot worker --kind gpu`, one process, micro-batching up to `--batch` images or
`--wait-ms`), timed until the last result. Target: worker >= 0.8x bare.

    .venv/bin/python -m bench.gpu_worker_throughput [--images 512] [--batch 32] [--wait-ms 20]
"""

from __future__ import annotations

import argparse
import base64
import gc
import time

import torch

from bench.harness import mammograms, running_stack
from detector import DEFAULT_CONFIG, Predictor
from settings import Settings
from workers.celery_app import create_celery
from workers.names import ANALYSE_IMAGE, GPU_QUEUE


def bare_images_per_second(images: list[bytes], batch: int) -> float:
    predictor = Predictor(DEFAULT_CONFIG, device="cuda")
    predictor.predict_batch(images[:batch])  # warm-up
    torch.cuda.synchronize()
    started = time.perf_counter()
    for start in range(0, len(images), batch):
        predictor.predict_batch(images[start : start + batch])
    torch.cuda.synchronize()
    return len(images) / (time.perf_counter() - started)


def worker_images_per_second(images: list[bytes], batch: int, wait_ms: int) -> float:
    env = {
        "BCDBOT_DETECTOR_DEVICE": "cuda",
        "BCDBOT_GPU_BATCH_SIZE": str(batch),
        "BCDBOT_GPU_BATCH_WAIT_MS": str(wait_ms),
        "BCDBOT_IMAGE_QUEUE": GPU_QUEUE,
    }
    with running_stack(bot=False, worker_env=env, worker_kind="gpu") as config:
        settings = Settings(_env_file=None, redis_url=config.redis_url, image_queue=GPU_QUEUE)  # type: ignore[call-arg]
        client = create_celery(settings)
        payloads = [base64.b64encode(data).decode("ascii") for data in images]
        client.send_task(ANALYSE_IMAGE, args=(payloads[0],)).get(timeout=600)  # warm-up
        started = time.perf_counter()
        results = [client.send_task(ANALYSE_IMAGE, args=(payload,)) for payload in payloads]
        for result in results:
            assert result.get(timeout=600)["ok"]
        elapsed = time.perf_counter() - started
        del results, result
        gc.collect()
        return len(images) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--images", type=int, default=512)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--wait-ms", type=int, default=20)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("no CUDA GPU here: this benchmark is for a GPU machine")
    images = mammograms(args.images)
    bare = bare_images_per_second(images, args.batch)
    worker = worker_images_per_second(images, args.batch, args.wait_ms)
    print(f"bare batched loop  {bare:8.1f} img/s (batch {args.batch})")
    print(f"batching worker    {worker:8.1f} img/s")
    print(f"ratio worker/bare = {worker / bare:.2f}x  (target >= 0.8x)")


if __name__ == "__main__":
    main()
