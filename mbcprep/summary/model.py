"""The summary: what the care team sees, decided once for every format, as an ordered list of typed parts.

``plan_summary`` turns a filled-in form into a ``Summary``: its ``parts``,
in the order they are read (who and when with the concerns chosen, the top
3 questions as typed, the questions ticked (or answered) under their group
titles as on the sheet, the person's own questions, the symptom log with
its marks, the medicines, the notes, the phone numbers they wrote), one for each part
the sheet has; then the closing line that names the parts left empty, and
the footer.  A part with nothing entered is still a part (the JSON says
what the sheet had), and ``Summary.shown`` is the parts with an entry: the
ones the PDF, the text and the web page draw.  Each renderer has one
handler per part kind and draws the parts as they are; the PDF renderer
alone may shorten them further to keep to one page, and says so.

The rules, in one place:

- a symptom score is a number from 0 to 10 as typed ("7", "6.5", "7/10");
  anything else is shown as typed and never marked;
- a score of ``HIGH_SCORE`` or more is marked; a row is marked as rising
  when its last score of the week is ``RISE`` or more above its first;
- the notes come back whole, as the phone numbers the person wrote do (the
  one-page PDF alone may shorten them, and says the rest is in the text
  summary and on the sheet);
- a question that was not ticked but has an answer is kept, and says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, ClassVar, Mapping, Union

from mbcprep.constants import DEFAULT_PAPER, PAPERS
from mbcprep.model.plan import HeaderLine
from mbcprep.summary.read import FilledForm
from mbcprep.summary.words import format_date, load_words

HIGH_SCORE = 7
RISE = 3
_SCORE = re.compile(r"^\s*(\d{1,2}(?:[.,]\d+)?)\s*(?:/\s*10\s*)?$")
#: The marks beside an entry where the format can draw them (the PDF and the web page; the plain text
#: keeps to ASCII, which any record system takes): a ticked question, one only answered, a rising row,
#: and a high score (the PDF tints its cell instead).
TICKED = "\u2713"
ANSWERED = "\u25cb"
RISING = "\u25b2"
HIGH = "*"


# --------------------------------------------------------------------------
# Pieces that parts are made of
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class TopQuestion:
    number: int  # its line on the sheet
    text: str


@dataclass(frozen=True)
class AskedQuestion:
    """A question from the sheet that the person ticked, or answered; ``id`` is its id in the pack when the
    person chose the sheet's questions (the form description has it then), else ""."""

    text: str
    ticked: bool
    answer: str
    id: str = ""


@dataclass(frozen=True)
class QuestionGroup:
    title: str
    questions: tuple[AskedQuestion, ...]


@dataclass(frozen=True)
class Score:
    """One day's entry in the symptom log: as typed, its number if it is one, and whether it is marked."""

    text: str
    value: float | None
    high: bool


@dataclass(frozen=True)
class SymptomRow:
    symptom: str
    scores: tuple[Score, ...]  # one per day
    rise: float | None  # last score minus first, when there are two or more
    rising: bool

    @property
    def change(self) -> str:
        """The week's change as printed: "+5", "-2", "0"; empty when there is none."""
        return change_text(self.rise)


# --------------------------------------------------------------------------
# The parts, in the order they are read
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """Who and when (the sheet's header lines that have a value) and the concerns chosen; ``notice`` says
    the copy read had lost its description (its header and concerns with it), when it had."""

    kind: ClassVar[str] = "header"
    lines: tuple[HeaderLine, ...]
    concerns: tuple[str, ...]
    entered: ClassVar[bool] = True  # the summary's title is always drawn
    notice: str = ""


@dataclass(frozen=True)
class TopQuestions:
    kind: ClassVar[str] = "top_questions"
    questions: tuple[TopQuestion, ...]  # only lines with an entry

    @property
    def entered(self) -> bool:
        return bool(self.questions)


@dataclass(frozen=True)
class Questions:
    """The sheet's questions that were ticked or answered, under their group titles."""

    kind: ClassVar[str] = "questions"
    groups: tuple[QuestionGroup, ...]

    @property
    def entered(self) -> bool:
        return bool(self.groups)


@dataclass(frozen=True)
class OwnQuestions:
    kind: ClassVar[str] = "own_questions"
    questions: tuple[str, ...]  # only lines with an entry

    @property
    def entered(self) -> bool:
        return bool(self.questions)


