"""The nurse page's door into the library: read a roster upload, make its zip, word its rows' reasons.

Beside ``handouts.py`` (the patient's page) and kept to the same rule:
the page hands this module an upload's bytes and gets back a
``RosterDay`` to make (quickly, in the request), then, from the
background job (``jobs.py``), the zip made through the library's row
stream, as ``mbcprep batch`` makes a folder; or a ``RosterProblem``
naming the page's own words for what is wrong with the roster as a
whole.  A row that failed keeps its reason as values (``RowFailure.code``,
``column``, ``position``), which ``row_reasons`` words in the page's
language.  Nothing is written to disk.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Callable, Iterable

from mbcprep.batch import choose_processes
from mbcprep.batch.rows import RowStream
from mbcprep.errors import RosterError
from mbcprep.model.roster import RowFailure, RowJob
from mbcprep.request.fields import FIELDS_BY_KEY
from mbcprep.request.roster import roster_from_bytes
from mbcprep.request.roster_files import TEMPLATE_NAME, template_bytes
from mbcprep.web.handouts import Library, WebFile
from mbcprep.web.words import words
from mbcprep.write.archive import RosterZip
from mbcprep.write.folder import row_names

#: Limits of the nurse page (the library's own are far larger, for files a nurse keeps).
ROSTER_BYTES = 2_000_000
ROSTER_ROWS = 2_000


class RosterProblem(Exception):
    """A roster that cannot be read at all. ``reason`` is the library's own (English) reason, if any."""

    def __init__(self, key: str, reason: str = ""):
        super().__init__(key)
        self.key = key
        self.reason = reason


@dataclass(frozen=True)
class RosterHandouts:
    """A roster's sheets as one zip (every handout, the print file, the error report), and what failed."""

    zip_data: bytes | None
    filename: str
    made: int
    failures: tuple[RowFailure, ...] = ()


@dataclass(frozen=True)
class RosterDay:
    """A roster read on the nurse page, ready to make: the rows to make (named), the rows that failed when
    read, and the zip's name (the clinic day's)."""

    jobs: tuple[RowJob, ...]
    failures: tuple[RowFailure, ...]
    filename: str


def read_roster_upload(library: Library, data: bytes, lang: str, with_clinic: bool, filename: str = "") -> RosterDay:
    """Read an uploaded roster as ``mbcprep batch`` reads one (the same columns, row numbers, file names and
    reasons: the column and the problem, never the cell), ready to make.  Quick: no handout is made yet.

    A CSV in the same encodings, a workbook or a FHIR Bundle, by the same
    reader; ``filename`` (the upload's) only tells a workbook by its
    suffix.  Rows with no language of their own are made in the page's.
    ``RosterProblem`` when the roster as a whole cannot be used (too big,
    not a roster, a bad header).
    """
    if len(data) > ROSTER_BYTES:
        raise RosterProblem("error_roster_too_big")
    defaults = {"clinic": library.clinic if with_clinic else None, "format": RosterZip.FORMAT, "language": lang}
    suffix = os.path.splitext(filename)[1].lower()[:8]
    try:  # the roster is named by its kind only: an upload's file name may hold a patient's name
        roster = roster_from_bytes(data, f"roster{suffix}", library.shelf, defaults)
    except RosterError as error:
        raise RosterProblem("error_roster_header", error.reason) from None
    if roster.total_rows > ROSTER_ROWS:
        raise RosterProblem("error_roster_too_many_rows")
    jobs, name_failures = row_names(roster.rows)
    return RosterDay(tuple(jobs), tuple(roster.failures + name_failures), clinic_day_name(jobs))


def roster_template() -> WebFile:
    """The roster template ``mbcprep batch --template`` prints, as a download."""
    return WebFile(template_bytes(), "text/csv; charset=utf-8", TEMPLATE_NAME)


