"""`make demo` (`bcdbot demo`), the README's command to run the service: every process starts on its
documented port, a person can chat with it through the local emulator, SIGTERM stops everything within
5 s, a taken port stops it before it starts anything, and SIGKILL of the demo leaves no service behind."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from bcdbot.processes import DEFAULT_STOP_TIMEOUT_S, port_open
from tests.chat import ChatUser
from tests.process_tree import children_of, wait_until_gone
from tests.shared_data import MINI_MIAS_IMAGES
from tests.test_end_to_end import assert_probability_reply

# Each test starts the whole demo, Rasa included: longer than the suite's 300 s default on busy cores.
pytestmark = [pytest.mark.integration, pytest.mark.timeout(720)]

ROOT = Path(__file__).resolve().parents[1]
DEMO_PORTS = {"redis": 6390, "rasa": 5005, "emulator": 8081, "admin": 8090}  # bcdbot.stack.StackConfig
READY_TIMEOUT_S = 600.0
STOP_TIMEOUT_S = 90.0
# Every service gets SIGTERM at once and DEFAULT_STOP_TIMEOUT_S to stop; the demo's own exit adds a little.
DEMO_STOP_S = DEFAULT_STOP_TIMEOUT_S + 2.0
REFUSAL_TIMEOUT_S = 30.0


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

    def join(self, timeout_s: float = 5.0) -> None:
        """Wait until the demo's output ended (it exited)."""
        self._thread.join(timeout_s)

    def wait_for(self, text: str, process: subprocess.Popen[str], timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            if process.poll() is not None:
                break
            time.sleep(0.5)
        raise AssertionError(f"no {text!r} from the demo; it printed:\n" + "\n".join(self.lines[-40:]))


def skip_if_a_demo_runs() -> None:
    busy = [name for name, port in DEMO_PORTS.items() if port_open(port)]
    if busy:
        pytest.skip(f"the demo's ports are taken here ({', '.join(busy)}): is a demo already running?")


def start_demo(tmp_path: Path) -> tuple[subprocess.Popen[str], DemoOutput]:
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
    return demo, DemoOutput(demo)


def test_the_demo_serves_a_chat_and_stops_cleanly(tmp_path: Path) -> None:
    skip_if_a_demo_runs()
    demo, output = start_demo(tmp_path)
    stopping = 0.0
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
        stopping = time.monotonic()
        demo.send_signal(signal.SIGTERM)
        try:
            demo.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            demo.kill()
            raise
    stop_s = time.monotonic() - stopping
    output.wait_for("[demo] stopping", demo, 5)
    assert not any("killed after" in line for line in output.lines), "\n".join(output.lines[-5:])
    assert stop_s < DEMO_STOP_S, f"the demo took {stop_s:.1f} s to stop"
    still_open = [name for name, port in DEMO_PORTS.items() if port_open(port)]
    assert still_open == [], f"still listening after the demo stopped: {still_open}"


def test_the_demo_refuses_a_taken_port_before_starting_anything(tmp_path: Path) -> None:
    skip_if_a_demo_runs()
    with socket.socket() as squatter:
        # An earlier demo's chat connections may still be in TIME_WAIT on this port.
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", DEMO_PORTS["emulator"]))
        squatter.listen()
        demo, output = start_demo(tmp_path)
        try:
            assert demo.wait(timeout=REFUSAL_TIMEOUT_S) == 1
        finally:
            if demo.poll() is None:
                demo.kill()
        output.join()
    printed = "\n".join(output.lines)
    assert f"port {DEMO_PORTS['emulator']}, which emulator needs, is already in use" in printed
    assert "Is another `bcdbot demo`" in printed
    assert not any("[demo] starting" in line for line in output.lines), printed
    assert not port_open(DEMO_PORTS["redis"])


def test_a_demo_killed_outright_leaves_no_service_behind(tmp_path: Path) -> None:
    skip_if_a_demo_runs()
    demo, output = start_demo(tmp_path)
    try:
        output.wait_for("[demo] ready: open", demo, READY_TIMEOUT_S)
        services = children_of(demo.pid)
        assert len(services) == 7, [service.command for service in services]
    finally:
        demo.kill()
        demo.wait(10)
    # Each service leads its own session, and whatever it started (Celery's pool, beat) stays in it.
    left = wait_until_gone({service.pid for service in services}, DEMO_STOP_S)
    assert left == [], [process.command for process in left]
    still_open = [name for name, port in DEMO_PORTS.items() if port_open(port)]
    assert still_open == [], f"still listening after the demo was killed: {still_open}"
