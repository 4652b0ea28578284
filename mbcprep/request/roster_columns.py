"""Which roster column each header names: mbcprep's own names, the names schedule exports use, and ``--map``.

A header is compared with case, spaces and punctuation left out, so
``Patient Name``, ``patient_name`` and ``PATIENT NAME`` are one name.  Each
field of the request's table (``mbcprep.request.fields``) lists the other
names exports give its column (``Field.headers``); this module adds the
columns a roster may split in two: the visit's date and time
(``Appt Date`` + ``Appt Time``) and the name's first and last parts
(``First Name`` + ``Last Name``), which ``joined_cells`` puts back together.

A header that names nothing mbcprep knows is left out and listed (an
export has many: room, status, insurance), unless it is close to a name
mbcprep knows (``concern``, ``langauge``): then it is an error, as a
mistyped column would otherwise be silently lost.  Header texts are
column names, never a patient's data, so messages may quote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mbcprep import limits
from mbcprep.errors import RosterError, closest, quote
from mbcprep.request.dates import date_text, time_of_day
from mbcprep.request.fields import FIELDS_BY_KEY, ROSTER_COLUMNS

#: Columns a roster may split in two: each part's key, the column it makes, and the names exports give it.
PART_HEADERS = {
    "visit_time": ("visit", ("appt time", "appointment time", "visit time", "time", "start time",
                             "appointment start time", "scheduled time")),
    "first_name": ("name", ("first name", "given name", "patient first name", "first")),
    "last_name": ("name", ("last name", "family name", "surname", "patient last name", "last")),
}
#: How a report names the part of a column a header fills.
PART_NAMES = {"visit_time": "visit (time)", "first_name": "name (first part)", "last_name": "name (last part)"}
#: Other names of the ``file`` column (the output name), which is not a request value.
FILE_HEADERS = ("file name", "output name")
#: How close an unknown header must be to a known one to be taken for a typing mistake (difflib's ratio).
TYPO_CUTOFF = 0.8
#: How many unknown header names a message quotes.
SHOWN = 3


def header_key(text) -> str:
    """A header as it is compared: lower case, every run of spaces and punctuation one space."""
    return " ".join(re.sub(r"[\W_]+", " ", str(text if text is not None else "").casefold()).split())


def known_headers() -> dict[str, str]:
    """Every header name mbcprep reads (as ``header_key`` writes it) -> the column or part it fills."""
    names = {header_key(column): column for column in ROSTER_COLUMNS}
    for column in ROSTER_COLUMNS:
        for other in FIELDS_BY_KEY[column].headers if column != "file" else FILE_HEADERS:
            names.setdefault(header_key(other), column)
    for part, (_, others) in PART_HEADERS.items():
        for other in others:
            names.setdefault(header_key(other), part)
    return names


def parse_map(entries) -> dict[str, str]:
    """``--map`` values ("Appointment=visit", "Room=") as header -> column ("" leaves the header out).

    Raises ``RosterError`` (with no file) for an entry without ``=`` or
    with a column mbcprep does not have.
    """
    mapping: dict[str, str] = {}
    targets = (*ROSTER_COLUMNS, *PART_HEADERS)
    for entry in entries or ():
        header, equals, column = str(entry).partition("=")
        column = column.strip().lower()
        if not equals or not header_key(header):
            raise RosterError("--map", f"{quote(entry)} is not HEADER=COLUMN, e.g. \"Appointment=visit\"")
        if column and column not in targets:
            hint = closest(column, targets)
            raise RosterError("--map", f"{quote(entry)}: {column} is not a roster column"
                                       f"{f' (did you mean {hint}?)' if hint else ''}; columns: {', '.join(targets)}")
        mapping[header_key(header)] = column
    return mapping


@dataclass(frozen=True)
class Columns:
    """What each header of a roster fills: ``keys[i]`` is the column (or part) of header ``i``, or None.

    ``read`` pairs each header read with its column, ``ignored`` lists the
    headers left out, for a report (``mbcprep batch --check``).
    """

    keys: tuple[str | None, ...]
    read: tuple[tuple[str, str], ...]
    ignored: tuple[str, ...]

    def label(self, key: str) -> str:
        """How a row's reason names a column: its key, and the roster's own header when that differs."""
        headers = [header for header, column in self.read
                   if column == key or PART_HEADERS.get(column, ("",))[0] == key]
        if not headers or headers == [key]:
            return key
        return f"{key} ({' + '.join(headers)})"

    def has(self, key: str) -> bool:
        return any(column == key or PART_HEADERS.get(column, ("",))[0] == key for column in self.keys if column)


def columns_of(name: str, header, mapping: dict[str, str] | None = None, *, concerns_given: bool = False,
               blank_names: bool = False, row: int = 1) -> Columns:
    """The columns a roster's header names, or ``RosterError`` for a header mbcprep cannot use.

    ``mapping`` is ``parse_map``'s; ``concerns_given`` says every row has
    concerns without a column (``--concerns``), ``blank_names`` that a
    roster without names is wanted (``--allow-blank-names``); ``row`` is
    the header's row (below an export's title lines).
    """
    header = [str(cell).strip() if cell is not None else "" for cell in header]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise RosterError(name, f"the roster is empty; the first row must name the columns "
                                f"({', '.join(ROSTER_COLUMNS)})")
    mapping = mapping or {}
    known = known_headers()
    keys: list[str | None] = []
    for text in header:
        compared = header_key(text)
        keys.append((mapping[compared] or None) if compared in mapping else known.get(compared))
    if not any(keys):
        # Most likely the first patient's row: never quote it.
        raise RosterError(name, f"row {row} does not name the columns (is the header row missing?); "
                                f"the first row must name them: {', '.join(ROSTER_COLUMNS)}")
    ignored = [text for text, key in zip(header, keys) if key is None and text and header_key(text) not in mapping]
    typos = [(text, closest(header_key(text), known, TYPO_CUTOFF)) for text in ignored]
    typos = [(text, known[hint]) for text, hint in typos if hint is not None]
    if typos:
        shown = ", ".join(f"'{quote(text)[1:-1]}' (did you mean {column}?)" for text, column in typos[:SHOWN])
        text, column = typos[0]
        raise RosterError(name, f"unknown column(s) {shown} in row {row}; rename it, or say what it is with "
                                f"--map \"{text}={column}\" (or --map \"{text}=\" to leave it out)", row=None)
    repeated = sorted({key for key in keys if key and keys.count(key) > 1})
    if repeated:
        raise RosterError(name, f"column(s) {', '.join(repeated)} appear more than once in row {row}")
    _check_parts(name, keys, row)
    columns = Columns(tuple(keys), tuple((text, key) for text, key in zip(header, keys) if key), tuple(ignored))
    if not concerns_given and not columns.has("concerns"):
        raise RosterError(name, f"row {row} has no concerns column; add one, or give every row the same concerns "
                                "with --concerns")
    if not blank_names and not columns.has("name"):
        raise RosterError(name, f"row {row} has no name column; every sheet needs the patient's name (for sheets "
                                "without names, use --allow-blank-names)")
    return columns


def _check_parts(name: str, keys: list[str | None], row: int = 1) -> None:
    """A time column needs a date column; a name split in two cannot come beside a whole name."""
    present = set(keys)
    if ("first_name" in present or "last_name" in present) and "name" in present:
        raise RosterError(name, f"row {row} has a name column and a first or last name column; keep one or the "
                                "other (--map \"HEADER=\" leaves one out)")
    if "visit_time" in present and "visit" not in present:
        raise RosterError(name, f"row {row} has a time column but no date column for the visit; add the date, or "
                                "say which column holds it with --map \"HEADER=visit\"")


def joined_cells(cells: dict) -> dict:
    """A row's cells by column, with split columns joined: a visit's date and time, a name's two parts.

    A visit column with a time column beside it holds the date.  Typed
    cells (a workbook's dates and times) stay typed where they can.
    """
    cells = dict(cells)
    date, time = cells.pop("visit", None), cells.pop("visit_time", None)
    if time is not None and str(time).strip() and date is not None and str(date).strip():
        cells["visit"] = f"{date_text(date)} {time_of_day(time)}"
    elif date is not None:
        cells["visit"] = date
    first, last = cells.pop("first_name", None), cells.pop("last_name", None)
    if first is not None or last is not None:
        cells["name"] = " ".join(str(part).strip() for part in (first, last) if part is not None and str(part).strip())
    return cells


def shown_headers(headers) -> str:
    """Headers for a one-line message: the first few, each quoted short, and how many more."""
    shown = ", ".join(f"'{quote(header)[1:-1]}'" for header in headers[:SHOWN])
    more = len(headers) - SHOWN
    return shown + (f" and {limits.describe(more)} more" if more > 0 else "")
