"""The analysis pipeline both image tasks run (the CPU task one image at a time, the GPU task in batches)::

    admit    look in the cache   the same bytes through the same model: the outcome remembered
             count the delivery  over BCDBOT_MAX_TASK_DELIVERIES: dead-letter, refuse (poison)
             read the image      the outbox copy a reference names (workers.payload), or base64 bytes:
                                 neither: refuse (bad_payload); the copy gone: refuse (image_gone)
    run      predict             ImageError: refused with its name as the code
                                 soft time limit: refuse (timeout), the worker lives on
                                 out of memory: TransientAnalysisError, the task tries again later
             remember            predictions and detector refusals, by content hash and model version

Deliveries are counted per attempt (a retry is a new attempt): a task that keeps killing its worker is given
up after BCDBOT_MAX_TASK_DELIVERIES, a transient error is retried MAX_RETRIES times, and a task that failed
for good is dead-lettered by its task.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval

from detector.errors import ImageError
from workers import metrics
from workers.contract import AnalysisDone, AnalysisOutcome, AnalysisRefused, RefusalCode
from workers.ledger import Ledger, content_key
from workers.payload import image_of

if TYPE_CHECKING:
    from detector import Prediction, Predictor

logger = logging.getLogger(__name__)

# A transient error (the GPU out of memory under load) is tried this many times more, waiting 1, 2, 4 ... s
# (with jitter, at most RETRY_BACKOFF_MAX_S): long enough for a burst to pass, short of the bot's deadline.
MAX_RETRIES = 3
RETRY_BACKOFF_MAX_S = 30


class TransientAnalysisError(Exception):
    """A failure worth retrying later (e.g. the GPU ran out of memory under load)."""


@dataclass(frozen=True)
class Job:
    """An admitted image still to predict; `deliveries` > 1 means an earlier delivery never finished."""

    task_id: str
    data: bytes
    key: str
    deliveries: int


def retry_countdown(attempt: int) -> float:
    """Seconds before retry number `attempt + 1`, as Celery's retry_backoff with retry_jitter computes it."""
    return float(get_exponential_backoff_interval(1, attempt, RETRY_BACKOFF_MAX_S, full_jitter=True))


class AnalysisPipeline:
    """One per worker process, over its predictor and its Redis ledger."""

    def __init__(self, predictor: Predictor, ledger: Ledger, *, max_deliveries: int) -> None:
        self._predictor = predictor
        self._ledger = ledger
        self._max_deliveries = max_deliveries

    @property
    def ledger(self) -> Ledger:
        return self._ledger

    def admit(self, task_id: str, payload: object, *, attempt: int = 0) -> Job | AnalysisOutcome:
        """A job to predict, or the outcome already known (poison, unreadable payload, cached)."""
        image = image_of(payload, self._ledger.upload)
        data = image if isinstance(image, bytes) else None
        deliveries = self._ledger.count_delivery(f"{task_id}:{attempt}")
        key = content_key(data, self._predictor.config.version) if data is not None else None
        cached = self._ledger.cached(key) if key is not None else None
        if cached is not None:  # answered before, maybe by a delivery whose worker died before its ack
            metrics.OUTCOMES.labels("cached").inc()
            return cached
        if deliveries > self._max_deliveries:
            # The task keeps killing its worker process (a poison message): give up with a clear reply.
            digest = hashlib.sha256(data).hexdigest() if data is not None else None
            self._ledger.dead_letter(task_id=task_id, reason="too many deliveries", content_hash=digest)
            metrics.OUTCOMES.labels("poison").inc()
            return AnalysisRefused(RefusalCode.POISON)
        if data is None or key is None:
            metrics.OUTCOMES.labels("refused").inc()
            return AnalysisRefused(image if isinstance(image, RefusalCode) else RefusalCode.BAD_PAYLOAD)
        return Job(task_id=task_id, data=data, key=key, deliveries=deliveries)

    def run(self, jobs: Sequence[Job]) -> list[AnalysisOutcome]:
        """One forward pass for `jobs`, outcomes in order. Raises TransientAnalysisError."""
        started = time.perf_counter()
        try:
            predictions = self._predictor.predict_batch([job.data for job in jobs])
        except SoftTimeLimitExceeded:
            metrics.OUTCOMES.labels("timeout").inc(len(jobs))
            return [AnalysisRefused(RefusalCode.TIMEOUT) for _ in jobs]
        except RuntimeError as exc:
            if _is_transient(exc):
                raise TransientAnalysisError(type(exc).__name__) from exc
            raise
        metrics.TASK_SECONDS.observe(time.perf_counter() - started)
        metrics.BATCH_SIZE.observe(len(jobs))
        outcomes = [_outcome(prediction) for prediction in predictions]
        for job, outcome in zip(jobs, outcomes, strict=True):
            metrics.OUTCOMES.labels("done" if isinstance(outcome, AnalysisDone) else "refused").inc()
            self._ledger.remember(job.key, outcome)
        return outcomes


def _outcome(prediction: Prediction | ImageError) -> AnalysisOutcome:
    if isinstance(prediction, ImageError):
        logger.info("image refused: %s", type(prediction).__name__)
        return AnalysisRefused(type(prediction).__name__, detail=prediction.reason)
    return AnalysisDone.from_prediction(prediction)


def _is_transient(exc: BaseException) -> bool:
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()
