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
    """The zip, one row at a time: ``add`` each row made (PDF), then ``finish`` with the rows that failed."""

    #: The format it takes: the print file is a PDF of every handout.
    FORMAT = "pdf"

    def __init__(self) -> None:
        self.made: list[RowMade] = []

    def add(self, made: RowMade) -> None:
        self.made.append(made)

    def finish(self, failures: Iterable[RowFailure]) -> bytes:
        """The zip's bytes: every handout, the print file and the error report."""
        made = sorted(self.made, key=lambda row: row.row)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for row in made:
                archive.writestr(f"{HANDOUTS_FOLDER}/{row.name}", row.data)
            print_file = io.BytesIO()
            printer = PrintFile(print_file)
            for row in made:
                printer.add_handout(row.data, title=PurePosixPath(row.name).stem)
            printer.finish()
            archive.writestr(PRINT_FILE, print_file.getvalue())
            archive.writestr(ERRORS_FILE, error_report_bytes(failures))
        return buffer.getvalue()
