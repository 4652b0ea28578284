"""Summary -> JSON: the same content as the PDF and the text, as data for a clinic's own scripts.

The shape is documented in the README (Command reference, `mbcprep summary`).  Keys
keep a fixed order and the output ends with a newline, so the same filled
form always gives the same bytes.  Every part of the summary (shown or
left empty: the data says what the sheet had) sets its own keys, one
handler per part kind.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable

from mbcprep.formats import SUMMARY_FORMATS, Document
from mbcprep.summary.model import (Header, Medicines, Notes, OwnQuestions, Phones, Questions, Summary, SymptomLog,
                                   TopQuestions, plain_number)

#: The version of this JSON's shape; it changes only when a key changes meaning or goes.
SUMMARY_VERSION = 1


def summary_data(summary: Summary) -> dict:
    """Every key, in its fixed order, as a sheet without that part has it; then each part's own keys."""
    data = {
        "mbcprep_summary": SUMMARY_VERSION,
        "made_on": summary.made_on.isoformat(),
        "visit": summary.visit.isoformat(timespec="minutes") if isinstance(summary.visit, dt.datetime)
        else (summary.visit.isoformat() if summary.visit else None),
        "language": summary.language,
        "pack": dict(summary.pack),
        "header": [],
        "concerns": [],
        "top_questions": [],
        "questions": [],
        "own_questions": [],
        "symptom_log": None,
        "medicines": None,
        "notes": None,
        "phones": [],
        "notice": "",
    }
    for part in summary.parts:
        data.update(HANDLERS[part.kind](part))
    return data


def header(part: Header) -> dict:
    return {"header": [{"label": line.label, "value": line.value} for line in part.lines],
            "concerns": list(part.concerns), "notice": part.notice}


def top_questions(part: TopQuestions) -> dict:
    return {"top_questions": [{"number": top.number, "text": top.text} for top in part.questions]}


def questions(part: Questions) -> dict:
    return {"questions": [{"group": group.title,
                           "questions": [{"id": asked.id or None, "question": asked.text, "ticked": asked.ticked,
                                          "answer": asked.answer}
                                         for asked in group.questions]}
                          for group in part.groups]}


def own_questions(part: OwnQuestions) -> dict:
    return {"own_questions": list(part.questions)}


def symptom_log(log: SymptomLog) -> dict:
    return {"symptom_log": {
        "days": list(log.days),
        "rows": [{"symptom": row.symptom,
                  "scores": [s.text for s in row.scores],
                  "values": [plain_number(s.value) for s in row.scores],
                  "high": [s.high for s in row.scores],
                  "rise": plain_number(row.rise),
                  "rising": row.rising}
                 for row in log.rows]}}


def medicines(medicines: Medicines) -> dict:
    return {"medicines": {"columns": list(medicines.columns), "rows": [list(row) for row in medicines.rows]}}


def notes(notes: Notes) -> dict:
    """Notes whole, as written (``null`` when nothing was); ``continued`` is always false: nothing is cut."""
    return {"notes": {"text": notes.text, "continued": False} if notes.entered else None}


def phones(part: Phones) -> dict:
    return {"phones": [{"label": line.label, "number": line.value} for line in part.lines]}


#: One handler per part kind: the keys it sets.
HANDLERS: dict[str, Callable[[Any], dict]] = {
    "header": header, "top_questions": top_questions, "questions": questions, "own_questions": own_questions,
    "symptom_log": symptom_log, "medicines": medicines, "notes": notes, "phones": phones,
}


def render_json(summary: Summary) -> Document:
    text = json.dumps(summary_data(summary), ensure_ascii=False, indent=2)
    return Document((text + "\n").encode("utf-8"), SUMMARY_FORMATS["json"])
