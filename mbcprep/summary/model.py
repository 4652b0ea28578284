"""The summary: what the care team sees, decided once for every format.

``plan_summary`` turns a filled-in form into a ``Summary``: who and when,
the concerns chosen, the top 3 questions as typed, the questions ticked (or
answered) under their group titles as on the sheet, the person's own
questions, the symptom log with its marks, the medicines, and the first
lines of the notes.  The PDF, text and JSON renderers draw it as it is; the
PDF renderer alone may shorten it further to keep to one page, and says so.

The rules, in one place:

- a symptom score is a number from 0 to 10 as typed ("7", "6.5", "7/10");
  anything else is shown as typed and never marked;
- a score of ``HIGH_SCORE`` or more is marked; a row is marked as rising
  when its last score of the week is ``RISE`` or more above its first;
- the notes keep their first ``NOTES_LINES`` lines (at most ``NOTES_CHARACTERS``
  characters, cut at a space) and say when there is more;
- a question that was not ticked but has an answer is kept, and says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping

from mbcprep.model.plan import HeaderLine
from mbcprep.summary.read import FilledForm
from mbcprep.summary.words import format_date, load_words

HIGH_SCORE = 7
RISE = 3
NOTES_LINES = 6
NOTES_CHARACTERS = 600
_SCORE = re.compile(r"^\s*(\d{1,2}(?:[.,]\d+)?)\s*(?:/\s*10\s*)?$")


@dataclass(frozen=True)
class TopQuestion:
    number: int  # its line on the sheet
    text: str


@dataclass(frozen=True)
class AskedQuestion:
    """A question from the sheet that the person ticked, or answered."""

    text: str
    ticked: bool
    answer: str


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


@dataclass(frozen=True)
class SymptomLog:
    days: tuple[str, ...]
    rows: tuple[SymptomRow, ...]  # only rows with an entry


@dataclass(frozen=True)
class Medicines:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # only rows with an entry


@dataclass(frozen=True)
class Notes:
    text: str  # the first lines
    continued: bool  # there is more on the sheet


@dataclass(frozen=True)
class Summary:
    """Exactly what a summary shows; ``empty`` names the sheet's parts where nothing was entered."""

    language: str
    paper: str
    pack: Mapping[str, str]
    made_on: dt.date
    made_on_text: str
    header: tuple[HeaderLine, ...]
    concerns: tuple[str, ...]
    top_questions: tuple[TopQuestion, ...]
    questions: tuple[QuestionGroup, ...]
    own_questions: tuple[str, ...]
    symptom_log: SymptomLog | None  # None: the sheet has no symptom log
    medicines: Medicines | None  # None: the sheet has no medicines table
    notes: Notes | None  # None: nothing written, or the sheet has no notes
    empty: tuple[str, ...]  # words naming the parts left empty, in sheet order
    words: Mapping[str, object] = field(repr=False, default_factory=dict)

    @property
    def anything_entered(self) -> bool:
        return bool(self.top_questions or self.questions or self.own_questions or self.notes
                    or (self.symptom_log and self.symptom_log.rows) or (self.medicines and self.medicines.rows))


def plan_summary(filled: FilledForm, today: dt.date | None = None) -> Summary:
    """Decide what the summary shows.  ``today`` is the date in its footer (default: today)."""
    today = today or dt.date.today()
    description = filled.description
    words = load_words(description.get("language", ""))
    fields = description["fields"]
    kinds = {field["kind"] for field in fields}

    def text(name: str) -> str:
        return filled.text.get(name, "").strip()

    top = tuple(TopQuestion(f["number"], text(f["name"])) for f in fields
                if f["kind"] == "top_question" and text(f["name"]))
    questions = _questions(fields, filled, text)
    own = tuple(text(f["name"]) for f in fields if f["kind"] == "own_question" and text(f["name"]))
    log = _symptom_log(fields, text) if "symptom" in kinds else None
    medicines = _medicines(fields, text) if "medicine" in kinds else None
    notes = _notes(text("notes")) if "notes" in kinds else None

    empty = [(kind, words[key]) for kind, key, entered in (
        ("top_question", "top_questions", top),
        ("question_tick", "questions", questions),
        ("own_question", "own_questions", own),
        ("symptom", "symptom_log", log and log.rows),
        ("medicine", "medicines", medicines and medicines.rows),
        ("notes", "notes", notes),
    ) if kind in kinds and not entered]
    return Summary(
        language=description.get("language", ""),
        paper=description.get("paper", "letter"),
        pack=dict(description.get("pack") or {}),
        made_on=today,
        made_on_text=format_date(today, words),
        header=tuple(HeaderLine(line["label"], line["value"]) for line in description["header"] if line["value"]),
        concerns=tuple(concern["title"] for concern in description["concerns"]),
        top_questions=top,
        questions=questions,
        own_questions=own,
        symptom_log=log,
        medicines=medicines,
        notes=notes,
        empty=tuple(str(label) for _, label in empty),
        words=words,
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
                                                                                answer))
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


def _notes(typed: str) -> Notes | None:
    """The first lines of the notes, cut at a space, and whether there is more."""
    if not typed:
        return None
    lines = typed.split("\n")
    first = "\n".join(lines[:NOTES_LINES]).rstrip()
    if len(first) > NOTES_CHARACTERS:
        cut = first[:NOTES_CHARACTERS]
        first = (cut.rsplit(" ", 1)[0] if " " in cut[NOTES_CHARACTERS // 2:] else cut).rstrip()
    return Notes(first, first != typed)


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
