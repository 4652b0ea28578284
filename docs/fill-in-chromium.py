"""Fill a handout by hand in Chromium's own PDF viewer, save it the way a person would, and summarise it.

A probe, not a test: it drives the viewer with the mouse and the keyboard
(the fields of page 1: the top 3 questions and the phone lines), then saves
with the viewer's "Download > With your changes".  Headless Chromium cannot
show the file dialog that comes next, so the viewer's file writer (a private
method of its ``pdf-viewer`` element, checked with Chromium 156) is swapped
for one that keeps the bytes.  Everything else is the viewer's own work,
PDFium's appearance streams included (see docs/form-fonts.md).

Needs Debian's Chromium and the test extra (Playwright).  From the project folder:

    .venv/bin/python docs/fill-in-chromium.py [OUT-FOLDER]

It writes handout.pdf, filled-in-chromium.pdf and the summary as text.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from mbcprep.pack import load_pack
from mbcprep.plan import plan_handout
from mbcprep.render import render_handout
from mbcprep.model.request import Request
from mbcprep.summary import summarise
from mbcprep.summary.read import read_filled_form

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1000, "height": 1200}
#: Where page 1 sits in that viewport at the viewer's default zoom (85 %), in CSS pixels per PDF point.
PAGE_LEFT, PAGE_TOP, SCALE = 302, 60, 0.85 * 96 / 72
TYPED = {"top_question_1": "Nguyễn Łucja Ωμέγα señora", "top_question_2": "<b>bold?</b> & 7/10",
         "phone_care_team": "555-0101"}


def field_centres(data: bytes) -> dict[str, tuple[float, float]]:
    """Where to click for each field of page 1, in the viewer's pixels."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    height = float(page.mediabox.height)
    centres = {}
    for annotation in page.get("/Annots") or []:
        annotation = annotation.get_object()
        x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
        centres[str(annotation.get("/T"))] = (PAGE_LEFT + (x0 + x1) / 2 * SCALE,
                                              PAGE_TOP + (height - (y0 + y1) / 2) * SCALE)
    return centres


def fill_in_chromium(handout: Path) -> bytes:
    data = handout.read_bytes()
    centres = field_centres(data)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_context(viewport=VIEWPORT).new_page()
        page.goto(handout.resolve().as_uri())
        page.wait_for_timeout(3000)
        for name, text in TYPED.items():
            page.mouse.click(*centres[name])
            page.wait_for_timeout(300)
            page.keyboard.type(text, delay=20)
        page.mouse.click(700, 900)  # out of the field, so the viewer commits the last one
        page.wait_for_timeout(500)
        viewer = next(frame for frame in page.frames if frame.url.startswith("chrome-extension://"))
        viewer.evaluate("""() => { document.querySelector('pdf-viewer').selectFileAndGetWriter_ =
            async () => ({ write: (blob) => { window.savedPdf = blob; } }); }""")
        page.mouse.click(895, 28)  # Download
        page.wait_for_timeout(800)
        page.mouse.click(886, 73)  # With your changes
        page.wait_for_timeout(3000)
        saved = viewer.evaluate("""async () => { const bytes = new Uint8Array(await window.savedPdf.arrayBuffer());
            let text = ''; for (const b of bytes) text += String.fromCharCode(b); return btoa(text); }""")
        browser.close()
    return base64.b64decode(saved)


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handout = folder / "handout.pdf"
    request = Request(concerns=("bones", "pain", "tiredness"), patient_name="Ana Diaz",
                      visit=dt.datetime(2026, 12, 3, 10, 30), provider="Dr. Lee")
    handout.write_bytes(render_handout(plan_handout(request, load_pack())).data)
    filled = folder / "filled-in-chromium.pdf"
    filled.write_bytes(fill_in_chromium(handout))
    text = summarise(filled, "txt").data.decode("utf-8")
    (folder / "summary.txt").write_text(text, encoding="utf-8")
    print(text)
    values = read_filled_form(filled).text  # the phone lines are read, though the summary leaves them out
    for name, typed in TYPED.items():
        print(f"{name}: {'exact' if values.get(name) == typed else 'DIFFERENT'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("chromium-fill"))
