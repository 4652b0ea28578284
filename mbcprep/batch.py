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
* the error report lists row numbers and reasons only.
"""

from __future__ import annotations

import csv
import io
import os
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from mbcprep.errors import HandoutError, OutputError, RequestError
from mbcprep.files import safe_filename, write_atomic
from mbcprep.model.content import Pack
from mbcprep.model.request import Clinic, Request
from mbcprep.request import build_request, parse_visit, split_ids

ROSTER_COLUMNS = ("name", "visit", "provider", "concerns", "subtype", "large_print", "brief", "note", "file")
REQUIRED_COLUMNS = ("concerns",)
ERRORS_FILE = "batch-errors.csv"
_TRUE = {"yes", "y", "true", "1", "x", "on"}
_FALSE = {"no", "n", "false", "0", "", "off"}


class RosterError(HandoutError):
    """The roster as a whole cannot be read (missing file, bad header)."""


@dataclass(frozen=True)
class RosterRow:
    """One good roster row, ready to render. ``row`` is the spreadsheet row number."""

    row: int
    request: Request
    file_name: str = ""  # from the "file" column, before sanitising


@dataclass(frozen=True)
class RowFailure:
    row: int
    reason: str


@dataclass(frozen=True)
class Job:
    """One handout to render and where to write it."""

    row: int
    request: Request
    path: Path


@dataclass
class BatchResult:
    written: list[tuple[int, Path]] = field(default_factory=list)
    failures: list[RowFailure] = field(default_factory=list)
    total_rows: int = 0
    interrupted: bool = False

    @property
    def done(self) -> int:
        return len(self.written) + len(self.failures)


# --------------------------------------------------------------------------
# Reading the roster
# --------------------------------------------------------------------------


def read_roster(path: Path, pack: Pack, clinic: Clinic | None = None
                ) -> tuple[list[RosterRow], list[RowFailure]]:
    """Read a CSV roster. Header problems raise ``RosterError``; bad rows become failures.

    Accepts UTF-8 with or without a byte-order mark (spreadsheet exports) and
    CRLF or LF line ends.  Row numbers count the header as row 1, as a
    spreadsheet shows them.
    """
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"{path}: roster file not found") from None
    except IsADirectoryError:
        raise RosterError(f"{path}: is a folder, not a roster file") from None
    except OSError as exc:
        raise RosterError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise RosterError(f"{path}: is not UTF-8 text; save the roster as 'CSV UTF-8'") from None

    from mbcprep.roster import read_roster_text

    parsed = read_roster_text(text, ROSTER_COLUMNS)
    if parsed.header_problem:
        raise RosterError(f"{path}: row 1: {parsed.header_problem}")
    header = parsed.header
    if not header or not any(cell.strip() for cell in header):
        raise RosterError(f"{path}: the roster is empty; the first row must name the columns "
                          f"({', '.join(ROSTER_COLUMNS)})")
    columns = [cell.strip().lower() for cell in header]
    unknown = [header[i].strip() for i, name in enumerate(columns) if name not in ROSTER_COLUMNS]
    if unknown:
        raise RosterError(f"{path}: unknown column(s) {', '.join(repr(u) for u in unknown)} in row 1; "
                          f"allowed columns: {', '.join(ROSTER_COLUMNS)}")
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise RosterError(f"{path}: column(s) {', '.join(repeated)} appear more than once in row 1")
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise RosterError(f"{path}: row 1 has no {', '.join(missing)} column; it is required")

    rows: list[RosterRow] = []
    failures: list[RowFailure] = []
    for line in parsed.rows:
        if line.problem:
            # A cell ran on into other rows: its text may be other patients'; never use it.
            where = f"{columns[line.column]}: " if line.column is not None and line.column < len(columns) else ""
            failures.append(RowFailure(line.row, where + line.problem))
            continue
        if line.blank:
            continue  # blank lines at the end of spreadsheet exports
        cells = line.cells
        if len(cells) > len(columns):
            failures.append(RowFailure(line.row, f"has {len(cells)} cells but the header has {len(columns)}; "
                                                 "check for an unquoted separator"))
            continue
        values = dict(zip(columns, (c.strip() for c in cells)))
        try:
            rows.append(row_to_request(line.row, values, pack, clinic))
        except RequestError as exc:
            failures.append(RowFailure(line.row, _one_line(str(exc))))
    return rows, failures


def _one_line(message: str) -> str:
    """Messages quote cell text, which may hold line breaks; a report line must stay one line."""
    return " ".join(message.split())


def _flag(values: dict, column: str) -> bool:
    word = values.get(column, "").strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise RequestError(f'"{values[column]}" is not yes or no', field=column)


def row_to_request(number: int, values: dict, pack: Pack, clinic: Clinic | None) -> RosterRow:
    """Check one row on its own and build its request."""
    from mbcprep.constants import SUBTYPES
    from mbcprep.plan import check_concern_ids

    concerns = check_concern_ids(split_ids(values.get("concerns", "")), pack, field="concerns")
    subtype = values.get("subtype", "").strip().lower() or "unknown"
    if subtype not in SUBTYPES:
        raise RequestError(f'"{subtype}" is not a known subtype; use one of: {", ".join(SUBTYPES)}',
                           field="subtype")
    request = build_request({
        "concerns": concerns,
        "name": values.get("name", ""),
        "visit": parse_visit(values.get("visit", "")),
        "provider": values.get("provider", ""),
        "clinic": clinic,
        "subtype": subtype,
        "note": values.get("note", ""),
        "large_print": _flag(values, "large_print"),
        "brief": _flag(values, "brief"),
    })
    return RosterRow(number, request, values.get("file", ""))


# --------------------------------------------------------------------------
# File names
# --------------------------------------------------------------------------


def plan_outputs(rows: Iterable[RosterRow], out_dir: Path, fmt: str, force: bool
                 ) -> tuple[list[Job], list[RowFailure]]:
    """Give each row a safe file name inside ``out_dir``, unique within the roster.

    Without the ``file`` column the name is ``row-<N>-<visit date>``: no
    patient data.  A later row whose name is taken gets ``-2``, ``-3``...;
    an existing file on disk is kept, and its row reported, unless ``force``.
    """
    jobs: list[Job] = []
    failures: list[RowFailure] = []
    taken: set[str] = set()
    extension = f".{fmt}"
    for row in rows:
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
        if path.exists() and not force:
            failures.append(RowFailure(row.row, f"{name} already exists in the output folder; "
                                                "use --force to replace it"))
            continue
        jobs.append(Job(row.row, row.request, path))
    return jobs, failures


# --------------------------------------------------------------------------
# Rendering: one function, run in-process or in pool workers
# --------------------------------------------------------------------------

_worker_pack: Pack | None = None
_worker_format = "pdf"


def _init_worker(pack: Pack | str, fmt: str, ignore_interrupt: bool) -> None:
    """Load once per worker: the pack and the fonts, never once per row.

    Pool workers get the pack's folder and load it themselves, which works
    with every process start method (fork, spawn).
    """
    global _worker_pack, _worker_format
    if ignore_interrupt:
        # The parent decides what happens on Ctrl-C; a worker finishes the
        # file it is writing (atomically) and is then sent no more work.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not isinstance(pack, Pack):
        from mbcprep.pack import load_pack

        pack = load_pack(pack)
    _worker_pack, _worker_format = pack, fmt
    if fmt == "pdf":
        from mbcprep import fonts

        fonts.load_fonts()  # the shipped family, registered once per process


def _render_job(job: Job, force: bool) -> tuple[int, str | None, str | None]:
    """Render and write one handout; returns (row, path or None, error or None)."""
    from mbcprep.handout import build_handout

    try:
        data = build_handout(job.request, _worker_pack, _worker_format)
        write_atomic(job.path, data, force=force)
    except HandoutError as exc:
        message = str(exc)
        if isinstance(exc, OutputError):
            message = f"cannot write {job.path.name}: " + message.split(": ", 1)[-1]
        return job.row, None, _one_line(message)
    except Exception as exc:  # a bug must cost one row, not the whole clinic day
        return job.row, None, (f"unexpected error ({type(exc).__name__}); this is a bug in mbcprep, "
                               "please report it")
    return job.row, str(job.path), None


def run_batch(jobs: list[Job], pack: Pack, fmt: str = "pdf", processes: int = 1, force: bool = False,
              on_progress: Callable[[int], None] | None = None, result: BatchResult | None = None) -> BatchResult:
    """Render every job, in a process pool when ``processes`` > 1.

    Output is byte-identical whatever the number of processes: each handout
    depends only on its own request.  On KeyboardInterrupt, finished files
    stay, no partial file is left, and ``result.interrupted`` is set.
    """
    result = result or BatchResult(total_rows=len(jobs))
    progress = on_progress or (lambda n: None)

    def record(outcome: tuple[int, str | None, str | None]) -> None:
        row, path, error = outcome
        if error is None:
            result.written.append((row, Path(path)))
        else:
            result.failures.append(RowFailure(row, error))
        progress(1)

    if processes <= 1 or len(jobs) <= 1:
        _init_worker(pack, fmt, ignore_interrupt=False)
        try:
            for job in jobs:
                record(_render_job(job, force))
        except KeyboardInterrupt:
            result.interrupted = True
        return result

    pool = ProcessPoolExecutor(max_workers=processes, initializer=_init_worker,
                               initargs=(pack.root, fmt, True))
    pending = set()
    try:
        # Small chunks of rows per task: a handout takes tens of milliseconds,
        # so one task per row would spend a real share of it on messaging.
        # A bounded number of chunks in flight keeps memory flat whatever the
        # roster's length, and leaves little queued work to cancel on Ctrl-C.
        for chunk in _chunks(jobs, _chunk_size(len(jobs), processes)):
            pending.add(pool.submit(_render_chunk, chunk, force))
            if len(pending) >= processes * 3:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    for outcome in future.result():
                        record(outcome)
        for future in list(pending):
            for outcome in future.result():
                record(outcome)
            pending.discard(future)
    except KeyboardInterrupt:
        result.interrupted = True
        for future in pending:
            future.cancel()
        # Let running workers finish their current chunk so no file is left half-written.
        for future in pending:
            if not future.cancelled():
                try:
                    for outcome in future.result():
                        record(outcome)
                except Exception:  # pragma: no cover - a worker died while stopping
                    pass
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return result


def _render_chunk(chunk: list[Job], force: bool) -> list[tuple[int, str | None, str | None]]:
    return [_render_job(job, force) for job in chunk]


def _chunk_size(count: int, processes: int) -> int:
    """Up to 8 rows a task, fewer for short rosters so every process gets work."""
    return max(1, min(8, count // (processes * 4)))


def _chunks(jobs: list[Job], size: int):
    for start in range(0, len(jobs), size):
        yield jobs[start:start + size]


def write_error_report(out_dir: Path, failures: list[RowFailure]) -> Path | None:
    """Write ``batch-errors.csv`` (row number and reason only) or remove a stale one."""
    path = out_dir / ERRORS_FILE
    if not failures:
        if path.is_file():
            path.unlink()
        return None
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["row", "reason"])
    for failure in sorted(failures, key=lambda f: f.row):
        writer.writerow([failure.row, failure.reason])
    return write_atomic(path, buffer.getvalue().encode("utf-8-sig"), force=True)


def combine_pdfs(paths: list[Path], target: Path, force: bool = False) -> tuple[Path, int]:
    """One print file with every handout in roster order, each starting on a fresh sheet.

    A blank page follows any handout with an odd page count, so double-sided
    printing never puts two patients on one sheet.  Form fields are removed:
    the file is for printing, and same-named fields across handouts would
    otherwise share one value.  Each handout gets a bookmark (its file name).
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter()
    for path in paths:
        reader = PdfReader(path)
        start = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        count = len(reader.pages)
        if count % 2:
            box = reader.pages[-1].mediabox
            writer.add_blank_page(width=box.width, height=box.height)
        writer.add_outline_item(title=path.stem, page_number=start)
    writer.remove_annotations(subtypes="/Widget")
    if NameObject("/AcroForm") in writer._root_object:
        del writer._root_object[NameObject("/AcroForm")]
    writer.add_metadata({"/Title": "mbcprep handouts", "/Creator": "mbcprep"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return write_atomic(target, buffer.getvalue(), force=force), len(writer.pages)


def default_jobs() -> int:
    return os.cpu_count() or 1
