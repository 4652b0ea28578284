"""The web app's door into the library: every call from ``mbcprep.web`` to the rest of mbcprep is here
(or, for the care team's page, in ``summaries.py``).

The pages, routes and security rules know nothing of requests, packs or
renderers; they hand this module the values a form sent and get back a
``Request``, the handout's bytes, or a roster's zip.  So when the request
layer changes (one table of fields, a language field, roster parsing in the
request package, a writer stage), this file changes and nothing else in
``mbcprep.web`` does.

Problems come back as values the page can put next to a field: a
``Problem`` names the form field and the key of its message in
``words.toml`` (the library's own messages are English and are for the
command line; a patient reads the page's words in the page's language).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from mbcprep import limits
from mbcprep.constants import LANGUAGES as PACK_LANGUAGES
from mbcprep.constants import HER2_ANSWERS, HORMONE_RECEPTOR_ANSWERS, NOT_SURE, PAPER_SIZES
from mbcprep.errors import FontCoverageError, HandoutError, PackInvalid, RequestError, pack_reason
from mbcprep.model.content import Pack
from mbcprep.model.request import Clinic, Request

#: The page languages, in the order the page offers them; each has a built-in pack.
LANGUAGES = tuple(PACK_LANGUAGES)
#: Limits of the web pages (the library's own are far larger, for files a nurse keeps).
FORM_BYTES = 64_000
ROSTER_BYTES = 2_000_000
ROSTER_ROWS = 2_000
#: What a patient may type, as the library limits it (the page's inputs say so with maxlength).
NAME_CHARS = limits.NAME_CHARS
NOTE_CHARS = limits.NOTE_CHARS
#: Choices the page offers, as the library spells them: the two answers about the type of cancer, the paper.
HORMONE_RECEPTOR_CHOICES = HORMONE_RECEPTOR_ANSWERS
HER2_CHOICES = HER2_ANSWERS
PAPER_CHOICES = PAPER_SIZES
#: Each choice field of the patient form: what it may be, and what it is when nothing was chosen.
CHOICE_FIELDS = {"hormone_receptor": (HORMONE_RECEPTOR_CHOICES, NOT_SURE), "her2": (HER2_CHOICES, NOT_SURE),
                 "paper": (PAPER_CHOICES, "letter")}
#: Where a handout goes inside a roster's zip, beside the print file and the error report.
ZIP_FOLDER = "handouts"
PRINT_FILE = "print-all.pdf"


@dataclass(frozen=True)
class Library:
    """What the server was started with: a pack for each page language, and the clinic profile (or none)."""

    packs: dict[str, Pack]
    clinic: Clinic | None = None

    @property
    def clinic_name(self) -> str:
        """The clinic profile's name, for the page to show; empty without a profile."""
        return (self.clinic.name or "-") if self.clinic is not None else ""


@dataclass(frozen=True)
class Problem:
    """A mistake in a form: the field it belongs to and the ``words.toml`` key of its message."""

    field: str
    key: str
    limit: int | None = None  # for "at most {limit} characters"


class FormProblems(Exception):
    """A form that cannot become a handout; every problem found is listed."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(f"{p.field}: {p.key}" for p in problems))
        self.problems = tuple(problems)


class RosterProblem(Exception):
    """A roster that cannot be read at all. ``reason`` is the library's own (English) reason, if any."""

    def __init__(self, key: str, reason: str = ""):
        super().__init__(key)
        self.key = key
        self.reason = reason


@dataclass(frozen=True)
class ConcernChoice:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class ConcernGroup:
    """One category of concerns, as ``mbcprep concerns`` groups them."""

    label: str
    concerns: tuple[ConcernChoice, ...]


@dataclass(frozen=True)
class WebHandout:
    """A handout ready to send: its bytes, media type and the CLI's default file name."""

    data: bytes
    media_type: str
    filename: str


@dataclass(frozen=True)
class RowFailure:
    row: int
    reason: str  # the column and what is wrong, never what the cell holds


