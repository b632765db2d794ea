"""The `bcdbot` command: `bot`, `worker`, `emulator`, `demo`, `grant-role`, ..."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from bcdbot.detector_cli import register as register_detector
from bcdbot.store_cli import register as register_store  # db, admin, grant-role, maintenance
from bot.catalog.cli import register as register_catalog
from clinical.risk_cli import register as register_risk
from settings import configure_logging, get_settings


def _bot(_: argparse.Namespace) -> int:
    from bot.app import run_bot

    settings = get_settings()
    configure_logging(settings.log_level)
    run_bot(settings)
    return 0


def _worker(args: argparse.Namespace) -> int:
    from workers.run import run_worker

    settings = get_settings()
    configure_logging(settings.log_level)
    try:
        run_worker(settings, kind=args.kind, concurrency=args.concurrency, queues=args.queues, name=args.name)
    except SystemExit as stop:
        _exit_without_teardown(stop.code if isinstance(stop.code, int) else int(stop.code is not None))
    _exit_without_teardown(0)


def _exit_without_teardown(code: int) -> NoReturn:
    """Leave a stopped worker at once: its interpreter's teardown (collecting torch's heap) took 8 s after
    Celery had stopped, on 2 busy cores, with nothing left to save."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _emulator(args: argparse.Namespace) -> int:
    from telegram_emulator.__main__ import main as emulator_main

    emulator_main(["--host", args.host, "--port", str(args.port)])
    return 0


def _demo(_: argparse.Namespace) -> int:
    from bcdbot.demo import run_demo

    return run_demo(Path.cwd())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bcdbot", description="Breast-cancer triage chatbot (research use)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("bot", help="run the Telegram bot (polling)").set_defaults(handler=_bot)
    worker = commands.add_parser("worker", help="run a Celery worker with the detector")
    worker.add_argument("--concurrency", type=int, default=1, help="worker processes (default 1)")
    worker.add_argument(
        "--kind", choices=["cpu", "gpu"], default="cpu", help="CPU (prefork) or GPU (batching)"
    )
    worker.add_argument("--name", default=None, help="worker node name (default: bcdbot-<kind>-<pid>)")
    worker.add_argument("--queues", default=None, help="comma-separated queues (default: images.<kind>)")
    worker.set_defaults(handler=_worker)
    emulator = commands.add_parser("emulator", help="run the local Telegram Bot API emulator and chat page")
    emulator.add_argument("--host", default="127.0.0.1")
    emulator.add_argument("--port", type=int, default=8081)
    emulator.set_defaults(handler=_emulator)
    commands.add_parser("demo", help="run everything locally (what `make demo` does)").set_defaults(
        handler=_demo
    )
    register_risk(commands)
    register_detector(commands)
    register_store(commands)
    register_catalog(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    sys.exit(args.handler(args))
