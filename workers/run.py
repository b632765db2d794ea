"""Worker entry point: configure the detector, then hand over to Celery's worker."""

from __future__ import annotations

from bcdbot.settings import Settings
from workers import model_holder
from workers.celery_app import create_celery
from workers.names import IMAGE_QUEUE


def run_worker(settings: Settings, *, concurrency: int = 1, queues: str | None = None) -> None:
    model_holder.configure(
        checkpoint=settings.detector_checkpoint,
        device=settings.detector_device,
        threads=settings.worker_threads,
    )
    app = create_celery(settings.redis_url, include_tasks=True)
    app.worker_main(
        [
            "worker",
            f"--loglevel={settings.log_level}",
            f"--concurrency={concurrency}",
            "--pool=prefork",
            f"--queues={queues or IMAGE_QUEUE}",
            "--hostname=bcdbot-worker@%h",
            "--without-gossip",
            "--without-mingle",
        ]
    )
