"""A roster (CSV) as requests: one per row, each checked on its own, a bad row reported by number and reason.

The roster's lines are split by ``mbcprep.request.roster_csv`` (which knows
which lines of the file each row came from); this module checks the header
against the field table's columns and makes each row a ``Request`` through
the same checks as every other source.  Privacy: a row's reason names the
column and the problem, never what the cell holds (``RequestError.without_value``).
"""

from __future__ import annotations

from pathlib import Path

from mbcprep import limits
from mbcprep.controls import one_line
from mbcprep.errors import RequestError, RosterError, UnreadableFile, quote
from mbcprep.model.roster import RosterRow, RowFailure
from mbcprep.reading import read_text
from mbcprep.request.fields import ROSTER_COLUMNS
from mbcprep.request.packs import PackShelf
from mbcprep.request.roster_csv import read_roster_text
from mbcprep.request.values import request_from_values, values_from_mapping

REQUIRED_COLUMNS = ("concerns",)
#: How many unknown column names a header error quotes (each cut to ``errors.QUOTE_LIMIT`` characters).
UNKNOWN_SHOWN = 3
#: Roster columns that are request values (the rest, ``file``, says where the handout goes).
VALUE_COLUMNS = tuple(column for column in ROSTER_COLUMNS if column != "file")


def read_roster(path: Path, packs: PackShelf, defaults: dict | None = None
                ) -> tuple[list[RosterRow], list[RowFailure]]:
    """Read a CSV roster. Header problems raise ``RosterError``; bad rows become failures.

    ``defaults`` are checked request values for every row (the batch's
    clinic, format and language); a row's own cell wins where it is not
    empty.  Accepts UTF-8 with or without a byte-order mark (spreadsheet
    exports) and CRLF or LF line ends.  Row numbers count the header as
    row 1, as a spreadsheet shows them.
    """
    name = str(path)
    try:
        text = read_text(path, limits.ROSTER_BYTES, save_as="'CSV UTF-8'",
                         too_big=f"a roster may have at most {limits.describe(limits.ROSTER_ROWS)} rows: split it")
    except UnreadableFile as problem:
        reason = "roster file not found" if problem.reason == "file not found" else problem.reason
        raise RosterError(name, reason.replace("not a file", "not a roster file")) from None
    return roster_rows(text, name, packs, defaults)


def roster_rows(text: str, name: str, packs: PackShelf, defaults: dict | None = None
                ) -> tuple[list[RosterRow], list[RowFailure]]:
    """A roster's text (already read and decoded) as checked rows and failed rows.

    ``name`` starts a ``RosterError`` message (the file's path; the web page
    passes a name of its own, as its roster never touches the disk).
    """
    parsed = read_roster_text(text, ROSTER_COLUMNS)
    if parsed.header_problem:
        raise RosterError(name, parsed.header_problem, row=1)
    columns = _columns(name, parsed.header)
    if sum(not line.blank for line in parsed.rows) > limits.ROSTER_ROWS:
        raise RosterError(name, f"has more than {limits.describe(limits.ROSTER_ROWS)} rows; "
                                "split it into several rosters")
    rows: list[RosterRow] = []
    failures: list[RowFailure] = []
    for line in parsed.rows:
        if line.problem:
            # A cell ran on into other rows: its text may be other patients'; never use it.
            where = f"{columns[line.column]}: " if line.column is not None and line.column < len(columns) else ""
            failures.append(RowFailure(line.row, where + line.problem, "csv_line", where[:-2]))
            continue
        if line.blank:
            continue  # blank lines at the end of spreadsheet exports
        cells = line.cells
        if len(cells) > len(columns):
            failures.append(RowFailure(line.row, f"has {len(cells)} cells but the header has {len(columns)}; "
                                                 "check for an unquoted separator", "extra_cells"))
            continue
        long_cell = next((i for i, c in enumerate(cells) if len(c) > limits.ROSTER_CELL_CHARS), None)
        if long_cell is not None:
            failures.append(RowFailure(line.row, f"{columns[long_cell]}: the cell has more than "
                                                 f"{limits.describe(limits.ROSTER_CELL_CHARS)} characters",
                                       "cell_too_long", columns[long_cell]))
            continue
        cells_by_column = dict(zip(columns, (c.strip() for c in cells)))
        try:
            rows.append(row_to_request(line.row, cells_by_column, packs, defaults or {}))
        except RequestError as exc:
            failures.append(row_failure(line.row, exc))
    return rows, failures


def _columns(name: str, header: tuple[str, ...]) -> list[str]:
    """The header's column names, lower case; ``RosterError`` for an empty, unknown, repeated or missing one."""
    if not header or not any(cell.strip() for cell in header):
        raise RosterError(name, f"the roster is empty; the first row must name the columns "
                                f"({', '.join(ROSTER_COLUMNS)})")
    columns = [cell.strip().lower() for cell in header]
    if not any(column in ROSTER_COLUMNS for column in columns):
        # Most likely the first patient's row: never quote it.
        raise RosterError(name, f"row 1 does not name the columns (is the header row missing?); "
                                f"the first row must name them: {', '.join(ROSTER_COLUMNS)}")
    unknown = [header[i].strip() for i, column in enumerate(columns) if column not in ROSTER_COLUMNS]
    if unknown:
        shown = ", ".join(f"'{quote(u)[1:-1]}'" for u in unknown[:UNKNOWN_SHOWN])
        more = f" and {limits.describe(len(unknown) - UNKNOWN_SHOWN)} more" if len(unknown) > UNKNOWN_SHOWN else ""
        raise RosterError(name, f"unknown column(s) {shown}{more} in row 1; "
                                f"allowed columns: {', '.join(ROSTER_COLUMNS)}")
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise RosterError(name, f"column(s) {', '.join(repeated)} appear more than once in row 1")
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise RosterError(name, f"row 1 has no {', '.join(missing)} column; it is required")
    return columns


def row_failure(row: int, error: RequestError) -> RowFailure:
    """A row that failed for one of its values: the reason, and the same as values (code, column, position)."""
    return RowFailure(row, row_reason(error), error.code, error.field or "", error.position)


def row_reason(error: RequestError) -> str:
    """A row's problem for the report: the column and what is wrong, never the cell's text."""
    return one_line(error.without_value())


def row_to_request(number: int, cells: dict, packs: PackShelf, defaults: dict) -> RosterRow:
    """Check one row on its own and make its request, with the pack of its language."""
    values = dict(defaults)
    given = values_from_mapping({column: cells[column] for column in VALUE_COLUMNS if column in cells},
                                keys=VALUE_COLUMNS)
    values.update({key: value for key, value in given.items() if value is not None})
    pack = packs.pack_for(values.get("language"))
    request = request_from_values(values, pack, hints=False)
    return RosterRow(number, request, cells.get("file", ""))
