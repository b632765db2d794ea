"""A GPU-kind worker whose predictor fails on marked uploads, for the GPU fault tests only.

Run as `python -m tests.gpu_fault_worker worker --kind gpu ...` (the `bcdbot` command's arguments)::

    b"SLOW:" + image       sleeps far past any soft time limit
    b"OOM:" + image        raises CUDA out of memory (a transient error), every time
    b"OOM-ONCE:" + image   raises it the first time this process sees it, then is predicted
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from bcdbot.cli import main
from detector import ImageError
from detector.predictor import Prediction, Predictor

MARKS = (b"SLOW:", b"OOM:", b"OOM-ONCE:")
_real_predict_batch = Predictor.predict_batch
_seen: set[bytes] = set()


def _unmarked(data: bytes) -> bytes:
    for mark in MARKS:
        if data.startswith(mark):
            return data[len(mark) :]
    return data


def predict_batch(self: Predictor, uploads: Sequence[bytes]) -> list[Prediction | ImageError]:
    for data in uploads:
        if data.startswith(b"SLOW:"):
            time.sleep(600)
        if data.startswith(b"OOM:") or (data.startswith(b"OOM-ONCE:") and data not in _seen):
            _seen.add(data)
            raise RuntimeError("CUDA out of memory (injected by the test)")
    return _real_predict_batch(self, [_unmarked(data) for data in uploads])


Predictor.predict_batch = predict_batch  # type: ignore[method-assign]

if __name__ == "__main__":
    main()
