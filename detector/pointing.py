"""Pointing game: is the heatmap's peak inside a lesion circle of findings.csv (in original film pixels)?"""

from __future__ import annotations

from typing import Any

import torch

from detector.cam import peak, upsample
from detector.datasets import Cached
from detector.metrics import bootstrap_ci


def pointing_game(cached: Cached, maps: torch.Tensor) -> dict[str, Any]:
    """Hit rate over the films with at least one lesion centre; ``maps`` (N, h, w) in cached order."""
    hits: list[float] = []
    for index, (case, prepared) in enumerate(zip(cached.cases, cached.prepared, strict=True)):
        circles = [
            (f.x, f.y, f.radius) for f in case.findings if f.x is not None and f.y is not None and f.radius
        ]
        if not circles:
            continue
        size = prepared.pixels.shape[0]
        heat = upsample(maps[index], size)
        col, row = peak(heat, prepared.pixels > 0)
        x, y = prepared.to_original(col, row)
        hit = any(
            (x - cx) ** 2 + (y - cy) ** 2 <= r**2
            for cx, cy, r in circles
            if cx is not None and cy is not None
        )
        hits.append(float(hit))
    rate = sum(hits) / len(hits) if hits else float("nan")
    return {"hit_rate": rate, "hit_rate_ci": list(bootstrap_ci(hits)), "n": len(hits), "hits": int(sum(hits))}
