"""Errors that reach people as one plain line, never as a traceback.

Every error here carries its place as fields (file, row, key or field) and
its reason apart, so a caller reads what it needs without splitting a
string: a roster's report takes the field and the reason only, the CLI
shows "file: row N: key: reason" (``problems``), the web app puts the
reason beside the form field.  Exit codes are the CLI's business
(``mbcprep.cli.errors``), never decided here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mbcprep import limits
from mbcprep.controls import one_line

if TYPE_CHECKING:
    from typing import Iterable


class HandoutError(Exception):
    """Base class for every error mbcprep reports to a person.

    ``problems()`` gives each problem as ``(places, reason)``: the places
    from the most general (a file) to the most precise (a key), then what
    is wrong.  Most errors have one problem; a pack lists every one.
    """

    def problems(self) -> list[tuple[tuple[str, ...], str]]:
        return [((), str(self))]


class PackError:
    """One problem in a content pack, with the file and key path it concerns.

    A plain class rather than a dataclass: this module is imported by every
    command, and ``dataclasses`` would add to start-up time.
    """

    __slots__ = ("file", "key", "message")

    def __init__(self, file: str, key: str, message: str):
        self.file = file
        self.key = key
        self.message = message

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"PackError({self.file!r}, {self.key!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PackError):
            return NotImplemented
        return (self.file, self.key, self.message) == (other.file, other.key, other.message)

    def __hash__(self) -> int:
        return hash((self.file, self.key, self.message))


class PackInvalid(HandoutError):
    """A content pack has one or more problems; all of them are listed."""

    def __init__(self, errors: list[PackError]):
        self.errors = list(errors)
        super().__init__(
            f"the content pack has {len(self.errors)} problem(s):\n"
            + "\n".join(f"  {e}" for e in self.errors)
        )

    def problems(self) -> list[tuple[tuple[str, ...], str]]:
        return [(tuple(place for place in (error.file, error.key) if place), error.message) for error in self.errors]


def pack_reason(error: PackInvalid) -> str:
    """A pack's first problem as one reason ("concerns/bones.toml: sections[0]: is too long ..."); pack words only."""
    places, reason = error.problems()[0]
    return one_line(": ".join((*places, reason)))


class RequestError(HandoutError):
    """A handout request (options, request file, roster row, answers, a web form) is not usable.

    The place is in fields: ``file`` (a request or clinic file), ``row`` (a
    roster row), ``field`` (the option, key or column); ``problem`` says
    what is wrong, in English, and ``code`` says it for a program, as one of
    ``RequestError.CODES`` (the web page words each code in the page's
    language).  ``value`` is what the person typed, when the problem is
    about it: it is quoted in front of the problem where quoting is safe
    (``generate``: the person typed it) and left out where it is not (a
    roster: the reason goes to a report file, and a cell may hold anything).
    """

    #: ``invalid``: any problem without a code of its own (a value of the wrong type in a file, say).
    CODES = ("invalid", "unknown_key", "no_concern", "unknown_concern", "unknown_question", "question_not_chosen",
             "not_a_date", "not_a_real_date", "birth_in_future", "birth_too_early", "too_long", "not_a_choice",
             "not_a_count", "not_yes_or_no", "unprintable", "conflict", "file")

    def __init__(self, problem: str, field: str | None = None, value: str | None = None,
                 file: str | None = None, row: int | None = None, code: str = "invalid",
                 position: int | None = None):
        if code not in self.CODES:
            raise ValueError(f"unknown RequestError code {code!r}")
        self.problem = problem
        self.field = field
        self.value = value
        self.file = file
        self.row = row
        self.code = code
        self.position = position  # which item of a list is wrong (the 2nd concern id), 1 first
        super().__init__(self.describe())

    @property
    def message(self) -> str:
        """The problem, with the typed value quoted in front of it when there is one."""
        return f"{quote(self.value)} {self.problem}" if self.value is not None else self.problem

    @property
    def places(self) -> tuple[str, ...]:
        """Where the problem is: the file, "row N", the field; each only when known."""
        places = (str(self.file) if self.file else "", f"row {self.row}" if self.row is not None else "",
                  self.field or "")
        return tuple(place for place in places if place)

    def describe(self, with_value: bool = True) -> str:
        """One line: "file: row N: field: problem"."""
        return ": ".join([*self.places, self.message if with_value else self.problem])

    def problems(self) -> list[tuple[tuple[str, ...], str]]:
        return [(self.places, self.message)]

    def placed(self, **place) -> "RequestError":
        """The same error with more of its place known (``file=``, ``row=``, ``field=``), for the caller that knows it."""
        for name, value in place.items():
            if getattr(self, name) in (None, ""):
                setattr(self, name, value)
        self.args = (self.describe(),)
        return self

    def without_value(self) -> str:
        """The message without what the person typed: "visit: is not a real date; ..."."""
        return f"{self.field}: {self.problem}" if self.field else self.problem

    def __str__(self) -> str:
        return self.describe()


