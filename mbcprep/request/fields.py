"""Every value a request can hold, once: its key, its option, whether a roster has it, how it is checked.

A request comes from five places (options, a request file, a roster row,
interactive answers, a web form), and each reads its keys from this table:
request-file keys are ``key``, roster columns are the keys with ``column``,
the command line's options are made from ``options`` and ``help`` (see
``mbcprep.cli.common.request_options``), and ``kind`` names the one check in
``mbcprep.request.checks`` that every source's value goes through.

Plain tuples, no dataclasses: ``mbcprep concerns`` reads this table (for
``--language``) on its start-up path.
"""

from __future__ import annotations

from typing import NamedTuple

from mbcprep import limits
from mbcprep.constants import DEFAULT_PAPER, HER2_ANSWERS, HORMONE_RECEPTOR_ANSWERS, NOT_SURE, PAPER_SIZES, SUBTYPES
from mbcprep.formats import HANDOUT_FORMATS
from mbcprep.languages import DEFAULT, languages


class Field(NamedTuple):
    """One value of a request.

    ``kind`` is how it is checked: ``concerns`` and ``questions`` (ids,
    separated by commas or semicolons), ``count`` (a whole number from 0 to
    ``limit``), ``text`` (one line) or ``lines`` (a note: line breaks kept),
    ``visit`` (a date, or a date and time), ``choice`` (one of ``choices``),
    ``language`` (the code of a language ``mbcprep.languages`` finds, when it is checked),
    ``flag`` (yes or no), ``clinic`` (a clinic profile), ``font`` (a TTF file).
    ``birth_date`` (a date alone, in the past).  ``default`` is the value
    when no source gives one.  ``headers`` are other names a roster's header
    may give the column (compared with case, spaces and punctuation left
    out: see ``mbcprep.request.roster_columns``).
    """

    key: str
    options: tuple[str, ...]  # option names on the command line; the first long one is --<key>
    column: bool  # a roster may have a column for it
    kind: str
    help: str
    choices: tuple[str, ...] = ()
    limit: int | None = None  # characters, for text; the largest number, for a count
    default: object = None
    metavar: str | None = None
    headers: tuple[str, ...] = ()


