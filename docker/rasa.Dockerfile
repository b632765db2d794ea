# syntax=docker/dockerfile:1
# The Rasa NLU server with the project's model, trained at build time (~16 min on 2 cores).
# Build context: the repository root (docker/compose.yml sets it).
ARG RASA_IMAGE=rasa/rasa:3.6.21

FROM ${RASA_IMAGE} AS train
ENV RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1
WORKDIR /build
COPY --chown=1001:0 nlu/config.yml nlu/domain.yml ./
COPY --chown=1001:0 nlu/data ./data
# The pipeline's own components (config.yml names them); rasa puts the working directory on sys.path.
COPY --chown=1001:0 nlu/rasa_addons ./rasa_addons
USER 1001
RUN rasa train nlu --config config.yml --domain domain.yml --nlu data \
      --out /build/models --fixed-model-name bcdbot-nlu

FROM ${RASA_IMAGE}
ENV RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1
WORKDIR /app
COPY --from=train --chown=1001:0 /build/models/bcdbot-nlu.tar.gz /app/models/bcdbot-nlu.tar.gz
COPY --chown=1001:0 nlu/rasa_addons /app/rasa_addons
# The official image already runs as the unprivileged uid 1001; say so explicitly.
USER 1001
EXPOSE 5005
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
  CMD ["python", "-c", "import urllib.request as r; r.urlopen('http://127.0.0.1:5005/status', timeout=4)"]
# The image's entrypoint is `rasa`. The API is needed for /model/parse; bind all interfaces inside the
# container network only (compose publishes no Rasa port).
CMD ["run", "--enable-api", "-m", "/app/models/bcdbot-nlu.tar.gz", "-i", "0.0.0.0", "-p", "5005"]
