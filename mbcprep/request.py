"""Build a ``Request`` from what people type: option values, request files, roster rows.

Shared by ``generate``, ``interactive`` and ``batch`` so that a date or a
concern list means the same thing wherever it is written.  Every problem is a
``RequestError`` naming the field (and file) to fix.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Iterable

from mbcprep.errors import RequestError
from mbcprep.model import Clinic

VISIT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %I:%M%p")
CLINIC_KEYS = ("name", "phone", "after_hours_phone", "address", "logo")


def parse_visit(text: str | dt.date | None, field: str = "visit") -> dt.date | dt.datetime | None:
    """Read a visit as "YYYY-MM-DD HH:MM" or a date alone; '' or None means no visit given."""
    if text is None or isinstance(text, dt.date):
        return text
    value = " ".join(str(text).split())
    if not value:
        return None
    for fmt in VISIT_FORMATS:
        try:
            return dt.datetime.strptime(value.upper() if "%p" in fmt else value, fmt)
        except ValueError:
            continue
    try:
        return dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else _bad_visit(value, field)
    except ValueError:
        raise RequestError(f'"{value}" is not a real date; check the month and day', field=field) from None


def _bad_visit(value: str, field: str):
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}( .*)?", value):
        raise RequestError(f'"{value}" is not a real date and time; write it like "2026-12-03 10:30"', field=field)
    raise RequestError(f'"{value}" is not a date; write it like "2026-12-03 10:30" or "2026-12-03"', field=field)


def split_ids(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """Concern ids from repeated options and comma- or semicolon-separated lists."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    ids: list[str] = []
    for value in values:
        for part in re.split(r"[,;]", str(value)):
            part = part.strip().lower()
            if part and part not in ids:
                ids.append(part)
    return tuple(ids)


def read_toml_file(path: Path, what: str) -> dict:
    """Read a small TOML file (clinic profile, request) or raise a one-line error."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise RequestError(f"{path}: file not found", field=what) from None
    except IsADirectoryError:
        raise RequestError(f"{path}: is a folder, not a file", field=what) from None
    except OSError as exc:
        raise RequestError(f"{path}: cannot be read ({exc.strerror})", field=what) from None
    except UnicodeDecodeError:
        raise RequestError(f"{path}: is not UTF-8 text; save it as UTF-8", field=what) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RequestError(f"{path}: TOML syntax error: {exc}", field=what) from None


def clinic_from_mapping(data: dict, base_dir: Path, where: str) -> Clinic:
    """A clinic profile from a TOML table; ``logo`` is relative to the file it came from."""
    if not isinstance(data, dict):
        raise RequestError(f"{where}: must be a table of clinic details", field="clinic")
    for key, value in data.items():
        if key not in CLINIC_KEYS:
            raise RequestError(f'{where}: unknown key "{key}" (allowed: {", ".join(CLINIC_KEYS)})', field="clinic")
        if not isinstance(value, str):
            raise RequestError(f'{where}: {key}: must be text in quotes', field="clinic")
    logo = None
    if data.get("logo", "").strip():
        logo = (base_dir / data["logo"].strip()).resolve()
        if not logo.is_file():
            raise RequestError(f"{where}: logo: image file {logo} not found", field="clinic")
    return Clinic(
        name=data.get("name", "").strip(),
        phone=data.get("phone", "").strip(),
        after_hours_phone=data.get("after_hours_phone", "").strip(),
        address=data.get("address", "").strip(),
        logo=logo,
    )


def load_clinic(path: Path) -> Clinic:
    """Read a clinic profile file (TOML: name, phone, after_hours_phone, address, logo)."""
    path = Path(path)
    data = read_toml_file(path, "clinic")
    return clinic_from_mapping(data, path.parent, str(path))