FIELDS = (
    Field("concerns", ("-c", "--concern", "--concerns"), True, "concerns", metavar="ID",
          help="A concern to include (repeat it, or list ids with commas). See 'mbcprep concerns'.",
          headers=("concern", "concern ids", "topics")),
    Field("questions", ("--question", "--questions"), True, "questions", metavar="ID", default=(),
          help="A question to print, by its id (repeat it, or list ids with commas); a group's id prints the whole "
               "group. Give all for every question of the chosen concerns and the general groups, or none for only "
               "the questions you name; without either, the sheet's usual few questions print too. "
               "See 'mbcprep concerns --questions'."),
    Field("own_questions", ("--own-questions",), True, "count", limit=limits.OWN_QUESTION_LINES, metavar="0-5",
          help="How many lines to write your own questions on, 0 to 5. Default: 1 (2 on a questions-only sheet)."),
    Field("name", ("--name",), True, "text", limit=limits.NAME_CHARS, default="",
          help="The person's name, printed at the top of every page (never in the file name).",
          headers=("patient name", "patient", "full name", "patient full name")),
    Field("dob", ("--dob",), True, "birth_date", metavar="YYYY-MM-DD",
          help="Date of birth, printed beside the name at the top of every page (a second identifier).",
          headers=("date of birth", "birth date", "birthdate", "patient dob", "patient date of birth")),
    Field("mrn", ("--mrn",), True, "text", limit=limits.MRN_CHARS, default="", metavar="NUMBER",
          help="Medical record number; printed only with --print-mrn.",
          headers=("medical record number", "record number", "patient mrn", "mr number")),
    Field("print_mrn", ("--print-mrn",), False, "flag", default=False,
          help="Print the medical record number beside the name and date of birth."),
    Field("visit", ("--visit",), True, "visit", metavar='"YYYY-MM-DD HH:MM"',
          help="Visit date and time, or a date alone (12/3/2026 10:30 AM works too).",
          headers=("appointment", "appt", "visit date", "appointment date", "appt date", "date",
                   "visit date time", "appointment date time", "appt date time", "start", "start date",
                   "appointment start", "date time")),
    Field("provider", ("--provider",), True, "text", limit=limits.NAME_CHARS, default="",
          help="Who the person is seeing, e.g. \"Dr. Lee\".",
          headers=("provider name", "doctor", "physician", "clinician", "practitioner", "appt provider",
                   "visit provider", "attending")),
    Field("clinic", ("--clinic",), False, "clinic", metavar="FILE",
          help="Clinic profile (TOML file: name, phone, after_hours_phone, address, logo)."),
    Field("hormone_receptor", ("--hormone-receptor",), True, "choice", choices=HORMONE_RECEPTOR_ANSWERS,
          default=NOT_SURE, help="Hormone receptor result on the pathology report (ER or PR), for text about "
                                 "that type.", headers=("hormone receptor", "hr status")),
    Field("her2", ("--her2",), True, "choice", choices=HER2_ANSWERS, default=NOT_SURE,
          help="HER2 result on the pathology report, for text about that type.", headers=("her2 status",)),
    Field("subtype", ("--subtype",), True, "choice", choices=SUBTYPES, default="unknown",
          help="A shorthand for both answers: hr-positive = --hormone-receptor positive; her2-positive, "
               "her2-low = --her2 positive, low; triple-negative = --hormone-receptor negative --her2 zero "
               "(add --her2 low or ultralow if the report says so)."),
    Field("note", ("--note",), True, "lines", limit=limits.NOTE_CHARS, default="",
          help="A short note of the person's own, printed near the top.", headers=("patient note", "my note")),
    Field("language", ("--language",), True, "language",
          help=f"Language of the handout, by its code ({', '.join(languages())}; default {DEFAULT}). "
               "With --pack, the pack's language.",
          headers=("preferred language", "patient language", "primary language", "lang")),
    Field("paper", ("--paper",), False, "choice", choices=PAPER_SIZES, default=DEFAULT_PAPER, help="Paper size."),
    Field("large_print", ("--large-print",), True, "flag", default=False,
          help="Bigger text (body at least 16 pt), same content.", headers=("large type",)),
    Field("brief", ("--brief",), True, "flag", default=False, help="Short sheet: only the summary of each part."),
    Field("questions_only", ("--questions-only",), False, "flag", default=False,
          help="Only the header, the 'get help now' signs and the questions."),
    Field("fillable", ("--fillable",), False, "flag", default=True,
          help="Fields you can type in on screen (default), or a plain sheet to write on."),
    Field("format", ("--format",), False, "choice", choices=tuple(HANDOUT_FORMATS), default="pdf",
          help="pdf to print; html for screen readers and browsers; txt for email or a terminal."),
    Field("font", ("--font",), False, "font", metavar="TTF",
          help="A TTF font to use instead of the shipped one (for names in other scripts)."),
    Field("font_bold", ("--font-bold",), False, "font", metavar="TTF", help="The bold TTF that goes with --font."),
)

FIELDS_BY_KEY = {field.key: field for field in FIELDS}
#: Keys a request file may set.
REQUEST_KEYS = tuple(FIELDS_BY_KEY)
#: The roster's columns: the request values a row may set, and ``file``, the row's output name.
ROSTER_COLUMNS = (*(field.key for field in FIELDS if field.column), "file")


def choices(field: Field) -> tuple[str, ...]:
    """What a choice may be: the field's ``choices``, or for a ``language`` the codes of the languages found now."""
    return tuple(languages()) if field.kind == "language" else field.choices
