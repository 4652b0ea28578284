"""A clinic day from a roster: many requests, rendered in parallel, nothing lost.

The flow is: read the roster (``read_roster``), turn each row into a
``Request`` on its own (a bad row becomes a ``RowFailure`` and is skipped),
give every good row a safe, unique file name (``plan_outputs``), then render
and write each one atomically (``run_batch``), in a process pool when asked.

Privacy rules that shape this module:
* each row is planned from its own fields only; workers keep no per-patient
  state between rows, so one patient's details cannot reach another's sheet;
* file names never contain patient data unless the roster's ``file`` column
  says so, and they can never leave the output folder;
* the error report lists row numbers and reasons only: a reason names the
  column and the problem, never what the cell holds (``RequestError.without_value``).
"""

from __future__ import annotations

import csv
import io
import os
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from mbcprep.controls import one_line
from mbcprep.errors import HandoutError, OutputError, RequestError
from mbcprep.files import OutputExists, open_output, remove_temps_in_progress, safe_filename, write_atomic
from mbcprep.model.request import Request
from mbcprep.request.packs import PackShelf
from mbcprep.request.roster import RosterRow, RowFailure, row_reason

ERRORS_FILE = "batch-errors.csv"


@dataclass(frozen=True)
class Job:
    """One handout to render and where to write it."""

    row: int
    request: Request
    path: Path


@dataclass
class BatchResult:
    """What a batch did. ``not_made`` lists the rows a stop left undone; ``stop_signal`` is the signal."""

    written: list[tuple[int, Path]] = field(default_factory=list)
    failures: list[RowFailure] = field(default_factory=list)
    total_rows: int = 0
    interrupted: bool = False
    stop_signal: int | None = None
    not_made: list[int] = field(default_factory=list)

    @property
    def done(self) -> int:
        return len(self.written) + len(self.failures)

    def report_rows(self) -> list[RowFailure]:
        """The rows for ``batch-errors.csv``: every failure, and every row a stop left undone."""
        stopped = [RowFailure(row, NOT_MADE) for row in self.not_made]
        return sorted(self.failures + stopped, key=lambda failure: failure.row)


NOT_MADE = "not made: the batch was stopped before this row; run it again to make it"
WORKER_DIED = "not made: a worker process stopped unexpectedly (out of memory?); run it again to make it"


# --------------------------------------------------------------------------
# File names
# --------------------------------------------------------------------------


def plan_outputs(rows: Iterable[RosterRow], out_dir: Path, force: bool) -> tuple[list[Job], list[RowFailure]]:
    """Give each row a safe file name inside ``out_dir``, unique within the roster.

    Without the ``file`` column the name is ``row-<N>-<visit date>``: no
    patient data.  A later row whose name is taken gets ``-2``, ``-3``...;
    an existing file on disk is kept, and its row reported, unless ``force``.
    """
    jobs: list[Job] = []
    failures: list[RowFailure] = []
    taken: set[str] = set()
    for row in rows:
        extension = f".{row.request.format}"
        if row.file_name:
            stem = safe_filename(row.file_name, default=f"row-{row.row}")
            if stem.lower().endswith(extension):
                stem = stem[: -len(extension)]
        else:
            visit = row.request.visit
            stem = f"row-{row.row:03d}" + (f"-{visit.strftime('%Y-%m-%d')}" if visit else "")
        stem = stem.rstrip(" .") or f"row-{row.row}"
        name, counter = f"{stem}{extension}", 2
        while name.casefold() in taken:
            name, counter = f"{stem}-{counter}{extension}", counter + 1
        taken.add(name.casefold())
        path = out_dir / name
        if os.path.lexists(path) and not force:
            # Not named: a name from the file column may be a patient's.
            failures.append(RowFailure(row.row, "its file already exists in the output folder; "
                                                "use --force to replace it"))
            continue
        jobs.append(Job(row.row, row.request, path))
    return jobs, failures


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
    from mbcprep.handout import render
    from mbcprep.plan import plan_handout

    try:
        request = job.request
        data = render(plan_handout(request, _worker_packs.pack_for(request.language)), request.format).data
        write_atomic(job.path, data, force=force)
    except RequestError as exc:
        return job.row, None, row_reason(exc)
    except OutputExists:  # another run wrote the same name meanwhile
        return job.row, None, "its file already exists in the output folder; use --force to replace it"
    except OutputError as exc:  # the message names the file, which may be a patient's name
        return job.row, None, f"cannot write its file: {exc.reason or 'it is not a file mbcprep can write'}"
    except HandoutError:
        return job.row, None, "its handout could not be made"
    except OSError as exc:  # reading a font or template failed: one line, not "a bug"
        return job.row, None, f"its handout could not be made: {exc.strerror or type(exc).__name__}"
    except Exception as exc:  # a bug must cost one row, not the whole clinic day
        return job.row, None, (f"unexpected error ({type(exc).__name__}); this is a bug in mbcprep, "
                               "please report it")
    return job.row, str(job.path), None


