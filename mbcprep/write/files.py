"""Writing handouts safely: atomic writes, no silent overwrites, safe file names.

A handout holds health data, so a crash, Ctrl-C or SIGTERM must never leave a
half-written file or a stray temporary copy behind, and a new file is
readable by its owner only.

The rules for an output name that already exists (``--force``):

* a regular file, or a symbolic link to one, is replaced in one step; the
  new file keeps the old file's permissions (a link itself is replaced, the
  file it pointed to is left as it was);
* a character device or a FIFO (``/dev/null``, a named pipe), or a link to
  one, is written in place: it is a stream, never replaced by a file;
* anything else (a folder, a disk, a socket, a link to nothing) is refused.

Without ``--force`` every existing name is refused, and the final name is
created with ``os.link``, which fails if the name appeared meanwhile: two
runs writing the same name can never both succeed.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from mbcprep.controls import remove_controls
from mbcprep.errors import OutputError

MAX_NAME_LENGTH = 100
#: Temporary files are ``.mbcprep-<pid>-<random>.part``: the pid lets a later
#: run prove a left-over one is abandoned (see ``remove_stale_temps``).
TEMP_PREFIX = ".mbcprep-"
TEMP_SUFFIX = ".part"
_TEMP_NAME = re.compile(r"\.mbcprep-(\d+)-[A-Za-z0-9_]+\.part")

#: Temporary files this process is writing now, so a last-moment handler
#: (the batch parent died) can remove them before the process exits.
temps_in_progress: set[str] = set()


class OutputExists(OutputError):
    """The output name is taken and ``--force`` was not given.

    The CLI adds the way out that fits the command (``-o`` for generate,
    another ``--combined`` name for batch).
    """

    def __init__(self, path: Path, what: str = "already exists; use --force to replace it"):
        self.path = path
        super().__init__(f"{path} {what}", code="exists")


# How an existing output name is treated (see the module docstring).
_NEW, _REPLACE, _IN_PLACE = "new", "replace", "in place"


def _target_kind(path: Path, force: bool) -> tuple[str, os.stat_result | None]:
    """What writing ``path`` means: a new file, a replaced file (with what it was), or a stream."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return _NEW, None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    target = link
    if stat.S_ISLNK(link.st_mode):
        try:
            target = os.stat(path)
        except OSError:
            raise OutputError(f"{path} is a link to nothing; remove it or choose another name",
                              code="broken_link") from None
    if stat.S_ISDIR(target.st_mode):
        raise OutputError(f"{path} is a folder; give a file name for the handout", code="is_folder")
    streams = stat.S_ISCHR(target.st_mode) or stat.S_ISFIFO(target.st_mode)
    if not (stat.S_ISREG(target.st_mode) or streams):
        raise OutputError(f"{path} is not a regular file (a disk or a socket); mbcprep writes only files, "
                          "devices such as /dev/null and pipes", code="not_a_file")
    if not force:
        raise OutputExists(path, "already exists; use --force to write to it" if streams else
                           "already exists; use --force to replace it")
    if streams:
        return _IN_PLACE, None
    return _REPLACE, target


def is_stream(path: Path) -> bool:
    """Whether ``path`` is (or links to) a device or a pipe: bytes written there go on, not into a file."""
    try:
        found = os.stat(path)
    except OSError:
        return False
    return stat.S_ISCHR(found.st_mode) or stat.S_ISFIFO(found.st_mode)


