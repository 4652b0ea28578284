"""The description of a filled-in handout that lost it, rebuilt from its fields.

A tool that copies pages only keeps the fields and drops the catalog,
and the form description with it (the review: 26 answers still in the
fields).  Each field's kind and place come from its name (the scheme of
``mbcprep.model.form``), its words from its tooltip (the question,
"Pain, Day 1", "Medicine 1").  The header and the concerns were only in
the description: the summary says the copy lost them.
"""

from __future__ import annotations

import re

from mbcprep.errors import FilledFormError
from mbcprep.model.form import PHONE_FIELDS
from mbcprep.summary.description import checked_description
from mbcprep.summary.values import FoundField, field_text

#: Field names that tell a field's kind when the description is lost (phone lines have names of their own).
_NAMED = [(re.compile(r"top_question_(\d+)"), "top_question", ("number",)),
          (re.compile(r"ask_(\d+)"), "question_tick", ("number",)),
          (re.compile(r"answer_(\d+)"), "question_answer", ("number",)),
          (re.compile(r"own_question_(\d+)"), "own_question", ("number",)),
          (re.compile(r"symptom_(\d+)_(\d+)"), "symptom", ("row", "day")),
          (re.compile(r"medicine_(\d+)_(\d+)"), "medicine", ("row", "column")),
          (re.compile(r"notes"), "notes", ())]
#: Characters of a tooltip read (a handout's longest is a question).
TOOLTIP_CHARS = 2_000


def rebuilt_description(reader, fields: dict[str, FoundField]) -> dict:
    """The description of a copy that lost it, from its fields' names and tooltips.

    The language is the document's, if it kept it.
    """
    tips = {name: field_text(field.tooltip, TOOLTIP_CHARS, too_much="damaged") for name, field in fields.items()}
    described = []
    for name in sorted(fields, key=_field_order):
        entry = _rebuilt_field(name, tips, PHONE_FIELDS)
        if entry is not None:
            described.append(entry)
    language = str(reader.trailer["/Root"].get_object().get("/Lang", "") or "")
    description = checked_description({"language": language[:20], "header": [], "concerns": [], "fields": described})
    if description is None:
        raise FilledFormError("damaged")
    return description


def _field_order(name: str) -> tuple:
    numbers = tuple(int(part) for part in re.findall(r"\d+", name))
    kinds = ("phone", "top_question", "ask", "answer", "own_question", "symptom", "medicine", "notes")
    kind = next((index for index, start in enumerate(kinds) if name.startswith(start)), len(kinds))
    return (kind, numbers, name)


def _rebuilt_field(name: str, tips: dict[str, str], phones) -> dict | None:
    if name in phones:
        return {"name": name, "kind": "phone", "label": tips[name] or name}
    for pattern, kind, keys in _NAMED:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        entry: dict = {"name": name, "kind": kind, **{key: int(value) for key, value in zip(keys, match.groups())}}
        if kind in ("question_tick", "question_answer"):
            entry |= {"group": "", "question": tips.get(f"ask_{entry['number']}") or tips[name]}
        elif kind == "symptom":
            symptom, _, day = tips[name].rpartition(", ")
            entry |= {"symptom": symptom or f"{entry['row']}", "day_label": day or f"{entry['day']}"}
        elif kind == "medicine":
            entry |= {"column_label": tips[name].rpartition(" ")[0] or f"{entry['column']}"}
        return entry
    return None
