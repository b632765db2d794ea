"""Thin Celery tasks: decode the payload, call the detector, return JSON-safe results."""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Any

from celery import shared_task
from celery.signals import worker_process_init

from detector import ImageError
from workers.model_holder import get_predictor
from workers.names import ANALYSE_IMAGE

logger = logging.getLogger(__name__)


@worker_process_init.connect
def _load_model(**_: Any) -> None:
    get_predictor()


def refusal(kind: str, user_message: str) -> dict[str, Any]:
    return {"ok": False, "error_kind": kind, "user_message": user_message}


@shared_task(name=ANALYSE_IMAGE)
def analyse_image(image_b64: str) -> dict[str, Any]:
    """Analyse one image; bad input is a result (with a message for the person), not a task failure."""
    try:
        data = base64.b64decode(image_b64, validate=True)
    except (binascii.Error, ValueError):
        return refusal("bad_payload", "The image could not be read. Please send it again.")
    try:
        prediction = get_predictor().predict(data)
    except ImageError as exc:
        logger.info("image refused: %s", type(exc).__name__)
        return refusal(type(exc).__name__, exc.user_message)
    return {"ok": True, "prediction": prediction.to_dict()}
