"""Remake the HTML handout screenshots in docs/ (html-1280.png, html-375.png) after a change to the page.

Needs Debian's Chromium (apt-get install chromium) and the test extra
(Playwright).  Run from the project folder:

    .venv/bin/python docs/screenshots.py

Each picture is the top of the 3-concern handout (header, "Get help now",
how to use), clipped so the files stay small.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from playwright.sync_api import sync_playwright

from mbcprep.model.request import Clinic, Request
from mbcprep.pack import load_pack
from mbcprep.plan import plan_handout
from mbcprep.render.html import render_html

DOCS = Path(__file__).parent
CHROMIUM = "/usr/bin/chromium"
REQUEST = Request(
    concerns=("bones", "brain", "treatment-options"), patient_name="Ana Díaz", provider="Dr. Lee",
    visit=dt.datetime(2026, 12, 3, 10, 30), note="Pain at night, and I am tired all day.", hormone_receptor="positive",
    clinic=Clinic(name="Riverside Cancer Center, Breast Oncology Clinic", phone="(555) 010-4477",
                  after_hours_phone="(555) 010-4400", address="200 Riverside Drive, Suite 3, Springfield"),
)
#: Width of the window and height of the picture, in CSS pixels.
SHOTS = {"html-1280.png": (1280, 1500), "html-375.png": (375, 1900)}


def main() -> None:
    page_html = render_html(plan_handout(REQUEST, load_pack())).data.decode("utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, (width, height) in SHOTS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_content(page_html)
            page.screenshot(path=str(DOCS / name), clip={"x": 0, "y": 0, "width": width, "height": height})
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
