"""The form description: what each fillable field of a handout is, as data the handout carries.

A filled-in handout goes back to the care team as a PDF whose fields hold
the person's answers.  To read them back without guessing from field names
or page positions, the PDF carries this description (JSON): the version of
the description, the pack and language, the header lines printed on the
sheet, the concerns chosen, and one entry per field saying what it is (which
question, under which group title, in the words printed; which symptom-log
row and day; which medicine row and column; ...).  Nothing in it goes beyond
what the sheet itself shows.

It is derived from the plan, which decides what is where; the PDF renderer
stores it (``mbcprep.render.pdf.document.attach_form_description``) and
``mbcprep summary`` reads it back (``mbcprep.summary.read``).

Field names are assigned once, by the planner, after the scheme here
(``FIELD_NAMES``, ``PHONE_FIELDS``): ``top_question_1..3``, ``ask_N`` (check
box) and ``answer_N`` for the N-th question in plan order,
``own_question_N``, ``symptom_R_D`` (row, day), ``medicine_R_C`` (row,
column), ``notes``, ``phone_care_team`` and ``phone_after_hours``.  The
plan's parts carry them; the PDF story names its fields with them and this
description lists them, so neither counts anything itself.  A test checks
that every field of every kind of handout is described, and nothing else.

Shape (version 1)::

    {"mbcprep_form": 1,
     "pack": {"id": "mbc-en-us", "version": "0.3.0"}, "language": "en-US", "paper": "letter",
     "visit": "2026-12-08T09:30",  (or "2026-12-08", or null; readers older than it ignore it)
     "header": [{"label": "Name", "value": "Ana Diaz"}, ...],
     "concerns": [{"id": "bones", "title": "Cancer in the bones"}, ...],
     "fields": [
       {"name": "top_question_1", "kind": "top_question", "number": 1},
       {"name": "ask_1", "kind": "question_tick", "number": 1, "group": "...", "question": "..."},
       {"name": "answer_1", "kind": "question_answer", "number": 1, "group": "...", "question": "..."},
       {"name": "ask_2", "kind": "question_tick", "number": 2, "group": "...", "question": "...",
        "id": "bones.calcium-vitamin-d"},
       {"name": "own_question_1", "kind": "own_question", "number": 1},
       {"name": "symptom_1_1", "kind": "symptom", "row": 1, "day": 1, "symptom": "Pain", "day_label": "Day 1"},
       {"name": "medicine_1_1", "kind": "medicine", "row": 1, "column": 1, "column_label": "Medicine"},
       {"name": "notes", "kind": "notes"},
       {"name": "phone_care_team", "kind": "phone", "label": "My care team"}]}

A question's ``id`` (its id in the pack, the same in every language) is
there when the person chose the sheet's questions (``QuestionsPart.chosen``);
a sheet of the page budget's questions alone is described as before ids
existed, so its bytes are what they were.  A reader that does not know the
key passes over it, so it needs no new version.

A change to this shape that an older reader would misread gets a new
``FORM_VERSION``; readers refuse versions they do not know.
"""

from __future__ import annotations

import json
from typing import Iterator

from mbcprep.model.plan import (
    FieldName,
    GetHelpNowPart,
    HeaderPart,
    MedicinesPart,
    NotesPart,
    Plan,
    QuestionFields,
    QuestionsPart,
    SymptomLogPart,
    TopQuestionsPart,
)

#: The version of the description's shape.  Readers accept exactly the versions they know.
FORM_VERSION = 1
#: The key that names a form description (its value is the version).
VERSION_KEY = "mbcprep_form"
#: Where the PDF keeps it: a key of the document catalog, and an embedded file of this name.
CATALOG_KEY = "MbcprepForm"
EMBEDDED_FILE = "mbcprep-form.json"
EMBEDDED_FILE_DESCRIPTION = "What each field of this form is, for 'mbcprep summary'"
#: Each field kind, and the keys (with their types) its entries have besides "name" and "kind".
FIELD_KEYS: dict[str, dict[str, type]] = {
    "top_question": {"number": int},
    "question_tick": {"number": int, "group": str, "question": str},
    "question_answer": {"number": int, "group": str, "question": str},
    "own_question": {"number": int},
    "symptom": {"row": int, "day": int, "symptom": str, "day_label": str},
    "medicine": {"row": int, "column": int, "column_label": str},
    "notes": {},
    "phone": {"label": str},
}
#: Keys an entry of a kind may have, besides those of ``FIELD_KEYS``: a chosen question's id.
OPTIONAL_KEYS: dict[str, dict[str, type]] = {"question_tick": {"id": str}, "question_answer": {"id": str}}
#: Each kind's field name, from its place on the sheet (the phone lines are named by ``PHONE_FIELDS``).
FIELD_NAMES = {
    "top_question": "top_question_{number}",
    "question_tick": "ask_{number}",
    "question_answer": "answer_{number}",
    "own_question": "own_question_{number}",
    "symptom": "symptom_{row}_{day}",
    "medicine": "medicine_{row}_{column}",
    "notes": "notes",
}
#: Names of the write-in phone lines, in the order of ``GetHelpNowPart.write_in``.
PHONE_FIELDS = (FieldName("phone_care_team"), FieldName("phone_after_hours"))


