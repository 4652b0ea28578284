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
``mbcprep summary`` reads it back (``mbcprep.summary.read``).  The field
names follow the rules listed in ``mbcprep.render.pdf.story``; a test checks
that every field of every kind of handout is described, and nothing else.

Shape (version 1)::

    {"mbcprep_form": 1,
     "pack": {"id": "mbc-en-us", "version": "0.3.0"}, "language": "en-US", "paper": "letter",
     "header": [{"label": "Name", "value": "Ana Diaz"}, ...],
     "concerns": [{"id": "bones", "title": "Cancer in the bones"}, ...],
     "fields": [
       {"name": "top_question_1", "kind": "top_question", "number": 1},
       {"name": "ask_1", "kind": "question_tick", "number": 1, "group": "...", "question": "..."},
       {"name": "answer_1", "kind": "question_answer", "number": 1, "group": "...", "question": "..."},
       {"name": "own_question_1", "kind": "own_question", "number": 1},
       {"name": "symptom_1_1", "kind": "symptom", "row": 1, "day": 1, "symptom": "Pain", "day_label": "Day 1"},
       {"name": "medicine_1_1", "kind": "medicine", "row": 1, "column": 1, "column_label": "Medicine"},
       {"name": "notes", "kind": "notes"},
       {"name": "phone_care_team", "kind": "phone", "label": "My care team"}]}

A change to this shape that an older reader would misread gets a new
``FORM_VERSION``; readers refuse versions they do not know.
"""

from __future__ import annotations

from typing import Iterator

from mbcprep.model.plan import (
    GetHelpNowPart,
    MedicinesPart,
    NotesPart,
    Plan,
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
FIELD_KINDS = tuple(FIELD_KEYS)
#: Names of the write-in phone lines, in the order of ``GetHelpNowPart.write_in`` (as the story draws them).
PHONE_FIELDS = ("phone_care_team", "phone_after_hours")


def describe_form(plan: Plan) -> dict:
    """The description of the form the plan's PDF has: JSON-ready, keys in a fixed order."""
    return {
        VERSION_KEY: FORM_VERSION,
        "pack": {"id": plan.pack_id, "version": plan.pack_version},
        "language": plan.language,
        "paper": plan.paper,
        "header": [{"label": line.label, "value": line.value}
                   for part in plan.parts if part.kind == "header" for line in part.lines],
        "concerns": [{"id": concern.id, "title": concern.title} for concern in plan.concerns],
        "fields": list(form_fields(plan)) if plan.fillable else [],
    }


def form_fields(plan: Plan) -> Iterator[dict]:
    """One entry per field, in the order the sheet draws them."""
    questions = 0
    for part in plan.parts:
        if isinstance(part, GetHelpNowPart) and not part.phones:
            for label, name in zip(part.write_in, PHONE_FIELDS):
                yield {"name": name, "kind": "phone", "label": label}
        elif isinstance(part, TopQuestionsPart):
            for n in range(1, part.lines + 1):
                yield {"name": f"top_question_{n}", "kind": "top_question", "number": n}
        elif isinstance(part, QuestionsPart):
            for group in part.groups:
                for question in group.questions:
                    questions += 1
                    about = {"number": questions, "group": group.title, "question": question}
                    yield {"name": f"ask_{questions}", "kind": "question_tick", **about}
                    yield {"name": f"answer_{questions}", "kind": "question_answer", **about}
            for n in range(1, part.own_lines + 1):
                yield {"name": f"own_question_{n}", "kind": "own_question", "number": n}
        elif isinstance(part, SymptomLogPart):
            for row, symptom in enumerate(part.items, 1):
                for day, day_label in enumerate(part.days, 1):
                    yield {"name": f"symptom_{row}_{day}", "kind": "symptom", "row": row, "day": day,
                           "symptom": symptom, "day_label": day_label}
        elif isinstance(part, MedicinesPart):
            for row in range(1, part.rows + 1):
                for column, column_label in enumerate(part.columns, 1):
                    yield {"name": f"medicine_{row}_{column}", "kind": "medicine", "row": row, "column": column,
                           "column_label": column_label}
        elif isinstance(part, NotesPart):
            yield {"name": "notes", "kind": "notes"}


def encode_description(description: dict) -> bytes:
    """The description as compact UTF-8 JSON (the same bytes for the same plan)."""
    import json

    return json.dumps(description, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
