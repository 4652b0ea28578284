"""A clinic day from a roster: many requests, rendered in parallel, nothing lost.

``prepare_batch`` reads the roster (each row a ``Request`` on its own; a
bad row becomes a ``RowFailure`` and is skipped), gives every good row a
safe, unique file name and checks the combined file's name, all before
anything is made.  ``run_batch`` then renders and writes each handout
atomically, in a process pool when asked, and writes the error report and
the combined print file: the bookkeeping is here, and the CLI only prints
the ``BatchResult``.

Privacy rules that shape this module:
* each row is planned from its own fields only; workers keep no per-patient
  state between rows, so one patient's details cannot reach another's sheet;
* file names never contain patient data unless the roster's ``file`` column
  says so, and they can never leave the output folder (``mbcprep.write.folder``);
* the error report lists row numbers and reasons only: a reason names the
  column and the problem, never what the cell holds (``RequestError.without_value``).
"""

from __future__ import annotations

import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from mbcprep.errors import HandoutError, OutputError, PackInvalid, RequestError, Stopped, pack_reason
from mbcprep.files import OutputExists, remove_temps_in_progress, write_atomic
from mbcprep.model.request import Request
from mbcprep.request.packs import PackShelf
from mbcprep.request.roster import RowFailure, row_reason
from mbcprep.write.folder import EXISTS

NOT_MADE = "not made: the batch was stopped before this row; run it again to make it"
WORKER_DIED = "not made: a worker process stopped unexpectedly (out of memory?); run it again to make it"


@dataclass(frozen=True)
class Job:
    """One handout to render and where to write it."""

    row: int
    request: Request
    path: Path


@dataclass
class Batch:
    """A batch ready to run: the handouts to make, the rows already failed, and where everything goes."""

    out_dir: Path
    jobs: list[Job]
    failures: list[RowFailure]
    total_rows: int
    packs: PackShelf
    processes: int
    processes_note: str = ""  # "--jobs 1000 is more than needed; using 2 (2 CPUs)"
    combined: Path | None = None
    force: bool = False


@dataclass
class BatchResult:
    """What a batch did. ``not_made`` lists the rows a stop left undone; ``stop_signal`` is the signal.

    ``report`` is the error report written (None when every row was made);
    ``combined`` the print file and its pages, when one was written;
    ``combined_stopped`` says a stop came before the print file was written.
    """

    written: list[tuple[int, Path]] = field(default_factory=list)
    failures: list[RowFailure] = field(default_factory=list)
    total_rows: int = 0
    interrupted: bool = False
    stop_signal: int | None = None
    not_made: list[int] = field(default_factory=list)
    report: Path | None = None
    combined: tuple[Path, int] | None = None
    combined_stopped: bool = False

    @property
    def done(self) -> int:
        return len(self.written) + len(self.failures)

    def report_rows(self) -> list[RowFailure]:
        """The rows for ``batch-errors.csv``: every failure, and every row a stop left undone."""
        stopped = [RowFailure(row, NOT_MADE) for row in self.not_made]
        return sorted(self.failures + stopped, key=lambda failure: failure.row)


def prepare_batch(roster: Path, out_dir: Path, packs: PackShelf | None = None, defaults: dict | None = None, *,
                  combined: Path | None = None, force: bool = False, jobs: int | None = None) -> Batch:
    """Read the roster and decide every row's file, before any handout is made.

    ``defaults`` are checked request values for every row (the batch's
    clinic, format and language: ``mbcprep.request.roster.read_roster``).
    Raises ``RosterError`` for a roster that cannot be read and
    ``OutputError`` for an output folder or ``combined`` name that cannot be used.
    """
    from mbcprep.files import remove_stale_temps
    from mbcprep.request.roster import read_roster
    from mbcprep.write.folder import check_combined, prepare_folder, row_paths

    packs = packs or PackShelf()
    rows, failures = read_roster(roster, packs, defaults)
    total_rows = len(rows) + len(failures)
    prepare_folder(out_dir)
    named, name_failures = row_paths(rows, out_dir, force)
    job_list = [Job(row.row, row.request, path) for row, path in named]
    if combined is not None:
        check_combined(combined, out_dir, {job.row: job.path for job in job_list}, force)
        remove_stale_temps(combined.parent)
    processes, note = choose_processes(jobs, len(job_list))
    return Batch(out_dir, job_list, failures + name_failures, total_rows, packs, processes, note, combined, force)


