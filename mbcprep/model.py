"""The document model: frozen dataclasses shared by the loader, planner and renderers.

Three layers live here:

* the content pack (``Pack`` and what it holds), loaded from files by ``pack.py``;
* the request (``Request``, ``Clinic``): what one person asked for;
* the plan (``Plan`` and its parts): exactly what goes on the sheet, in order,
  with placeholders already filled.  Renderers draw a plan and decide nothing.

Everything is immutable so one loaded pack can safely serve many requests,
in many worker processes, without one patient's data leaking into another's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from mbcprep.constants import (  # noqa: F401  (re-exported: the model's vocabulary)
    CATEGORIES,
    FORMATS,
    PAPER_SIZES,
    PLACEHOLDER_FIELDS,
    PRIORITIES,
    RED_FLAG_LEVELS,
    SUBTYPES,
)


def _frozen_map(mapping: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


# --------------------------------------------------------------------------
# Content pack
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text (no markup)."""

    text: str


@dataclass(frozen=True)
class BulletList:
    """A list of short plain-text items."""

    items: tuple[str, ...]


Block = Paragraph | BulletList


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    checked: dt.date


@dataclass(frozen=True)
class Section:
    """One titled part of a concern: a stand-alone summary and a fuller body.

    ``by_subtype`` maps a cancer subtype id to extra text shown only to people
    who said they have that subtype.
    """

    heading: str
    summary: str
    body: tuple[Block, ...] = ()
    by_subtype: Mapping[str, str] = field(default_factory=_frozen_map)


@dataclass(frozen=True)
class Question:
    text: str
    priority: str = "normal"


@dataclass(frozen=True)
class RedFlag:
    """A sign that means "get help now".

    ``level`` is ``emergency`` (call emergency services / go to the emergency
    room) or ``call`` (call your care team right away).
    """

    level: str
    text: str


@dataclass(frozen=True)
class Concern:
    id: str
    title: str
    category: str
    description: str
    keywords: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    questions: tuple[Question, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    symptom_log: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    file: str = ""


@dataclass(frozen=True)
class QuestionGroup:
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class DateWords:
    """How this pack's language writes a visit date and time."""

    weekdays: tuple[str, ...]  # Monday first, as datetime.weekday()
    months: tuple[str, ...]  # January first
    date_pattern: str  # e.g. "{weekday}, {month} {day}, {year}"
    short_date_pattern: str  # e.g. "{month} {day}, {year}" (review dates)
    time_pattern: str  # e.g. "{hour12}:{minute} {ampm}"
    datetime_pattern: str  # e.g. "{date}, {time}"
    am: str
    pm: str

    def format_date(self, day: dt.date, short: bool = False) -> str:
        pattern = self.short_date_pattern if short else self.date_pattern
        return pattern.format(
            weekday=self.weekdays[day.weekday()],
            month=self.months[day.month - 1],
            day=day.day,
            year=day.year,
        )

    def format_time(self, moment: dt.time) -> str:
        hour12 = moment.hour % 12 or 12
        return self.time_pattern.format(
            hour12=hour12,
            hour24=f"{moment.hour:02d}",
            minute=f"{moment.minute:02d}",
            ampm=self.am if moment.hour < 12 else self.pm,
        )

    def format_visit(self, visit: dt.date | dt.datetime) -> str:
        if isinstance(visit, dt.datetime):
            return self.datetime_pattern.format(
                date=self.format_date(visit.date()), time=self.format_time(visit.time())
            )
        return self.format_date(visit)


@dataclass(frozen=True)
class PackMeta:
    id: str
    language: str
    title: str
    version: str
    last_reviewed: dt.date
    review_status: str
    disclaimer: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Pack:
    """A loaded, validated content pack.

    ``labels`` holds every fixed word a renderer prints (headings, column
    names, "Page {n} of {total}"), so no renderer contains English.
    ``fallbacks`` holds the words used when a placeholder has no value.
    """

    meta: PackMeta
    labels: Mapping[str, str]
    fallbacks: Mapping[str, str]
    dates: DateWords
    question_groups: tuple[QuestionGroup, ...]
    concerns: tuple[Concern, ...]
    root: Path

    def concern(self, concern_id: str) -> Concern:
        for concern in self.concerns:
            if concern.id == concern_id:
                return concern
        raise KeyError(concern_id)

    @property
    def concern_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.concerns)

    def by_category(self) -> dict[str, list[Concern]]:
        grouped: dict[str, list[Concern]] = {c: [] for c in CATEGORIES}
        for concern in self.concerns:
            grouped[concern.category].append(concern)
        return grouped


# --------------------------------------------------------------------------
# Request
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Plan: what goes on the sheet, in order, with every text already final
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderLine:
    """A labelled line in the handout header, e.g. ("Visit", "Tuesday, ...")."""

    label: str
    value: str


@dataclass(frozen=True)
class PlannedSection:
    heading: str
    summary: str
    body: tuple[Block, ...]  # empty when the request asked for a brief sheet
    subtype_text: str = ""


@dataclass(frozen=True)
class ConcernPart:
    id: str
    title: str
    sections: tuple[PlannedSection, ...]


@dataclass(frozen=True)
class RedFlagPanel:
    """The "Get help now" panel: emergency signs kept apart from call-your-team signs."""

    emergency: tuple[str, ...]
    call: tuple[str, ...]
    phone_lines: tuple[HeaderLine, ...]  # clinic phone numbers when known


@dataclass(frozen=True)
class PlannedQuestionGroup:
    title: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Exactly what a handout shows, in order.  Renderers only draw this.

    Optional parts are ``None`` or empty when they do not belong on this
    sheet (no red flags chosen, no symptom concern, questions-only mode).
    The render order is: header, topics (+ top-3 box), red flags, concern
    parts, questions (+ own-question lines), symptom log, medicines, notes.
    """

    language: str
    title: str
    subject: str
    header: tuple[HeaderLine, ...]
    topics: tuple[str, ...]  # chosen concern titles, in plan order
    patient_note: str
    red_flags: RedFlagPanel | None
    concern_parts: tuple[ConcernPart, ...]
    question_groups: tuple[PlannedQuestionGroup, ...]
    own_question_lines: int
    symptom_log_items: tuple[str, ...]  # empty: no symptom log
    symptom_log_days: int
    show_medicines: bool
    medicine_rows: int
    show_notes: bool
    review_line: str  # e.g. "Content last reviewed: November 20, 2026"
    disclaimer: str
    labels: Mapping[str, str]
    paper: str = "letter"
    large_print: bool = False
    fillable: bool = True
    clinic_logo: Path | None = None
    font: Path | None = None
    font_bold: Path | None = None
