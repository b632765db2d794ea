# syntax=docker/dockerfile:1
# A CPU Celery worker (`bcdbot worker --kind cpu`): torch's CPU-only wheels, no CUDA libraries.
# Build context: the repository root (docker/compose.yml sets it).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ARG TORCH_VERSION=2.14.1
ARG TORCHVISION_VERSION=0.29.1
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY requirements/app.lock requirements/app.lock
RUN pip install --no-deps --index-url "${TORCH_INDEX_URL}" \
      "torch==${TORCH_VERSION}+cpu" "torchvision==${TORCHVISION_VERSION}+cpu" \
 && grep -v -E '^(torch|torchvision|triton|nvidia-[a-z0-9-]+|cuda-[a-z0-9-]+)==' requirements/app.lock > /tmp/cpu.lock \
 && pip install --no-deps -r /tmp/cpu.lock
COPY . .
# The trained detector weights ship inside the package (detector/weights); fail the build without them.
RUN pip install --no-deps . \
 && site=$(python -c "import detector, pathlib; print(pathlib.Path(detector.__file__).parent)") \
 && mkdir -p "$site/weights" && cp -r detector/weights/. "$site/weights/" \
 && python -c "from detector.weights import have_weights; assert have_weights(), 'detector/weights is incomplete'"

FROM ${PYTHON_IMAGE}
RUN useradd --system --uid 10001 --gid 0 --home-dir /app --shell /usr/sbin/nologin bcdbot \
 && mkdir -p /app && chown 10001:0 /app
COPY --from=build /opt/venv /opt/venv
COPY docker/healthcheck.py /opt/bcdbot/healthcheck.py
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    BCDBOT_DETECTOR_DEVICE=cpu BCDBOT_WORKER_METRICS_HOST=0.0.0.0
WORKDIR /app
USER 10001
# The worker's node name is bcdbot-cpu@<container hostname>: each replica (--scale) is its own node.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
  CMD ["python", "/opt/bcdbot/healthcheck.py", "worker", "bcdbot-cpu"]
ENTRYPOINT ["bcdbot", "worker"]
CMD ["--kind", "cpu", "--name", "bcdbot-cpu", "--queues", "images.cpu", "--concurrency", "2"]
