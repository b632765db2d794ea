"""Per-process resources: the detector, the Redis ledger and the pipeline over them, built after the fork,
never in the parent."""

from __future__ import annotations

import logging

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from detector import DEFAULT_CONFIG, Predictor
from settings import Settings
from workers.ledger import Ledger
from workers.pipeline import AnalysisPipeline

logger = logging.getLogger(__name__)

REDIS_RETRIES = 20  # bridges a Redis restart of ~15 s

_settings: Settings | None = None
_predictor: Predictor | None = None
_ledger: Ledger | None = None
_pipeline: AnalysisPipeline | None = None


def configure(settings: Settings) -> None:
    """Remember the settings; called by the worker entry point before Celery forks its pool."""
    global _settings
    _settings = settings


def settings() -> Settings:
    if _settings is None:
        raise RuntimeError("workers.model_holder.configure() was not called")
    return _settings


def get_predictor() -> Predictor:
    """The process's predictor, built on first use (at pool-process start via worker_process_init)."""
    global _predictor
    if _predictor is None:
        current = settings()
        _predictor = Predictor(
            DEFAULT_CONFIG,
            checkpoint=current.detector_checkpoint,
            device=current.detector_device,
            num_threads=current.worker_threads,
            engine=current.detector_engine,
            cache_dir=current.cache_dir / "onnx",
        )
        logger.info("detector loaded (model %s %s)", _predictor.config.name, _predictor.config.version)
    return _predictor


def get_ledger() -> Ledger:
    global _ledger
    if _ledger is None:
        current = settings()
        client = redis.Redis.from_url(
            current.redis_url,
            retry=Retry(ExponentialBackoff(cap=1.0, base=0.05), REDIS_RETRIES),
            retry_on_error=[redis.ConnectionError, redis.TimeoutError],
        )
        _ledger = Ledger(client, cache_ttl_s=current.analysis_cache_ttl_s)
    return _ledger


def get_pipeline() -> AnalysisPipeline:
    """The analysis pipeline both image tasks run, over this process's predictor and ledger."""
    global _pipeline
    if _pipeline is None:
        _pipeline = AnalysisPipeline(
            get_predictor(), get_ledger(), max_deliveries=settings().max_task_deliveries
        )
    return _pipeline