#: How much of a typed value an error message quotes; a long note is not repeated back.
QUOTE_LIMIT = 40


def quote(value: str) -> str:
    """A typed value in double quotes for a one-line message: controls removed, long ones cut."""
    text = re.sub("[\ud800-\udfff]", "\ufffd", one_line(str(value)))  # bytes that were not UTF-8: shown as �
    if len(text) > QUOTE_LIMIT:
        text = text[:QUOTE_LIMIT - 1].rstrip() + "\u2026"
    return f'"{text}"'


class FontCoverageError(RequestError):
    """The font cannot draw some characters; printing them would give silent boxes.

    ``without_value`` names the field only: the characters are part of a
    person's name or note.
    """

    def __init__(self, field: str, characters: str, font_name: str):
        self.characters = characters
        shown = " ".join(f"{c!r} (U+{ord(c):04X})" for c in characters)
        self.detail = (f"the font {font_name} cannot print {shown}; "
                       "remove these characters or choose a font that has them with --font")
        super().__init__(f"has characters the font {font_name} cannot print; "
                         "choose a font that has them with --font", field=field, code="unprintable")

    @property
    def message(self) -> str:
        return self.detail


class RequestInvalid(HandoutError):
    """Every problem of one request, found together (a web form shows each beside its field).

    Only asked for (``every_problem``): a request from the command line,
    a file or a roster row stops at its first problem.
    """

    def __init__(self, errors: list[RequestError]):
        self.errors = list(errors)
        super().__init__("; ".join(error.describe() for error in self.errors))

    def problems(self) -> list[tuple[tuple[str, ...], str]]:
        return [problem for error in self.errors for problem in error.problems()]


class OutputError(HandoutError):
    """The handout cannot be written where it was asked to go.

    ``reason`` is the operating system's reason ("No space left on device")
    when there is one, for reports that must not name the file.  ``code``
    says what is wrong for a program, as one of ``OutputError.CODES`` (the
    interactive questions word each code in the person's language).
    """

    #: ``other``: any problem without a code of its own.
    CODES = ("other", "no_folder", "is_folder", "not_a_file", "broken_link", "permission", "exists")

    def __init__(self, message: str, reason: str | None = None, code: str = "other"):
        if code not in self.CODES:
            raise ValueError(f"unknown OutputError code {code!r}")
        self.reason = reason
        self.code = code
        super().__init__(message)


class UnreadableFile(HandoutError):
    """A file cannot be read, or is not what it should be: ``file`` and ``reason`` ("file not found")."""

    def __init__(self, file: str, reason: str):
        self.file = file
        self.reason = reason
        super().__init__(f"{file}: {reason}")

    def problems(self) -> list[tuple[tuple[str, ...], str]]:
        return [((self.file,), self.reason)]


