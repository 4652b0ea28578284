"""A roster's rows made one by one: a stream of outcomes, in this process or in a pool of worker processes.

``RowStream`` takes the rows to make (``RowJob``: a checked request and
the name the writer gave it) and yields what became of each as it is
done: ``RowMade`` (the handout's bytes and pages) or ``RowFailure`` (the
row and one reason).  Every writer is a loop over this stream: ``mbcprep
batch`` places each handout in a folder (``mbcprep.write.folder``), the web
page's nurse form in a zip (``mbcprep.write.archive``); a progress bar, or
a page that shows a clinic day as it is made, counts the outcomes as they
come.

Why a row failed is decided in one place, ``row_failure``: the column
and the problem for a request, the pack's own words for a pack text too
long for a page, the operating system's reason for a file that cannot be
written; never what a cell holds.  Any other error is a bug, and costs its
row, not the clinic day.  The reason is English words (the error report)
and the same as values (a code, the column), which the web page words in
its own language.

With ``processes`` > 1 the rows are made in worker processes.  A writer
that places files gives the stream a ``place`` step, run in the process
that made the row: the workers write in parallel, only the outcome travels
back, and a worker whose parent dies removes the file it was writing.  A
stop (``should_stop``, or Ctrl-C) finishes the rows in hand and starts no
more; a worker killed outright (the out-of-memory killer) costs the rows it
held, and every other row is still accounted for.  Output is byte-identical
whatever the number of processes: each handout depends only on its own request.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator, Protocol

from mbcprep.errors import HandoutError, OutputError, PackInvalid, RequestError, pack_reason
from mbcprep.model.roster import RowFailure, RowJob, RowMade, RowOutcome
from mbcprep.plan import plan_handout
from mbcprep.render import render_handout
from mbcprep.request.packs import PackShelf
from mbcprep.request.roster import row_reason
from mbcprep.write.files import OutputExists, remove_temps_in_progress
from mbcprep.write.folder import EXISTS
from mbcprep.write.stopping import become_worker

NOT_MADE = "not made: the batch was stopped before this row; run it again to make it"
WORKER_DIED = "not made: a worker process stopped unexpectedly (out of memory?); run it again to make it"


class Place(Protocol):
    """A writer's step run where a row was made (see the module's notes); it must pickle, for the workers."""

    def __call__(self, made: RowMade) -> RowMade:
        """Put the handout where it goes; the outcome to send back (without the bytes it placed)."""

    def recover(self, jobs: list[RowJob], since: float) -> set[int]:
        """After a worker died with ``jobs`` in hand: the rows among them already placed (since ``since``)."""


def failure_reason(error: Exception) -> str:
    """Why a row was not made, for the error report: the one mapping from an error to a row's reason."""
    return row_failure(0, error).reason


def row_failure(row: int, error: Exception) -> RowFailure:
    """The row's failure for ``error``: its reason in English and the same as values a page can word
    (``RowFailure.code``, ``column``, ``position``)."""
    if isinstance(error, RequestError):
        return RowFailure(row, row_reason(error), error.code, error.field or "", error.position)
    if isinstance(error, OutputExists):  # another run wrote the same name meanwhile
        return RowFailure(row, EXISTS, "exists")
    if isinstance(error, OutputError):  # the message names the file, which may be a patient's name
        return RowFailure(row, f"cannot write its file: {error.reason or 'it is not a file mbcprep can write'}",
                          "cannot_write")
    if isinstance(error, PackInvalid):  # a pack text too long for a page: the pack's words, never the row's
        return RowFailure(row, f"its handout could not be made: {pack_reason(error)}", "pack_text")
    if isinstance(error, HandoutError):
        return RowFailure(row, "its handout could not be made", "not_made_handout")
    if isinstance(error, OSError):  # reading a font or template failed: one line, not "a bug"
        return RowFailure(row, f"its handout could not be made: {error.strerror or type(error).__name__}",
                          "not_made_handout")
    return RowFailure(row, f"unexpected error ({type(error).__name__}); this is a bug in mbcprep, please report it",
                      "bug")


def make_row(job: RowJob, packs: PackShelf, place: Place | None = None) -> RowOutcome:
    """One row's handout in the format its request names (and placed, with ``place``), or why it failed."""
    try:
        request = job.request
        handout = render_handout(plan_handout(request, packs.pack_for(request.language)), request.format)
        made = RowMade(job.row, job.name, handout.pages, handout.data)
        return place(made) if place is not None else made
    except Exception as error:  # a bug must cost one row, not the whole clinic day
        return row_failure(job.row, error)


