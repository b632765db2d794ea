#!/usr/bin/env bash
# Builds, in this checkout, what a bare GPU machine (CUDA torch + timm, Python 3.12, no internet) lacks to run
# bench/gpu_check.sh: the service's pure-Python wheels (.whl/), redis-server with its libraries and a few
# real mammograms (.gpu/). Both folders are git-ignored; the device tool carries them with `carry`.
set -euo pipefail
cd "$(dirname "$0")/.."
grep -qx '/.whl/' .git/info/exclude || echo '/.whl/' >>.git/info/exclude
grep -qx '/.gpu/' .git/info/exclude || echo '/.gpu/' >>.git/info/exclude

wanted="amqp annotated-types billiard celery celery-batches click-didyoumean click-plugins click-repl kombu
prompt_toolkit pydantic pydantic-settings pydantic_core pydicom python-dotenv redis typing-inspection tzlocal
vine wcwidth"
pins=()
for name in $wanted; do
    pin=$(grep -i -E "^${name//[-_]/[-_]}==" requirements/app.lock) || { echo "not in app.lock: $name" >&2; exit 1; }
    pins+=("$pin")
done
rm -rf .whl && mkdir .whl
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
    -d .whl "${pins[@]}" tzdata

rm -rf .gpu && mkdir -p .gpu/bin .gpu/lib .gpu/mammograms
real=$(readlink -f "$(command -v redis-server)")
cp "$real" .gpu/lib/redis-server-bin  # redis picks its mode from argv[0]: the name must not say check-rdb
for lib in liblzf libjemalloc libatomic libsystemd libcap libgcrypt libgpg-error liblz4; do
    path=$(ldd "$real" | awk -v l="$lib" '$1 ~ "^"l {print $3}')
    [[ -n "$path" ]] && cp -L "$path" .gpu/lib/
done
cat >.gpu/bin/redis-server <<'WRAPPER'
#!/usr/bin/env bash
here="$(cd "$(dirname "$0")/../lib" && pwd)"
LD_LIBRARY_PATH="$here" exec -a redis-server "$here/redis-server-bin" "$@"
WRAPPER
chmod +x .gpu/bin/redis-server
ls ../shared/data/mini-mias/images/mdb*.png | head -24 | xargs -I{} cp {} .gpu/mammograms/
du -sh .whl .gpu
