"""Summary -> JSON: the same content as the PDF and the text, as data for a clinic's own scripts.

The shape is documented in the README ("Read a filled handout back").  Keys
keep a fixed order and the output ends with a newline, so the same filled
form always gives the same bytes.
"""

from __future__ import annotations

import json

from mbcprep.render import Rendered
from mbcprep.summary.model import Summary, plain_number

#: The version of this JSON's shape; it changes only when a key changes meaning or goes.
SUMMARY_VERSION = 1


def summary_data(summary: Summary) -> dict:
    log, medicines, notes = summary.symptom_log, summary.medicines, summary.notes
    return {
        "mbcprep_summary": SUMMARY_VERSION,
        "made_on": summary.made_on.isoformat(),
        "language": summary.language,
        "pack": dict(summary.pack),
        "header": [{"label": line.label, "value": line.value} for line in summary.header],
        "concerns": list(summary.concerns),
        "top_questions": [{"number": top.number, "text": top.text} for top in summary.top_questions],
        "questions": [{"group": group.title,
                       "questions": [{"question": asked.text, "ticked": asked.ticked, "answer": asked.answer}
                                     for asked in group.questions]}
                      for group in summary.questions],
        "own_questions": list(summary.own_questions),
        "symptom_log": None if log is None else {
            "days": list(log.days),
            "rows": [{"symptom": row.symptom,
                      "scores": [s.text for s in row.scores],
                      "values": [plain_number(s.value) for s in row.scores],
                      "high": [s.high for s in row.scores],
                      "rise": plain_number(row.rise),
                      "rising": row.rising}
                     for row in log.rows]},
        "medicines": None if medicines is None else {
            "columns": list(medicines.columns), "rows": [list(row) for row in medicines.rows]},
        "notes": None if notes is None else {"text": notes.text, "continued": notes.continued},
    }


def render_json(summary: Summary) -> Rendered:
    text = json.dumps(summary_data(summary), ensure_ascii=False, indent=2)
    return Rendered((text + "\n").encode("utf-8"))
