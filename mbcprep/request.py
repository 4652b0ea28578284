"""Build a ``Request`` from what people type: option values, request files, roster rows.

Shared by ``generate``, ``interactive`` and ``batch`` so that a date or a
concern list means the same thing wherever it is written.  Every problem is a
``RequestError`` naming the field (and file) to fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomli
from pathlib import Path
from typing import Iterable

from mbcprep import limits
from mbcprep.controls import clean_typed, one_line
from mbcprep.errors import RequestError
from mbcprep.constants import FORMATS, PAPER_SIZES, SUBTYPES
from mbcprep.model.request import Clinic, Request

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
        raise RequestError("is not a real date; check the month and day", field=field, value=value) from None


def _bad_visit(value: str, field: str):
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}( .*)?", value):
        raise RequestError('is not a real date and time; write it like "2026-12-03 10:30"', field=field,
                           value=value)
    raise RequestError('is not a date; write it like "2026-12-03 10:30" or "2026-12-03"', field=field, value=value)


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


def read_toml_file(path: Path, what: str, max_bytes: int) -> dict:
    """Read a small TOML file (clinic profile, request) or raise a one-line error.

    A file over ``max_bytes`` is refused before it is read whole.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise RequestError(f"{path}: is larger than {limits.describe(max_bytes // 1_000_000)} MB; "
                               f"a {what} file is a few lines of text", field=what)
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise RequestError(f"{path}: file not found", field=what) from None
    except IsADirectoryError:
        raise RequestError(f"{path}: is a folder, not a file", field=what) from None
    except OSError as exc:
        raise RequestError(f"{path}: cannot be read ({exc.strerror})", field=what) from None
    except UnicodeDecodeError:
        raise RequestError(f"{path}: is not UTF-8 text; save it as UTF-8", field=what) from None
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise RequestError(f"{path}: TOML syntax error: {exc}", field=what) from None
    except RecursionError:
        raise RequestError(f"{path}: TOML nested too deeply (lists or tables inside each other hundreds "
                           "of levels deep); check the file", field=what) from None


def clinic_from_mapping(data: dict, base_dir: Path, where: str) -> Clinic:
    """A clinic profile from a TOML table; ``logo`` is relative to the file it came from.

    The logo is read and checked here, once, for every format (see ``mbcprep.logo``).
    """
    if not isinstance(data, dict):
        raise RequestError(f"{where}: must be a table of clinic details", field="clinic")
    for key, value in data.items():
        if key not in CLINIC_KEYS:
            raise RequestError(f'{where}: unknown key "{one_line(key)}" (allowed: {", ".join(CLINIC_KEYS)})',
                               field="clinic")
        if not isinstance(value, str):
            raise RequestError(f'{where}: {key}: must be text in quotes', field="clinic")
    text = {key: clean_typed(data.get(key, "")).strip() for key in CLINIC_KEYS if key != "logo"}
    for key, value in text.items():
        if len(value) > limits.CLINIC_FIELD_CHARS:
            raise RequestError(f"{where}: {key}: {_too_long(value, limits.CLINIC_FIELD_CHARS)}", field="clinic")
    logo = None
    if data.get("logo", "").strip():
        path = (base_dir / data["logo"].strip()).resolve()
        if not path.is_file() and not path.is_dir():
            raise RequestError(f"{where}: logo: image file {path} not found", field="clinic")
        from mbcprep.logo import load_logo

        try:
            logo = load_logo(path)
        except RequestError as exc:
            raise RequestError(f"{where}: logo: {exc.problem}", field="clinic") from None
    return Clinic(logo=logo, **text)


def load_clinic(path: Path) -> Clinic:
    """Read a clinic profile file (TOML: name, phone, after_hours_phone, address, logo)."""
    path = Path(path)
    data = read_toml_file(path, "clinic", limits.CLINIC_FILE_BYTES)
    return clinic_from_mapping(data, path.parent, str(path))


# --------------------------------------------------------------------------
# Request files (``mbcprep generate --from FILE``) and option values
# --------------------------------------------------------------------------

#: Keys a request file may set; each mirrors a long option of ``mbcprep generate``.
REQUEST_KEYS = (
    "concerns", "name", "visit", "provider", "clinic", "subtype", "note", "paper",
    "large_print", "brief", "questions_only", "fillable", "format", "font", "font_bold",
)
_TEXT_KEYS = ("name", "provider", "note")
_FLAG_KEYS = ("large_print", "brief", "questions_only", "fillable")
_CHOICE_KEYS = {"subtype": SUBTYPES, "paper": PAPER_SIZES, "format": FORMATS}


def request_from_file(path: Path) -> dict:
    """Read a request file (TOML) into request values: only the keys it sets.

    Paths inside the file (``clinic``, ``font``, ``font_bold``, a clinic
    ``logo``) are relative to the request file, so a nurse can keep a folder
    of requests beside one clinic profile.  Every problem names the file and key.
    """
    path = Path(path)
    data = read_toml_file(path, "request", limits.REQUEST_FILE_BYTES)
    return request_values_from_mapping(data, path.parent, str(path))


