"""A batch's folder: each row's file name, each handout placed, the error report, and the combined print file.

File names never hold patient data unless the roster's ``file`` column
says so, and they can never leave the folder; the error report holds row
numbers and reasons only.  The names and the report are the same in the
web page's zip (``mbcprep.write.archive``).
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from mbcprep.controls import one_line
from mbcprep.errors import OutputError
from mbcprep.formats import HANDOUT_FORMATS
from mbcprep.model.roster import RosterRow, RowFailure, RowJob, RowMade
from mbcprep.write.files import open_output, remove_stale_temps, safe_filename, write_atomic
from mbcprep.write.print_file import PrintFile

ERRORS_FILE = "batch-errors.csv"
EXISTS = "its file already exists in the output folder; use --force to replace it"


def prepare_folder(out_dir: Path) -> None:
    """The output folder, made when missing; ``OutputError`` when it is a file or cannot be made.

    Temporary files that an earlier, killed run left there are removed.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"--out-dir {out_dir} is a file, not a folder; choose a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {out_dir}: {exc.strerror}", reason=exc.strerror) from None
    remove_stale_temps(out_dir)


#: The shape of a default name (``row-003``, ``row-003-2026-12-03``, ``row-003-2026-12-03-2``), kept for rows
#: without a ``file`` value; and why a ``file`` value of that shape is refused (the value is never quoted).
DEFAULT_NAME = re.compile(r"row-\d+(-\d{4}-\d{2}-\d{2})?(-\d+)?", re.IGNORECASE)
DEFAULT_NAME_TAKEN = ("file: names of the form row-<number> are kept for rows without a file name; "
                      "choose another name")


def row_names(rows: Iterable[RosterRow]) -> tuple[list[RowJob], list[RowFailure]]:
    """Give each row a safe file name, unique within the roster: the rows to make, and the rows refused.

    Without the ``file`` column the name is ``row-<N>-<visit date>``: no
    patient data.  A ``file`` value of that shape is refused (its row
    reported), so row 3's sheet is always row 3's.  A later row whose name
    is taken gets ``-2``, ``-3``...
    """
    jobs: list[RowJob] = []
    failures: list[RowFailure] = []
    taken: set[str] = set()
    for row in rows:
        extension = HANDOUT_FORMATS[row.request.format].suffix
        if row.file_name:
            stem = safe_filename(row.file_name, default=f"row-{row.row}")
            if stem.lower().endswith(extension):
                stem = stem[: -len(extension)]
            if DEFAULT_NAME.fullmatch(stem.rstrip(" .")):
                failures.append(RowFailure(row.row, DEFAULT_NAME_TAKEN, "file_name_taken", "file"))
                continue
        else:
            visit = row.request.visit
            stem = f"row-{row.row:03d}" + (f"-{visit.strftime('%Y-%m-%d')}" if visit else "")
        stem = stem.rstrip(" .") or f"row-{row.row}"
        name, counter = f"{stem}{extension}", 2
        while name.casefold() in taken:
            name, counter = f"{stem}-{counter}{extension}", counter + 1
        taken.add(name.casefold())
        jobs.append(RowJob(row.row, row.request, name))
    return jobs, failures


def row_jobs(rows: Iterable[RosterRow], out_dir: Path, force: bool) -> tuple[list[RowJob], list[RowFailure]]:
    """Each row's name in ``out_dir`` (``row_names``); a file already there is kept, and its row reported,
    unless ``force``."""
    named, failures = row_names(rows)
    jobs: list[RowJob] = []
    for job in named:
        if os.path.lexists(out_dir / job.name) and not force:
            # Not named: a name from the file column may be a patient's.
            failures.append(RowFailure(job.row, EXISTS, "exists"))
        else:
            jobs.append(job)
    return jobs, failures


@dataclass(frozen=True)
class FolderPlace:
    """Writes each handout into the batch's folder, atomically, in the process that made it (a ``Place``
    of ``mbcprep.batch.rows.RowStream``): pool workers write in parallel, and only the outcome travels back."""

    out_dir: Path
    force: bool = False

    def __call__(self, made: RowMade) -> RowMade:
        write_atomic(self.out_dir / made.name, made.data, force=self.force)
        return replace(made, data=b"")

    def recover(self, jobs: list[RowJob], since: float) -> set[int]:
        """The rows among ``jobs`` whose file was written since ``since``; and the temporary file a killed
        worker left is removed.  A file only ever appears whole at its name, so one dated since the batch
        started was made by it."""
        remove_stale_temps(self.out_dir)
        return {job.row for job in jobs if _written_since(self.out_dir / job.name, since)}


def _written_since(path: Path, since: float) -> bool:
    try:
        return os.stat(path).st_mtime >= since
    except OSError:
        return False


#: What a spreadsheet reads as a formula when a cell starts with it.
FORMULA_STARTS = ("=", "@", "+", "-", "\t", "\r")


def spreadsheet_text(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading ``'``."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def error_report_bytes(failures: Iterable[RowFailure]) -> bytes:
    """``batch-errors.csv``: a row number and a reason a line, in row order, for a spreadsheet.

    No cell starts a formula.  The same bytes go in a batch's folder and in the web page's zip.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["row", "reason"])
    for failure in sorted(failures, key=lambda f: f.row):
        writer.writerow([failure.row, spreadsheet_text(one_line(failure.reason))])
    return buffer.getvalue().encode("utf-8-sig")


def write_error_report(out_dir: Path, failures: list[RowFailure]) -> Path | None:
    """Write ``batch-errors.csv`` (``error_report_bytes``) or remove a stale one.

    It is readable by its owner only, like the handouts.
    """
    path = out_dir / ERRORS_FILE
    if not failures:
        if path.is_file() and not path.is_symlink():
            path.unlink()
        return None
    return write_atomic(path, error_report_bytes(failures), force=True)


def check_combined(combined: Path, out_dir: Path, rows: dict[int, Path], force: bool) -> None:
    """Refuse a ``--combined`` name that is a row's file (``rows``: row -> path), the error report, or taken.

    Asked before any handout is made.
    """
    target = os.path.normcase(os.path.abspath(combined)).casefold()
    own = {os.path.normcase(os.path.abspath(path)).casefold(): row for row, path in rows.items()}
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


def write_combined(paths: list[Path], target: Path, force: bool = False) -> tuple[Path, int]:
    """One print file with every handout in roster order, each starting on a fresh sheet.

    A blank page follows any handout with an odd page count, so double-sided
    printing never puts two patients on one sheet.  Form fields are removed:
    the file is for printing, and same-named fields across handouts would
    otherwise share one value.  Each handout gets a bookmark (its file name).
    The file is written as the handouts are read (``mbcprep.write.print_file``),
    so memory stays flat however long the roster.
    """
    with open_output(target, force) as stream:
        print_file = PrintFile(stream)
        for path in paths:
            print_file.add_handout(path, title=path.stem)
        print_file.finish()
    return Path(target), print_file.page_count
