"""The Celery application object. The bot builds one to send signatures; workers run the same one."""

from __future__ import annotations

from celery import Celery

from settings import Settings
from workers.names import ANALYSE_IMAGE

TASK_MODULES = {"cpu": "workers.tasks", "gpu": "workers.gpu_tasks"}


def create_celery(settings: Settings, *, worker_kind: str | None = None) -> Celery:
    """A Celery app on the settings' Redis; a worker also imports its kind's task module ("cpu"/"gpu")."""
    include = [TASK_MODULES[worker_kind]] if worker_kind else []
    app = Celery("bcdbot", include=include)
    app.config_from_object("workers.celeryconfig")
    app.conf.broker_url = settings.redis_url
    app.conf.result_backend = settings.redis_url
    app.conf.broker_transport_options = {"visibility_timeout": settings.broker_visibility_timeout_s}
    app.conf.task_soft_time_limit = settings.task_soft_time_limit_s or None
    app.conf.task_time_limit = settings.task_time_limit_s or None
    app.conf.task_routes = {ANALYSE_IMAGE: {"queue": settings.image_queue}}
    return app
