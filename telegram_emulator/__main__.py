"""Run the emulator: ``python -m telegram_emulator --host 127.0.0.1 --port 8081``."""

from __future__ import annotations

import argparse
import logging

from aiohttp import web

from .app import create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8081
# Open long polls are answered at shutdown; this only bounds a request still being read or written.
SHUTDOWN_TIMEOUT_S = 2.0

logger = logging.getLogger("telegram_emulator")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m telegram_emulator", description=__doc__)
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logger.info("Telegram Bot API emulator on http://%s:%d/ (Bot API base URL: /bot)", args.host, args.port)
    # No access log: request paths carry bot tokens and chat ids.
    web.run_app(
        create_app(),
        host=args.host,
        port=args.port,
        access_log=None,
        print=None,
        shutdown_timeout=SHUTDOWN_TIMEOUT_S,
    )


if __name__ == "__main__":
    main()