def field_name(kind: str, **place: int) -> FieldName:
    """A field's name from its kind and place: ``field_name("symptom", row=2, day=7)`` is "symptom_2_7"."""
    return FieldName(FIELD_NAMES[kind].format(**place))


def numbered_fields(kind: str, count: int) -> tuple[FieldName, ...]:
    """The names of ``count`` numbered lines of one kind (top questions, own questions), 1 first."""
    return tuple(field_name(kind, number=number) for number in range(1, count + 1))


def grid_fields(kind: str, rows: int, across: int) -> tuple[tuple[FieldName, ...], ...]:
    """The names of a table's cells (symptom log: row and day; medicines: row and column), row by row."""
    return tuple(tuple(field_name(kind, row=row, day=cell, column=cell) for cell in range(1, across + 1))
                 for row in range(1, rows + 1))


def question_fields(number: int) -> QuestionFields:
    """The N-th question's tick box and answer lines."""
    return QuestionFields(number, field_name("question_tick", number=number),
                          field_name("question_answer", number=number))


def first_field_names() -> frozenset[str]:
    """The first field of each kind but the notes (a name too plain to tell), and the first phone line:
    a PDF with one of these names but no description is an mbcprep handout older than descriptions.
    """
    return frozenset({field_name(kind, number=1, row=1, day=1, column=1) for kind in FIELD_NAMES if kind != "notes"}
                     | {PHONE_FIELDS[0]})


def describe_form(plan: Plan) -> dict:
    """The description of the form the plan's PDF has: JSON-ready, keys in a fixed order."""
    return {
        VERSION_KEY: FORM_VERSION,
        "pack": {"id": plan.pack_id, "version": plan.pack_version},
        "language": plan.language,
        "paper": plan.paper,
        "visit": _iso(plan.visit),
        "header": [{"label": line.label, "value": line.value}
                   for part in plan.parts if isinstance(part, HeaderPart) for line in part.lines],
        "concerns": [{"id": concern.id, "title": concern.title} for concern in plan.concerns],
        "fields": list(form_fields(plan)) if plan.fillable else [],
    }


def _iso(visit) -> str | None:
    """A visit as the description keeps it: "2026-12-08T09:30", "2026-12-08", or None."""
    if visit is None:
        return None
    return visit.isoformat(timespec="minutes") if hasattr(visit, "hour") else visit.isoformat()


def form_fields(plan: Plan) -> Iterator[dict]:
    """One entry per field, in the order the sheet draws them, named as the plan's parts name them."""
    for part in plan.parts:
        if isinstance(part, GetHelpNowPart):
            for label, name in zip(part.write_in, part.write_in_fields):
                yield {"name": name, "kind": "phone", "label": label}
        elif isinstance(part, TopQuestionsPart):
            for number, name in enumerate(part.fields, 1):
                yield {"name": name, "kind": "top_question", "number": number}
        elif isinstance(part, QuestionsPart):
            for group in part.groups:
                for question, fields, question_id in zip(group.questions, group.fields, group.ids or
                                                         ("",) * len(group.questions)):
                    about = {"number": fields.number, "group": group.title, "question": question}
                    if part.chosen and question_id:
                        about["id"] = question_id
                    yield {"name": fields.tick, "kind": "question_tick", **about}
                    yield {"name": fields.answer, "kind": "question_answer", **about}
            for number, name in enumerate(part.own_fields, 1):
                yield {"name": name, "kind": "own_question", "number": number}
        elif isinstance(part, SymptomLogPart):
            for row, (symptom, names) in enumerate(zip(part.items, part.fields), 1):
                for day, (day_label, name) in enumerate(zip(part.days, names), 1):
                    yield {"name": name, "kind": "symptom", "row": row, "day": day, "symptom": symptom,
                           "day_label": day_label}
        elif isinstance(part, MedicinesPart):
            for row, names in enumerate(part.fields, 1):
                for column, (column_label, name) in enumerate(zip(part.columns, names), 1):
                    yield {"name": name, "kind": "medicine", "row": row, "column": column,
                           "column_label": column_label}
        elif isinstance(part, NotesPart):
            yield {"name": part.field, "kind": "notes"}


def encode_description(description: dict) -> bytes:
    """The description as compact UTF-8 JSON (the same bytes for the same plan)."""
    return json.dumps(description, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
