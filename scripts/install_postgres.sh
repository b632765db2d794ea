#!/usr/bin/env bash
# Installs Debian's PostgreSQL server when it is missing (idempotent). The tests start their own server on a
# free port with its data in a temporary folder; nothing here starts or configures a cluster.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then exit 0; fi
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "[install] need root to run: $*"; exit 1; fi
}
echo "[install] installing postgresql (Debian package)"
as_root apt-get update -qq
# policy-rc.d: install without starting the distribution's own cluster service.
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql >/dev/null
