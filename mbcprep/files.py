"""Writing handouts safely: atomic writes, no silent overwrites, safe file names.

A handout holds health data, so a crash or Ctrl-C must never leave a
half-written file or a stray temporary copy behind.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from mbcprep.errors import OutputError

MAX_NAME_LENGTH = 100


def write_atomic(path: Path, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    Refuses to replace an existing file unless ``force``; the existing file is
    then left untouched.  The temporary file is removed on any failure,
    including KeyboardInterrupt.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name for the handout")
    if not folder.is_dir():
        raise OutputError(f"the folder {folder} does not exist; create it first or choose another -o path")
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; use --force to replace it, or choose another name with -o")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".mbcprep-", suffix=".part", dir=folder)
    except PermissionError:
        raise OutputError(f"cannot write in {folder}: permission denied; choose another folder") from None
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o644 & ~_umask())
        if not force and path.exists():  # appeared while we were writing
            raise OutputError(f"{path} already exists; use --force to replace it")
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    return path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def safe_filename(name: str, default: str = "handout") -> str:
    """A file name that stays inside its folder on every operating system.

    Path separators, ``..``, control characters, and characters Windows
    forbids are replaced; letters in any script are kept (NFC-normalised).
    """
    text = unicodedata.normalize("NFC", str(name))
    text = re.sub(r'[\x00-\x1f\x7f<>:"/\\|?*]+', "-", text)
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


def default_output_name(visit: dt.date | None, fmt: str, today: dt.date | None = None) -> str:
    """``visit-prep-<visit date or today>.<fmt>``: never the patient's name."""
    day = visit.date() if isinstance(visit, dt.datetime) else visit
    day = day or today or dt.date.today()
    return f"visit-prep-{day.isoformat()}.{fmt}"
