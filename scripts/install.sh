#!/usr/bin/env bash
# Installs what `make demo` and `make test` need, idempotently. Heavy parts live under $BCDBOT_CACHE
# (default ~/.cache/bcdbot), keyed by a hash of the files that define them, so a second run, or another
# clone of the same commit, reuses them:
#   app venv (Python 3.11)   <- requirements/app.lock                  -> linked at ./.venv
#   Rasa venv (Python 3.10)  <- nlu/requirements.txt + constraints.txt -> linked at ./.rasa-venv
#   trained Rasa model       <- nlu/config.yml, domain.yml, data/      -> linked at ./nlu/models/current.tar.gz
#   redis-server, postgresql, chromium, docker-compose <- Debian's packages, installed when missing
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${BCDBOT_CACHE:-$HOME/.cache/bcdbot}
mkdir -p "$CACHE/venvs" "$CACHE/rasa-models" "$CACHE/logs"

say() { printf '[install] %s\n' "$*"; }
hash_files() { cat "$@" | sha256sum | cut -c1-16; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; exit 1; fi
}

find_python() {  # find_python 3.11 -> path of a python of that minor version
  local want=$1 candidate
  for candidate in "python$want" "$(command -v pyenv >/dev/null && pyenv root)/versions/$want"*/bin/python; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "import sys; assert sys.version_info[:2] == tuple(map(int, '$want'.split('.')))" 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  say "Python $want not found: install it (pyenv install $want or apt-get install python$want)"; return 1
}

# build_venv NAME PYTHON PIP-ARGS... : builds $CACHE/venvs/NAME once; a half-built venv (no .complete) is rebuilt.
build_venv() {
  local name=$1 python=$2; shift 2
  local dir="$CACHE/venvs/$name"
  if [ -f "$dir/.complete" ]; then return 0; fi
  say "building $name (once; cached under $CACHE/venvs)"
  rm -rf "$dir"
  "$python" -m venv "$dir"
  "$dir/bin/python" -m pip install -q "$@" > "$CACHE/logs/$name.log" 2>&1 || {
    grep -v '^WARNING: Location' "$CACHE/logs/$name.log" | tail -30; say "pip failed for $name"; exit 1; }
  touch "$dir/.complete"
}

# Debian packages the service and its tests run: redis-server (broker), postgresql (the store's second
# backend, tested for real), chromium (admin console browser tests), docker-compose (validates docker/).
SYSTEM_PACKAGES=(redis-server postgresql chromium docker-compose)

install_system_packages() {
  local missing=() package
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  # policy-rc.d 101: install without starting the distribution's own redis/postgresql services.
  printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null && as_root chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  as_root rm -f /usr/sbin/policy-rc.d
}

install_app_venv() {
  local name="app-$(hash_files "$ROOT/requirements/app.lock")"
  build_venv "$name" "$(find_python 3.11)" -r "$ROOT/requirements/app.lock"
  local venv="$CACHE/venvs/$name"
  # The project itself is installed editable from whichever clone last ran this script.
  if [ "$(cat "$venv/.clone" 2>/dev/null)" != "$ROOT" ] || [ ! -x "$venv/bin/bcdbot" ]; then
    "$venv/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$ROOT" >/dev/null
    echo "$ROOT" > "$venv/.clone"
  fi
  ln -sfn "$venv" "$ROOT/.venv"
}

install_rasa_venv() {
  local name="rasa-$(hash_files "$ROOT/nlu/requirements.txt" "$ROOT/nlu/constraints.txt")"
  build_venv "$name" "$(find_python 3.10)" -r "$ROOT/nlu/requirements.txt" -c "$ROOT/nlu/constraints.txt"
  ln -sfn "$CACHE/venvs/$name" "$ROOT/.rasa-venv"
}

train_rasa_model() {
  local key model
  key=$(cd "$ROOT/nlu" && { readlink -f "$ROOT/.rasa-venv"; cat config.yml domain.yml; find data rasa_addons -name "*.yml" -o -name "*.py" | sort | xargs cat; } | sha256sum | cut -c1-16)
  model="$CACHE/rasa-models/nlu-$key.tar.gz"
  if [ ! -f "$model" ]; then
    say "training the Rasa NLU model (once per change of nlu/config.yml, domain.yml, data/ or rasa_addons/; ~16 min on 2 cores)"
    local out; out=$(mktemp -d)
    (cd "$ROOT/nlu" && RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1 \
      "$ROOT/.rasa-venv/bin/rasa" train nlu --config config.yml --domain domain.yml --nlu data \
      --out "$out" --fixed-model-name bcdbot-nlu > "$CACHE/logs/rasa-train.log" 2>&1) || {
        tail -30 "$CACHE/logs/rasa-train.log"; say "rasa train failed"; exit 1; }
    mv "$out/bcdbot-nlu.tar.gz" "$model.partial" && mv "$model.partial" "$model"
    rm -rf "$out" "$ROOT/nlu/.rasa"
  fi
  mkdir -p "$ROOT/nlu/models"
  ln -sfn "$model" "$ROOT/nlu/models/current.tar.gz"
}

install_system_packages
install_app_venv &
app_pid=$!
install_rasa_venv
wait "$app_pid"
train_rasa_model
say "ready: .venv, .rasa-venv, nlu/models/current.tar.gz, $(redis-server --version | cut -d' ' -f3)"
