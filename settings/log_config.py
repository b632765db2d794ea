"""Logging for entry points only (libraries just create loggers). Never log ids, names or message text."""

from __future__ import annotations

import logging

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# httpx logs every request URL at INFO (Telegram URLs carry the bot token); Celery's trace logs every task's
# return value at INFO (predictions, heatmaps): derived health data that has no place in a log.
NOISY_LOGGERS = ("httpx", "httpcore", "telegram.ext.Updater", "apscheduler", "celery.app.trace")


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level.upper(), format=LOG_FORMAT)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
