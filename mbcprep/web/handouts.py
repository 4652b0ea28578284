"""The web app's door into the library: every call from ``mbcprep.web``'s pages to the rest of mbcprep is
here (or, for the nurse's page, in ``rosters.py`` and, for the care team's, in ``summaries.py``).

The pages know nothing of requests, packs or renderers: they hand this
module the values a form sent and get back a ``Request``, the handout's
bytes.  So when the request layer changes, this file
changes and no page does.

Problems come back as values the page can put next to a field: a
``Problem`` names the form field and the key of its message in
``words/web.toml`` (the library's own messages are English and are for the
command line; a patient reads the page's words in the page's language).
The library says what is wrong as a code (``RequestError.code``), and
checks every value of a form at once, so each field's problem is shown
together; the page never re-checks what the library checks.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mbcprep.errors import RequestError, RequestInvalid
from mbcprep.languages import languages
from mbcprep.model.content import Pack
from mbcprep.model.plan import QuestionOffers
from mbcprep.model.request import Clinic, Request
from mbcprep.pack.menu import Menu, menu_of
from mbcprep.plan import own_question_lines, plan_handout, question_offers
from mbcprep.render import render_handout
from mbcprep.request.checks import check_value
from mbcprep.request.clinic import load_clinic
from mbcprep.request.fields import FIELDS_BY_KEY
from mbcprep.request.packs import PackShelf
from mbcprep.request.values import request_from_mapping
from mbcprep.resources import template_dir
from mbcprep.write.handout import default_output_name

#: The formats the patient page offers (its two buttons), the first when none is asked for.
PAGE_FORMATS = ("pdf", "html")
#: The patient form's choices and limits, as the library's field table has them.
CHOICE_FIELDS = ("hormone_receptor", "her2", "paper")
CHOICES = {key: FIELDS_BY_KEY[key].choices for key in CHOICE_FIELDS}
TEXT_LIMITS = {key: FIELDS_BY_KEY[key].limit for key in ("name", "provider", "note")}
#: What the patient form shows before anything is typed: the field table's defaults, and the clinic ticked.
FORM_DEFAULTS = {**{key: FIELDS_BY_KEY[key].default for key in CHOICE_FIELDS}, "clinic": True, "concerns": ()}
#: The patient form's fields in the order the page shows them (and lists their problems).
FORM_FIELDS = ("concerns", "name", "dob", "visit_date", "visit_time", "provider", "note", "hormone_receptor", "her2",
               "large_print", "brief", "questions_only", "clinic", "paper", "questions", "own_questions")
#: The second step's fields (the questions ticked, the lines for the person's own).
QUESTION_FIELDS = ("questions", "own_questions")
#: How many lines for the person's own questions the second step offers.
OWN_QUESTION_CHOICES = tuple(range((FIELDS_BY_KEY["own_questions"].limit or 0) + 1))  # a count has its limit
#: What the library says is wrong (``RequestError.code``) -> the page's words for it.
CODE_WORDS = {"no_concern": "error_no_concern", "unknown_concern": "error_unknown_concern",
              "unknown_question": "error_unknown_question", "question_not_chosen": "error_unknown_question",
              "not_a_count": "error_own_questions",
              "not_a_real_date": "error_date_not_real", "not_a_date": "error_date_format",
              "birth_in_future": "error_birth_in_future", "birth_too_early": "error_birth_too_early",
              "too_long": "error_too_long", "unprintable": "error_font", "not_a_choice": "error_choice"}
#: A time input's value may carry seconds (HTML's "HH:MM:SS.sss"); the sheet shows minutes.
TIME_WITH_SECONDS = re.compile(r"(\d\d:\d\d):\d\d(\.\d+)?")


@dataclass(frozen=True)
class Library:
    """What the server was started with: its packs (a pack folder in place of the built-in pack of its
    language) and the clinic profile (or none)."""

    shelf: PackShelf
    clinic: Clinic | None = None
    #: The languages a page may be in, the default first: those with a pack and the pages' words.
    languages: tuple[str, ...] = ()

    def pack(self, lang: str) -> Pack:
        return self.shelf.pack_for(lang)

    @property
    def clinic_name(self) -> str:
        """The clinic profile's name, for the page to show; empty without a profile."""
        return (self.clinic.name or "-") if self.clinic is not None else ""


@dataclass(frozen=True)
class Problem:
    """A mistake in a form: the field it belongs to and the ``words/web.toml`` key of its message."""

    field: str
    key: str
    limit: int | None = None  # for "at most {limit} characters"


class FormProblems(Exception):
    """A form that cannot become a handout; every problem found is listed, in the form's order."""

    def __init__(self, problems: list[Problem]):
        ordered = sorted(problems, key=lambda problem: FORM_FIELDS.index(problem.field))
        super().__init__(", ".join(f"{p.field}: {p.key}" for p in ordered))
        self.problems = tuple(ordered)


@dataclass(frozen=True)
class WebFile:
    """A file ready to send: its bytes, media type and name (the command line's default name)."""

    data: bytes
    media_type: str
    filename: str


# --------------------------------------------------------------------------
# Starting up
# --------------------------------------------------------------------------


def load_library(pack_dir: str | os.PathLike | None = None, clinic_file: str | os.PathLike | None = None) -> Library:
    """Load the built-in packs (and a pack folder in place of the one of its language) and the clinic profile.

    Raises the library's ``PackInvalid`` or ``RequestError``, which the
    command line reports as one-line messages before the server starts.
    """
    shelf = PackShelf(pack_dir, beside_builtin=True)
    page_languages = tuple(word_files())
    if pack_dir is not None:
        custom = shelf.pack_for()
        if custom.meta.language_code not in page_languages:
            raise RequestError(f"{pack_dir}: the pack is in {custom.meta.language}; the web page has words "
                               f"for {', '.join(page_languages)} only", field="pack")
    for lang in page_languages:
        shelf.pack_for(lang)
    clinic = load_clinic(Path(clinic_file)) if clinic_file is not None else None
    return Library(shelf, clinic, page_languages)


