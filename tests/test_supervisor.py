"""The process supervisor the demo and the test stack share (bcdbot.processes): a taken port is refused
with its number and what to do, children die with a supervisor killed outright, and services stop within
5 s of SIGTERM. Real redis-server and emulator processes; the whole demo is in tests/test_demo.py."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bcdbot.processes import DEFAULT_STOP_TIMEOUT_S, PortTaken, free_port, port_open
from bcdbot.stack import StackConfig, emulator_process, redis_process
from tests.process_tree import wait_until_gone

ROOT = Path(__file__).resolve().parents[1]
LONG_POLL_S = 50


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port on 127.0.0.1 that this test listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def test_a_taken_port_is_refused_with_its_number_before_the_process_starts(
    taken_port: int, tmp_path: Path
) -> None:
    config = StackConfig(ROOT, tmp_path, redis_port=taken_port)
    process = redis_process(config)
    with pytest.raises(PortTaken, match=rf"port {taken_port}, which redis-server needs.*Stop it") as caught:
        process.start()
    assert "bcdbot demo" in str(caught.value)
    assert process.process is None


def test_children_die_with_a_supervisor_killed_outright(tmp_path: Path) -> None:
    config = StackConfig.for_tests(ROOT, tmp_path)
    script = textwrap.dedent(
        f"""
        import json, sys, time
        from pathlib import Path
        from bcdbot.stack import StackConfig, emulator_process, redis_process
        config = StackConfig(Path({str(ROOT)!r}), Path({str(tmp_path)!r}),
                             redis_port={config.redis_port}, emulator_port={config.emulator_port})
        children = [redis_process(config).start(), emulator_process(config).start()]
        for child in children:
            child.wait_ready(60)
        print(json.dumps([child.process.pid for child in children]), flush=True)
        time.sleep(600)
        """
    )
    supervisor = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert supervisor.stdout is not None
        sessions = set(json.loads(supervisor.stdout.readline()))
        assert len(sessions) == 2
    finally:
        supervisor.kill()
        supervisor.wait(10)
    assert wait_until_gone(sessions, DEFAULT_STOP_TIMEOUT_S) == []
    assert not port_open(config.redis_port)
    assert not port_open(config.emulator_port)


def test_the_emulator_stops_within_5_s_with_long_polls_open(tmp_path: Path) -> None:
    config = StackConfig(ROOT, tmp_path, emulator_port=free_port())
    emulator = emulator_process(config).start().wait_ready(60)
    polls = [
        (f"{config.emulator_url}/bot123:abc/getUpdates", {"timeout": LONG_POLL_S}),
        (f"{config.emulator_url}/emulator/chats/5/messages", {"after": 0, "timeout": LONG_POLL_S}),
    ]
    answered: list[int] = []

    def poll(url: str, params: dict[str, int]) -> None:
        answered.append(httpx.get(url, params=params, timeout=LONG_POLL_S + 10).status_code)

    threads = [threading.Thread(target=poll, args=poll_args, daemon=True) for poll_args in polls]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # both polls are waiting now
    assert emulator.process is not None
    started = time.monotonic()
    emulator.process.send_signal(signal.SIGTERM)
    emulator.process.wait(30)
    assert time.monotonic() - started < DEFAULT_STOP_TIMEOUT_S
    for thread in threads:
        thread.join(5)
    assert answered == [200, 200], "the open long polls were cut off instead of answered"
