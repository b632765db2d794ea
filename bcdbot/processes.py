"""Start, wait for and stop the service processes (used by `bcdbot demo` and by the tests)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from bcdbot.parent_death import die_with_parent_hook

# Every service must stop this fast after SIGTERM; past it the supervisor kills it and says so.
DEFAULT_STOP_TIMEOUT_S = 5.0


class ProcessFailed(RuntimeError):
    """A service process exited or did not become ready in time."""


class PortTaken(ProcessFailed):
    """Something already listens on a port a service needs: its readiness probe would ask the wrong server."""

    def __init__(self, name: str, port: int) -> None:
        super().__init__(
            f"port {port}, which {name} needs, is already in use on 127.0.0.1. Is another `bcdbot demo` or "
            f"test run still going? Stop it (Ctrl-C in its terminal), or find what listens with "
            f"`ss -ltnp 'sport = :{port}'` and stop that, then start again."
        )
        self.name = name
        self.port = port


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


def ensure_ports_free(processes: Iterable[ManagedProcess]) -> None:
    """Raise PortTaken for the first process whose port someone already listens on."""
    for process in processes:
        if process.port is not None and port_open(process.port):
            raise PortTaken(process.name, process.port)


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 200 <= int(response.status) < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


@dataclass
class ManagedProcess:
    """One child process with a readiness check; its output goes to a log file.

    `port`, when set, is the port the process listens on: `start` refuses to run it while another process
    holds that port. The child gets SIGTERM if this process dies (bcdbot.parent_death).
    """

    name: str
    argv: Sequence[str]
    ready: Callable[[], bool]
    log_path: Path
    env: Mapping[str, str] | None = None
    cwd: Path | None = None
    port: int | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)
    _log: IO[bytes] | None = field(default=None, init=False)
    _log_offset: int = field(default=0, init=False)

    def start(self) -> ManagedProcess:
        ensure_ports_free([self])
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
            start_new_session=True,  # its own group, so that a stop reaches its children too
            preexec_fn=die_with_parent_hook(),
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

    def stop(self, timeout_s: float = DEFAULT_STOP_TIMEOUT_S) -> bool:
        """SIGTERM, then SIGKILL after `timeout_s`; False when it had to be killed."""
        self.kill(signal.SIGTERM)
        return self.finish_stop(time.monotonic() + timeout_s)

    def finish_stop(self, deadline: float) -> bool:
        """Wait for a process sent SIGTERM until `deadline` (monotonic), then kill it; False if killed."""
        stopped = True
        if self.process is not None and self.process.poll() is None:
            try:
                self.process.wait(max(deadline - time.monotonic(), 0.0))
            except subprocess.TimeoutExpired:
                stopped = False
                self.kill(signal.SIGKILL)
                self.process.wait(5)
        if self._log is not None:
            self._log.close()
            self._log = None
        return stopped


def stop_all(processes: Sequence[ManagedProcess], timeout_s: float = DEFAULT_STOP_TIMEOUT_S) -> list[str]:
    """Stop processes together (SIGTERM to all, one deadline); the names of those that had to be killed."""
    for process in processes:
        process.kill(signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    return [process.name for process in processes if not process.finish_stop(deadline)]
