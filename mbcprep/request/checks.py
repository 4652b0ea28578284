"""One check per kind of request value, used by every source: options, request files, roster cells, answers, forms.

Each check takes what its source holds (a string typed or read from a
cell, or a TOML value: a list, a boolean, a date) and returns the value a
``Request`` holds, or raises a ``RequestError`` naming the field; the
caller adds where it came from (the file, the row).  The field table
(``mbcprep.request.fields``) says which check a field gets.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Iterable

from mbcprep import limits
from mbcprep.controls import clean_typed
from mbcprep.errors import RequestError
from mbcprep.languages import language_named
from mbcprep.request.dates import read_moment
from mbcprep.request.fields import FIELDS_BY_KEY, Field, choices

if TYPE_CHECKING:
    from pathlib import Path

#: The earliest date of birth taken as real (an older one is a typing mistake).
OLDEST_BIRTH = dt.date(1900, 1, 1)
#: Words a spreadsheet cell or a form may use for yes and no (an empty cell is no).
YES_WORDS = frozenset({"yes", "y", "true", "1", "x", "on"})
NO_WORDS = frozenset({"no", "n", "false", "0", "", "off"})
#: What Python makes of bytes that are not UTF-8 in a command's arguments: lone surrogates.
_UNDECODED = re.compile("[\ud800-\udfff]")


def check_value(field: Field | str, value, base_dir: Path | None = None):
    """``value`` as the request holds it, checked by its field's kind.

    ``base_dir`` is where a file name in the value is looked for (the
    request file's folder); the current folder when None.
    """
    field = FIELDS_BY_KEY[field] if isinstance(field, str) else field
    return _CHECKS[field.kind](field, value, base_dir)


def parse_visit(text: str | dt.date | None, field: str = "visit") -> dt.date | dt.datetime | None:
    """Read a visit: a date and time, or a date alone, as ``mbcprep.request.dates`` reads them; '' or None is none."""
    return read_moment(text, field)


def split_ids(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """Concern or question ids from repeated options and comma- or semicolon-separated lists, each once, lower case."""
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


def _concerns(field: Field, value, base_dir: Path | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise RequestError('must be a list of concern ids, like ["bones", "tiredness"]', field=field.key)
    return split_ids(value)


def _questions(field: Field, value, base_dir: Path | None) -> tuple[str, ...]:
    """Question ids, group ids and the words all, none, default; checked against the pack with the concerns."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise RequestError('must be a list of question ids, like ["bones.calcium-vitamin-d", "matters-most"]',
                           field=field.key)
    return split_ids(value)


def _count(field: Field, value, base_dir: Path | None) -> int | None:
    """A whole number from 0 to the field's limit; empty means not given (the page budget's)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    assert field.limit is not None  # a count's field names its largest number
    number = int(value.strip()) if isinstance(value, str) and value.strip().isdigit() else value
    if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number <= field.limit:
        shown = value.strip() if isinstance(value, str) else None
        raise RequestError(f"is not a number from 0 to {field.limit}", field=field.key, value=shown,
                           code="not_a_count")
    return number


def _text(field: Field, value, base_dir: Path | None) -> str:
    """Control characters and bidi overrides out (a note keeps its line breaks), then the length limit."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RequestError("must be text in quotes", field=field.key)
    if _UNDECODED.search(value):  # bytes the terminal or file gave that are not UTF-8 (lone surrogates)
        raise RequestError("is not valid text: it has bytes that are not UTF-8 (set the terminal, or the file, "
                           "to UTF-8)", field=field.key)
    text = clean_typed(value, multiline=field.kind == "lines")
    if field.limit is not None and len(text) > field.limit:
        raise RequestError(limits.too_long(text, field.limit), field=field.key, code="too_long")
    return text


def _visit(field: Field, value, base_dir: Path | None):
    if not isinstance(value, (str, dt.date)) and value is not None:
        raise RequestError('must be a date like "2026-12-03 10:30" or "2026-12-03"', field=field.key,
                           code="not_a_date")
    return read_moment(value, field.key)


def _birth_date(field: Field, value, base_dir: Path | None) -> dt.date | None:
    """A date alone (a workbook's date at midnight is one), not in the future, not before ``OLDEST_BIRTH``."""
    if isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) == (0, 0, 0):
        value = value.date()
    if not isinstance(value, (str, dt.date)) and value is not None:
        raise RequestError('must be a date like "1960-03-04"', field=field.key, code="not_a_date")
    day = read_moment(value, field.key, birth=True)
    if isinstance(day, dt.datetime):
        raise RequestError("is a date and time; a date of birth is a date alone", field=field.key,
                           code="not_a_date")
    if day is not None and day > dt.date.today():
        raise RequestError("is not a real date of birth: it is in the future", field=field.key,
                           code="birth_in_future")
    if day is not None and day < OLDEST_BIRTH:
        raise RequestError(f"is not a real date of birth: it is before {OLDEST_BIRTH.year}; check the year",
                           field=field.key, code="birth_too_early")
    return day


def _choice(field: Field, value, base_dir: Path | None) -> str | None:
    """One of the field's choices, in any letter case; for a language, another name for one too ("Spanish",
    "es-MX": ``mbcprep.languages.language_named``).  Empty means not given (the default applies)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    word = " ".join(value.lower().split()) if isinstance(value, str) else value
    allowed = choices(field)
    if field.kind == "language" and word not in allowed:
        word = language_named(word) or word
    if word not in allowed:
        shown = value.strip() if isinstance(value, str) else repr(value)
        raise RequestError(f"is not one of: {', '.join(allowed)}", field=field.key, value=shown,
                           code="not_a_choice")
    return word


def _flag(field: Field, value, base_dir: Path | None) -> bool:
    """True or false; from text, the yes and no words a spreadsheet or a form uses."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        raise RequestError("is not yes or no", field=field.key, value=value, code="not_yes_or_no")
    raise RequestError("must be true or false (no quotes)", field=field.key)


def _clinic(field: Field, value, base_dir: Path | None):
    # When a clinic is given: 'mbcprep concerns --language' checks its value here, and starts without these.
    from pathlib import Path

    from mbcprep.model.request import Clinic
    from mbcprep.request.clinic import clinic_from_mapping, load_clinic

    if value is None or isinstance(value, Clinic):
        return value
    if isinstance(value, dict):
        return clinic_from_mapping(value, base_dir or Path("."), table="[clinic]")
    if isinstance(value, (str, Path)):
        return load_clinic((base_dir or Path(".")) / value) if str(value).strip() else None
    raise RequestError("must be a clinic file name in quotes, or a [clinic] table", field=field.key)


def _font(field: Field, value, base_dir: Path | None) -> Path | None:
    """A font file given by a person must exist before any rendering starts."""
    from pathlib import Path  # when a font is given: 'mbcprep concerns --language' starts without it

    if value is None:
        return None
    if not isinstance(value, (str, Path)) or not str(value).strip():
        raise RequestError("must be the name of a TTF font file, in quotes", field=field.key)
    path = (base_dir or Path(".")) / str(value).strip()
    if path.is_dir():
        raise RequestError(f"{path} is a folder, not a font file", field=field.key, code="file")
    if not path.is_file():
        raise RequestError(f"font file {path} not found", field=field.key, code="file")
    return path


_CHECKS = {"concerns": _concerns, "questions": _questions, "count": _count, "text": _text, "lines": _text,
           "visit": _visit, "birth_date": _birth_date, "choice": _choice, "language": _choice, "flag": _flag,
           "clinic": _clinic, "font": _font}