class RowStream:
    """Every row's outcome as it is done: iterate over it (once).

    Outcomes come in roster order in this process, and in the order they
    finish in a pool.  When a stop ends the stream early, ``stop_signal``
    holds the signal (SIGINT for Ctrl-C) and ``not_made`` the rows left undone.
    """

    def __init__(self, jobs: list[RowJob], packs: PackShelf, processes: int = 1, place: Place | None = None,
                 should_stop: Callable[[], int | None] | None = None, start_method: str | None = None):
        self.jobs = jobs
        self.packs = packs
        self.processes = processes
        self.place = place
        self.should_stop = should_stop or (lambda: None)
        #: How the pool's workers start (``multiprocessing``'s start methods); None: the platform's default.
        #: The web server asks for "forkserver": forking a process that runs threads can copy a held lock.
        self.start_method = start_method
        self.stop_signal: int | None = None
        self.not_made: list[int] = []
        self._done: set[int] = set()

    def __len__(self) -> int:
        return len(self.jobs)

    def __iter__(self) -> Iterator[RowOutcome]:
        outcomes = self._here() if self.processes <= 1 or len(self.jobs) <= 1 else self._in_pool()
        for outcome in outcomes:
            self._done.add(outcome.row)
            yield outcome
        if self.stop_signal is not None:
            self.not_made = [job.row for job in self.jobs if job.row not in self._done]

    def _here(self) -> Iterator[RowOutcome]:
        try:
            for job in self.jobs:
                if self.should_stop():
                    self.stop_signal = self.should_stop()
                    return
                yield make_row(job, self.packs, self.place)
        except KeyboardInterrupt:
            self.stop_signal = signal.SIGINT

    def _in_pool(self) -> Iterator[RowOutcome]:
        started = time.time() - 1  # file times may be rounded down to the second
        context = multiprocessing.get_context(self.start_method)
        # A forked worker's parent is this process; a forkserver's worker's is the fork server.
        parent = os.getpid() if context.get_start_method() == "fork" else None
        pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=context, initializer=_init_worker,
                                   initargs=(self.packs, self.place, parent))
        pending: dict[Future, list[RowJob]] = {}
        broken: list[list[RowJob]] = []  # chunks whose worker pool broke under them
        signum = None
        closing = False  # the reader stopped reading
        # Small chunks of rows per task: a handout takes tens of milliseconds,
        # so one task per row would spend a real share of it on messaging.
        # A bounded number of chunks in flight keeps memory flat whatever the
        # roster's length, and leaves little queued work when a stop comes.
        chunks = _chunks(self.jobs, _chunk_size(len(self.jobs), self.processes))
        try:
            more = True
            while (more or pending) and not self.should_stop() and not broken:
                while more and len(pending) < self.processes * 3:
                    chunk = next(chunks, None)
                    if chunk is None:
                        more = False
                        break
                    pending[pool.submit(_make_chunk, chunk)] = chunk
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = pending.pop(future)
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        broken.append(chunk)
                        continue
                    yield from outcomes
            signum = self.should_stop()
        except KeyboardInterrupt:
            signum = signal.SIGINT
        except BrokenProcessPool:  # raised by submit once the pool is broken
            pass
        except GeneratorExit:
            closing = True
            raise
        finally:
            if signum is not None or closing:
                # Queued chunks are dropped; running ones finish, so no file is left half-written.
                for future in list(pending):
                    if future.cancel():
                        del pending[future]
            finished: list[RowOutcome] = []
            for future, chunk in list(pending.items()):
                try:
                    finished += future.result()
                except BrokenProcessPool:
                    broken.append(chunk)
            pool.shutdown(wait=True, cancel_futures=True)
        yield from finished
        if broken:
            yield from self._after_broken_pool(broken, chunks, started)
        self.stop_signal = signum

    def _after_broken_pool(self, broken: list[list[RowJob]], unstarted: Iterator[list[RowJob]],
                           started: float) -> Iterator[RowOutcome]:
        """Account for every row after a worker died (killed for memory, say), which breaks the pool.

        The chunks in hand return nothing, though some of their rows may be
        placed: the pool is shut down first, so the other workers have
        finished theirs, and the writer knows what it placed since the
        stream started.  Every other row, and every row not started, is
        reported as not made.
        """
        lost = [job for chunk in broken for job in chunk]
        placed = self.place.recover(lost, started) if self.place is not None else set()
        for job in lost:
            yield RowMade(job.row, job.name, None) if job.row in placed else RowFailure(job.row, WORKER_DIED, "worker_died")
        for chunk in unstarted:
            for job in chunk:
                yield RowFailure(job.row, WORKER_DIED, "worker_died")


# --------------------------------------------------------------------------
# Pool workers
# --------------------------------------------------------------------------

_worker: tuple[PackShelf, Place | None] | None = None


def _init_worker(packs: PackShelf, place: Place | None, parent_pid: int | None) -> None:
    """Set up a pool worker once: its packs (loaded when a row first needs each) and the writer's step.

    The worker leaves stop signals to the parent, which finishes the rows
    in hand and reports; and it exits when the parent dies, removing the
    file it was writing.  The shelf arrives as its settings only (a
    ``PackShelf`` pickles without its packs), which works with every
    process start method (fork, spawn).
    """
    global _worker
    become_worker(os.getppid() if parent_pid is None else parent_pid, on_exit=remove_temps_in_progress)
    _worker = (packs, place)


def _make_chunk(chunk: list[RowJob]) -> list[RowOutcome]:
    assert _worker is not None  # each worker process starts with _init_worker
    packs, place = _worker
    return [make_row(job, packs, place) for job in chunk]


def _chunk_size(count: int, processes: int) -> int:
    """Up to 8 rows a task, fewer for short rosters so every process gets work."""
    return max(1, min(8, count // (processes * 4)))


def _chunks(jobs: list[RowJob], size: int) -> Iterator[list[RowJob]]:
    for start in range(0, len(jobs), size):
        yield jobs[start:start + size]