def run_batch(jobs: list[Job], packs: PackShelf, processes: int = 1, force: bool = False,
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


#: What a spreadsheet reads as a formula when a cell starts with it.
FORMULA_STARTS = ("=", "@", "+", "-", "\t", "\r")


def spreadsheet_text(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading ``'``."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def write_error_report(out_dir: Path, failures: list[RowFailure]) -> Path | None:
    """Write ``batch-errors.csv`` (row number and reason only) or remove a stale one.

    The file is for a spreadsheet: no cell starts a formula, and it is
    readable by its owner only, like the handouts.
    """
    path = out_dir / ERRORS_FILE
    if not failures:
        if path.is_file() and not path.is_symlink():
            path.unlink()
        return None
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["row", "reason"])
    for failure in sorted(failures, key=lambda f: f.row):
        writer.writerow([failure.row, spreadsheet_text(one_line(failure.reason))])
    return write_atomic(path, buffer.getvalue().encode("utf-8-sig"), force=True)


def check_combined(combined: Path, out_dir: Path, jobs: list[Job], force: bool) -> None:
    """Refuse a ``--combined`` name that is a row's file, the error report, or taken; before anything is written."""
    target = os.path.normcase(os.path.abspath(combined)).casefold()
    own = {os.path.normcase(os.path.abspath(job.path)).casefold(): job.row for job in jobs}
    if target in own:
        raise OutputError(f"--combined {combined} is also the file of row {own[target]}; "
                          "choose another name for --combined")
    if target == os.path.normcase(os.path.abspath(out_dir / ERRORS_FILE)).casefold():
        raise OutputError(f"--combined {combined} is the error report's name; choose another name for --combined")
    if os.path.isdir(combined):
        raise OutputError(f"--combined {combined} is a folder; give a file name for the print file")
    if os.path.lexists(combined) and not force:
        raise OutputError(f"--combined {combined} already exists; use --force to replace it, "
                          "or choose another name for --combined")
    folder = os.path.dirname(os.path.abspath(combined))
    if not os.path.isdir(folder):
        raise OutputError(f"--combined: the folder {folder} does not exist; create it first")


def combine_pdfs(paths: list[Path], target: Path, force: bool = False) -> tuple[Path, int]:
    """One print file with every handout in roster order, each starting on a fresh sheet.

    A blank page follows any handout with an odd page count, so double-sided
    printing never puts two patients on one sheet.  Form fields are removed:
    the file is for printing, and same-named fields across handouts would
    otherwise share one value.  Each handout gets a bookmark (its file name).
    The file is written as the handouts are read (``mbcprep.pdf_combine``),
    so memory stays flat however long the roster.
    """
    from mbcprep.pdf_combine import PrintFile

    with open_output(target, force) as stream:
        print_file = PrintFile(stream)
        for path in paths:
            print_file.add_handout(path, title=path.stem)
        print_file.finish()
    return Path(target), print_file.page_count


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
