"""The GPU worker's task: the same name and message as the CPU task, micro-batched with celery-batches.

Messages are gathered until `gpu_batch_size` arrived or `gpu_batch_wait_ms` passed, then every request goes
through the same analysis pipeline as the CPU task (workers.pipeline): poison count, cache, one forward pass
for the fresh images, the soft time limit, retries of transient errors. Results are stored per request, so
the bot cannot tell which kind of worker answered.

The solo pool enforces no time limit, so the soft limit is a SIGALRM timer here. A request delivered before
whose delivery never finished (its worker died) runs alone, after the batch is answered: an image that kills
the worker takes no other image with it, and is given up after BCDBOT_MAX_TASK_DELIVERIES.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_init, worker_ready
from celery_batches import Batches, SimpleRequest

from workers import metrics
from workers.contract import AnalysisOutcome, AnalysisRefused, RefusalCode
from workers.model_holder import get_pipeline, get_predictor, settings
from workers.names import ANALYSE_IMAGE
from workers.pipeline import MAX_RETRIES, Job, TransientAnalysisError, retry_countdown

logger = logging.getLogger(__name__)

_batching = settings()  # configured by the worker entry point before this module is imported


@worker_process_init.connect
@worker_ready.connect
def _load_model(**_: Any) -> None:
    get_predictor()


@shared_task(
    name=ANALYSE_IMAGE,
    base=Batches,
    bind=True,
    flush_every=_batching.gpu_batch_size,
    flush_interval=_batching.gpu_batch_wait_ms / 1000,
)
def analyse_images(self: Batches, requests: list[SimpleRequest]) -> None:
    """Answer cached, unreadable and poison requests at once, the fresh images in one forward pass, then
    each image whose earlier delivery never finished on its own."""
    pipeline = get_pipeline()
    fresh: list[tuple[SimpleRequest, Job]] = []
    suspects: list[tuple[SimpleRequest, Job]] = []
    for request in requests:
        payload = request.args[0] if request.args else None
        admitted = pipeline.admit(str(request.id), payload, attempt=_attempt(request))
        if not isinstance(admitted, Job):
            _store(self, request, admitted)
        elif admitted.deliveries > 1:
            suspects.append((request, admitted))
        else:
            fresh.append((request, admitted))
    groups = ([fresh] if fresh else []) + [[suspect] for suspect in suspects]
    for group in groups:
        _run(self, group)


def _run(task: Batches, group: Sequence[tuple[SimpleRequest, Job]]) -> None:
    jobs = [job for _, job in group]
    try:
        with soft_time_limit(settings().task_soft_time_limit_s):
            outcomes = get_pipeline().run(jobs)
    except SoftTimeLimitExceeded:  # fired after the forward pass, while remembering
        outcomes = [AnalysisRefused(RefusalCode.TIMEOUT) for _ in jobs]
    except TransientAnalysisError as exc:
        for request, _ in group:
            _retry_or_fail(task, request, exc)
        return
    for (request, _), outcome in zip(group, outcomes, strict=True):
        _store(task, request, outcome)


def _store(task: Batches, request: SimpleRequest, outcome: AnalysisOutcome) -> None:
    task.backend.mark_as_done(request.id, outcome.to_json(), request=request)


def _attempt(request: SimpleRequest) -> int:
    return int((request.request_dict or {}).get("retries") or 0)


def _retry_or_fail(task: Batches, request: SimpleRequest, exc: TransientAnalysisError) -> None:
    """Publish the request again later (the CPU task's autoretry), or fail it for good and dead-letter it."""
    attempt = _attempt(request)
    if attempt >= MAX_RETRIES:
        logger.warning("task %s failed after %d retries: %s", request.id, attempt, exc)
        metrics.OUTCOMES.labels("failed").inc()
        get_pipeline().ledger.dead_letter(task_id=str(request.id), reason=type(exc).__name__)
        task.backend.mark_as_failure(request.id, exc, request=request, call_errbacks=False)
        return
    countdown = retry_countdown(attempt)
    logger.info("task %s retried in %.1f s: %s", request.id, countdown, exc)
    task.backend.mark_as_retry(request.id, exc, request=request)
    queue = (request.delivery_info or {}).get("routing_key")
    task.app.send_task(
        ANALYSE_IMAGE,
        args=request.args,
        task_id=request.id,
        countdown=countdown,
        retries=attempt + 1,
        **({"queue": queue} if queue else {}),
    )


@contextlib.contextmanager
def soft_time_limit(seconds: float) -> Iterator[None]:
    """Raise SoftTimeLimitExceeded in the block after `seconds` (0: no limit; only in the main thread,
    where the solo pool runs tasks)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise SoftTimeLimitExceeded(f"soft time limit ({seconds:g}s) exceeded")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
