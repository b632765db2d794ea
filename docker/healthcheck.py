"""Container healthchecks, copied into the images (the standard library and bcdbot only; no curl needed).

python healthcheck.py http URL        # 2xx from URL (bot /healthz, admin, Rasa)
python healthcheck.py worker NAME     # the Celery node NAME@<this container's hostname> answers a ping
"""

from __future__ import annotations

import socket
import sys
import urllib.request

TIMEOUT_S = 5.0


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            return 200 <= int(response.status) < 300
    except OSError:
        return False


def worker_answers(name: str) -> bool:
    from settings import Settings
    from workers.celery_app import create_celery

    app = create_celery(Settings())
    destination = [f"{name}@{socket.gethostname()}"]
    return bool(app.control.ping(destination=destination, timeout=TIMEOUT_S))


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "http":
        return 0 if http_ok(argv[1]) else 1
    if len(argv) == 2 and argv[0] == "worker":
        return 0 if worker_answers(argv[1]) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
