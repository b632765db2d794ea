"""The maintenance worker: Celery beat runs the retention purge every `retention_check_s` seconds.

`bcdbot maintenance` starts one worker with an embedded beat on its own queue (one process, no model), so
the image workers never run it and exactly one beat schedules it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from celery import Celery, shared_task

from settings import Settings, get_settings
from workers.celery_app import create_celery

logger = logging.getLogger(__name__)

MAINTENANCE_QUEUE = "maintenance"
PURGE_EXPIRED = "bcdbot.purge_expired"


@shared_task(name=PURGE_EXPIRED, ignore_result=True)  # type: ignore[misc,untyped-decorator]
def purge_expired_task() -> dict[str, int]:
    """Delete messages and images older than `BCDBOT_RETENTION_DAYS` (idempotent)."""
    from store import open_store
    from store.maintenance import purge_expired

    settings = get_settings()
    store = open_store(
        database_url=settings.database_url,
        encryption_keys=settings.encryption_key_list,
        image_dir=settings.image_folder,
        migrate=False,
    )
    try:
        report = purge_expired(store, retention_days=settings.retention_days)
    finally:
        store.engine.dispose()
    return {"messages": report.messages, "images": report.images, "orphan_files": report.orphan_files}


def create_maintenance_celery(settings: Settings) -> Celery:
    app = create_celery(settings)
    app.conf.include = [__name__]
    app.conf.task_routes = {**dict(app.conf.task_routes or {}), PURGE_EXPIRED: {"queue": MAINTENANCE_QUEUE}}
    schedule: dict[str, Any] = {
        "purge-expired": {
            "task": PURGE_EXPIRED,
            "schedule": settings.retention_check_s,
            "options": {"queue": MAINTENANCE_QUEUE},
        }
    }
    app.conf.beat_schedule = schedule
    return app


def run_maintenance(settings: Settings, *, schedule_dir: Path) -> None:
    """One worker process with the beat scheduler, consuming only the maintenance queue."""
    app = create_maintenance_celery(settings)
    schedule_dir.mkdir(parents=True, exist_ok=True)
    app.worker_main(
        [
            "worker",
            "--beat",
            f"--schedule={schedule_dir / 'celerybeat-schedule'}",
            f"--loglevel={settings.log_level}",
            f"--queues={MAINTENANCE_QUEUE}",
            "--pool=solo",
            f"--hostname=bcdbot-maintenance-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
        ]
    )
