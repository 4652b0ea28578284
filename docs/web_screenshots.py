"""Remake the pictures of the 'mbcprep serve' pages in docs/ (web-*.png) after a change to a page.

Starts a real ``mbcprep serve`` on a free loopback port with the example
clinic, and photographs the pages at 1280 and 375 CSS pixels, in English
and Spanish: the patient page with a few concerns ticked, its second step
(the questions for them, the usual ones ticked, one more ticked), and the
nurse page after a roster with one bad row; and, in English, the nurse page
while a 40-row roster is being made (web-roster-progress-*.png).  Needs Debian's Chromium
(apt-get install chromium) and the test extra (Playwright):

    .venv/bin/python docs/web_screenshots.py
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
CHROMIUM = "/usr/bin/chromium"
#: Picture height in CSS pixels at each width: enough for the top of the form, small files.
HEIGHTS = {1280: 1100, 375: 1500}
#: The second step's pictures are taller: the topics and the first groups of questions.
QUESTION_HEIGHTS = {1280: 1500, 375: 2200}
ROSTER = ("name,visit,provider,concerns,subtype,large_print,brief,note\n"
          "Ana Díaz,2026-12-03 09:00,Dr. Okafor,bones;treatment-options,hr-positive,no,no,Pain at night\n"
          "Ben Ode,2026-02-30 09:30,Dr. Okafor,tiredness,,no,no,\n"
          "Zoë Nguyễn,2026-12-03 10:30,Dr. Chen,stopping-treatment;palliative-care,,yes,no,\n")


#: A roster long enough to be photographed while it is made.
LONG_ROSTER = "name,visit,concerns\n" + "".join(f"Patient {n},2026-12-03 09:00,bones;pain;tiredness\n" for n in range(40))


def start_server() -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "-m", "mbcprep", "serve", "--port", "0", "--clinic", str(ROOT / "examples/clinic.toml")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = re.search(r"http://\S+/", process.stdout.readline()).group(0)
    return process, url


def main() -> None:
    process, url = start_server()
    roster = DOCS / "web-roster-example.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    long_roster = DOCS / "web-roster-long.csv"
    long_roster.write_text(LONG_ROSTER, encoding="utf-8")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for lang in ("en", "es"):
                suffix = "" if lang == "en" else "-es"
                for width, height in HEIGHTS.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(f"{url}?lang={lang}")
                    for concern in ("bones", "tiredness", "treatment-options"):
                        page.check(f"#concern-{concern}")
                    page.screenshot(path=str(DOCS / f"web-patient-{width}{suffix}.png"))
                    page.click("button[value=questions]")
                    page.wait_for_selector("fieldset.questions")
                    page.check("#question-bones--calcium-vitamin-d")
                    page.set_viewport_size({"width": width, "height": QUESTION_HEIGHTS[width]})
                    page.screenshot(path=str(DOCS / f"web-questions-{width}{suffix}.png"))
                    page.set_viewport_size({"width": width, "height": height})
                    page.goto(f"{url}roster?lang={lang}")
                    page.set_input_files("#roster", str(roster))
                    page.click("button[type=submit]")
                    page.wait_for_selector(".result")
                    page.screenshot(path=str(DOCS / f"web-roster-{width}{suffix}.png"))
                    if lang == "en":
                        page.goto(f"{url}roster?lang={lang}")
                        page.set_input_files("#roster", str(long_roster))
                        page.click("button[type=submit]")
                        page.wait_for_selector("#roster-progress")
                        while page.evaluate("document.getElementById('roster-progress').value") < 3:
                            page.wait_for_timeout(200)
                        page.screenshot(path=str(DOCS / f"web-roster-progress-{width}.png"))
                        page.wait_for_selector(".result", timeout=300_000)  # before the next roster
                    page.close()
            browser.close()
    finally:
        roster.unlink()
        long_roster.unlink()
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
