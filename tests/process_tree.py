"""Which processes are alive, read from /proc (Linux): to check that nothing outlives its supervisor."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class ProcessInfo:
    pid: int
    parent: int
    session: int
    command: str


def live_processes() -> list[ProcessInfo]:
    """Every process that is running (zombies, already dead but not yet reaped, are left out)."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # it exited while we looked
            continue
        # The command name is in parentheses and may hold spaces: the fields come after the last ')'.
        state, parent, _group, session = stat[stat.rindex(")") + 2 :].split()[:4]
        if state != "Z":
            found.append(ProcessInfo(int(entry.name), int(parent), int(session), command.strip()))
    return found


def children_of(pid: int) -> list[ProcessInfo]:
    return [process for process in live_processes() if process.parent == pid]


def in_sessions(sessions: set[int]) -> list[ProcessInfo]:
    """The live processes of these sessions: a service and everything it started (they keep its session)."""
    return [process for process in live_processes() if process.session in sessions]


def wait_until_gone(sessions: set[int], timeout_s: float) -> list[ProcessInfo]:
    """Wait for every process of `sessions` to end; those still alive after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while (left := in_sessions(sessions)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left
