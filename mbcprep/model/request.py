"""What one person asked for: the concerns, their details, and how to print the sheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path


@dataclass(frozen=True)
class Clinic:
    """A clinic profile: what brands the sheet and tells people whom to call."""

    name: str = ""
    phone: str = ""
    after_hours_phone: str = ""
    address: str = ""
    logo: Path | None = None


@dataclass(frozen=True)
class Request:
    """One person's handout request. Everything but ``concerns`` is optional."""

    concerns: tuple[str, ...]
    patient_name: str = ""
    visit: dt.date | dt.datetime | None = None
    provider: str = ""
    clinic: Clinic | None = None
    subtype: str = "unknown"
    note: str = ""
    paper: str = "letter"
    large_print: bool = False
    brief: bool = False
    questions_only: bool = False
    fillable: bool = True
    font: Path | None = None  # a regular TTF to use instead of the shipped font
    font_bold: Path | None = None


