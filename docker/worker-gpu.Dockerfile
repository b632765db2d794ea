# syntax=docker/dockerfile:1
# A GPU Celery worker (`bcdbot worker --kind gpu`: one process per GPU, celery-batches micro-batching) on
# PyTorch's CUDA runtime image, whose torch/torchvision are used as they are (the lock's CUDA wheels are not
# installed again). Build context: the repository root (docker/compose.yml sets it).
ARG PYTORCH_IMAGE=pytorch/pytorch:2.14.1-cuda13.0-cudnn9-runtime

FROM ${PYTORCH_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# The venv sees the base image's torch; everything else comes from the lock.
RUN python -m venv --system-site-packages /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY requirements/app.lock requirements/app.lock
RUN grep -v -E '^(torch|torchvision|triton|nvidia-[a-z0-9-]+|cuda-[a-z0-9-]+)==' requirements/app.lock > /tmp/gpu.lock \
 && pip install --no-deps -r /tmp/gpu.lock
COPY . .
RUN pip install --no-deps . \
 && site=$(python -c "import detector, pathlib; print(pathlib.Path(detector.__file__).parent)") \
 && mkdir -p "$site/weights" && cp -r detector/weights/. "$site/weights/" \
 && python -c "from detector.weights import have_weights; assert have_weights(), 'detector/weights is incomplete'" \
 && python -c "import torch, torchvision, timm; print('torch', torch.__version__, 'cuda', torch.version.cuda)"

FROM ${PYTORCH_IMAGE}
RUN useradd --system --uid 10001 --gid 0 --home-dir /app --shell /usr/sbin/nologin bcdbot \
 && mkdir -p /app && chown 10001:0 /app
COPY --from=build /opt/venv /opt/venv
COPY docker/healthcheck.py /opt/bcdbot/healthcheck.py
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    BCDBOT_DETECTOR_DEVICE=cuda BCDBOT_WORKER_METRICS_HOST=0.0.0.0
WORKDIR /app
USER 10001
HEALTHCHECK --interval=30s --timeout=10s --start-period=180s --retries=3 \
  CMD ["python", "/opt/bcdbot/healthcheck.py", "worker", "bcdbot-gpu"]
ENTRYPOINT ["bcdbot", "worker"]
CMD ["--kind", "gpu", "--name", "bcdbot-gpu", "--queues", "images.gpu"]
