"""One document (a handout or a visit summary) to a file or to standard output."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from mbcprep.errors import OutputError
from mbcprep.formats import HANDOUT, SUMMARY, Document, format_for_name, output_format
from mbcprep.write.files import check_target, is_stream, remove_stale_temps, write_atomic

#: The output name that means standard output.
STDOUT = "-"
#: How each kind of document's default file name starts; a date follows, never the person's name.
FILE_NAME_STARTS = {HANDOUT: "visit-prep", SUMMARY: "visit-summary"}
#: A handout's default name in the handout's language, where it is not English (ASCII: any system can name
#: the file); a language not here gets ``FILE_NAME_STARTS``.
HANDOUT_NAME_STARTS = {"es": "preparacion-cita"}


def format_for_output(output: str | os.PathLike | None, document: str = HANDOUT) -> str | None:
    """The format an output name implies by its suffix (report.html: html), or None."""
    if output is None or str(output) == STDOUT:
        return None
    return format_for_name(document, Path(output).name)


def default_file_name(document: str, day: dt.date, fmt: str, language: str = "en") -> str:
    """``visit-prep-<day>.pdf``, ``visit-summary-<day>.json``, a Spanish handout's ``preparacion-cita-<day>.pdf``:
    a document's default name, never the person's."""
    start = HANDOUT_NAME_STARTS.get(language, FILE_NAME_STARTS[document]) if document == HANDOUT else \
        FILE_NAME_STARTS[document]
    return f"{start}-{day.isoformat()}{output_format(document, fmt).suffix}"


def default_output_name(visit: dt.date | None, fmt: str, today: dt.date | None = None, language: str = "en") -> str:
    """A handout's default name: ``visit-prep-<visit date or today>.<suffix>`` (in the handout's ``language``)."""
    day = visit.date() if isinstance(visit, dt.datetime) else visit
    return default_file_name(HANDOUT, day or today or dt.date.today(), fmt, language)


def output_path(output: str | os.PathLike | None, document: Document, day: dt.date | None = None,
                language: str = "en") -> Path:
    """Where a document goes: the name given, or its default name (of ``day``, else today; in ``language``)
    in the current folder."""
    if output:
        return Path(output)
    day = day.date() if isinstance(day, dt.datetime) else day
    return Path(default_file_name(document.format.document, day or dt.date.today(), document.format.name, language))


def check_output(path: Path, force: bool = False) -> None:
    """Raise what writing ``path`` would raise, before anything is made (for a prompt that can ask again).

    ``OutputExists`` when the name is taken and not ``force``; ``OutputError``
    for a folder, a missing folder, or anything that is not a file.
    """
    check_target(Path(path), force)


def write_document(document: Document, output: str | os.PathLike | None, force: bool = False,
                   day: dt.date | None = None, language: str = "en") -> Path | None:
    """Write the document where ``output`` says; the path written, or None for a stream.

    ``"-"`` is standard output; a device or a pipe (``/dev/stdout``) is a
    stream too, and gets its bytes as they are, with nothing said about
    them (a status line would land in the same stream).  Otherwise the
    file is written atomically and never over an existing file without
    ``force``; no output name means the default name (``default_file_name``
    of ``day``: a handout's visit, a summary's day it was made; a handout's
    in its ``language``).  Temporary
    files that an earlier, killed run left in the target folder are removed
    first.
    """
    if output is not None and str(output) == STDOUT:
        write_stdout(document.data, document.format.document)
        return None
    path = output_path(output, document, day, language)
    remove_stale_temps(path.parent if str(path.parent) else Path("."))
    stream = is_stream(path)
    written = write_atomic(path, document.data, force=force)
    return None if stream else written


def write_stdout(data: bytes, what: str = HANDOUT) -> None:
    """The document's bytes, as written (a PDF must not pass through text encoding), on standard output.

    A full disk or a closed pipe is one ``OutputError``; standard output is
    then pointed at the null device, so Python's own flush at exit has
    nothing left to complain about.
    """
    stream = sys.stdout.buffer
    try:
        stream.write(data)
        stream.flush()
    except OSError as exc:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass  # not a real file descriptor (a test runner's buffer)
        raise OutputError(f"cannot write the {what} to standard output: {exc.strerror or exc}") from None
