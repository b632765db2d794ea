"""One image in, one JSON-safe result out: shared by the CPU task and the GPU batch task."""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Any

from detector import ImageError

logger = logging.getLogger(__name__)

UNREADABLE_PAYLOAD = "The image could not be read. Please send it again."
TOO_SLOW = "Sorry, the analysis took too long. Please try again in a few minutes."
GAVE_UP = (
    "Sorry, this image could not be analysed: it failed several times on our side. "
    "Please try a different image or file format."
)


class TransientAnalysisError(Exception):
    """A failure worth retrying later (e.g. the GPU ran out of memory under load)."""


def refusal(kind: str, user_message: str) -> dict[str, Any]:
    """A result that tells the person what was wrong instead of a probability."""
    return {"ok": False, "error_kind": kind, "user_message": user_message}


def decode_payload(image_b64: str) -> bytes | None:
    try:
        return base64.b64decode(image_b64, validate=True)
    except (binascii.Error, ValueError):
        return None


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()


def image_refusal(exc: ImageError) -> dict[str, Any]:
    logger.info("image refused: %s", type(exc).__name__)
    return refusal(type(exc).__name__, exc.user_message)


def success(prediction_dict: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True, "prediction": prediction_dict}
