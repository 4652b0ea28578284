"""A roster's rows and what became of each: read, named, made or failed.

Shared by the stages a roster passes through: the load stage reads rows
(``mbcprep.request.roster``), the write stage names them and places what is
made (``mbcprep.write.folder``, ``mbcprep.write.archive``), and the row stream
between them (``mbcprep.batch.rows``) makes each one.  Row numbers are the
spreadsheet's (the header is row 1).  A failure's reason names the column
and the problem, never what the cell holds.
"""

from __future__ import annotations

from typing import Union

from mbcprep.model.request import Request
from mbcprep.records import record


@record
class RosterRow:
    """One good roster row, ready to name and make."""

    row: int
    request: Request
    file_name: str = ""  # from the "file" column, before sanitising


@record
class Roster:
    """A roster read: its good rows, its failed rows, and how it was read, for a report.

    ``source`` says what the file was read as ("CSV, Windows-1252", "Excel
    workbook, sheet \"Day\"", "FHIR R4 Bundle, 5 appointments"); ``columns``
    pairs each header read with the column it fills; ``ignored`` lists the
    headers left out.
    """

    rows: list[RosterRow]
    failures: list[RowFailure]
    source: str = ""
    columns: tuple[tuple[str, str], ...] = ()
    ignored: tuple[str, ...] = ()

    @property
    def total_rows(self) -> int:
        return len(self.rows) + len(self.failures)


@record
class RowJob:
    """A row to make, with the file name the writer gave it (unique within the roster, no patient data unless
    the roster's ``file`` column chose it)."""

    row: int
    request: Request
    name: str


@record
class RowFailure:
    """A row that was not made, and why: ``reason`` in English (the error report, the command line), and the
    same as values a page words in its own language: ``code`` (a ``RequestError`` code, or one of
    ``ROW_CODES``), the ``column`` it is about and, for a list of ids, the ``position`` of the wrong one."""

    row: int
    reason: str
    code: str = "invalid"
    column: str = ""
    position: int | None = None


#: Why a row failed when it is not a value of the row that is wrong (the request's own codes are
#: ``mbcprep.errors.RequestError.CODES``).
ROW_CODES = ("csv_line", "extra_cells", "cell_too_long", "file_name_taken", "exists", "cannot_write",
             "pack_text", "not_made_handout", "bug", "not_made", "worker_died")


@record
class RowMade:
    """A row made: its handout's bytes and pages, under the name the writer gave it.

    ``data`` is empty once the handout was placed where it goes by the
    process that made it (a batch's folder): only the bytes a writer still
    has to place travel back.
    """

    row: int
    name: str
    pages: int | None
    data: bytes = b""


#: What became of one row.
RowOutcome = Union[RowMade, RowFailure]
