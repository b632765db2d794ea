"""Prometheus metrics for workers (multiprocess mode: children write, the parent serves)."""

from __future__ import annotations

from collections.abc import Iterator

import redis
from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

TASK_SECONDS = Histogram(
    "bcdbot_analysis_seconds",
    "Time to analyse one image inside the worker",
    buckets=(0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 30, 60),
)
BATCH_SIZE = Histogram("bcdbot_batch_size", "Images per forward pass", buckets=(1, 2, 4, 8, 16, 32, 64, 128))
OUTCOMES = Counter("bcdbot_analyses_total", "Analyses by outcome", ["outcome"])


class QueueDepthCollector(Collector):
    """Messages waiting in each image queue, read from Redis at scrape time."""

    def __init__(self, client: redis.Redis, queues: list[str]) -> None:
        self._redis = client
        self._queues = queues

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily("bcdbot_queue_depth", "Messages waiting in a queue", labels=["queue"])
        for queue in self._queues:
            try:
                family.add_metric([queue], float(self._redis.llen(queue)))
            except redis.RedisError:
                continue
        yield family


def serve_metrics(port: int, *, host: str, client: redis.Redis, queues: list[str]) -> None:
    """Serve every worker process's metrics and the queue depths on `port` (call in the parent)."""
    registry = CollectorRegistry()
    MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    registry.register(QueueDepthCollector(client, queues))
    start_http_server(port, addr=host, registry=registry)
