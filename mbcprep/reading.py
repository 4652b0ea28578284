"""Reading the files people give mbcprep: one helper for the pack's TOML, request and clinic files, and rosters.

Every reader has the same rules: a size limit checked before the file is
read whole, UTF-8 with or without a byte-order mark (as spreadsheets and
Windows editors save it), and each problem as one line that says what to
do.  A problem is an ``UnreadableFile`` with the file and the reason as
fields; each reader turns it into its own error (a pack problem, a request
error, a roster error), so messages read alike wherever they come from.

TOML is read with ``tomli``, the parser that became ``tomllib``, because it
ships compiled and reads the pack twice as fast (``mbcprep concerns`` start-up).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import tomli

from mbcprep.errors import RequestError, UnreadableFile
from mbcprep.limits import describe


class NotRegularFile(OSError):
    """A path that names a pipe, a device or a socket: never opened (a pipe would wait forever for a writer)."""


def open_regular(path: str | os.PathLike):
    """A regular file opened for reading in binary; ``IsADirectoryError`` or ``NotRegularFile`` for anything else.

    Looked at before it is opened, and opened without waiting (a pipe put
    in its place meanwhile opens at once and is refused too), so reading
    never blocks and never touches a device.  Other problems are the
    ``OSError`` of the operating system (a missing file, a link that loops).
    """
    found = os.stat(path)
    if stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(os.fspath(path))
    if not stat.S_ISREG(found.st_mode):
        raise NotRegularFile(os.fspath(path))
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    handle = open(descriptor, "rb")
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        handle.close()
        raise NotRegularFile(os.fspath(path))
    return handle


def read_text(path: str | os.PathLike, max_bytes: int | None = None, too_big: str = "",
              save_as: str = "UTF-8") -> str:
    """A text file's contents; ``UnreadableFile`` when it is missing, too big, or not UTF-8.

    ``too_big`` finishes the message for a file over ``max_bytes`` (what to
    do instead); ``save_as`` names the encoding to save it in, as the
    person's program calls it ("CSV UTF-8").
    """
    raw = read_bytes(path, max_bytes, too_big)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(os.fspath(path), f"is not UTF-8 text (byte {exc.start}); save it as {save_as}") from None


def read_bytes(path: str | os.PathLike, max_bytes: int | None = None, too_big: str = "") -> bytes:
    """A file's bytes; ``UnreadableFile`` when it is missing, not a regular file, or larger than ``max_bytes``."""
    name = os.fspath(path)
    try:
        with open_regular(path) as handle:
            raw = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableFile(name, "file not found") from None
    except IsADirectoryError:
        raise UnreadableFile(name, "is a folder, not a file") from None
    except NotRegularFile:
        raise UnreadableFile(name, "is not a file but a device or a pipe") from None
    except OSError as exc:
        raise UnreadableFile(name, f"cannot be read ({os_reason(exc)})") from None
    if max_bytes is not None and len(raw) > max_bytes:
        raise UnreadableFile(name, f"is larger than {describe(max_bytes // 1_000_000)} MB; {too_big}")
    return raw


def os_reason(exc: OSError) -> str:
    """The operating system's reason, in words a person reads ("a link that leads round in a loop")."""
    if exc.errno == errno.ELOOP:
        return "a link that leads round in a loop"
    return exc.strerror or type(exc).__name__


def parse_toml(text: str, name: str) -> dict:
    """A TOML document as a table; ``UnreadableFile`` with tomli's line and column when it is broken."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise UnreadableFile(name, f"TOML syntax error: {exc}") from None
    except RecursionError:
        raise UnreadableFile(name, "TOML nested too deeply (lists or tables inside each other hundreds "
                                   "of levels deep); check the file") from None


def read_request_toml(path, what: str, max_bytes: int, read):
    """A small TOML file given by a person (a request, a clinic profile), as ``read(table, folder)`` makes it.

    Paths in the file are relative to its folder.  Every problem is a
    ``RequestError`` placed at the file.
    """
    path = Path(path)
    try:
        table = parse_toml(read_text(path, max_bytes, f"a {what} file is a few lines of text"), str(path))
        return read(table, path.parent)
    except UnreadableFile as problem:
        raise RequestError(problem.reason, file=problem.file) from None
    except RequestError as error:
        raise error.placed(file=str(path)) from None
