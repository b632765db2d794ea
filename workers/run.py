"""Worker entry point: metrics, per-process resources, then Celery's own worker."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

from settings import Settings
from workers.names import CPU_QUEUE, GPU_QUEUE


def run_worker(
    settings: Settings,
    *,
    kind: str = "cpu",
    concurrency: int = 1,
    queues: str | None = None,
    name: str | None = None,
) -> None:
    """Run a CPU worker (prefork, `concurrency` processes) or a GPU worker (one process, micro-batching)."""
    if settings.worker_metrics_port:
        # Multiprocess metrics: the directory must be set before prometheus_client is first imported, and
        # start empty (stale files from a previous run would be summed in).
        metrics_dir = Path(
            os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", f"{tempfile.gettempdir()}/bcdbot-metrics")
        )
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir(parents=True)
    import redis

    from workers import model_holder
    from workers.celery_app import create_celery
    from workers.metrics import serve_metrics

    model_holder.configure(settings)
    app = create_celery(settings, worker_kind=kind)
    queue = queues or (GPU_QUEUE if kind == "gpu" else CPU_QUEUE)
    if settings.worker_metrics_port:
        client = redis.Redis.from_url(settings.redis_url)
        serve_metrics(
            settings.worker_metrics_port,
            host=settings.worker_metrics_host,
            client=client,
            queues=queue.split(","),
        )
    argv = [
        "worker",
        f"--loglevel={settings.log_level}",
        f"--queues={queue}",
        f"--hostname={name or f'bcdbot-{kind}-{os.getpid()}'}@{socket.gethostname()}",
        "--without-gossip",
        "--without-mingle",
    ]
    if kind == "gpu":
        # One process per GPU; celery-batches gathers the images that one forward pass takes.
        argv += ["--pool=solo", f"--prefetch-multiplier={settings.gpu_batch_size * 2}"]
    else:
        argv += ["--pool=prefork", f"--concurrency={concurrency}"]
    app.worker_main(argv)
