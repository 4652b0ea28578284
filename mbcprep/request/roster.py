"""A roster as requests: one per row, each checked on its own, a bad row reported by number and reason.

A roster is a CSV file (``mbcprep.request.roster_files`` finds its
encoding, ``roster_csv`` splits its lines knowing which rows each came
from), an Excel workbook (``roster_xlsx``) or a FHIR Bundle of the day's
appointments (``mbcprep.request.fhir``).  This module checks the header
(``roster_columns``: mbcprep's names, an export's names, ``--map``) and
makes each row a ``Request`` through the same checks as every other
source.  Privacy: a row's reason names the column and the problem, never
what the cell holds (``RequestError.without_value``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from mbcprep import limits
from mbcprep.controls import one_line
from mbcprep.errors import RequestError, RosterError, UnreadableFile, quote
from mbcprep.model.roster import Roster, RosterRow, RowFailure
from mbcprep.reading import read_bytes
from mbcprep.request.dates import excel_serial, read_moment
from mbcprep.request.fields import FIELDS_BY_KEY, ROSTER_COLUMNS
from mbcprep.request.packs import PackShelf
from mbcprep.request.roster_columns import Columns, columns_of, joined_cells, known_headers
from mbcprep.request.roster_csv import RosterLine, read_roster_text
from mbcprep.request.roster_files import NotARoster, roster_kind, roster_text
from mbcprep.request.values import request_from_values, values_from_mapping

#: Roster columns that are request values (the rest, ``file``, says where the handout goes).
VALUE_COLUMNS = tuple(column for column in ROSTER_COLUMNS if column != "file")
#: What a name cell says for a sheet that is meant to have no name.
ANONYMOUS = "anonymous"
#: A row's reason when its name is empty.
NO_NAME = (f"is empty; every sheet needs the patient's name (write {ANONYMOUS} in the cell for a sheet "
           "without one)")
#: An Appointment's reason when neither it nor ``--concerns`` names a concern.
NO_CONCERN_IN_BUNDLE = ("Appointment.extension (concerns): no concern chosen; give --concerns for the appointments "
                        "without (or name them in the extension docs/fhir.md describes)")
#: The columns whose cells are dates, and whether each is a birth date.
DATE_COLUMNS = {field.key: field.kind == "birth_date" for field in FIELDS_BY_KEY.values()
                if field.kind in ("visit", "birth_date")}


@dataclass(frozen=True)
class RosterReading:
    """How to read a roster beyond its own cells (``mbcprep batch``'s options; the web page's defaults).

    ``sheet``: the workbook's sheet (the first when None); ``day_first``:
    dates like 8/12/2026 are 8 December; ``columns``: ``--map``
    (``roster_columns.parse_map``: a header -> a column, "" to leave it
    out); ``allow_blank_names``: a row without a name is made anyway.
    """

    sheet: str | None = None
    day_first: bool = False
    columns: Mapping[str, str] = field(default_factory=dict)
    allow_blank_names: bool = False


def read_roster(path: Path, packs: PackShelf, defaults: dict | None = None,
                reading: RosterReading | None = None) -> Roster:
    """Read a roster file. Problems with the file or its header raise ``RosterError``; bad rows become failures.

    ``defaults`` are checked request values for every row (the batch's
    clinic, format, language and concerns); a row's own cell wins where it
    is not empty.  Row numbers count the header as row 1, as a spreadsheet
    shows them (in a FHIR Bundle, row N is its N-th appointment).
    """
    name = str(path)
    try:
        data = read_bytes(path, limits.ROSTER_BYTES,
                          too_big=f"a roster may have at most {limits.describe(limits.ROSTER_ROWS)} rows: split it")
    except UnreadableFile as problem:
        reason = "roster file not found" if problem.reason == "file not found" else problem.reason
        raise RosterError(name, reason.replace("not a file", "not a roster file")) from None
    return roster_from_bytes(data, name, packs, defaults, reading)


def roster_from_bytes(data: bytes, name: str, packs: PackShelf, defaults: dict | None = None,
                      reading: RosterReading | None = None) -> Roster:
    """A roster's bytes (a CSV, a workbook or a FHIR Bundle) as checked rows and failed rows.

    ``name`` starts a ``RosterError`` message and tells a workbook by its
    suffix (the web page passes the uploaded file's name, as its roster
    never touches the disk).
    """
    reading = reading or RosterReading()
    defaults = defaults or {}
    try:
        kind = roster_kind(data, name)
        if kind == "fhir":
            return _fhir_roster(data, name, packs, defaults, reading)
        if kind == "xlsx":
            from mbcprep.request.roster_xlsx import read_sheet  # openpyxl loads only for a workbook

            sheet = read_sheet(data, reading.sheet, [*known_headers(), *reading.columns])
            header, lines, header_row = sheet.header, sheet.rows, sheet.header_row
            source = f"Excel workbook, sheet {quote(sheet.name)}"
            cell_reader: _WorkbookCells | _TextCells = _WorkbookCells(reading.day_first, sheet.epoch_1904)
        else:
            text, encoding = roster_text(data)
            header, lines, header_row = _csv_lines(name, text, reading)
            source, cell_reader = f"CSV, {encoding}", _TextCells(reading.day_first)
    except NotARoster as problem:
        raise RosterError(name, str(problem)) from None
    if header_row > 1:
        source += f"; its header is row {header_row} (the rows above it are left out)"
    columns = columns_of(name, header, dict(reading.columns), concerns_given=bool(defaults.get("concerns")),
                         blank_names=reading.allow_blank_names, row=header_row)
    if all(line.blank for line in lines):
        raise RosterError(name, "has a header row but no patients after it; check that it is the right day's "
                                "export (or the right --sheet)")
    if sum(not line.blank for line in lines) > limits.ROSTER_ROWS:
        raise RosterError(name, f"has more than {limits.describe(limits.ROSTER_ROWS)} rows; "
                                "split it into several rosters")
    rows: list[RosterRow] = []
    failures: list[RowFailure] = []
    for line in lines:
        outcome = _row(line, columns, cell_reader, packs, defaults, reading)
        if isinstance(outcome, RosterRow):
            rows.append(outcome)
        elif outcome is not None:
            failures.append(outcome)
    return Roster(rows, failures, source, columns.read, columns.ignored)


def _fhir_roster(data: bytes, name: str, packs: PackShelf, defaults: dict, reading: RosterReading) -> Roster:
    """A FHIR Bundle's Appointments as rows: their values made into requests as a CSV row's cells are."""
    from mbcprep.request.fhir import FHIR_PLACES, bundle_rows  # fhir.resources loads only for a FHIR roster

    values, failures, source = bundle_rows(data, name, reading.allow_blank_names)
    rows: list[RosterRow] = []
    for number, cells in values:
        try:
            rows.append(row_to_request(number, cells, packs, defaults,
                                       RosterReading(allow_blank_names=True), _TextCells(False)))
        except RequestError as error:
            if error.code == "no_concern":  # an Appointment has no cell to write them in
                failures.append(RowFailure(number, NO_CONCERN_IN_BUNDLE, "no_concern", "concerns"))
                continue
            if error.field is not None:
                error.field = FHIR_PLACES.get(error.field, error.field)
            failures.append(row_failure(number, error))
    return Roster(rows, sorted(failures, key=lambda failure: failure.row), source)


def _csv_lines(name: str, text: str, reading: RosterReading) -> tuple[tuple, tuple[RosterLine, ...], int]:
    known = known_headers()
    mapped = {header: column for header, column in reading.columns.items() if column}
    notes = [header for header, column in {**known, **mapped}.items() if column == "note"]
    parsed = read_roster_text(text, [*known, *reading.columns], multiline_columns=notes)
    if parsed.header_problem:
        raise RosterError(name, parsed.header_problem, row=parsed.header_row)
    return parsed.header, parsed.rows, parsed.header_row


def _row(line: RosterLine, columns: Columns, cell_reader, packs: PackShelf, defaults: dict,
         reading: RosterReading) -> RosterRow | RowFailure | None:
    """One line of the roster as a row to make, a failure, or None for a blank line."""
    keys = columns.keys
    if line.problem:
        # A cell ran on into other rows: its text may be other patients'; never use it.
        key = keys[line.column] if line.column is not None and line.column < len(keys) else None
        where = columns.label(key) if key else ""
        return RowFailure(line.row, (f"{where}: " if where else "") + line.problem, "csv_line", where)
    if line.blank:
        return None  # blank lines at the end of spreadsheet exports
    cells = line.cells
    extra = [cell for cell in cells[len(keys):] if str(cell).strip()]
    if extra:
        return RowFailure(line.row, f"has {len(keys) + len(extra)} cells but the header has {len(keys)}; "
                                    "check for an unquoted separator", "extra_cells")
    long_cell = next((i for i, c in enumerate(cells) if len(str(c)) > limits.ROSTER_CELL_CHARS), None)
    if long_cell is not None:
        long_key = keys[long_cell]
        where = columns.label(long_key) if long_key else f"column {long_cell + 1}"
        return RowFailure(line.row, f"{where}: the cell has more than "
                                    f"{limits.describe(limits.ROSTER_CELL_CHARS)} characters", "cell_too_long", where)
    try:
        by_column = {key: cell_reader.cell(key, cell) for key, cell in zip(keys, cells) if key}
        return row_to_request(line.row, joined_cells(by_column), packs, defaults, reading, cell_reader)
    except RequestError as error:
        return row_failure(line.row, error, columns)


def row_failure(row: int, error: RequestError, columns: Columns | None = None) -> RowFailure:
    """A row that failed for one of its values: the reason, and the same as values (code, column as the roster
    names it, position)."""
    reason = row_reason(error, columns)
    return RowFailure(row, reason, error.code, error.field or "", error.position)


def row_reason(error: RequestError, columns: Columns | None = None) -> str:
    """A row's problem for the report: the column and what is wrong, never the cell's text.

    With ``columns``, the column is named as the roster's header names it too ("visit (Appt Date + Appt Time)").
    """
    if columns is not None and error.field:
        error.field = columns.label(error.field)
    return one_line(error.without_value())


def row_to_request(number: int, cells: dict, packs: PackShelf, defaults: dict,
                   reading: RosterReading | None = None, cell_reader=None) -> RosterRow:
    """Check one row on its own and make its request, with the pack of its language.

    An empty cell leaves the batch's value (``defaults``), concerns
    included; an empty name is an error unless the roster allows it
    (``RosterReading.allow_blank_names``) or the cell says ``anonymous``.
    """
    reading = reading or RosterReading()
    cell_reader = cell_reader or _TextCells(reading.day_first)
    values = dict(defaults)
    given = values_from_mapping({column: cell_reader.moment(column, cells[column]) if column in DATE_COLUMNS
                                 else cells[column] for column in VALUE_COLUMNS if column in cells},
                                keys=VALUE_COLUMNS)
    name = given.get("name") or ""
    if name.lower() == ANONYMOUS:
        given["name"] = ""
    elif not name and not reading.allow_blank_names:
        raise RequestError(NO_NAME, field="name", code="invalid")
    values.update({key: value for key, value in given.items() if value not in (None, ())})
    pack = packs.pack_for(values.get("language"))
    request = request_from_values(values, pack, hints=False)
    return RosterRow(number, request, str(cells.get("file", "") or ""))


class _TextCells:
    """A CSV's cells: text, and its dates read in the roster's order (month or day first)."""

    def __init__(self, day_first: bool):
        self.day_first = day_first

    def cell(self, key: str, value):
        return value

    def moment(self, key: str, value):
        return read_moment(value, key, day_first=self.day_first, birth=DATE_COLUMNS[key])


class _WorkbookCells(_TextCells):
    """A workbook's typed cells: numbers in a date column are Excel's serial dates; elsewhere they are text."""

    def __init__(self, day_first: bool, epoch_1904: bool):
        super().__init__(day_first)
        self.epoch_1904 = epoch_1904

    def cell(self, key: str, value):
        if key in DATE_COLUMNS and isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                return excel_serial(value, self.epoch_1904)
            except ValueError:
                raise RequestError("is a number that is not a date", field=key, code="not_a_date") from None
        if isinstance(value, bool) or key in DATE_COLUMNS or key == "visit_time":
            return value
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, (dt.datetime, dt.date, dt.time)):
            return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
        return value if isinstance(value, str) else str(value)
