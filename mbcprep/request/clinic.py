"""A clinic profile: its TOML file or table, checked once, logo included, for every format."""

from __future__ import annotations

from pathlib import Path

from mbcprep import limits
from mbcprep.controls import clean_typed, one_line
from mbcprep.errors import RequestError
from mbcprep.model.request import Clinic
from mbcprep.reading import read_request_toml
from mbcprep.request.logo import load_logo

CLINIC_KEYS = ("name", "phone", "after_hours_phone", "address", "logo")


def load_clinic(path: Path) -> Clinic:
    """Read a clinic profile file (TOML: name, phone, after_hours_phone, address, logo)."""
    return read_request_toml(path, "clinic", limits.CLINIC_FILE_BYTES, clinic_from_mapping)


def clinic_from_mapping(data: dict, base_dir: Path, table: str = "") -> Clinic:
    """A clinic profile from a TOML table; ``logo`` is relative to ``base_dir``, the file's folder.

    The logo is read and checked here, once, for every format (see
    ``mbcprep.request.logo``).  ``table`` names the table in a request file
    ("[clinic]") for messages.
    """

    def problem(key: str, reason: str, code: str = "invalid") -> RequestError:
        return RequestError(reason, field=f"{table}.{key}" if table and key else key or table or None, code=code)

    if not isinstance(data, dict):
        raise problem("", "must be a table of clinic details")
    for key, value in data.items():
        if key not in CLINIC_KEYS:
            raise problem("", f'unknown key "{one_line(key)}" (allowed: {", ".join(CLINIC_KEYS)})', "unknown_key")
        if not isinstance(value, str):
            raise problem(key, "must be text in quotes")
    text = {key: clean_typed(data.get(key, "")).strip() for key in CLINIC_KEYS if key != "logo"}
    for key, value in text.items():
        if len(value) > limits.CLINIC_FIELD_CHARS:
            raise problem(key, limits.too_long(value, limits.CLINIC_FIELD_CHARS), "too_long")
    logo = None
    if data.get("logo", "").strip():
        path = (base_dir / data["logo"].strip()).resolve()
        if not path.is_file() and not path.is_dir():
            raise problem("logo", f"image file {path} not found", "file")
        try:
            logo = load_logo(path)
        except RequestError as exc:
            raise problem("logo", exc.problem, "file") from None
    return Clinic(logo=logo, **text)