@dataclass(frozen=True)
class RosterHandouts:
    """A roster's sheets as one zip (every handout, the print file, the error report), and what failed."""

    zip_data: bytes | None
    filename: str
    made: int
    failures: tuple[RowFailure, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------
# Starting up
# --------------------------------------------------------------------------


def load_library(pack_dir: str | os.PathLike | None = None, clinic_file: str | os.PathLike | None = None) -> Library:
    """Load the built-in packs (and a pack folder in place of the one of its language) and the clinic profile.

    Raises the library's ``PackInvalid`` or ``RequestError``, which the
    command line reports as one-line messages before the server starts.
    """
    from mbcprep.pack import builtin_pack_path, load_pack
    from mbcprep.request.clinic import load_clinic

    packs = {lang: load_pack(builtin_pack_path(lang)) for lang in LANGUAGES}
    if pack_dir is not None:
        custom = load_pack(pack_dir)
        lang = custom.meta.language.split("-")[0].lower()
        if lang not in packs:
            raise RequestError(f"{pack_dir}: the pack is in {custom.meta.language}; the web page has words "
                               f"for {', '.join(LANGUAGES)} only", field="pack")
        packs[lang] = custom
    clinic = load_clinic(Path(clinic_file)) if clinic_file is not None else None
    return Library(packs, clinic)


def warm_up(library: Library) -> None:
    """Make one small handout in each format, so the first person's is as quick as the rest."""
    from mbcprep.plan import plan_handout
    from mbcprep.render import render_handout

    pack = library.packs[LANGUAGES[0]]
    for fmt in ("pdf", "html"):
        render_handout(plan_handout(Request(concerns=pack.concern_ids[:1]), pack), fmt)


def template_folder() -> str:
    """The web page templates: ``templates/web`` beside the handout templates, packaged the same way."""
    from mbcprep.resources import template_dir

    return os.path.join(template_dir(), "web")


def static_folder() -> str:
    """The page's style sheet (and any script): ``templates/web/static``."""
    return os.path.join(template_folder(), "static")


# --------------------------------------------------------------------------
# The patient page
# --------------------------------------------------------------------------


def concern_menu(library: Library, lang: str) -> list[ConcernGroup]:
    """The concerns grouped and ordered as ``mbcprep concerns`` lists them, in the page's language."""
    pack = library.packs[lang]
    return [ConcernGroup(pack.labels[f"category_{category}"],
                         tuple(ConcernChoice(c.id, c.title, c.description) for c in items))
            for category, items in pack.by_category().items() if items]


def request_from_form(library: Library, lang: str, values: dict) -> Request:
    """A ``Request`` from the patient form's values, or ``FormProblems`` naming each field to fix.

    ``values`` holds what the browser sent: ``concerns`` (a list of ids),
    the texts ``name``, ``visit_date`` (YYYY-MM-DD), ``visit_time``
    (HH:MM), ``provider``, ``note``, ``hormone_receptor``, ``her2``, ``paper``, and the flags
    ``large_print``, ``brief``, ``questions_only`` and ``clinic`` (put the
    server's clinic profile on the sheet).  The sheet's language is the page's.
    """
    from mbcprep.request.checks import split_ids
    from mbcprep.request.concerns import check_concern_ids
    from mbcprep.request.values import request_from_values, values_from_mapping

    pack = library.packs[lang]
    problems: list[Problem] = []
    concerns: tuple[str, ...] = ()
    ids = split_ids(values.get("concerns") or ())
    if not ids:
        problems.append(Problem("concerns", "error_no_concern"))
    else:
        try:
            concerns = check_concern_ids(ids, pack)
        except RequestError:
            problems.append(Problem("concerns", "error_unknown_concern"))
    visit = _visit_from_form(values.get("visit_date", ""), values.get("visit_time", ""), problems)
    choices = {}
    for name, (allowed, default) in CHOICE_FIELDS.items():
        choice = (values.get(name) or default).strip().lower()
        if choice not in allowed:
            problems.append(Problem(name, "error_choice"))
        choices[name] = choice if choice in allowed else default
    try:
        checked = values_from_mapping({
            "concerns": list(concerns or pack.concern_ids[:1]),  # a stand-in, so the text checks still run
            "name": values.get("name", ""), "visit": visit, "provider": values.get("provider", ""),
            "clinic": library.clinic if values.get("clinic") else None,
            "hormone_receptor": choices["hormone_receptor"], "her2": choices["her2"],
            "note": values.get("note", ""), "paper": choices["paper"],
            "large_print": bool(values.get("large_print")), "brief": bool(values.get("brief")),
            "questions_only": bool(values.get("questions_only")), "language": pack.meta.language_code,
        })
        request = request_from_values(checked, pack)
    except RequestError as exc:
        problems.append(_text_problem(exc))
        request = None
    if problems:
        raise FormProblems(problems)
    return request


#: The library's field names for a person's texts -> the form's fields.
_TEXT_FIELDS = {"name": "name", "provider": "provider", "note": "note"}
_TEXT_LIMITS = {"name": NAME_CHARS, "provider": NAME_CHARS, "note": NOTE_CHARS}


def _text_problem(error: RequestError) -> Problem:
    """A text the library refused (too long, or letters the font lacks), as a problem beside its field."""
    form_field = _TEXT_FIELDS.get(error.field or "", "clinic")
    if isinstance(error, FontCoverageError):
        return Problem(form_field, "error_font")
    return Problem(form_field, "error_too_long", _TEXT_LIMITS.get(form_field))


def _visit_from_form(date_text: str, time_text: str, problems: list[Problem]) -> dt.date | dt.datetime | None:
    """A visit from the native date and time inputs (``2026-12-03``, ``10:30``); problems go on their own field."""
    from mbcprep.request.checks import parse_visit

    date_text, time_text = date_text.strip(), time_text.strip()
    if not date_text:
        if time_text:
            problems.append(Problem("visit_date", "error_time_without_date"))
        return None
    try:
        day = parse_visit(date_text)
    except RequestError as exc:
        problems.append(Problem("visit_date", "error_date_not_real" if "real date" in exc.problem
                                else "error_date_format"))
        return None
    if isinstance(day, dt.datetime):  # a date and time typed into the date box (no browser sends that)
        problems.append(Problem("visit_date", "error_date_format"))
        return None
    if not time_text:
        return day
    for pattern in ("%H:%M", "%H:%M:%S"):
        try:
            moment = dt.datetime.strptime(time_text, pattern).time()
            return dt.datetime.combine(day, moment.replace(second=0))
        except ValueError:
            continue
    problems.append(Problem("visit_time", "error_time_format"))
    return None


def render_handout(library: Library, request: Request, lang: str, fmt: str) -> WebHandout:
    """The handout as PDF or HTML bytes, named as ``mbcprep generate`` names it (never the person's name).

    Letters the sheet's font cannot print come back as ``FormProblems`` on their field.
    """
    from mbcprep.plan import plan_handout
    from mbcprep.render import render_handout as render
    from mbcprep.write.handout import default_output_name

    try:
        handout = render(plan_handout(request, library.packs[lang]), fmt)
    except RequestError as exc:
        raise FormProblems([_text_problem(exc)]) from None
    return WebHandout(handout.data, handout.media_type, default_output_name(request.visit, fmt))


# --------------------------------------------------------------------------
# The nurse page
# --------------------------------------------------------------------------


def handouts_from_roster(library: Library, data: bytes, lang: str, with_clinic: bool,
                         today: dt.date | None = None) -> RosterHandouts:
    """Every row's handout, in memory: a zip of the handouts, ``print-all.pdf`` and ``batch-errors.csv``.

    Rows are read and checked as ``mbcprep batch`` reads them (same
    columns, same row numbers, same reasons: the column and the problem,
    never the cell).  Nothing touches the disk.  ``RosterProblem`` when the
    roster as a whole cannot be used (too big, not text, a bad header).
    """
    from mbcprep.errors import RosterError
    from mbcprep.write.folder import row_paths

    if len(data) > ROSTER_BYTES:
        raise RosterProblem("error_roster_too_big")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterProblem("error_roster_not_text") from None
    from mbcprep.request.roster import roster_rows

    defaults = {"clinic": library.clinic if with_clinic else None, "format": "pdf", "language": lang}
    try:
        rows, failures = roster_rows(data.decode("utf-8-sig"), "roster", _PagePacks(library), defaults)
    except RosterError as exc:
        raise RosterProblem("error_roster_header", exc.reason) from None
    if len(rows) + len(failures) > ROSTER_ROWS:
        raise RosterProblem("error_roster_too_many_rows")
    named, name_failures = row_paths(rows, Path(ZIP_FOLDER), force=True)  # force: the zip, not the disk
    failed = [RowFailure(failure.row, failure.reason) for failure in failures + name_failures]
    made: list[tuple[str, bytes]] = []
    for row, path in named:
        data_or_reason = _render_row(row.request, library.packs.get(row.request.language, library.packs[lang]))
        if isinstance(data_or_reason, bytes):
            made.append((path.name, data_or_reason))
        else:
            failed.append(RowFailure(row.row, data_or_reason))
    failed.sort(key=lambda failure: failure.row)
    day = (today or dt.date.today()).isoformat()
    zip_data = _zip_handouts(made, failed) if made else None
    return RosterHandouts(zip_data, f"mbcprep-sheets-{day}.zip", len(made), tuple(failed))


class _PagePacks:
    """The server's packs, as a roster's rows ask for them by language (``PackShelf``'s one method)."""

    def __init__(self, library: Library):
        self.packs = library.packs

    def pack_for(self, language: str | None = None) -> Pack:
        if language and language not in self.packs:
            raise RequestError(f"is not one of: {', '.join(self.packs)}", field="language", value=language)
        return self.packs[language or LANGUAGES[0]]


def _render_row(request: Request, pack: Pack) -> bytes | str:
    """One row's PDF, or the reason it failed (as ``mbcprep batch`` words it: never the cell's text)."""
    from mbcprep.plan import plan_handout
    from mbcprep.render import render_handout as render
    from mbcprep.request.roster import row_reason

    try:
        return render(plan_handout(request, pack), "pdf").data
    except RequestError as exc:
        return row_reason(exc)
    except PackInvalid as exc:  # a pack text too long for a page: the pack's words, never the row's
        return f"its handout could not be made: {pack_reason(exc)}"
    except HandoutError:
        return "its handout could not be made"
    except Exception as exc:  # a bug must cost one row, not the whole clinic day
        return f"unexpected error ({type(exc).__name__}); this is a bug in mbcprep, please report it"


def _zip_handouts(made: list[tuple[str, bytes]], failed: list[RowFailure]) -> bytes:
    """The zip a nurse downloads: ``handouts/<name>.pdf`` for each row, the print file and the error report."""
    from mbcprep.write.folder import ERRORS_FILE
    from mbcprep.write.print_file import PrintFile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, pdf in made:
            archive.writestr(f"{ZIP_FOLDER}/{name}", pdf)
        print_file = io.BytesIO()
        printer = PrintFile(print_file)
        for name, pdf in made:
            printer.add_handout(pdf, title=name.removesuffix(".pdf"))
        printer.finish()
        archive.writestr(PRINT_FILE, print_file.getvalue())
        archive.writestr(ERRORS_FILE, _error_report(failed))
    return buffer.getvalue()


def _error_report(failed: list[RowFailure]) -> bytes:
    """``batch-errors.csv`` as ``mbcprep batch`` writes it (its writer takes a folder, so this one takes rows)."""
    from mbcprep.write.folder import spreadsheet_text
    from mbcprep.controls import one_line

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["row", "reason"])
    for failure in failed:
        writer.writerow([failure.row, spreadsheet_text(one_line(failure.reason))])
    return buffer.getvalue().encode("utf-8-sig")
