"""What an analysis message carries: a reference to the image, which the bot's outbox already holds in
Redis, or (benchmarks, tests, bots before the reference) the image itself in base64.

    {"image_key": "bcdbot:upload:<task id>"}   the bot's message: a few dozen bytes on the broker
    "<base64 of the image bytes>"              the older message, still read

A reference keeps the image off the broker: a message is copied into the queue, into the unacknowledged
set while a worker holds it, and again on every redelivery, where a reference costs nothing.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from typing import Any

from workers.contract import RefusalCode
from workers.names import UPLOAD_PREFIX

REFERENCE_FIELD = "image_key"


def upload_key(task_id: str) -> str:
    return UPLOAD_PREFIX + task_id


def image_reference(task_id: str) -> dict[str, str]:
    """The message for the image the outbox holds under `upload_key(task_id)`."""
    return {REFERENCE_FIELD: upload_key(task_id)}


def image_of(payload: object, fetch: Callable[[str], bytes | None]) -> bytes | RefusalCode:
    """The image bytes a message stands for, or why there are none.

    Only keys under UPLOAD_PREFIX are read: a message cannot make a worker read any other Redis key.
    """
    if isinstance(payload, str):
        return _base64_image(payload)
    key = _referenced_key(payload)
    if key is None:
        return RefusalCode.BAD_PAYLOAD
    data = fetch(key)
    return RefusalCode.IMAGE_GONE if data is None else data


def _base64_image(payload: str) -> bytes | RefusalCode:
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return RefusalCode.BAD_PAYLOAD


def _referenced_key(payload: object) -> str | None:
    if not isinstance(payload, Mapping):
        return None
    key: Any = payload.get(REFERENCE_FIELD)
    if isinstance(key, str) and key.startswith(UPLOAD_PREFIX) and len(key) > len(UPLOAD_PREFIX):
        return key
    return None
