"""The content pack as loaded and validated: concerns, their sections, questions and red flags."""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from types import MappingProxyType
from typing import Mapping

from mbcprep.languages import language_code
from mbcprep.records import record


def frozen_map(mapping: Mapping | None = None) -> Mapping:
    """A read-only copy of a mapping: one loaded pack serves many requests, none may change it."""
    return MappingProxyType(dict(mapping or {}))


@record
class Paragraph:
    """A paragraph of plain text (no markup)."""

    text: str


@record
class BulletList:
    """A list of short plain-text items."""

    items: tuple[str, ...]


Block = Paragraph | BulletList


@record
class Source:
    """A published source the pack's facts come from, and when someone last checked it.

    ``checked`` is None unless someone really checked the source on a known
    date; ``show_url`` puts the address on the sheet's Sources line.
    """

    title: str
    organisation: str
    url: str
    checked: dt.date | None = None
    show_url: bool = False


@record
class Section:
    """One titled part of a concern: a stand-alone summary and a fuller body.

    ``by_subtype`` maps a key of ``constants.SUBTYPE_TEXT_KEYS`` ("hr-positive",
    "her2-low", ...) to extra text shown only to people whose answers it
    names, "unknown" to text shown to people who gave neither answer.  ``picture`` names a drawing
    (``constants.SECTION_PICTURES``) printed beside the section's opening,
    with ``picture_caption`` saying in words what it shows.
    """

    heading: str
    summary: str
    body: tuple[Block, ...] = ()
    by_subtype: Mapping[str, tuple[Block, ...]] = field(default_factory=frozen_map)
    report_signs: tuple[str, ...] = ()  # routine: tell the team at the next visit
    picture: str = ""
    picture_caption: str = ""


@record
class Question:
    """A question to ask the care team; ``high`` priority ones are kept first.

    ``id`` names it in every language ("bones.calcium-vitamin-d": its
    group's id, a dot, a name of its own), so a person can choose it.
    ``default_with`` names concerns on whose sheets it is printed without
    being chosen, besides the few the page budget keeps.
    """

    text: str
    priority: str = "normal"
    id: str = ""
    default_with: tuple[str, ...] = ()


@record
class Sign:
    """A sign that means "get help now", defined once in ``safety.toml``.

    ``level`` says what to do (``constants.RED_FLAG_LEVELS``: 911, 988, call
    the team right away, call today).  Concerns name signs by ``id``, so one
    sign has one action on every sheet.  ``every_sheet`` signs are on every
    handout whatever was chosen.  ``key_words`` mark the sign in other text,
    and ``means`` (sets of the pack's word groups) its meaning in any words,
    for the check that no routine list names an urgent sign
    (``mbcprep.pack.clash``).
    """

    id: str
    level: str
    text: str
    why: str = ""
    every_sheet: bool = False
    key_words: tuple[str, ...] = ()
    icon: str = ""
    means: tuple[tuple[str, ...], ...] = ()


@record
class GlossaryTerm:
    """A medical word and its plain meaning, explained at its first use on a sheet."""

    term: str
    meaning: str
    forms: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """Every form that counts as this term, the term itself first."""
        return (self.term, *self.forms)


@record
class Concern:
    """One thing a person can choose to put on the sheet, with everything it adds."""

    id: str
    title: str
    category: str
    description: str
    keywords: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    questions: tuple[Question, ...] = ()
    red_flags: tuple[str, ...] = ()  # ids of signs in the pack's safety list
    symptom_log: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    file: str = ""


@record
class QuestionGroup:
    """A titled group of general questions that every handout offers; ``id`` chooses the whole group."""

    title: str
    questions: tuple[Question, ...]
    id: str = ""


@record
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


@record
class PackMeta:
    """Who wrote the pack, in which language, and when the content was last reviewed."""

    id: str
    language: str
    title: str
    version: str
    last_reviewed: dt.date
    review_status: str
    disclaimer: str
    sources: tuple[Source, ...] = ()
    clinician_reviewed: bool = False

    @property
    def language_code(self) -> str:
        """The language as requests name it: "es" for "es-US"."""
        return language_code(self.language)


@record
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
    root: str  # the pack folder, as loaded (a plain path string)
    signs: tuple[Sign, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    needs_explaining: tuple[str, ...] = ()
    filler_words: frozenset[str] = frozenset()  # words that carry no meaning when comparing questions
    word_groups: Mapping[str, tuple[str, ...]] = field(default_factory=frozen_map)  # words that mean the same

    def sign(self, sign_id: str) -> Sign:
        for sign in self.signs:
            if sign.id == sign_id:
                return sign
        raise KeyError(sign_id)

    def concern(self, concern_id: str) -> Concern:
        for concern in self.concerns:
            if concern.id == concern_id:
                return concern
        raise KeyError(concern_id)

    @property
    def concern_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.concerns)

    def question_groups_for(self, concern_ids) -> tuple[QuestionGroup, ...]:
        """The groups of questions a sheet for these concerns offers, in print order: each chosen concern's
        (its id and title), then the general groups every sheet offers."""
        chosen = set(concern_ids)
        return (*(QuestionGroup(c.title, c.questions, c.id) for c in self.concerns if c.id in chosen),
                *self.question_groups)

    @property
    def every_question_group(self) -> tuple[QuestionGroup, ...]:
        """Every group of questions in the pack: each concern's, then the general ones."""
        return self.question_groups_for(self.concern_ids)