def word_files() -> dict[str, str]:
    """The pages' words of each language that has them (its folder's ``words/web.toml``), the default first."""
    return {code: language.words_file("web") for code, language in languages().items()
            if os.path.isfile(language.words_file("web"))}


def warm_up(library: Library) -> None:
    """Make one small handout in each format the page offers, so the first person's is as quick as the rest."""
    pack = library.pack(library.languages[0])
    for fmt in PAGE_FORMATS:
        render_handout(plan_handout(Request(concerns=pack.concern_ids[:1]), pack), fmt)


def template_folder() -> str:
    """The web page templates: ``templates/web`` beside the handout templates, packaged the same way."""
    return os.path.join(template_dir(), "web")


def static_folder() -> str:
    """The page's style sheet (and any script): ``templates/web/static``."""
    return os.path.join(template_folder(), "static")


# --------------------------------------------------------------------------
# The patient page
# --------------------------------------------------------------------------


def concern_menu(library: Library, lang: str) -> Menu:
    """The concerns grouped and ordered as ``mbcprep concerns`` lists them, in the page's language."""
    return menu_of(library.pack(lang))


def request_from_form(library: Library, lang: str, values: dict) -> Request:
    """A ``Request`` from the patient form's values, or ``FormProblems`` naming each field to fix.

    ``values`` holds what the browser sent: ``concerns`` (a list of ids),
    the texts ``name``, ``dob`` (YYYY-MM-DD), ``visit_date`` (YYYY-MM-DD), ``visit_time``
    (HH:MM), ``provider``, ``note``, ``hormone_receptor``, ``her2``, ``paper``, and the flags
    ``large_print``, ``brief``, ``questions_only`` and ``clinic`` (put the
    server's clinic profile on the sheet).  From the second step, the flag
    ``questions_step`` with ``questions`` (the ids ticked: exactly those
    print) and ``own_questions`` (lines for the person's own).  The sheet's
    language is the page's.
    """
    problems: list[Problem] = []
    visit = _visit_from_form(values.get("visit_date", ""), values.get("visit_time", ""), problems)
    form = {"concerns": list(values.get("concerns") or ()), "visit": visit,
            **{key: values.get(key, "") for key in ("name", "dob", "provider", "note", *CHOICE_FIELDS)},
            **{key: bool(values.get(key)) for key in ("large_print", "brief", "questions_only")},
            "clinic": library.clinic if values.get("clinic") else None}
    if values.get("questions_step"):
        form["questions"] = ["none", *(values.get("questions") or ())]
        form["own_questions"] = values.get("own_questions", "")
    try:
        request = request_from_mapping(form, library.pack(lang), hints=False, every_problem=True)
    except RequestInvalid as invalid:
        raise FormProblems(problems + [_form_problem(error) for error in invalid.errors]) from None
    if problems:
        raise FormProblems(problems)
    return request


def questions_to_choose(library: Library, lang: str, request: Request) -> tuple[QuestionOffers, ...]:
    """The second step's questions: each chosen concern's and the general groups', the sheet's usual ones
    marked as defaults (to be ticked)."""
    return question_offers(request, library.pack(lang))


def own_lines(request: Request) -> int:
    """How many lines for the person's own questions the sheet has unless the person says otherwise."""
    return own_question_lines(request)


def _form_problem(error: RequestError) -> Problem:
    """A problem the library found, beside its field on the form (a clinic's text: beside the clinic box)."""
    field = "visit_date" if error.field == "visit" else error.field or ""
    field = field if field in FORM_FIELDS else "clinic"
    key = CODE_WORDS.get(error.code, "error_field")
    limit = FIELDS_BY_KEY[error.field].limit if error.code == "too_long" and error.field in FIELDS_BY_KEY else None
    return Problem(field, key, limit)


def _visit_from_form(date_text: str, time_text: str, problems: list[Problem]) -> dt.date | dt.datetime | None:
    """A visit from the date and time inputs (``2026-12-03``, ``10:30``), checked as the library checks a
    visit; a problem goes on the input it is in."""
    date_text, time_text = date_text.strip(), time_text.strip()
    if not date_text:
        if time_text:
            problems.append(Problem("visit_date", "error_time_without_date"))
        return None
    try:
        day = check_value("visit", date_text)
    except RequestError as error:
        problems.append(_form_problem(error))
        return None
    if isinstance(day, dt.datetime):  # a date and time typed into the date box (no browser sends that)
        problems.append(Problem("visit_date", "error_date_format"))
        return None
    if not time_text:
        return day
    minutes = TIME_WITH_SECONDS.fullmatch(time_text)
    try:
        return check_value("visit", f"{date_text} {minutes.group(1) if minutes else time_text}")
    except RequestError:  # the date alone is good: the time is wrong
        problems.append(Problem("visit_time", "error_time_format"))
        return None


def handout_file(library: Library, request: Request, lang: str, fmt: str) -> WebFile:
    """The handout as PDF or HTML bytes, named as ``mbcprep generate`` names it (never the person's name).

    Letters the sheet's font cannot print come back as ``FormProblems`` on their field.
    """
    try:
        handout = render_handout(plan_handout(request, library.pack(lang)), fmt)
    except RequestError as error:
        raise FormProblems([_form_problem(error)]) from None
    return WebFile(handout.data, handout.media_type, default_output_name(request.visit, fmt, language=request.language))
