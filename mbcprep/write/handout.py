"""One handout to a file or to standard output."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from mbcprep.errors import OutputError
from mbcprep.render import OUTPUT_FORMATS, Handout

#: The output name that means standard output.
STDOUT = "-"


def format_for_output(output: str | os.PathLike | None) -> str | None:
    """The format an output name implies by its suffix (report.html: html), or None."""
    if output is None or str(output) == STDOUT:
        return None
    suffix = Path(output).suffix.lower()
    return next((name for name, fmt in OUTPUT_FORMATS.items() if suffix in fmt.suffixes), None)


def default_output_name(visit: dt.date | None, fmt: str, today: dt.date | None = None) -> str:
    """``visit-prep-<visit date or today>.<suffix>``: never the person's name."""
    day = visit.date() if isinstance(visit, dt.datetime) else visit
    day = day or today or dt.date.today()
    return f"visit-prep-{day.isoformat()}{OUTPUT_FORMATS[fmt].suffix}"


def output_path(output: str | os.PathLike | None, visit, fmt: str) -> Path:
    """Where a handout goes: the name given, or the default name in the current folder."""
    return Path(output) if output else Path(default_output_name(visit, fmt))


def check_output(path: Path, force: bool = False) -> None:
    """Raise what writing ``path`` would raise, before anything is made (for a prompt that can ask again).

    ``OutputExists`` when the name is taken and not ``force``; ``OutputError``
    for a folder, a missing folder, or anything that is not a file.
    """
    from mbcprep.files import check_target

    check_target(Path(path), force)


def write_handout(handout: Handout, output: str | os.PathLike | None, force: bool = False,
                  visit: dt.date | None = None) -> Path | None:
    """Write the handout where ``output`` says; the path written, or None for a stream.

    ``"-"`` is standard output; a device or a pipe (``/dev/stdout``) is a
    stream too, and gets its bytes as they are, with nothing said about
    them (a status line would land in the same stream).  Otherwise the file is written atomically and
    never over an existing file without ``force``; no output name means the
    default name (``default_output_name``).  Temporary files that an earlier,
    killed run left in the target folder are removed first.
    """
    from mbcprep.files import is_stream, remove_stale_temps, write_atomic

    if output is not None and str(output) == STDOUT:
        write_stdout(handout.data)
        return None
    path = output_path(output, visit, handout.format)
    remove_stale_temps(path.parent if str(path.parent) else Path("."))
    stream = is_stream(path)
    written = write_atomic(path, handout.data, force=force)
    return None if stream else written


def write_stdout(data: bytes) -> None:
    """The handout's bytes, as written (a PDF must not pass through text encoding), on standard output.

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
        raise OutputError(f"cannot write the handout to standard output: {exc.strerror or exc}") from None
