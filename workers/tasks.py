"""The CPU worker's task: thin, idempotent, and never an endless retry loop."""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_init

from detector import ImageError
from workers import metrics
from workers.analysis import (
    GAVE_UP,
    TOO_SLOW,
    UNREADABLE_PAYLOAD,
    TransientAnalysisError,
    decode_payload,
    image_refusal,
    is_transient,
    refusal,
    success,
)
from workers.ledger import content_key
from workers.model_holder import get_ledger, get_predictor, settings
from workers.names import ANALYSE_IMAGE

logger = logging.getLogger(__name__)


@worker_process_init.connect
def _load_model(**_: Any) -> None:
    get_predictor()


class AnalysisTask(Task):  # type: ignore[misc]
    """Dead-letters a task that failed for good, so an operator can find it (metadata only)."""

    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        metrics.OUTCOMES.labels("failed").inc()
        get_ledger().dead_letter(task_id=task_id, reason=type(exc).__name__)


@shared_task(
    name=ANALYSE_IMAGE,
    bind=True,
    base=AnalysisTask,
    autoretry_for=(TransientAnalysisError,),
    retry_backoff=True,
    retry_backoff_max=30,
    retry_jitter=True,
    max_retries=3,
)
def analyse_image(self: Task, image_b64: str) -> dict[str, Any]:
    """Analyse one image. Bad input is a result (with a message for the person), not a task failure."""
    task_id = str(self.request.id)
    ledger = get_ledger()
    data = decode_payload(image_b64)
    if ledger.count_delivery(task_id) > settings().max_task_deliveries:
        # The task keeps killing its worker process (a poison message): give up with a clear reply.
        digest = hashlib.sha256(data).hexdigest() if data is not None else None
        ledger.dead_letter(task_id=task_id, reason="too many deliveries", content_hash=digest)
        metrics.OUTCOMES.labels("poison").inc()
        return refusal("poison", GAVE_UP)
    if data is None:
        metrics.OUTCOMES.labels("refused").inc()
        return refusal("bad_payload", UNREADABLE_PAYLOAD)
    predictor = get_predictor()
    key = content_key(data, predictor.config.version)
    cached = ledger.cached(key)
    if cached is not None:
        metrics.OUTCOMES.labels("cached").inc()
        return cached
    started = time.perf_counter()
    try:
        result = success(predictor.predict(data).to_dict())
    except ImageError as exc:
        result = image_refusal(exc)
    except SoftTimeLimitExceeded:
        metrics.OUTCOMES.labels("timeout").inc()
        return refusal("timeout", TOO_SLOW)
    except RuntimeError as exc:
        if is_transient(exc):
            raise TransientAnalysisError(type(exc).__name__) from exc
        raise
    metrics.TASK_SECONDS.observe(time.perf_counter() - started)
    metrics.BATCH_SIZE.observe(1)
    metrics.OUTCOMES.labels("done" if result["ok"] else "refused").inc()
    ledger.remember(key, result)
    return result
