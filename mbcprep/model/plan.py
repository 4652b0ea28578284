"""The plan: what goes on the sheet, in order, with every text already final."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from pathlib import Path

    from mbcprep.model.content import Block


@dataclass(frozen=True)
class HeaderLine:
    """A labelled line in the handout header, e.g. ("Visit", "Tuesday, ...")."""

    label: str
    value: str


@dataclass(frozen=True)
class PlannedSection:
    """A concern section as printed: text final, body left out on a brief sheet."""

    heading: str
    summary: str
    body: tuple[Block, ...]  # empty when the request asked for a brief sheet
    subtype_text: str = ""


@dataclass(frozen=True)
class ConcernPart:
    """One chosen concern on the sheet: its title and its planned sections."""

    id: str
    title: str
    sections: tuple[PlannedSection, ...]


@dataclass(frozen=True)
class PlannedSign:
    """One "get help now" sign as printed: the sign, an optional reason, an optional drawing."""

    text: str
    why: str = ""
    icon: str = ""


@dataclass(frozen=True)
class SignGroup:
    """Signs that share one action, under the words that say what to do ("Call 911 ...")."""

    level: str
    intro: str
    signs: tuple[PlannedSign, ...]


@dataclass(frozen=True)
class RedFlagPanel:
    """The "Get help now" panel: groups of signs, most urgent first, and whom to call."""

    groups: tuple[SignGroup, ...]
    phone_lines: tuple[HeaderLine, ...]  # clinic phone numbers when known


@dataclass(frozen=True)
class PlannedQuestionGroup:
    """A titled list of questions as printed, each with room for the answer."""

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