def run_batch(batch: Batch, on_progress: Callable[[int], None] | None = None, stop=None) -> BatchResult:
    """Make every handout of the batch, then the error report and the combined print file.

    ``stop`` is a ``mbcprep.stopping.StopSignals`` (or None): it is asked
    between rows, and a stop finishes the rows in hand, starts no more and
    says which rows were not made.  The report and the print file are
    written atomically, so a stop while they are written leaves the old
    one or none, never half of one.
    """
    from mbcprep.write.folder import write_combined, write_error_report

    result = BatchResult(failures=list(batch.failures), total_rows=batch.total_rows)
    render_jobs(batch.jobs, batch.packs, batch.processes, batch.force, on_progress, result, should_stop=stop)
    if stop is not None:
        stop.raising = stop.signum is None  # from here a stop signal raises
    try:
        result.report = write_error_report(batch.out_dir, result.report_rows())
        if batch.combined is not None and result.written and not result.interrupted:
            result.combined = write_combined([path for _, path in sorted(result.written)], batch.combined,
                                             force=batch.force)
    except Stopped as stopped:
        result.interrupted, result.stop_signal = True, stopped.signum
        result.combined_stopped = batch.combined is not None
    return result


# --------------------------------------------------------------------------
# Rendering: one function, run in-process or in pool workers
# --------------------------------------------------------------------------

_worker_packs: PackShelf | None = None


def _init_worker(packs: PackShelf | str | None, parent_pid: int | None) -> None:
    """Load once per worker: the packs and the fonts, never once per row.

    Pool workers (``parent_pid`` given) leave stop signals to the parent,
    which finishes the rows in hand and reports; and they exit when the
    parent dies, removing the file they were writing.  They get the
    ``--pack`` folder (or None: the built-in packs) and load each language's
    pack themselves when a row first needs it, which works with every
    process start method (fork, spawn).
    """
    global _worker_packs
    if parent_pid is not None:
        from mbcprep.stopping import become_worker

        become_worker(parent_pid, on_exit=remove_temps_in_progress)
    _worker_packs = packs if isinstance(packs, PackShelf) else PackShelf(packs)


def _render_job(job: Job, force: bool) -> tuple[int, str | None, str | None]:
    """Render and write one handout; returns (row, path or None, reason or None)."""
    from mbcprep.plan import plan_handout
    from mbcprep.render import render_handout

    try:
        request = job.request
        data = render_handout(plan_handout(request, _worker_packs.pack_for(request.language)), request.format).data
        write_atomic(job.path, data, force=force)
    except RequestError as exc:
        return job.row, None, row_reason(exc)
    except OutputExists:  # another run wrote the same name meanwhile
        return job.row, None, EXISTS
    except OutputError as exc:  # the message names the file, which may be a patient's name
        return job.row, None, f"cannot write its file: {exc.reason or 'it is not a file mbcprep can write'}"
    except PackInvalid as exc:  # a pack text too long for a page: the pack's words, never the row's
        return job.row, None, f"its handout could not be made: {pack_reason(exc)}"
    except HandoutError:
        return job.row, None, "its handout could not be made"
    except OSError as exc:  # reading a font or template failed: one line, not "a bug"
        return job.row, None, f"its handout could not be made: {exc.strerror or type(exc).__name__}"
    except Exception as exc:  # a bug must cost one row, not the whole clinic day
        return job.row, None, (f"unexpected error ({type(exc).__name__}); this is a bug in mbcprep, "
                               "please report it")
    return job.row, str(job.path), None


