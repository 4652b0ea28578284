"""A roster kept as an Excel workbook (.xlsx): one sheet read as rows of typed cells, within bounds.

Read with openpyxl in read-only mode (rows streamed, not the whole sheet
in memory), with the values Excel last calculated for formulas.  A
workbook is a zip file: before openpyxl opens it, its parts' unpacked
sizes are added up from the zip's directory, so a small file that would
unpack to gigabytes (a zip bomb) is refused unread.  Cells keep their
types (text, numbers, dates, times, true/false): ``mbcprep.request.roster``
reads each as its column needs.  Row numbers are the sheet's own, so a
reason's row is the row Excel shows.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass

import openpyxl

from mbcprep import limits
from mbcprep.errors import quote
from mbcprep.request.roster_columns import header_key
from mbcprep.request.roster_csv import HEADER_KNOWN_CELLS, HEADER_SEARCH_ROWS, RosterLine
from mbcprep.request.roster_files import NotARoster


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its name, the header row, the rows after it, and the workbook's date system."""

    name: str
    header: tuple
    rows: tuple[RosterLine, ...]
    epoch_1904: bool = False
    header_row: int = 1  # below title rows an export put above it


def read_sheet(data: bytes, sheet: str | None = None, known_columns=()) -> Sheet:
    """The named sheet (the first when None) as a header and rows; ``NotARoster`` for anything it cannot read.

    ``known_columns`` are the header names mbcprep reads: a first row that
    names none is a title when a later one (``HEADER_SEARCH_ROWS``) names some.
    """
    _check_unpacked_size(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style", "unknown extension": nothing a nurse can act on
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds (KeyError, zipfile.BadZipFile, XML errors) for a damaged file
        raise NotARoster("is not a workbook mbcprep can read (it may be damaged, or protected with a "
                         "password); save it again from your spreadsheet, or as 'CSV UTF-8'") from None
    try:
        if sheet is None:
            worksheet = book.worksheets[0] if book.worksheets else None
        elif sheet in book.sheetnames:
            worksheet = book[sheet]
        else:
            shown = ", ".join(quote(name) for name in book.sheetnames[:10])
            raise NotARoster(f"has no sheet {quote(sheet)}; its sheets are {shown}")
        if worksheet is None or not hasattr(worksheet, "iter_rows"):
            raise NotARoster("has no sheet of cells to read (the first sheet may be a chart)")
        header, rows, header_row = _rows(worksheet, known_columns)
        return Sheet(worksheet.title, header, rows, book.epoch == openpyxl.utils.datetime.CALENDAR_MAC_1904,
                     header_row)
    except NotARoster:
        raise
    except Exception:
        raise NotARoster("is not a workbook mbcprep can read (a sheet is damaged); save it again from "
                         "your spreadsheet, or as 'CSV UTF-8'") from None
    finally:
        book.close()


def _rows(worksheet, known_columns=()) -> tuple[tuple, tuple[RosterLine, ...], int]:
    """The header, every row after it (blank rows marked), and the header's row number.

    The header is the first row that has a cell, unless it names no known
    column and a row among the next ones names at least two (an export's
    title rows above its header).  Beyond ``ROSTER_ROWS`` rows of data
    reading stops: the caller refuses a roster that long, so one more row
    than that is all it needs to know.
    """
    known = {header_key(column) for column in known_columns}
    header: tuple | None = None
    header_row = 1
    rows: list[RosterLine] = []
    for number, values in enumerate(worksheet.iter_rows(values_only=True, max_col=limits.ROSTER_MAX_COLUMNS), 1):
        cells = tuple("" if value is None else value for value in values)
        blank = not any(str(cell).strip() for cell in cells)
        if header is None:
            if not blank:
                header, header_row = cells, number
            continue
        if (number <= HEADER_SEARCH_ROWS and known and not _named(header, known)
                and _named(cells, known) >= HEADER_KNOWN_CELLS):
            header, header_row, rows = cells, number, []  # the rows above were titles
            continue
        rows.append(RosterLine(number, cells, blank=blank))
        if sum(not row.blank for row in rows) > limits.ROSTER_ROWS:
            break
    return header or (), tuple(rows), header_row


def _named(cells: tuple, known: set[str]) -> int:
    return sum(isinstance(cell, str) and header_key(cell) in known for cell in cells)


def _check_unpacked_size(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
            members = len(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise NotARoster("is not a workbook mbcprep can read (it is damaged); save it again from your "
                         "spreadsheet, or as 'CSV UTF-8'") from None
    if unpacked > limits.ROSTER_UNPACKED_BYTES or members > limits.ROSTER_ZIP_MEMBERS:
        raise NotARoster(f"unpacks to more than {limits.describe(limits.ROSTER_UNPACKED_BYTES // 1_000_000)} MB; "
                         "a roster is far smaller (save just the day's rows, or as 'CSV UTF-8')")
