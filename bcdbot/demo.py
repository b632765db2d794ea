"""`make demo`: the whole stack on this machine, talking to the local emulator unless a token is set."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from bcdbot.processes import (
    DEFAULT_STOP_TIMEOUT_S,
    ManagedProcess,
    ProcessFailed,
    ensure_ports_free,
    stop_all,
)
from bcdbot.stack import (
    StackConfig,
    admin_process,
    bot_process,
    emulator_process,
    maintenance_process,
    rasa_process,
    redis_process,
    worker_process,
)

RASA_START_TIMEOUT_S = 400.0  # 70 s here when idle; over 240 s on 2 cores shared with other work
START_TIMEOUT_S = 90.0


def run_demo(root: Path) -> int:
    """Start every service, print where to chat, and stop them all on Ctrl-C (or SIGTERM).

    Refuses to start when a port it needs is taken. Data and logs go to ``var/`` in the checkout, or to
    ``BCDBOT_DEMO_VAR_DIR``. The services get SIGTERM from the kernel if this process is killed outright.
    """
    config = StackConfig(root=root, var_dir=Path(os.environ.get("BCDBOT_DEMO_VAR_DIR") or root / "var"))
    local = "TELEGRAM_BOT_TOKEN" not in os.environ
    if not local:
        config.extra_env["TELEGRAM_BOT_TOKEN"] = os.environ["TELEGRAM_BOT_TOKEN"]
    redis, rasa, worker = redis_process(config), rasa_process(config), worker_process(config)
    emulator = [emulator_process(config)] if local else []
    later = [bot_process(config), admin_process(config), maintenance_process(config)]
    started: list[ManagedProcess] = []

    def start(process: ManagedProcess, timeout_s: float = START_TIMEOUT_S) -> None:
        print(f"[demo] starting {process.name} (log: {process.log_path})", flush=True)
        started.append(process.start())
        process.wait_ready(timeout_s)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        ensure_ports_free([redis, rasa, *emulator, *later])
        start(redis)
        print("[demo] starting rasa (30-60 s to load its model)", flush=True)
        started.append(rasa.start())
        for process in emulator:
            start(process)
        start(worker)
        rasa.wait_ready(RASA_START_TIMEOUT_S)
        for process in later:
            start(process)
        _print_ready(config, local)
        while all(process.running for process in started):
            time.sleep(1)
        stopped = [process.name for process in started if not process.running]
        print(f"[demo] {', '.join(stopped)} stopped; see the logs in {config.var_dir / 'logs'}", flush=True)
        return 1
    except ProcessFailed as exc:
        print(f"[demo] {exc}", flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(started)


def _print_ready(config: StackConfig, local: bool) -> None:
    print(
        f"[demo] admin console: http://127.0.0.1:{config.admin_port}/ "
        "(create an account first: .venv/bin/bcdbot admin create-user NAME --role admin)",
        flush=True,
    )
    if local:
        print(f"\n[demo] ready: open {config.emulator_url}/ to chat. Ctrl-C stops everything.\n", flush=True)
    else:
        print("[demo] ready: the bot is talking to Telegram. Ctrl-C stops everything.", flush=True)


def _stop(started: list[ManagedProcess]) -> None:
    # A second Ctrl-C or SIGTERM while stopping would leave the rest running.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if not started:
        return
    print("[demo] stopping", flush=True)
    killed = stop_all(list(reversed(started)))
    if killed:
        print(
            f"[demo] killed after {DEFAULT_STOP_TIMEOUT_S:.0f} s without stopping: {', '.join(killed)}",
            flush=True,
        )
