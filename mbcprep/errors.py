"""Errors that reach people as one plain line, never as a traceback.

Every error here carries enough place information (file, key, row, field) for
the person to find and fix the problem without reading code.
"""

from __future__ import annotations


class HandoutError(Exception):
    """Base class for every error mbcprep reports to a person."""


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


class RequestError(HandoutError):
    """A handout request (options, request file, roster row) is not usable.

    ``field`` names the option or column so the message can point at it.
    ``value`` is what the person typed, when the problem is about it: the
    message then says what is wrong with it ("is not a real date"), and the
    value is quoted in front of it where quoting is safe (``generate``: the
    person typed it) and left out where it is not (a roster: the reason goes
    to a report file, and a cell may hold anything).
    """

    def __init__(self, message: str, field: str | None = None, value: str | None = None):
        self.field = field
        self.value = value
        self.problem = message
        self.message = f"{quote(value)} {message}" if value is not None else message
        super().__init__(f"{field}: {self.message}" if field else self.message)

    def without_value(self) -> str:
        """The message without what the person typed: "visit: is not a real date; ..."."""
        return f"{self.field}: {self.problem}" if self.field else self.problem


#: How much of a typed value an error message quotes; a long note is not repeated back.
QUOTE_LIMIT = 40


def quote(value: str) -> str:
    """A typed value in double quotes for a one-line message: controls removed, long ones cut."""
    from mbcprep.controls import one_line

    text = one_line(str(value))
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
        super().__init__(
            f"the font {font_name} cannot print {shown}; "
            "remove these characters or choose a font that has them with --font",
            field=field,
        )
        self.problem = (f"has characters the font {font_name} cannot print; "
                        "choose a font that has them with --font")


class OutputError(HandoutError):
    """The handout cannot be written where it was asked to go.

    ``reason`` is the operating system's reason ("No space left on device")
    when there is one, for reports that must not name the file.
    """

    def __init__(self, message: str, reason: str | None = None):
        self.reason = reason
        super().__init__(message)


class Stopped(BaseException):
    """A stop signal (Ctrl-C, SIGTERM, SIGHUP) arrived while a file was being written.

    A BaseException, like KeyboardInterrupt: cleanup code runs (the
    temporary file is removed), ``except Exception`` does not swallow it.
    Raised by ``mbcprep.stopping.StopSignals``; the CLI exits with 128 + ``signum``.
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class FilledFormError(HandoutError):
    """A filled-in handout cannot be read back.

    ``reason`` says why, as one of ``FilledFormError.REASONS``; the message
    is fixed for each reason and never quotes the file's contents (they are
    the person's own words) or its name.
    """

    REASONS = ("missing", "too_large", "not_pdf", "damaged", "encrypted", "not_handout", "undescribed", "older",
               "newer", "flattened", "paper_only")

    def __init__(self, reason: str, message: str):
        self.reason = reason
        self.message = message
        super().__init__(message)
