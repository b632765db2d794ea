"""Children that die with the process that started them, even when that process is killed with SIGKILL.

Linux's ``PR_SET_PDEATHSIG`` makes the kernel signal a child when its parent goes away. The child gets
SIGTERM, the same signal a normal stop sends, so each service shuts down the way it always does (Celery
stops its pool, Redis syncs its append-only file). The signal follows the *thread* that started the child:
start children from the main thread (or one that lives as long as they should).

Elsewhere (macOS) this is a no-op and only an orderly stop cleans up.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from collections.abc import Callable

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    prctl: Callable[..., int] = libc.prctl
    return prctl


# Resolved once here: the hook below runs between fork and exec, where importing or loading could deadlock.
_PRCTL = _load_prctl()


def die_with_parent_hook(sig: signal.Signals = signal.SIGTERM) -> Callable[[], None] | None:
    """A ``preexec_fn`` for ``subprocess.Popen`` that asks for `sig` when this process dies."""
    if _PRCTL is None:
        return None
    prctl = _PRCTL
    parent = os.getpid()
    signum = ctypes.c_ulong(int(sig))

    def hook() -> None:
        prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the request took effect
            os.kill(os.getpid(), int(sig))

    return hook
