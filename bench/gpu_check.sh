#!/usr/bin/env bash
# The GPU checks as one script for a bare GPU machine (CUDA torch + timm preinstalled):
# run bench/prepare_gpu_carry.sh here first, then on the GPU machine, from the repository root, with .whl and
# .gpu carried: `bash bench/gpu_check.sh [OUT_DIR]`. Prints (and writes to OUT_DIR) the card's bare
# batched forward (bench/gpu_forward.py), the bare pipeline and the worker through Celery (gpu_worker_throughput).
set -uo pipefail
out="${1:-${OUT:-/tmp/gpu-check}}"
mkdir -p "$out"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
    || exit 1
export PYTHONPATH="/tmp/site:$PWD" PATH="$PWD/.gpu/bin:$PATH" PYTHONUNBUFFERED=1
export BCDBOT_BENCH_MAMMOGRAMS="$PWD/.gpu/mammograms"
{
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
    python3 -c 'import torch, timm; print("torch", torch.__version__, "timm", timm.__version__, torch.cuda.get_device_name())'
    redis-server --version
    python3 - <<'PY'
import glob, time, torch
from detector import Predictor
images = [open(p, "rb").read() for p in sorted(glob.glob(".gpu/mammograms/*.png"))[:16]]
for device in ("cpu", "cuda"):
    predictor = Predictor(device=device)
    outcomes = predictor.predict_batch(images)
    started = time.perf_counter()
    outcomes = predictor.predict_batch(images)
    if device == "cuda":
        torch.cuda.synchronize()
    ms = (time.perf_counter() - started) * 1000 / len(images)
    print(f"{device}: {ms:.1f} ms per image in a batch of {len(images)};",
          "probabilities", [round(o.probability, 4) for o in outcomes[:4]])
PY
    # the card alone (bare batched forward), then bytes to answer in one process, then through Celery
    timeout 180 python3 -m bench.gpu_forward --batches 32 128
    for batch in 32 8; do
        timeout 240 python3 -m bench.gpu_worker_throughput --images 512 --batch "$batch" --wait-ms 20
    done
} 2>&1 | tee "$out/gpu_check.txt"