class RosterError(HandoutError):
    """A roster as a whole cannot be read (missing file, bad header): ``file``, ``reason``, and ``row`` when one is at fault."""

    def __init__(self, file: str, reason: str, row: int | None = None):
        self.file = file
        self.reason = reason
        self.row = row
        super().__init__(": ".join(self.problems()[0][0] + (reason,)))

    def problems(self) -> list[tuple[tuple[str, ...], str]]:
        return [((self.file, *((f"row {self.row}",) if self.row is not None else ())), self.reason)]


class Stopped(BaseException):
    """A stop signal (Ctrl-C, SIGTERM, SIGHUP) arrived while a file was being written.

    A BaseException, like KeyboardInterrupt: cleanup code runs (the
    temporary file is removed), ``except Exception`` does not swallow it.
    Raised by ``mbcprep.write.stopping.StopSignals``; the CLI exits with 128 + ``signum``.
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class FilledFormError(HandoutError):
    """A filled-in handout cannot be read back.

    ``reason`` says why, as one of ``FilledFormError.REASONS``; the message
    is fixed for each reason (``MESSAGES``; a file that is missing says what
    was there instead) and never quotes the file's contents (they are the
    person's own words) or its name.
    """

    REASONS = ("missing", "too_large", "not_pdf", "damaged", "encrypted", "not_handout", "print_file", "older",
               "newer", "flattened", "paper_only", "too_much_text")

    #: Each reason's one message.
    MESSAGES = {
        "too_large": f"this file is over {limits.FILLED_FORM_BYTES // (1024 * 1024)} MB, far larger than any "
                     "filled-in handout; ask for the file the patient filled in",
        "not_pdf": "this file is not a PDF; give the handout the patient filled in (a .pdf file)",
        "damaged": "this PDF is damaged or incomplete (perhaps cut short while copying); ask for the file again",
        "encrypted": "this PDF is locked with a password (encrypted); ask for a copy that is not locked",
        "not_handout": "this PDF is not an mbcprep handout; give the handout the patient filled in",
        "older": "this handout was made by an older mbcprep, which described its fields in a way this one "
                 "cannot read; keep the file (the answers are in it) and read it with the mbcprep it was made with",
        "print_file": "this is a print file of several sheets (made for printing by batch --combined, by summary "
                      "--combined or in the zip of the nurse page): it keeps no fields to read; give the filled-in "
                      "handout of each patient",
        "newer": "this handout was made by a newer mbcprep; update mbcprep to read it",
        "flattened": "this PDF has no answers left to read: it was printed or flattened; "
                     "ask for the file the patient filled in",
        "paper_only": "this handout was made to fill in on paper (no fields to type in), so it has no answers to "
                      "read",
        "too_much_text": f"this handout holds far more text than its fields allow (at most "
                         f"{limits.describe(limits.NOTE_CHARS)} characters in one field); "
                         "ask for the file the patient filled in",
    }

    def __init__(self, reason: str, message: str | None = None):
        self.reason = reason
        self.message = message or self.MESSAGES[reason]
        super().__init__(self.message)


# --------------------------------------------------------------------------
# "Did you mean ...?": the one place that finds the known name closest to a mistyped one
# --------------------------------------------------------------------------

#: How alike a known name must be to a mistyped one to be offered (difflib's ratio).
CUTOFF = 0.6


def closest(word: str, choices: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The known name closest to ``word``, or None when none is close enough."""
    import difflib  # only when something is wrong: every command loads this module

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str], quote: str = "") -> str:
    """' (did you mean X?)' for the closest choice, or '' when none is close."""
    hint = closest(word, choices)
    return f" (did you mean {quote}{hint}{quote}?)" if hint else ""


def similarity(a: str, b: str) -> float:
    """How alike two words are, from 0 to 1 (difflib's ratio)."""
    import difflib  # only when something is wrong: every command loads this module

    return difflib.SequenceMatcher(None, a, b).ratio()
