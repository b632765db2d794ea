"""The GPU worker's task: the same name and message as the CPU task, micro-batched with celery-batches.

Messages are gathered until `gpu_batch_size` arrived or `gpu_batch_wait_ms` passed, then one forward pass
serves them all. Results are stored per request, so the bot cannot tell which kind of worker answered.
"""

from __future__ import annotations

import time
from typing import Any

from celery import shared_task
from celery.signals import worker_process_init, worker_ready
from celery_batches import Batches, SimpleRequest

from detector import ImageError
from workers import metrics
from workers.analysis import UNREADABLE_PAYLOAD, decode_payload, image_refusal, refusal, success
from workers.ledger import content_key
from workers.model_holder import get_ledger, get_predictor, settings
from workers.names import ANALYSE_IMAGE

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
    """Analyse a batch: cached and unreadable images are answered at once, the rest in one forward pass."""
    predictor = get_predictor()
    ledger = get_ledger()
    results: dict[str, dict[str, Any]] = {}
    to_run: list[tuple[SimpleRequest, bytes, str]] = []
    for request in requests:
        data = decode_payload(request.args[0]) if request.args else None
        if data is None:
            results[request.id] = refusal("bad_payload", UNREADABLE_PAYLOAD)
            continue
        key = content_key(data, predictor.config.version)
        cached = ledger.cached(key)
        if cached is not None:
            results[request.id] = cached
        else:
            to_run.append((request, data, key))
    if to_run:
        started = time.perf_counter()
        outcomes = predictor.predict_batch([data for _, data, _ in to_run])
        metrics.TASK_SECONDS.observe(time.perf_counter() - started)
        metrics.BATCH_SIZE.observe(len(to_run))
        for (request, _, key), outcome in zip(to_run, outcomes, strict=True):
            result = image_refusal(outcome) if isinstance(outcome, ImageError) else success(outcome.to_dict())
            ledger.remember(key, result)
            results[request.id] = result
    for request in requests:
        result = results[request.id]
        metrics.OUTCOMES.labels("done" if result["ok"] else "refused").inc()
        self.backend.mark_as_done(request.id, result, request=request)