def check_target(path: Path, force: bool) -> tuple[str, os.stat_result | None]:
    """What writing ``path`` means (see ``_target_kind``), or the ``OutputError`` it would raise.

    Asked by ``open_output`` and, before anything is made, by a prompt that
    can ask for another name.
    """
    kind, before = _target_kind(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    if kind == _NEW and not folder.is_dir():
        raise OutputError(f"the folder {folder} does not exist; create it first or choose another path",
                          code="no_folder")
    return kind, before


@contextmanager
def open_output(path: Path, force: bool = False) -> Iterator[BinaryIO]:
    """A binary stream whose bytes appear at ``path`` whole when the block ends, or not at all.

    The bytes go to a temporary file next to ``path``, created readable by
    its owner only (0600), and the file is then put in place in one step.
    An exception (including KeyboardInterrupt) removes the temporary file.
    Every operating-system problem (disk full, permission) is an
    ``OutputError`` with one line to show.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    kind, before = check_target(path, force)
    if kind == _IN_PLACE:
        with _os_errors(path):
            with open(path, "wb") as stream:  # a device or pipe: no truncation, no rename
                yield stream
        return
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX,
                                             dir=folder)
    except PermissionError:
        raise OutputError(f"cannot write in {folder}: permission denied; choose another folder",
                          reason="permission denied", code="permission") from None
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror}", reason=exc.strerror) from None
    temps_in_progress.add(temp_name)
    try:
        with _os_errors(path):
            with os.fdopen(handle, "wb") as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            if kind == _REPLACE:
                assert before is not None  # a replaced file is one that was there
                _keep_owner_and_mode(temp_name, before)
                os.replace(temp_name, path)
            else:
                _link_new(temp_name, path, force)
    finally:
        _remove(temp_name)
        temps_in_progress.discard(temp_name)


def _keep_owner_and_mode(temp_name: str, before: os.stat_result) -> None:
    """The replacement gets the replaced file's mode, and, when root replaces another's file, its owner."""
    if hasattr(os, "chown") and (before.st_uid, before.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.chown(temp_name, before.st_uid, before.st_gid)  # only root may give a file away
        except PermissionError:
            pass  # another user's file in a folder we may write: the new one is ours, as a copy would be
    os.chmod(temp_name, stat.S_IMODE(before.st_mode))


def write_atomic(path: Path, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` as ``open_output`` does; return the path."""
    with open_output(path, force) as stream:
        stream.write(data)
    return Path(path)


def _link_new(temp_name: str, path: Path, force: bool) -> None:
    """Give the finished temporary file its final name, which must still be free.

    ``os.link`` fails if the name exists, so a run that started at the same
    moment cannot be overwritten; the temporary name is removed afterwards.
    On a file system without hard links the name is reserved with an
    exclusive create and then replaced by the finished file.
    """
    try:
        os.link(temp_name, path)
        return
    except FileExistsError:
        if force:
            os.replace(temp_name, path)
            return
        raise OutputExists(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        if not force:
            raise OutputExists(path) from None
    os.replace(temp_name, path)


@contextmanager
def _os_errors(path: Path):
    """Operating-system errors while writing ``path`` as one-line ``OutputError``s."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write {path}: {reason}", reason=reason) from None


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def remove_stale_temps(folder: Path) -> list[str]:
    """Remove temporary files an earlier run left in ``folder`` when they are provably abandoned.

    A temporary file is removed only when its name is ours
    (``.mbcprep-<pid>-<random>.part``), it belongs to this user, and no
    process with that pid is alive. Anything else is left alone. Returns the
    names removed.
    """
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
            continue
        if _process_alive(int(match.group(1))):
            continue
        try:
            os.unlink(entry.path)
            removed.append(entry.name)
        except OSError:
            continue
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":
        return True  # elsewhere os.kill(pid, 0) is not a harmless question: never ask it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or a pid we cannot ask about: not provably gone
    return True


def remove_temps_in_progress() -> None:
    """Remove the temporary files this process is writing (a last step before it must exit)."""
    for name in list(temps_in_progress):
        _remove(name)


def safe_filename(name: str, default: str = "handout") -> str:
    """A file name that stays inside its folder on every operating system.

    Path separators, ``..``, control characters, and characters Windows
    forbids are replaced; bidirectional overrides (which make a name read
    backwards) are removed; letters in any script are kept (NFC-normalised).
    """
    text = remove_controls(unicodedata.normalize("NFC", str(name)), replace_with="-")
    text = re.sub(r'[<>:"/\\|?*]+', "-", text)
    text = re.sub(r"\s+", " ", text).strip(" .-")
    text = re.sub(r"-{2,}", "-", text)
    text = re.sub(r"\.{2,}", ".", text)
    if not text or text in {".", ".."} or text.upper().split(".")[0] in _WINDOWS_RESERVED:
        text = f"{default}-{text}" if text and text not in {".", ".."} else default
    if len(text) > MAX_NAME_LENGTH:
        stem, dot, ext = text.rpartition(".")
        if dot and len(ext) <= 5:
            text = stem[: MAX_NAME_LENGTH - len(ext) - 1].rstrip(" .-") + "." + ext
        else:
            text = text[:MAX_NAME_LENGTH].rstrip(" .-")
    return text


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
