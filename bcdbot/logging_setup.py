"""Logging for entry points only (libraries just create loggers). Never log ids, names or message text."""

from __future__ import annotations

import logging

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
NOISY_LOGGERS = ("httpx", "httpcore", "telegram.ext.Updater", "apscheduler")


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level.upper(), format=LOG_FORMAT)
    for name in NOISY_LOGGERS:
        # httpx logs every request URL at INFO, and Telegram URLs carry the bot token.
        logging.getLogger(name).setLevel(logging.WARNING)
