"""Images per second: the bare model loop vs the Celery worker fed over Redis (same images, same rules).

Baseline: `Predictor.predict` called in a loop in this process (what one worker process does per task).
Measured: the same images sent as `bcdbot.analyse_image` tasks to a real worker (prefork, 1 process) over a
real redis-server, all queued at once, timed until the last result is stored. Target: worker >= 0.9x bare.

    .venv/bin/python bench/worker_throughput.py [--images 48] [--threads 2]
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
from workers.names import ANALYSE_IMAGE


def bare_images_per_second(images: list[bytes], threads: int) -> float:
    torch.set_num_threads(threads)
    predictor = Predictor(DEFAULT_CONFIG, num_threads=threads)
    started = time.perf_counter()
    for data in images:
        predictor.predict(data)
    return len(images) / (time.perf_counter() - started)


def worker_images_per_second(images: list[bytes], threads: int) -> float:
    with running_stack(bot=False, worker_env={"BCDBOT_WORKER_THREADS": str(threads)}) as config:
        client = create_celery(Settings(_env_file=None, redis_url=config.redis_url))  # type: ignore[call-arg]
        payloads = [base64.b64encode(data).decode("ascii") for data in images]
        started = time.perf_counter()
        results = [client.send_task(ANALYSE_IMAGE, args=(payload,)) for payload in payloads]
        for result in results:
            outcome = result.get(timeout=600)
            assert outcome["ok"], outcome
        elapsed = time.perf_counter() - started
        del results, result  # release the result subscriptions while Redis is still up
        gc.collect()
        return len(images) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--images", type=int, default=48)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    images = mammograms(args.images)
    bare = bare_images_per_second(images, args.threads)
    worker = worker_images_per_second(images, args.threads)
    bare_again = bare_images_per_second(images, args.threads)
    baseline = (bare + bare_again) / 2
    print(f"bare loop      {bare:6.2f} / {bare_again:6.2f} img/s (before / after; baseline = mean)")
    print(f"celery worker  {worker:6.2f} img/s")
    print(f"ratio worker/bare = {worker / baseline:.2f}x  (target >= 0.9x)")


if __name__ == "__main__":
    main()
