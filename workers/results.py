"""What the bot reads of Celery's result backend, as the analysis contract: the one place that knows where
Celery keeps a task's state in Redis (the backend's own key and channel names) and what it holds.

The bot reads Redis itself (asyncio, one MGET per sweep, one pattern subscription for instant delivery):
`key`, `channel_pattern` and `task_id_of` name what to read, `read` turns what was read into a `TaskState`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from celery import Celery
from celery.backends.base import BaseKeyValueStoreBackend

from workers.contract import AnalysisOutcome, AnalysisRefused, RefusalCode, outcome_from_json

logger = logging.getLogger(__name__)

READY_STATES = frozenset({"SUCCESS", "FAILURE", "REVOKED"})


@dataclass(frozen=True)
class TaskState:
    """`started`: a worker recorded the task (any state); `outcome`: set once the task is finished."""

    started: bool
    outcome: AnalysisOutcome | None = None


NOT_STARTED = TaskState(started=False)
TIMED_OUT: AnalysisOutcome = AnalysisRefused(RefusalCode.TIMEOUT)


class ResultReader:
    """Celery's key-value result backend (Redis), read through the backend's own naming and decoding."""

    def __init__(self, celery: Celery) -> None:
        backend = celery.backend
        if not isinstance(backend, BaseKeyValueStoreBackend):
            raise TypeError(f"results are read from a key-value backend, not {type(backend).__name__}")
        self._backend = backend

    def key(self, task_id: str) -> str:
        key: bytes = self._backend.get_key_for_task(task_id)
        return key.decode()

    @property
    def channel_pattern(self) -> str:
        """The pattern of the channels the backend publishes each stored state on (named like the keys)."""
        return self.key("*")

    def task_id_of(self, channel: bytes | str) -> str:
        name = channel.decode() if isinstance(channel, bytes) else channel
        return name[len(self.channel_pattern) - 1 :]

    def read(self, raw: bytes | str | None) -> TaskState:
        """The state of a task from its stored (or published) value; None: nothing stored yet."""
        if raw is None:
            return NOT_STARTED
        meta = self._backend.decode(raw)
        if not isinstance(meta, dict) or meta.get("status") not in READY_STATES:
            return TaskState(started=True)
        return TaskState(started=True, outcome=_outcome(meta))


def _outcome(meta: dict[str, Any]) -> AnalysisOutcome:
    """The worker's outcome, or a refusal naming why there is none (a failure, a hard time limit)."""
    result = meta.get("result")
    if meta.get("status") == "SUCCESS" and isinstance(result, dict):
        try:
            return outcome_from_json(result)
        except ValueError as exc:
            logger.error("unreadable analysis result: %s", exc)
            return AnalysisRefused(RefusalCode.FAILED)
    exc_type = str(result.get("exc_type")) if isinstance(result, dict) else str(meta.get("status"))
    logger.info("analysis task ended in %s (%s)", meta.get("status"), exc_type)
    return AnalysisRefused(RefusalCode.TIMEOUT if exc_type == "TimeLimitExceeded" else RefusalCode.FAILED)