def render_jobs(jobs: list[Job], packs: PackShelf, processes: int = 1, force: bool = False,
              on_progress: Callable[[int], None] | None = None, result: BatchResult | None = None,
              should_stop: Callable[[], int | None] | None = None) -> BatchResult:
    """Render every job, in a process pool when ``processes`` > 1.

    Output is byte-identical whatever the number of processes: each handout
    depends only on its own request.  ``should_stop`` is asked between rows
    (see ``mbcprep.stopping.StopSignals``); when it returns a signal number,
    or on KeyboardInterrupt, the rows in hand are finished, no more are
    started, no partial file is left, and ``result`` says which rows were
    not made.
    """
    import signal

    result = result or BatchResult(total_rows=len(jobs))
    progress = on_progress or (lambda n: None)
    stop = should_stop or (lambda: None)

    def record(outcome: tuple[int, str | None, str | None]) -> None:
        row, path, error = outcome
        if error is None:
            result.written.append((row, Path(path)))
        else:
            result.failures.append(RowFailure(row, error))
        progress(1)

    def stopped(signum: int | None) -> BatchResult:
        result.interrupted = True
        result.stop_signal = signum or signal.SIGINT
        done = {row for row, _ in result.written} | {failure.row for failure in result.failures}
        result.not_made = [job.row for job in jobs if job.row not in done]
        return result

    if processes <= 1 or len(jobs) <= 1:
        _init_worker(packs, parent_pid=None)
        try:
            for job in jobs:
                if stop():
                    return stopped(stop())
                record(_render_job(job, force))
        except KeyboardInterrupt:
            return stopped(None)
        return result

    started = time.time() - 1  # file times may be rounded down to the second
    pool = ProcessPoolExecutor(max_workers=processes, initializer=_init_worker,
                               initargs=(packs.pack_dir, os.getpid()))
    pending: dict = {}
    broken: list[list[Job]] = []  # chunks whose worker pool broke under them
    signum = None
    # Small chunks of rows per task: a handout takes tens of milliseconds,
    # so one task per row would spend a real share of it on messaging.
    # A bounded number of chunks in flight keeps memory flat whatever the
    # roster's length, and leaves little queued work when a stop comes.
    chunks = iter(_chunks(jobs, _chunk_size(len(jobs), processes)))
    try:
        more = True
        while (more or pending) and not stop() and not broken:
            while more and len(pending) < processes * 3:
                chunk = next(chunks, None)
                if chunk is None:
                    more = False
                    break
                pending[pool.submit(_render_chunk, chunk, force)] = chunk
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    broken.append(chunk)
                    continue
                for outcome in outcomes:
                    record(outcome)
        signum = stop()
    except KeyboardInterrupt:
        signum = signal.SIGINT
    except BrokenProcessPool:  # raised by submit once the pool is broken
        pass
    finally:
        if signum is not None:
            # Queued chunks are dropped; running ones finish, so no file is left half-written.
            for future in list(pending):
                if future.cancel():
                    del pending[future]
        for future, chunk in list(pending.items()):
            try:
                for outcome in future.result():
                    record(outcome)
            except BrokenProcessPool:
                broken.append(chunk)
        pool.shutdown(wait=True, cancel_futures=True)
    if broken:
        _count_broken(broken, chunks, record, started)
        from mbcprep.files import remove_stale_temps

        for folder in {job.path.parent for job in jobs}:
            remove_stale_temps(folder)  # a worker killed while writing leaves its temporary file
    if signum is not None:
        return stopped(signum)
    return result


def _count_broken(broken: list[list[Job]], unstarted, record, started: float) -> None:
    """Account for every row after a worker died (killed for memory, say), which breaks the pool.

    The chunks in hand return nothing, though some of their files may be
    written: the pool is shut down first, so the other workers have finished
    theirs, and a file dated since the batch started was made by it (a file
    only ever appears whole at its name).  Every other row, and every row
    not started, is reported as not made.
    """
    for chunk in broken:
        for job in chunk:
            record((job.row, str(job.path), None) if _made_since(job.path, started) else
                   (job.row, None, WORKER_DIED))
    for chunk in unstarted:
        for job in chunk:
            record((job.row, None, WORKER_DIED))


def _made_since(path: Path, started: float) -> bool:
    try:
        return os.stat(path).st_mtime >= started
    except OSError:
        return False


def _render_chunk(chunk: list[Job], force: bool) -> list[tuple[int, str | None, str | None]]:
    return [_render_job(job, force) for job in chunk]


def _chunk_size(count: int, processes: int) -> int:
    """Up to 8 rows a task, fewer for short rosters so every process gets work."""
    return max(1, min(8, count // (processes * 4)))


def _chunks(jobs: list[Job], size: int):
    for start in range(0, len(jobs), size):
        yield jobs[start:start + size]


def choose_processes(asked: int | None, rows: int) -> tuple[int, str]:
    """How many processes to use, and a note when fewer than ``asked`` (empty otherwise).

    Never more than the rows to make or the CPUs this process may use:
    more only add start-up time and memory.
    """
    cpus = default_jobs()
    wanted = asked or cpus
    processes = max(1, min(wanted, cpus, rows))
    if asked is None or processes >= asked:
        return processes, ""
    why = f"{rows} row{'s' if rows != 1 else ''} to make" if rows < cpus else f"{cpus} CPUs"
    return processes, f"--jobs {asked} is more than needed; using {processes} ({why})"


def default_jobs() -> int:
    """The CPUs this process may run on (fewer than the machine's in a container or with taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
