"""What one person asked for: the concerns, their details, and how to print the sheet."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from mbcprep.constants import DEFAULT_PAPER
from mbcprep.languages import DEFAULT as DEFAULT_LANGUAGE
from mbcprep.records import record

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path


@record
class Logo:
    """A clinic logo, checked when its profile is read (``mbcprep.request.logo``): PNG or JPEG bytes, at
    most ``LOGO_KEEP_PIXELS`` a side, and their size."""

    path: Path
    data: bytes
    mime: str  # image/png or image/jpeg
    width: int
    height: int

    def data_uri(self) -> str:
        """The logo inlined for HTML, so the page needs no other file."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


@record
class Clinic:
    """A clinic profile: what brands the sheet and tells people whom to call."""

    name: str = ""
    phone: str = ""
    after_hours_phone: str = ""
    address: str = ""
    logo: Logo | None = None  # checked when the profile is read (``mbcprep.request.clinic``)


@record
class Request:
    """One person's handout request. Everything but ``concerns`` is optional.

    Made by ``mbcprep.request.values.request_from_values``, which checks
    every value once; the planner and renderers trust what they get.
    """

    concerns: tuple[str, ...]
    questions: tuple[str, ...] = ()  # ids the person chose: each printed (``mbcprep.request.questions``)
    default_questions: bool = True  # the page budget's few questions print too; False: only the chosen
    own_questions: int | None = None  # lines for the person's own questions; None: the page budget's
    patient_name: str = ""
    dob: dt.date | None = None  # printed beside the name on every page: the second identifier
    mrn: str = ""  # the medical record number, printed only with ``print_mrn``
    print_mrn: bool = False
    visit: dt.date | dt.datetime | None = None
    provider: str = ""
    clinic: Clinic | None = None
    hormone_receptor: str = "not-sure"  # constants.HORMONE_RECEPTOR_ANSWERS
    her2: str = "not-sure"  # constants.HER2_ANSWERS
    note: str = ""
    language: str = DEFAULT_LANGUAGE  # a code of ``mbcprep.languages``, or a pack's own language
    paper: str = DEFAULT_PAPER
    large_print: bool = False
    brief: bool = False
    questions_only: bool = False
    fillable: bool = True
    format: str = "pdf"
    font: Path | None = None  # a regular TTF to use instead of the shipped font
    font_bold: Path | None = None

    @property
    def questions_chosen(self) -> bool:
        """True when the person chose questions (any, or none at all), not only the page budget's."""
        return bool(self.questions) or not self.default_questions
