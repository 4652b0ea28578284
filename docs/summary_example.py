"""Remake docs/summary-example.png: a typical handout, filled in with pypdf, summarised on one page.

Needs pdftoppm (poppler-utils).  From the project folder:

    .venv/bin/python docs/summary_example.py

The person and everything typed are made up.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from mbcprep.pack import load_pack
from mbcprep.plan import plan_handout
from mbcprep.render import render_handout
from mbcprep.model.request import Request
from mbcprep.summary import summarise

DOCS = Path(__file__).parent
REQUEST = Request(concerns=("bones", "pain", "tiredness"), patient_name="Ana Díaz",
                  visit=dt.datetime(2026, 12, 3, 10, 30), provider="Dr. Lee")
TYPED = {
    "top_question_1": "Is the new pain in my right hip from the cancer?",
    "top_question_2": "Can I still go on the family trip in March?",
    "top_question_3": "What can I do about being so tired in the afternoon?",
    "ask_1": "/Yes", "answer_1": "Likely; bone scan next week",
    "ask_3": "/Yes",
    "ask_5": "/Yes", "answer_5": "Try a short walk after lunch; check blood count",
    "own_question_1": "Is it safe to keep swimming?",
    "symptom_1_1": "3", "symptom_1_2": "4", "symptom_1_3": "4", "symptom_1_4": "5", "symptom_1_5": "6",
    "symptom_1_6": "7", "symptom_1_7": "7",
    "symptom_3_1": "6", "symptom_3_2": "6", "symptom_3_4": "5", "symptom_3_6": "6", "symptom_3_7": "5",
    "medicine_1_1": "Letrozole", "medicine_1_2": "2.5 mg", "medicine_1_3": "Every morning",
    "medicine_2_1": "Palbociclib", "medicine_2_2": "125 mg", "medicine_2_3": "21 days on, 7 off",
    "medicine_3_1": "Ibuprofen", "medicine_3_2": "400 mg", "medicine_3_3": "When the hip hurts, up to 3 a day",
    "notes": "Hip pain worse at night, wakes me up.\nMy sister Linh will come with me.",
}


def filled_handout() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_handout(plan_handout(REQUEST, load_pack())).data)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, TYPED, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main() -> None:
    summary = summarise(filled_handout(), "pdf", dt.date(2026, 12, 3)).data
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "summary.pdf"
        pdf.write_bytes(summary)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(DOCS / "summary-example")],
                       check=True)


if __name__ == "__main__":
    main()