def make_roster_zip(library: Library, day: RosterDay, processes: int = 1, on_row: Callable[[], None] | None = None,
                    should_stop: Callable[[], int | None] | None = None,
                    start_method: str | None = None) -> RosterHandouts | None:
    """Every row's handout, in memory: a zip of the handouts, ``print-all.pdf`` and ``batch-errors.csv``.

    Made through the library's row stream (``processes`` > 1: in a pool of
    worker processes, as ``mbcprep batch --jobs``), into a zip instead of a
    folder; ``on_row`` is called as each row is done.  Nothing touches the
    disk.  None when ``should_stop`` stopped it (no zip is made of part of a day).
    """
    failed = list(day.failures)
    archive = RosterZip(job.row for job in day.jobs)
    rows = RowStream(list(day.jobs), library.shelf, processes, should_stop=should_stop, start_method=start_method)
    for outcome in rows:
        if isinstance(outcome, RowFailure):
            failed.append(outcome)
            archive.skip(outcome.row)
        else:
            archive.add(outcome)
        if on_row is not None:
            on_row()
    if rows.stop_signal is not None:
        return None
    failed.sort(key=lambda failure: failure.row)
    zip_data = archive.finish(failed) if archive.made else None
    return RosterHandouts(zip_data, day.filename, archive.made, tuple(failed))


def processes_for(day: RosterDay) -> int:
    """How many worker processes make a day's rows: as ``mbcprep batch`` chooses without ``--jobs``."""
    return choose_processes(None, len(day.jobs))[0]


def handouts_from_roster(library: Library, data: bytes, lang: str, with_clinic: bool,
                         filename: str = "") -> RosterHandouts:
    """Read a roster and make its zip here, in this thread (the page makes it in the background: ``jobs.py``)."""
    result = make_roster_zip(library, read_roster_upload(library, data, lang, with_clinic, filename))
    assert result is not None  # nothing stops it
    return result


def clinic_day_name(jobs: Iterable[RowJob]) -> str:
    """The zip's name, for the clinic day: ``mbcprep-sheets-<visit date>.zip`` (the first and last days of a
    roster over several, and no date when no row has a visit).  Never today's date: the sheets are for the visit."""
    days = sorted({(job.request.visit.date() if isinstance(job.request.visit, dt.datetime) else job.request.visit)
                   for job in jobs if job.request.visit is not None})
    if not days:
        return "mbcprep-sheets.zip"
    if len(days) == 1:
        return f"mbcprep-sheets-{days[0].isoformat()}.zip"
    return f"mbcprep-sheets-{days[0].isoformat()}-to-{days[-1].isoformat()}.zip"


# --------------------------------------------------------------------------
# A row's reason in the page's words
# --------------------------------------------------------------------------

#: A row failure's code -> its words in ``words.toml`` (``[<lang>.roster]``); a code without words of its
#: own (``invalid``, a line of the file that cannot be split) is said with the general words and the
#: library's English reason beside them.
REASON_WORDS = {code: f"reason_{code}" for code in (
    "no_concern", "unknown_concern", "not_a_date", "not_a_real_date", "too_long", "not_a_choice",
    "not_yes_or_no", "unprintable", "conflict", "extra_cells", "cell_too_long", "file_name_taken",
    "pack_text", "not_made_handout", "bug", "not_made", "worker_died", "unknown_question", "question_not_chosen",
    "birth_in_future", "birth_too_early")}


@dataclass(frozen=True)
class RowReason:
    """A failed row as the page shows it: its number, the column (as the roster names it), the reason in
    the page's words, and the library's English reason when the page's words are only general."""

    row: int
    column: str
    words: str
    english: str = ""


def row_reasons(failures: Iterable[RowFailure], lang: str) -> list[RowReason]:
    """Each failure's reason in the page's language, from its code: what ``mbcprep batch`` says, worded for
    the page (the concern ids are listed on the page, where the command line names 'mbcprep concerns')."""
    table = words(lang, "roster")
    ordinals = [ordinal.strip() for ordinal in table["ordinals"].split(",")]
    reasons = []
    for failure in failures:
        key = REASON_WORDS.get(failure.code)
        if key is None:
            reasons.append(RowReason(failure.row, failure.column, table["reason_general"], failure.reason))
            continue
        if key == "reason_unknown_concern" and failure.position:
            key += "_nth"
        position = failure.position or 0
        ordinal = ordinals[position - 1] if 0 < position <= len(ordinals) else str(position)
        field = FIELDS_BY_KEY.get(failure.column.split(" (")[0])  # "visit (Appt Date + Appt Time)": visit
        choices = f": {', '.join(field.choices)}" if field is not None and field.choices else ""
        reasons.append(RowReason(failure.row, failure.column, table[key].format(ordinal=ordinal, choices=choices)))
    return reasons
