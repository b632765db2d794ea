"""Start, wait for and stop the service processes (used by `bcdbot demo` and by the tests)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

DEFAULT_STOP_TIMEOUT_S = 15.0


class ProcessFailed(RuntimeError):
    """A service process exited or did not become ready in time."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 200 <= int(response.status) < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


@dataclass
class ManagedProcess:
    """One child process with a readiness check; its output goes to a log file."""

    name: str
    argv: Sequence[str]
    ready: Callable[[], bool]
    log_path: Path
    env: Mapping[str, str] | None = None
    cwd: Path | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)
    _log: IO[bytes] | None = field(default=None, init=False)
    _log_offset: int = field(default=0, init=False)

    def start(self) -> ManagedProcess:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        self._log = self.log_path.open("ab")
        environment = {**os.environ, **(self.env or {})}
        self.process = subprocess.Popen(
            list(self.argv),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=environment,
            cwd=self.cwd,
            start_new_session=True,
        )
        return self

    def wait_ready(self, timeout_s: float) -> ManagedProcess:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise ProcessFailed(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                ready = self.ready()
            except Exception:  # e.g. a client whose connection a restarted server closed: not ready yet
                ready = False
            if ready:
                return self
            time.sleep(0.2)
        raise ProcessFailed(f"{self.name} not ready after {timeout_s:.0f} s; see {self.log_path}")

    def logged_since_start(self, text: str) -> bool:
        """Whether this run of the process has written `text` to its log."""
        with self.log_path.open("rb") as log:
            log.seek(self._log_offset)
            return text.encode() in log.read()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self, sig: signal.Signals = signal.SIGKILL) -> None:
        """Send a signal to the process's whole group (a Celery worker has children)."""
        if self.running and self.process is not None:
            os.killpg(self.process.pid, sig)

    def stop(self, timeout_s: float = DEFAULT_STOP_TIMEOUT_S) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill(signal.SIGTERM)
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.kill(signal.SIGKILL)
                self.process.wait(5)
        if self._log is not None:
            self._log.close()
            self._log = None
