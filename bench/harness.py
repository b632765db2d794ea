"""Shared pieces of the service benchmarks: a private stack of real processes, images, percentiles."""

from __future__ import annotations

import io
import os
import re
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

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
from bot.catalog import Language, text

ROOT = Path(__file__).resolve().parents[1]
# a GPU machine has no ../shared: bench/prepare_gpu_carry.sh copies some mammograms and names them here
MINI_MIAS = Path(
    os.environ.get("BCDBOT_BENCH_MAMMOGRAMS") or ROOT.parent / "shared" / "data" / "mini-mias" / "images"
)
START_TIMEOUT_S = 300.0
BENCH_SECRET = "bench-secret"  # the stack's pseudonym secret, so a benchmark can find its people's rows
PROBABILITY = re.compile(r"\b[01]\.\d\d\b")


def mammograms(count: int) -> list[bytes]:
    """`count` distinct real mammograms as PNG: past the 322 files, each cycle changes a few corner pixels,
    so no two uploads have the same pixels (a result cached by content hash would shorten a measurement,
    and bytes appended to a file do not survive the upload's metadata cleaning or a JPEG re-encode)."""
    files = sorted(MINI_MIAS.glob("mdb*.png"))
    if not files:
        raise SystemExit(f"no mammograms in {MINI_MIAS}")
    if len(files) < count:
        print(f"{len(files)} mammograms in {MINI_MIAS}: cycling them to {count} distinct uploads")
    return [_marked(files[i % len(files)], cycle=i // len(files)) for i in range(count)]


def _marked(path: Path, *, cycle: int) -> bytes:
    if cycle == 0:
        return path.read_bytes()
    pixels = np.asarray(Image.open(path).convert("L")).copy()
    pixels[:4, :4] = np.uint8(cycle % 256)  # 16 pixels: survives JPEG at quality 90
    pixels[4, :4] = np.uint8(cycle // 256)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return buffer.getvalue()


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def describe(values_ms: list[float]) -> str:
    p50, p95 = percentile(values_ms, 50), percentile(values_ms, 95)
    return f"p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   n={len(values_ms)}"


def is_result(reply: str, language: str = "en") -> bool:
    """Whether a reply is an image result (a probability and the research-use disclaimer), in any language."""
    return bool(PROBABILITY.search(reply)) and text(Language(language), "disclaimer") in reply


@dataclass
class RunningStack:
    """The benchmark's processes by name (redis-server, rasa, worker, emulator, bot), to fault them."""

    config: StackConfig
    processes: dict[str, ManagedProcess] = field(default_factory=dict)


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
    with running_processes(
        rasa=rasa,
        bot=bot,
        worker_env=worker_env,
        worker_kind=worker_kind,
        per_person_limits=per_person_limits,
    ) as stack:
        yield stack.config


@contextmanager
def running_processes(
    *,
    rasa: bool = False,
    bot: bool = True,
    worker_env: dict[str, str] | None = None,
    worker_kind: str = "cpu",
    worker_concurrency: int = 1,
    per_person_limits: bool = False,
) -> Iterator[RunningStack]:
    """`running_stack`, with the processes themselves."""
    var_dir = Path(tempfile.mkdtemp(prefix="bcdbot-bench-"))
    config = StackConfig.for_tests(ROOT, var_dir)
    config.extra_env.update({"BCDBOT_TELEGRAM_POLL_TIMEOUT_S": "1", "BCDBOT_PSEUDONYM_SECRET": BENCH_SECRET})
    if not per_person_limits:
        config.extra_env.update(NO_PER_PERSON_LIMITS)
    stack = RunningStack(config)
    try:
        stack.processes["redis-server"] = redis_process(config).start().wait_ready(START_TIMEOUT_S)
        rasa_server = rasa_process(config).start() if rasa else None
        if rasa_server is not None:
            stack.processes["rasa"] = rasa_server
        worker = worker_process(config, kind=worker_kind, env=worker_env, concurrency=worker_concurrency)
        stack.processes["worker"] = worker.start().wait_ready(START_TIMEOUT_S)
        if rasa_server is not None:
            rasa_server.wait_ready(START_TIMEOUT_S)
        if bot:
            stack.processes["emulator"] = emulator_process(config).start().wait_ready(START_TIMEOUT_S)
            stack.processes["bot"] = bot_process(config).start().wait_ready(START_TIMEOUT_S)
        print(f"stack up (logs in {var_dir / 'logs'})", flush=True)
        yield stack
    finally:
        for process in reversed(list(stack.processes.values())):
            process.stop()
