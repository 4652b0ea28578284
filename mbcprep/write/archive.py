"""A roster's handouts as one zip, made in memory: the web page's nurse form downloads it.

The same files as a batch's folder, in the same shape: ``handouts/<name>``
for each row made (the names ``mbcprep.write.folder.row_names`` gives),
``print-all.pdf`` with every handout in roster order (each on a fresh
sheet, as ``batch --combined`` makes it) and ``batch-errors.csv`` (the same
bytes ``mbcprep batch`` writes).  Nothing touches the disk.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath
from typing import Iterable

from mbcprep.model.roster import RowFailure, RowMade
from mbcprep.write.folder import ERRORS_FILE, error_report_bytes
from mbcprep.write.print_file import PrintFile

#: Where the handouts go inside the zip, beside the print file and the error report.
HANDOUTS_FOLDER = "handouts"
PRINT_FILE = "print-all.pdf"


class RosterZip:
    """The zip, one row at a time, as the rows are done: ``add`` each row made (PDF) and ``skip`` each row
    that failed, in any order, then ``finish`` with the rows that failed.

    Each handout goes into the zip as it comes, and into the print file as
    soon as every row before it is done, so the zip is mostly made while
    the other rows are, and only the handouts still waiting for an earlier
    row are held.
    """

    #: The format it takes: the print file is a PDF of every handout.
    FORMAT = "pdf"

    def __init__(self, rows: Iterable[int]) -> None:
        self.made = 0
        self._order = sorted(rows)  # the roster's order: the print file's
        self._next = 0  # the first row of ``_order`` not yet in the print file (or skipped)
        self._waiting: dict[int, RowMade | None] = {}  # done, waiting for an earlier row; None: failed
        self._buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self._buffer, "w", compression=zipfile.ZIP_DEFLATED)
        self._print_file = io.BytesIO()
        self._printer = PrintFile(self._print_file)

    def add(self, made: RowMade) -> None:
        self._zip.writestr(f"{HANDOUTS_FOLDER}/{made.name}", made.data)
        self.made += 1
        self._done(made.row, made)

    def skip(self, row: int) -> None:
        """A row that failed: the print file goes on without it."""
        self._done(row, None)

    def _done(self, row: int, made: RowMade | None) -> None:
        self._waiting[row] = made
        while self._next < len(self._order) and self._order[self._next] in self._waiting:
            ready = self._waiting.pop(self._order[self._next])
            if ready is not None:
                self._printer.add_handout(ready.data, title=PurePosixPath(ready.name).stem)
            self._next += 1

    def finish(self, failures: Iterable[RowFailure]) -> bytes:
        """The zip's bytes: every handout, the print file and the error report."""
        for row in sorted(self._waiting):  # rows never reported as done or failed (none, when the stream ends)
            ready = self._waiting.pop(row)
            if ready is not None:
                self._printer.add_handout(ready.data, title=PurePosixPath(ready.name).stem)
        self._printer.finish()
        self._zip.writestr(PRINT_FILE, self._print_file.getvalue())
        self._zip.writestr(ERRORS_FILE, error_report_bytes(failures))
        self._zip.close()
        return self._buffer.getvalue()
