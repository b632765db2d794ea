"""Shared pieces of the service benchmarks: a private stack of real processes, images, percentiles."""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bcdbot.processes import ManagedProcess
from bcdbot.stack import (
    NO_PER_PERSON_LIMITS,
    StackConfig,
    bot_process,
    emulator_process,
    rasa_process,
    redis_process,
    worker_process,
)

ROOT = Path(__file__).resolve().parents[1]
# a GPU machine has no ../shared: bench/prepare_gpu_carry.sh copies some mammograms and names them here
MINI_MIAS = Path(
    os.environ.get("BCDBOT_BENCH_MAMMOGRAMS") or ROOT.parent / "shared" / "data" / "mini-mias" / "images"
)
START_TIMEOUT_S = 300.0


def mammograms(count: int) -> list[bytes]:
    """`count` distinct real mammograms (distinct bytes: no cached result shortens a measurement)."""
    files = sorted(MINI_MIAS.glob("mdb*.png"))
    if not files:
        raise SystemExit(f"no mammograms in {MINI_MIAS}")
    if len(files) < count:
        print(f"{len(files)} mammograms in {MINI_MIAS}: cycling them to {count} distinct uploads")
    # a trailing zero byte per cycle keeps the bytes distinct (PNG readers ignore data after IEND)
    return [files[i % len(files)].read_bytes() + bytes(i // len(files)) for i in range(count)]


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def describe(values_ms: list[float]) -> str:
    p50, p95 = percentile(values_ms, 50), percentile(values_ms, 95)
    return f"p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   n={len(values_ms)}"


@contextmanager
def running_stack(
    *,
    rasa: bool = False,
    bot: bool = True,
    worker_env: dict[str, str] | None = None,
    worker_kind: str = "cpu",
    per_person_limits: bool = False,
) -> Iterator[StackConfig]:
    """redis-server, a Celery worker, and optionally the emulator + bot and Rasa, on free ports.

    The per-person limits are lifted unless asked for: one bench chat sends what a crowd would.
    """
    var_dir = Path(tempfile.mkdtemp(prefix="bcdbot-bench-"))
    config = StackConfig.for_tests(ROOT, var_dir)
    config.extra_env.update(
        {"BCDBOT_TELEGRAM_POLL_TIMEOUT_S": "1", "BCDBOT_PSEUDONYM_SECRET": "bench-secret"}
    )
    if not per_person_limits:
        config.extra_env.update(NO_PER_PERSON_LIMITS)
    started: list[ManagedProcess] = []
    try:
        started.append(redis_process(config).start().wait_ready(START_TIMEOUT_S))
        rasa_server = rasa_process(config).start() if rasa else None
        if rasa_server is not None:
            started.append(rasa_server)
        worker = worker_process(config, kind=worker_kind, env=worker_env)
        started.append(worker.start().wait_ready(START_TIMEOUT_S))
        if rasa_server is not None:
            rasa_server.wait_ready(START_TIMEOUT_S)
        if bot:
            started.append(emulator_process(config).start().wait_ready(START_TIMEOUT_S))
            started.append(bot_process(config).start().wait_ready(START_TIMEOUT_S))
        print(f"stack up (logs in {var_dir / 'logs'})", flush=True)
        yield config
    finally:
        for process in reversed(started):
            process.stop()
