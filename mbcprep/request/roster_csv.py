"""Split a roster's CSV text into rows, knowing which lines of the file each row came from.

Why not the ``csv`` module alone: when one cell opens a quote and never
closes it, ``csv`` reads every later line of the file into that cell and
reports one row.  On a clinic roster that puts other patients' names, visits
and notes on one person's sheet, and silently drops their handouts.  This
reader follows the same quoting rules (RFC 4180, as spreadsheets write it)
but remembers where each quoted cell opened and closed, so a cell that runs
on across lines that look like rows is caught, reported by its row, and
nothing it swallowed is used.

Row numbers count the header as row 1, as a spreadsheet shows them.  A cell
with a real line break inside quotes (a note typed with Alt+Enter) is one
row, as in a spreadsheet.  When a cell has swallowed lines, each swallowed
line is reported as a row of its own, which is how the file reads once the
quote is fixed; so every row of the file is either used or reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from mbcprep.request.roster_columns import header_key

#: Separators a roster may use; spreadsheets in many European locales save "CSV" with ";".
SEPARATORS = (",", ";", "\t")


@dataclass(frozen=True)
class Cell:
    """One cell as read, and where its quote opened and whether it closed."""

    text: str
    quoted: bool = False
    closed: bool = True  # False: the file ended inside this cell's quotes
    text_after_quote: bool = False  # more text followed its closing quote, as in "a"b


@dataclass(frozen=True)
class Record:
    """One row as the CSV rules read it, with the file lines it spans (1-based, inclusive)."""

    cells: tuple[Cell, ...]
    first_line: int
    last_line: int


@dataclass(frozen=True)
class RosterLine:
    """A row of the roster, numbered as a spreadsheet shows it.

    ``problem`` is set when the row must not be used: ``cells`` then may hold
    text from other rows and is never read.  ``column`` is the index of the
    cell at fault, when there is one.
    """

    row: int
    cells: tuple  # text; a workbook's cells keep their types (numbers, dates, times)
    problem: str = ""
    column: int | None = None
    blank: bool = False


def split_records(text: str, separator: str = ",") -> list[Record]:
    """The CSV records of ``text``, each with the lines it spans.

    Quoting as spreadsheets write it: a cell that starts with ``"`` runs to
    the next lone ``"``; ``""`` inside it is one quote; line breaks inside
    it belong to the cell.  Text after a closing quote, before the next
    separator, is kept (as the ``csv`` module does).  A quote inside an
    unquoted cell is an ordinary character.
    """
    records: list[Record] = []
    cells: list[Cell] = []
    chars: list[str] = []
    line = 1
    first_line = 1
    quoted = False  # this cell started with a quote
    in_quotes = False  # inside the quotes right now
    after_quote = False  # text came after this cell's closing quote
    i, n = 0, len(text)

    def end_cell(closed: bool = True) -> None:
        nonlocal after_quote
        cells.append(Cell("".join(chars), quoted, closed, after_quote))
        chars.clear()
        after_quote = False

    while i < n:
        char = text[i]
        if in_quotes:
            if char == '"':
                if i + 1 < n and text[i + 1] == '"':
                    chars.append('"')
                    i += 2
                    continue
                in_quotes = False
            else:
                if char == "\r" and i + 1 < n and text[i + 1] == "\n":
                    chars.append("\n")
                    i += 1
                    line += 1
                elif char in "\r\n":
                    chars.append("\n")
                    line += 1
                else:
                    chars.append(char)
            i += 1
            continue
        if char == separator:
            end_cell()
            quoted = False
        elif char in "\r\n":
            end_cell()
            records.append(Record(tuple(cells), first_line, line))
            cells = []
            quoted = False
            if char == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            line += 1
            first_line = line
        elif char == '"' and not chars and not quoted:
            quoted = in_quotes = True
        else:
            after_quote = after_quote or quoted
            chars.append(char)
        i += 1
    if in_quotes:
        end_cell(closed=False)
        records.append(Record(tuple(cells), first_line, line))
    elif chars or cells:
        end_cell()
        records.append(Record(tuple(cells), first_line, line))
    return records


def choose_separator(header_line: str, known_columns) -> str:
    """The separator that splits the header into the most known column names (comma on a tie).

    Names are compared as ``roster_columns.header_key`` writes them (case, spaces and punctuation left out).
    """
    known = {header_key(c) for c in known_columns}

    def score(separator: str) -> int:
        return sum(header_key(part.strip().strip('"')) in known for part in header_line.split(separator))

    return max(SEPARATORS, key=lambda s: (score(s), s == ","))


def runaway_cell(record: Record, separator: str, columns: int | None = None,
                 multiline: frozenset[int] | None = None) -> tuple[int, str] | None:
    """The first cell that ran on into other rows, and why; None when the record is sound.

    A quoted cell has run on when the file ended inside it, or when it spans
    lines and either a line after its first holds the separator (a swallowed
    roster row always does) or text follows its closing quote (the quote that
    closed it belonged to another cell), or the row it ends has more cells
    than the header has columns (it went on into the next row's cells), or
    it is in a column where a line break makes no sense (only the indexes in
    ``multiline`` may hold one, when given: a name never spans lines, so a
    quote opened in one row's name and closed in the next is caught here).
    """
    for index, cell in enumerate(record.cells):
        if not cell.quoted:
            continue
        if not cell.closed:
            return index, "a quote opened here is never closed; check the cell in your spreadsheet"
        later_lines = cell.text.split("\n")[1:]
        if later_lines and multiline is not None and index not in multiline:
            return index, ("has a line break, which only a note may have (a quote may be missing or extra); "
                           "check the cell in your spreadsheet")
        if later_lines and (cell.text_after_quote or any(separator in part for part in later_lines)):
            return index, ("this cell runs on over lines that look like other rows (a quote may be "
                           "missing or extra); check the cell in your spreadsheet")
        if later_lines and columns is not None and len(record.cells) > columns:
            return index, ("this cell runs on into the next row, which leaves this row with more cells "
                           "than the header (a quote may be missing or extra); check the cell in your spreadsheet")
    return None


@dataclass(frozen=True)
class RosterText:
    """A roster split into its header and rows."""

    separator: str
    header: tuple[str, ...]
    header_problem: str
    rows: tuple[RosterLine, ...]
    header_row: int = 1  # below title lines an export put above it


#: How far down a roster's header may be: exports put a title, a date or a blank line above it.
HEADER_SEARCH_ROWS = 10
#: How many known column names make a line the header, when it is not the first.
HEADER_KNOWN_CELLS = 2


def header_line(lines: list[str], known_columns) -> int:
    """The index of the header among ``lines``: the first line, unless it names no column and one of the
    next lines (up to ``HEADER_SEARCH_ROWS``) names at least ``HEADER_KNOWN_CELLS``; those above it are titles.
    """
    known = {header_key(c) for c in known_columns}

    def named(line: str) -> int:
        return max(sum(header_key(part.strip().strip('"')) in known for part in line.split(separator))
                   for separator in SEPARATORS)

    if not lines or named(lines[0]):
        return 0
    return next((index for index, line in enumerate(lines[:HEADER_SEARCH_ROWS])
                 if named(line) >= HEADER_KNOWN_CELLS), 0)


def read_roster_text(text: str, known_columns, multiline_columns=("note",)) -> RosterText:
    """The header and every row after it, numbered as a spreadsheet shows them, bad rows marked.

    The separator is the one that makes sense of the header (see
    ``choose_separator``).  ``header_problem`` is set when the header row
    itself has a quote that runs on; then there are no rows.  Only cells in
    ``multiline_columns`` (header names, compared as ``known_columns`` are) may run over several lines.
    """

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = header_line(lines, known_columns)
    if start:  # title lines above the header are left out: the rows are read from the header on
        lines = lines[start:]
        text = "\n".join(lines)
    separator = choose_separator(lines[0], known_columns)
    records = split_records(text, separator)
    if not records:
        return RosterText(separator, (), "", ())
    header, *body = records
    runaway = runaway_cell(header, separator)
    if runaway is not None:
        return RosterText(separator, (), runaway[1], (), start + 1)
    names = [header_key(cell.text) for cell in header.cells]
    wanted = {header_key(name) for name in multiline_columns}
    multiline = frozenset(i for i, name in enumerate(names) if name in wanted)
    rows: list[RosterLine] = []
    number = start + 2
    for record in body:
        cells = tuple(cell.text for cell in record.cells)
        runaway = runaway_cell(record, separator, len(header.cells), multiline)
        if runaway is None:
            rows.append(RosterLine(number, cells, blank=not any(c.strip() for c in cells)))
            number += 1
            continue
        column, reason = runaway
        rows.append(RosterLine(number, (), problem=reason, column=column))
        owner = number
        # Each further line the cell swallowed is a row of the file of its own.
        swallowed = lines[record.first_line:record.last_line]
        for offset, content in enumerate(swallowed, start=1):
            if content.strip():
                rows.append(RosterLine(owner + offset, (), problem=(
                    f"not read: it is inside the quoted cell that starts in row {owner}; "
                    "fix that cell and run again")))
        number = owner + 1 + len(swallowed)
    return RosterText(separator, tuple(c.text for c in header.cells), "", tuple(rows), start + 1)
