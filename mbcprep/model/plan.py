"""The plan: what goes on the sheet, as an ordered list of typed parts, every text final.

The planner (``mbcprep.plan``) decides everything: which parts appear, in
which order, with which words and how many questions, lines and rows.  A
renderer has one handler per part type and draws the parts it is given, in
order; it never asks whether a part should appear.  So the PDF, the HTML
and the text carry the same parts in the same order with the same words.

The places a person writes or ticks carry their form field names
(``FieldName``), assigned once by the planner after the scheme in
``mbcprep.model.form``: the PDF names its fields with them, the form description
lists them, and ``mbcprep summary`` reads them back.  A name is never
printed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar, Mapping, Union

from mbcprep.constants import DEFAULT_PAPER
from mbcprep.records import record

if TYPE_CHECKING:
    from pathlib import Path

    from mbcprep.model.content import Block
    from mbcprep.model.request import Logo


class FieldName(str):
    """The name of a form field (``mbcprep.model.form.field_name``): a string that is never printed on the sheet."""

    __slots__ = ()


@record
class QuestionFields:
    """A question's number on the sheet (1 first, in the plan's order) and its two fields."""

    number: int
    tick: FieldName
    answer: FieldName


@record
class QuestionOffer:
    """A question a person can choose, as a front end shows it: its id, its words, and whether the sheet
    prints it unless the person says otherwise (the page budget's)."""

    id: str
    text: str
    default: bool


@record
class QuestionOffers:
    """A group of questions to choose from (a chosen concern's, or a general group), in print order."""

    id: str
    title: str
    questions: tuple[QuestionOffer, ...]


@record
class HeaderLine:
    """A labelled line, e.g. ("Visit", "Thursday, December 3, 2026, 10:30 AM")."""

    label: str
    value: str


# --------------------------------------------------------------------------
# Pieces that parts are made of
# --------------------------------------------------------------------------


@record
class PlannedSign:
    """One "get help now" sign as printed: the sign, an optional reason, an optional drawing."""

    text: str
    why: str = ""
    icon: str = ""  # e.g. "thermometer"


@record
class SignGroup:
    """Signs that share one action, under the words that say what to do ("Call 911 ...").

    ``icon`` names the drawing that tells the actions apart ("emergency",
    "crisis", "call"), ``caption`` the words that go with it.
    """

    level: str
    intro: str
    signs: tuple[PlannedSign, ...]
    icon: str
    caption: str


@record
class PlannedPicture:
    """A drawing beside a section's opening (its heading, summary and first paragraph), and what it shows
    in words.  Full sheets only: it illustrates the section's body, which a brief sheet leaves out.

    ``name`` is one of ``constants.SECTION_PICTURES`` ("spine"); every
    format carries ``caption``: beside the drawing, or alone in the text.
    """

    name: str
    caption: str


@record
class PlannedSection:
    """A concern section as printed: text final, body left out on a brief sheet."""

    heading: str
    summary: str
    body: tuple[Block, ...]  # empty on a brief sheet
    report_signs: tuple[str, ...] = ()  # routine signs, under ``ConcernNotesPart.report_intro``
    subtype: tuple[Block, ...] = ()  # for the type the person gave, under ``ConcernNotesPart.subtype_heading``
    picture: PlannedPicture | None = None


@record
class ConcernNotes:
    """One chosen concern's notes: its key points box, then its sections."""

    id: str
    title: str
    key_points: tuple[str, ...]
    sections: tuple[PlannedSection, ...]


@record
class PlannedQuestionGroup:
    """A titled list of questions as printed, each with a tick box and room for the answer."""

    title: str
    questions: tuple[str, ...]
    fields: tuple[QuestionFields, ...]  # one per question
    ids: tuple[str, ...] = ()  # one per question: its id in the pack (the same in every language)


# --------------------------------------------------------------------------
# The parts, in the order a full sheet has them
# --------------------------------------------------------------------------


@record
class HeaderPart:
    """The title and who, when, where: name, visit, provider, clinic."""

    kind: ClassVar[str] = "header"
    title: str
    lines: tuple[HeaderLine, ...]
    logo: Logo | None = None  # checked PNG or JPEG bytes (``mbcprep.request.logo``)
    logo_text: str = ""  # what the logo shows, for readers who cannot see it


@record
class GetHelpNowPart:
    """The "Get help now" panel: signs grouped by action, and the numbers to call.

    With a clinic profile, ``phones`` holds its numbers; without one,
    ``write_in`` holds the labels of lines to write them on, and
    ``write_in_fields`` the form field of each.  ``advice`` goes with the
    numbers, whatever the sign: what to do when the care team cannot be
    reached quickly, who to call first in hospice, the right to an
    interpreter.
    """

    kind: ClassVar[str] = "get_help_now"
    heading: str
    groups: tuple[SignGroup, ...]
    phones_heading: str
    phones: tuple[HeaderLine, ...]
    write_in: tuple[str, ...]
    continued: str  # added to the heading where the panel goes on to another page
    write_in_fields: tuple[FieldName, ...]
    advice: tuple[str, ...] = ()


@record
class HowToUsePart:
    """A few numbered steps that say how to use this sheet."""

    kind: ClassVar[str] = "how_to_use"
    heading: str
    steps: tuple[str, ...]


@record
class TopQuestionsPart:
    """A box with numbered lines for the person's three most important questions."""

    kind: ClassVar[str] = "top_questions"
    heading: str
    fields: tuple[FieldName, ...]  # one per numbered line

    @property
    def lines(self) -> int:
        return len(self.fields)


@record
class TopicsPart:
    """The concerns chosen, and the person's own note."""

    kind: ClassVar[str] = "topics"
    heading: str
    topics: tuple[str, ...]
    note_label: str
    note: str


@record
class ConcernNotesPart:
    """Plain-language notes about each chosen concern."""

    kind: ClassVar[str] = "concern_notes"
    heading: str
    concerns: tuple[ConcernNotes, ...]
    key_points_heading: str
    report_intro: str
    subtype_heading: str


@record
class QuestionsPart:
    """Questions to tick, each with ``answer_lines`` to write on, then lines for the person's own."""

    kind: ClassVar[str] = "questions"
    heading: str
    intro: str
    groups: tuple[PlannedQuestionGroup, ...]
    answer_lines: int
    answer_label: str  # "Answer to: {question}" names each answer box for screen readers
    own_heading: str
    own_fields: tuple[FieldName, ...]  # one per line for the person's own questions (none: no such lines)
    continued: str
    chosen: bool = False  # the person chose the questions: the form description records each one's id

    @property
    def own_lines(self) -> int:
        return len(self.own_fields)

    @property
    def question_count(self) -> int:
        return sum(len(group.questions) for group in self.groups)


@record
class SymptomLogPart:
    """A week's grid to rate each symptom 0-10, with the scale drawn above it."""

    kind: ClassVar[str] = "symptom_log"
    heading: str
    intro: str
    column: str
    days: tuple[str, ...]
    items: tuple[str, ...]
    scale_low: str  # "0 = none"
    scale_high: str  # "10 = worst"
    fields: tuple[tuple[FieldName, ...], ...]  # one per item, one per day


@record
class MedicinesPart:
    """A table to list every medicine, vitamin and supplement."""

    kind: ClassVar[str] = "medicines"
    heading: str
    intro: str
    columns: tuple[str, ...]
    fields: tuple[tuple[FieldName, ...], ...]  # one per row, one per column

    @property
    def rows(self) -> int:
        return len(self.fields)


@record
class NotesPart:
    """Lines for notes: at least ``min_lines``, and whatever is left of the last page."""

    kind: ClassVar[str] = "notes"
    heading: str
    min_lines: int
    field: FieldName


@record
class SourcesPart:
    """The short line that closes every handout: where the facts come from."""

    kind: ClassVar[str] = "sources"
    heading: str
    text: str


Part = Union[HeaderPart, GetHelpNowPart, HowToUsePart, TopQuestionsPart, TopicsPart, ConcernNotesPart,
             QuestionsPart, SymptomLogPart, MedicinesPart, NotesPart, SourcesPart]

#: Every part type, in the order a full sheet has them.
PART_TYPES = (HeaderPart, GetHelpNowPart, HowToUsePart, TopQuestionsPart, TopicsPart, ConcernNotesPart,
              QuestionsPart, SymptomLogPart, MedicinesPart, NotesPart, SourcesPart)


@record
class ChosenConcern:
    """A concern the person chose: its id in the pack and its title as printed."""

    id: str
    title: str


@record
class Footer:
    """What every page says at its foot: not a substitute for the care team, how old the words are."""

    disclaimer: str
    review_line: str  # "Words last changed November 25, 2026"
    not_reviewed_line: str  # empty once a clinician has reviewed the pack
    page_label: str  # "Page {n} of {total}"


@record
class Plan:
    """Exactly what a handout shows.  Renderers draw ``parts`` in order and decide nothing.

    ``document_title`` is for metadata and window titles: it never holds a
    person's details (it is decided from the pack's title template, not by
    searching the filled title).  ``running_head`` is printed at the top of
    later pages so a loose page still says whose it is.
    """

    language: str
    title: str
    document_title: str
    subject: str
    running_head: str
    parts: tuple[Part, ...]
    footer: Footer
    labels: Mapping[str, str]
    paper: str = DEFAULT_PAPER
    pack_id: str = ""  # the content pack's id and version, for the form description
    pack_version: str = ""
    visit: dt.date | dt.datetime | None = None  # for the form description (a summary's file name)
    concerns: tuple[ChosenConcern, ...] = ()  # as chosen, in the pack's order
    large_print: bool = False
    fillable: bool = True
    font: Path | None = None
    font_bold: Path | None = None

    def part(self, kind: str) -> Part | None:
        """The part of this kind, or None when the sheet has none."""
        return next((part for part in self.parts if part.kind == kind), None)
