"""The CPU worker's task: one image through the analysis pipeline, never an endless retry loop."""

from __future__ import annotations

from typing import Any

from celery import Task, shared_task
from celery.signals import worker_process_init

from workers import metrics
from workers.model_holder import get_ledger, get_pipeline, get_predictor
from workers.names import ANALYSE_IMAGE
from workers.pipeline import MAX_RETRIES, RETRY_BACKOFF_MAX_S, Job, TransientAnalysisError


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
    retry_backoff_max=RETRY_BACKOFF_MAX_S,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
)
def analyse_image(self: Task, image_b64: str) -> dict[str, Any]:
    """Analyse one image; the result is the contract's wire form (workers.contract)."""
    pipeline = get_pipeline()
    admitted = pipeline.admit(str(self.request.id), image_b64, attempt=int(self.request.retries or 0))
    outcome = pipeline.run([admitted])[0] if isinstance(admitted, Job) else admitted
    return outcome.to_json()
