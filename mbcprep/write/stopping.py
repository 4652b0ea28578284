"""Stopping cleanly on Ctrl-C, SIGTERM and SIGHUP, and never outliving the process that started us.

A stop signal is turned into something the code can finish on: a flag that
``run_batch`` looks at between rows (so a batch ends with its finished files,
an honest summary and ``batch-errors.csv``), or an exception: ``Stopped`` (so a
single write removes its temporary file on the way out), or the web server's
own (so waitress stops serving and every download is dropped).  The exit status is
128 + the signal number, as a shell reports a process killed by it: 130 for
Ctrl-C, 143 for SIGTERM, 129 for SIGHUP.

Batch workers leave every stop signal to their parent, and exit by
themselves when the parent is gone (killed with SIGKILL, which cannot be
caught): the kernel tells them on Linux (``PR_SET_PDEATHSIG``), and a
watcher thread notices a new parent process everywhere else.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from mbcprep.errors import Stopped

#: The signals that mean "stop" (those this platform has).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
#: The signal a worker receives when its parent dies (Linux), handled by exiting.
PARENT_GONE_SIGNAL = getattr(signal, "SIGUSR1", None)
PARENT_POLL_SECONDS = 0.5
#: What ``signal.signal`` takes and gives back: a function, SIG_DFL or SIG_IGN, or None (set outside Python).
Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


def exit_status(signum: int) -> int:
    """The exit status of a run stopped by ``signum``: 128 + its number."""
    return 128 + int(signum)


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


class StopSignals:
    """While active, the first stop signal is recorded in ``signum`` (and raised when ``raising``).

    Later signals are only recorded, so the cleanup the first one started
    is never cut short.  Use as a context manager in the main thread; the
    handlers that were there before are put back at the end.  The signal
    is raised as ``error(signum)``: ``Stopped`` for a file being written,
    or what a caller's loop lets through (the web server's).
    """

    def __init__(self, raising: bool = False, error: type[BaseException] = Stopped):
        self.raising = raising
        self.error = error
        self.signum: int | None = None
        self._previous: dict[int, Handler] = {}

    def __enter__(self) -> "StopSignals":
        for signum in STOP_SIGNALS:
            try:
                self._previous[signum] = signal.signal(signum, self._handle)
            except (ValueError, OSError):  # not the main thread, or not allowed here
                pass
        return self

    def __exit__(self, *exc_info) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum, frame) -> None:
        if self.signum is not None:
            return
        self.signum = signum
        if self.raising:
            raise self.error(signum)

    def __call__(self) -> int | None:
        """The stop signal received so far, or None: handy as a ``should_stop`` callback."""
        return self.signum


def become_worker(parent_pid: int, on_exit) -> None:
    """Set up a pool worker: ignore stop signals (the parent decides) and die with the parent.

    ``on_exit`` runs just before the worker exits because its parent is
    gone (it removes the temporary file the worker was writing).
    """
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)

    def parent_gone(*_args) -> None:
        try:
            on_exit()
        finally:
            os._exit(1)

    if PARENT_GONE_SIGNAL is not None and _ask_kernel_to_signal_on_parent_death(PARENT_GONE_SIGNAL):
        signal.signal(PARENT_GONE_SIGNAL, parent_gone)
    if os.getppid() != parent_pid:  # the parent died before we could ask
        parent_gone()

    def watch() -> None:
        while True:
            threading.Event().wait(PARENT_POLL_SECONDS)
            if os.getppid() != parent_pid:
                parent_gone()

    threading.Thread(target=watch, name="mbcprep-parent-watch", daemon=True).start()


def _ask_kernel_to_signal_on_parent_death(signum: int) -> bool:
    """``prctl(PR_SET_PDEATHSIG, signum)`` on Linux; False where there is no such call."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes  # only where there is a prctl to call (Linux)

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        return libc.prctl(pr_set_pdeathsig, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
