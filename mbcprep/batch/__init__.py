"""A clinic day from a roster: many requests, made in parallel, into one folder, nothing lost.

``prepare_batch`` reads the roster (each row a ``Request`` on its own; a
bad row becomes a ``RowFailure`` and is skipped), gives every good row a
safe, unique file name and checks the combined file's name, all before
anything is made.  ``run_batch`` is the row stream (``mbcprep.batch.rows``:
in a process pool when asked) and the folder writer (``mbcprep.write.folder``):
each handout written atomically, then the error report and the combined
print file.  The bookkeeping is here, and the CLI only prints the ``BatchResult``.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from mbcprep.batch.rows import NOT_MADE, RowStream
from mbcprep.errors import Stopped
from mbcprep.model.roster import RowFailure, RowJob
from mbcprep.request.packs import PackShelf
from mbcprep.request.roster import RosterReading, read_roster
from mbcprep.write.files import remove_stale_temps
from mbcprep.write.folder import (FolderPlace, check_combined, prepare_folder, row_jobs, write_combined,
                                  write_error_report)
from mbcprep.write.stopping import StopSignals


@dataclass
class Batch:
    """A batch ready to run: the handouts to make, the rows already failed, and where everything goes."""

    out_dir: Path
    jobs: list[RowJob]
    failures: list[RowFailure]
    total_rows: int
    packs: PackShelf
    processes: int
    processes_note: str = ""  # "--jobs 1000 is more than needed; using 2 (2 CPUs)"
    combined: Path | None = None
    force: bool = False
    ignored: tuple[str, ...] = ()  # the roster's headers left out (``Roster.ignored``)


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
        stopped = [RowFailure(row, NOT_MADE, "not_made") for row in self.not_made]
        return sorted(self.failures + stopped, key=lambda failure: failure.row)


def prepare_batch(roster: Path, out_dir: Path, packs: PackShelf | None = None, defaults: dict | None = None, *,
                  combined: Path | None = None, force: bool = False, jobs: int | None = None,
                  reading: RosterReading | None = None) -> Batch:
    """Read the roster and decide every row's file, before any handout is made.

    ``defaults`` are checked request values for every row (the batch's
    clinic, format, language and concerns: ``mbcprep.request.roster.read_roster``); ``reading`` how
    to read the roster (its sheet, date order, column names, blank names).
    Raises ``RosterError`` for a roster that cannot be read and
    ``OutputError`` for an output folder or ``combined`` name that cannot be used.
    """
    packs = packs or PackShelf()
    read = read_roster(roster, packs, defaults, reading)
    rows, failures, total_rows = read.rows, read.failures, read.total_rows
    prepare_folder(out_dir)
    job_list, name_failures = row_jobs(rows, out_dir, force)
    if combined is not None:
        check_combined(combined, out_dir, {job.row: out_dir / job.name for job in job_list}, force)
        remove_stale_temps(combined.parent)
    processes, note = choose_processes(jobs, len(job_list))
    return Batch(out_dir, job_list, failures + name_failures, total_rows, packs, processes, note, combined, force,
                 read.ignored)


def run_batch(batch: Batch, on_progress: Callable[[int], None] | None = None,
              stop: StopSignals | None = None) -> BatchResult:
    """Make every handout of the batch into its folder, then the error report and the combined print file.

    ``stop`` (or None) is asked between rows: a stop finishes the rows in
    hand, starts no more and says which rows were not made.  The report
    and the print file are written atomically, so a stop while they are
    written leaves the old one or none, never half of one.
    """
    result = BatchResult(failures=list(batch.failures), total_rows=batch.total_rows)
    rows = RowStream(batch.jobs, batch.packs, batch.processes, FolderPlace(batch.out_dir, batch.force), stop)
    for outcome in rows:
        if isinstance(outcome, RowFailure):
            result.failures.append(outcome)
        else:
            result.written.append((outcome.row, batch.out_dir / outcome.name))
        if on_progress is not None:
            on_progress(1)
    if rows.stop_signal is not None:
        result.interrupted, result.stop_signal, result.not_made = True, rows.stop_signal, rows.not_made
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
