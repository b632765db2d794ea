"""The Celery application object. The bot builds one to send signatures; workers run the same one."""

from __future__ import annotations

from celery import Celery


def create_celery(redis_url: str, *, include_tasks: bool = False) -> Celery:
    """A Celery app on `redis_url` (broker and result backend); tasks are only imported by workers."""
    app = Celery("bcdbot", include=["workers.tasks"] if include_tasks else [])
    app.config_from_object("workers.celeryconfig")
    app.conf.broker_url = redis_url
    app.conf.result_backend = redis_url
    return app
