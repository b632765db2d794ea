"""`make demo`: the whole stack on this machine, talking to the local emulator unless a token is set."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from bcdbot.processes import ManagedProcess, ProcessFailed
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

RASA_START_TIMEOUT_S = 240.0
START_TIMEOUT_S = 90.0


def run_demo(root: Path) -> int:
    """Start every service, print where to chat, and stop them all on Ctrl-C (or SIGTERM).

    Data and logs go to ``var/`` in the checkout, or to ``BCDBOT_DEMO_VAR_DIR``.
    """
    config = StackConfig(root=root, var_dir=Path(os.environ.get("BCDBOT_DEMO_VAR_DIR") or root / "var"))
    if "TELEGRAM_BOT_TOKEN" in os.environ:
        config.extra_env["TELEGRAM_BOT_TOKEN"] = os.environ["TELEGRAM_BOT_TOKEN"]
    started: list[ManagedProcess] = []

    def start(process: ManagedProcess, timeout_s: float = START_TIMEOUT_S) -> None:
        print(f"[demo] starting {process.name} (log: {process.log_path})", flush=True)
        started.append(process.start())
        process.wait_ready(timeout_s)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        start(redis_process(config))
        rasa = rasa_process(config)
        print("[demo] starting rasa (30-60 s to load its model)", flush=True)
        started.append(rasa.start())
        if "TELEGRAM_BOT_TOKEN" not in config.extra_env:
            start(emulator_process(config))
        start(worker_process(config))
        rasa.wait_ready(RASA_START_TIMEOUT_S)
        start(bot_process(config))
        # The admin console and the retention job.
        start(admin_process(config))
        start(maintenance_process(config))
        print(
            f"[demo] admin console: http://127.0.0.1:{config.admin_port}/ "
            "(create an account first: .venv/bin/bcdbot admin create-user NAME --role admin)",
            flush=True,
        )
        # --- end admin console ---
        if "TELEGRAM_BOT_TOKEN" in config.extra_env:
            print("[demo] ready: the bot is talking to Telegram. Ctrl-C stops everything.", flush=True)
        else:
            print(
                f"\n[demo] ready: open {config.emulator_url}/ to chat. Ctrl-C stops everything.\n", flush=True
            )
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
        print("[demo] stopping", flush=True)
        for process in reversed(started):
            process.stop()