def request_values_from_mapping(data: dict, base_dir: Path, where: str) -> dict:
    """Check and convert a request table (file contents, or a roster row made into a dict).

    Returns a dict keyed by ``REQUEST_KEYS`` with ready values: ``concerns``
    a tuple of ids, ``visit`` a date or datetime, ``clinic`` a ``Clinic``.
    """

    def problem(key: str, message: str) -> RequestError:
        return RequestError(f"{where}: {key}: {message}", field="request")

    values: dict = {}
    for key, value in data.items():
        if key not in REQUEST_KEYS:
            close = difflib.get_close_matches(key, REQUEST_KEYS, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise problem(key, f"unknown key{hint}; allowed keys: {', '.join(REQUEST_KEYS)}")
        if key == "concerns":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise problem(key, 'must be a list of concern ids, like ["bones", "tiredness"]')
            values[key] = split_ids(value)
        elif key in _TEXT_KEYS:
            if not isinstance(value, str):
                raise problem(key, "must be text in quotes")
            values[key] = value
        elif key == "visit":
            if isinstance(value, dt.datetime):
                value = value.replace(tzinfo=None)
            elif not isinstance(value, (str, dt.date)):
                raise problem(key, 'must be a date like "2026-12-03 10:30" or "2026-12-03"')
            try:
                values[key] = parse_visit(value)
            except RequestError as exc:
                raise problem(key, exc.message) from None
        elif key == "clinic":
            if isinstance(value, str):
                values[key] = load_clinic(base_dir / value) if value.strip() else None
            elif isinstance(value, dict):
                values[key] = clinic_from_mapping(value, base_dir, f"{where}: [clinic]")
            else:
                raise problem(key, 'must be a clinic file name in quotes, or a [clinic] table')
        elif key in _FLAG_KEYS:
            if not isinstance(value, bool):
                raise problem(key, "must be true or false (no quotes)")
            values[key] = value
        elif key in _CHOICE_KEYS:
            choices = _CHOICE_KEYS[key]
            if not isinstance(value, str) or value.strip().lower() not in choices:
                raise problem(key, f"{value!r} is not one of: {', '.join(choices)}")
            values[key] = value.strip().lower()
        else:  # font, font_bold
            if not isinstance(value, str) or not value.strip():
                raise problem(key, "must be the name of a TTF font file, in quotes")
            values[key] = check_font_file(base_dir / value.strip(), f"{where}: {key}")
    return values


def check_font_file(path: Path, where: str) -> Path:
    """A font file given by a person must exist before any rendering starts."""
    path = Path(path)
    if path.is_dir():
        raise RequestError(f"{where}: {path} is a folder, not a font file", field="font")
    if not path.is_file():
        raise RequestError(f"{where}: font file {path} not found", field="font")
    return path


def build_request(values: dict) -> Request:
    """Make a ``Request`` from request values (``REQUEST_KEYS``); missing keys take defaults.

    Every value a person typed is cleaned here, once, for every output
    format: control characters and bidi overrides are removed (see
    ``mbcprep.controls``), and one that is longer than its limit is refused.
    """
    request = Request(
        concerns=tuple(values.get("concerns") or ()),
        patient_name=clean_typed(values.get("name") or ""),
        visit=values.get("visit"),
        provider=clean_typed(values.get("provider") or ""),
        clinic=values.get("clinic"),
        subtype=values.get("subtype") or "unknown",
        note=clean_typed(values.get("note") or "", multiline=True),
        paper=values.get("paper") or "letter",
        large_print=bool(values.get("large_print", False)),
        brief=bool(values.get("brief", False)),
        questions_only=bool(values.get("questions_only", False)),
        fillable=bool(values.get("fillable", True)),
        font=values.get("font"),
        font_bold=values.get("font_bold"),
    )
    check_request_limits(request)
    return request


def check_request_limits(request: Request) -> None:
    """Refuse a request whose text is longer than any real one (see ``mbcprep.limits``)."""
    checks = [("name", request.patient_name, limits.NAME_CHARS), ("provider", request.provider, limits.NAME_CHARS),
              ("note", request.note, limits.NOTE_CHARS)]
    clinic = request.clinic
    if clinic is not None:
        checks += [(f"clinic {key}", getattr(clinic, key), limits.CLINIC_FIELD_CHARS)
                   for key in ("name", "phone", "after_hours_phone", "address")]
    for field, text, limit in checks:
        if len(text) > limit:
            raise RequestError(_too_long(text, limit), field=field)


def _too_long(text: str, limit: int) -> str:
    return (f"is {limits.describe(len(text))} characters long; the limit is {limits.describe(limit)} "
            "characters")