@dataclass(frozen=True)
class SymptomLog:
    kind: ClassVar[str] = "symptom_log"
    days: tuple[str, ...]
    rows: tuple[SymptomRow, ...]  # only rows with an entry

    @property
    def entered(self) -> bool:
        return bool(self.rows)


@dataclass(frozen=True)
class Medicines:
    kind: ClassVar[str] = "medicines"
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # only rows with an entry

    @property
    def entered(self) -> bool:
        return bool(self.rows)


@dataclass(frozen=True)
class Notes:
    kind: ClassVar[str] = "notes"
    text: str  # whole, as written; empty when nothing was

    @property
    def entered(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class Phones:
    """The phone numbers the person wrote on the sheet's write-in lines (a sheet without a clinic profile
    has them), each with its line's label."""

    kind: ClassVar[str] = "phones"
    lines: tuple[HeaderLine, ...]  # only lines with an entry

    @property
    def entered(self) -> bool:
        return bool(self.lines)


Part = Union[Header, TopQuestions, Questions, OwnQuestions, SymptomLog, Medicines, Notes, Phones]
#: Every part type, in the order a summary has them.
PART_TYPES = (Header, TopQuestions, Questions, OwnQuestions, SymptomLog, Medicines, Notes, Phones)


@dataclass(frozen=True)
class Summary:
    """Exactly what a summary shows.  Renderers draw ``shown`` (or, as data, ``parts``) in order.

    ``closing`` names the parts left empty, or says that nothing at all was
    entered (``nothing_entered``); it is empty when every part has an entry.
    """

    language: str
    paper: str
    pack: Mapping[str, str]
    visit: dt.date | dt.datetime | None  # the visit the sheet was made for, when it says (file names use it)
    made_on: dt.date
    made_on_text: str
    parts: tuple[Part, ...]
    closing: str
    nothing_entered: bool
    footer: str
    words: Mapping[str, object] = field(repr=False, default_factory=dict)
    #: The form's fields as the handout described them, and what was entered in each, by field name (text,
    #: or True for a ticked box): every answer, for a format that files each by its field (FHIR).
    fields: tuple[Mapping, ...] = ()
    answers: Mapping[str, str | bool] = field(default_factory=dict)

    @property
    def shown(self) -> tuple[Part, ...]:
        """The parts with something entered (and the header): what a page of the summary draws."""
        return tuple(part for part in self.parts if part.entered)

    def part(self, kind: str) -> Part | None:
        """The part of this kind, or None when the sheet has none."""
        return next((part for part in self.parts if part.kind == kind), None)


#: Each part after the header: the kind of field that says the sheet has it.
_PART_FIELDS = (("top_questions", "top_question"), ("questions", "question_tick"), ("own_questions", "own_question"),
                ("symptom_log", "symptom"), ("medicines", "medicine"), ("notes", "notes"), ("phones", "phone"))


def plan_summary(filled: FilledForm, today: dt.date | None = None) -> Summary:
    """Decide what the summary shows.  ``today`` is the date in its footer (default: today)."""
    today = today or dt.date.today()
    description = filled.description
    words = load_words(description.get("language", ""))
    fields = description["fields"]
    kinds = {field["kind"] for field in fields}

    def text(name: str) -> str:
        return filled.text.get(name, "").strip()

    planners: dict[str, Callable[[], Part]] = {
        "top_questions": lambda: TopQuestions(tuple(TopQuestion(f["number"], text(f["name"])) for f in fields
                                                    if f["kind"] == "top_question" and text(f["name"]))),
        "questions": lambda: Questions(_questions(fields, filled, text)),
        "own_questions": lambda: OwnQuestions(tuple(text(f["name"]) for f in fields
                                                    if f["kind"] == "own_question" and text(f["name"]))),
        "symptom_log": lambda: _symptom_log(fields, text),
        "medicines": lambda: _medicines(fields, text),
        "notes": lambda: Notes(next((text(f["name"]) for f in fields if f["kind"] == "notes"), "")),
        "phones": lambda: Phones(tuple(HeaderLine(str(f.get("label", "")), text(f["name"])) for f in fields
                                       if f["kind"] == "phone" and text(f["name"]))),
    }
    header = Header(tuple(HeaderLine(line["label"], line["value"]) for line in description["header"] if line["value"]),
                    tuple(concern["title"] for concern in description["concerns"]),
                    str(words["rebuilt"]) if filled.rebuilt else "")
    parts = (header, *(planners[kind]() for kind, field_kind in _PART_FIELDS if field_kind in kinds))
    # The phone lines are the patient's own, for them: left empty, they are not named as missing.
    empty = [str(words[part.kind]) for part in parts[1:] if not part.entered and part.kind != "phones"]
    nothing_entered = not any(part.entered for part in parts[1:])
    if nothing_entered:
        closing = str(words["nothing_at_all"])
    else:
        closing = str(words["nothing_entered"]).format(parts=", ".join(empty)) if empty else ""
    made_on_text = format_date(today, words)
    paper = description.get("paper", DEFAULT_PAPER)
    return Summary(
        language=description.get("language", ""),
        paper=paper if paper in PAPERS else DEFAULT_PAPER,
        pack=dict(description.get("pack") or {}),
        visit=_visit(description.get("visit")),
        made_on=today,
        made_on_text=made_on_text,
        parts=parts,
        closing=closing,
        nothing_entered=nothing_entered,
        footer=str(words["footer"]).format(date=made_on_text),
        words=words,
        fields=tuple(fields),
        answers={**{name: value for name, value in filled.text.items() if value.strip()},
                 **{name: True for name in filled.ticked}},
    )


def _questions(fields, filled: FilledForm, text) -> tuple[QuestionGroup, ...]:
    """Ticked or answered questions, under their group titles, in the sheet's order."""
    answers = {f["number"]: text(f["name"]) for f in fields if f["kind"] == "question_answer"}
    groups: dict[str, list[AskedQuestion]] = {}
    for f in fields:
        if f["kind"] != "question_tick":
            continue
        ticked = f["name"] in filled.ticked
        answer = answers.get(f["number"], "")
        if ticked or answer:
            groups.setdefault(str(f.get("group", "")), []).append(AskedQuestion(str(f.get("question", "")), ticked,
                                                                                answer, str(f.get("id", ""))))
    return tuple(QuestionGroup(title, tuple(asked)) for title, asked in groups.items())


def score(typed: str) -> Score:
    """A symptom-log entry: a number from 0 to 10 is marked at ``HIGH_SCORE`` or more."""
    match = _SCORE.match(typed)
    value = float(match.group(1).replace(",", ".")) if match else None
    if value is not None and value > 10:
        value = None
    return Score(typed, value, value is not None and value >= HIGH_SCORE)


def _symptom_log(fields, text) -> SymptomLog:
    days: dict[int, str] = {}
    rows: dict[int, tuple[str, dict[int, str]]] = {}
    for f in fields:
        if f["kind"] == "symptom":
            days[f["day"]] = str(f.get("day_label", f["day"]))
            rows.setdefault(f["row"], (str(f.get("symptom", "")), {}))[1][f["day"]] = text(f["name"])
    day_numbers = sorted(days)
    kept = []
    for number in sorted(rows):
        symptom, typed = rows[number]
        scores = tuple(score(typed.get(day, "")) for day in day_numbers)
        if not any(s.text for s in scores):
            continue
        values = [s.value for s in scores if s.value is not None]
        rise = values[-1] - values[0] if len(values) >= 2 else None
        kept.append(SymptomRow(symptom, scores, rise, rise is not None and rise >= RISE))
    return SymptomLog(tuple(days[d] for d in day_numbers), tuple(kept))


def _medicines(fields, text) -> Medicines:
    columns: dict[int, str] = {}
    rows: dict[int, dict[int, str]] = {}
    for f in fields:
        if f["kind"] == "medicine":
            columns[f["column"]] = str(f.get("column_label", ""))
            rows.setdefault(f["row"], {})[f["column"]] = text(f["name"])
    order = sorted(columns)
    kept = tuple(tuple(row.get(c, "") for c in order) for _, row in sorted(rows.items()) if any(row.values()))
    return Medicines(tuple(columns[c] for c in order), kept)


def _visit(text) -> dt.date | dt.datetime | None:
    """The description's visit ("2026-12-08T09:30" or "2026-12-08"); None when it has none (an older
    handout) or it is not one."""
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    except ValueError:
        return None


def plain_number(value: float | None) -> int | float | None:
    """6.0 as 6, 6.5 as 6.5: scores are whole numbers far more often than not."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def change_text(rise: float | None) -> str:
    """A week's change as printed: "+5", "-2", "0"; empty when there is none."""
    if rise is None:
        return ""
    return f"+{plain_number(rise)}" if rise > 0 else str(plain_number(rise))
