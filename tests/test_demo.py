"""`make demo` (`bcdbot demo`), the README's command to run the service: every process starts on its
documented port, a person can chat with it through the local emulator, and SIGTERM stops everything."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from bcdbot.processes import port_open
from tests.chat import ChatUser
from tests.shared_data import MINI_MIAS_IMAGES
from tests.test_end_to_end import assert_probability_reply

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
DEMO_PORTS = {"redis": 6390, "rasa": 5005, "emulator": 8081, "admin": 8090}  # bcdbot.stack.StackConfig
READY_TIMEOUT_S = 420.0
STOP_TIMEOUT_S = 90.0


class DemoOutput:
    """Collects the demo's stdout on a thread, so the test can wait for a line without blocking."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, process: subprocess.Popen[str], timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            if process.poll() is not None:
                break
            time.sleep(0.5)
        raise AssertionError(f"no {text!r} from the demo; it printed:\n" + "\n".join(self.lines[-40:]))


def test_the_demo_serves_a_chat_and_stops_cleanly(tmp_path: Path) -> None:
    busy = [name for name, port in DEMO_PORTS.items() if port_open(port)]
    if busy:
        pytest.skip(f"the demo's ports are taken here ({', '.join(busy)}): is a demo already running?")
    env = {**os.environ, "BCDBOT_DEMO_VAR_DIR": str(tmp_path / "var"), "PYTHONUNBUFFERED": "1"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    demo = subprocess.Popen(
        [sys.executable, "-m", "bcdbot", "demo"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = DemoOutput(demo)
    try:
        output.wait_for("[demo] ready: open", demo, READY_TIMEOUT_S)
        chat = ChatUser(f"http://127.0.0.1:{DEMO_PORTS['emulator']}")
        try:
            chat.consent()
            chat.send_text("I have had a painful lump in my left breast for 3 weeks")
            assert "within two weeks" in chat.one_reply()
            photo = io.BytesIO()
            Image.open(MINI_MIAS_IMAGES / "mdb001.png").save(photo, format="JPEG", quality=90)
            chat.send_photo(photo.getvalue())
            assert_probability_reply(chat.one_reply())
        finally:
            chat.close()
    finally:
        demo.send_signal(signal.SIGTERM)
        try:
            demo.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            demo.kill()
            raise
    output.wait_for("[demo] stopping", demo, 5)
    still_open = [name for name, port in DEMO_PORTS.items() if port_open(port)]
    assert still_open == [], f"still listening after the demo stopped: {still_open}"
