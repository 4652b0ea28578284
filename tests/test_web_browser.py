"""The web pages in a real browser (Debian's Chromium through Playwright) against a real ``mbcprep serve``.

What a patient or a nurse meets: ticking with the keyboard alone and getting
a PDF, a mistake shown beside its field, a roster's bad row reported, the
page in Spanish, and no accessibility violation axe-core can find on any
page, in English and Spanish, on a wide screen and a phone.  Skipped without
Chromium on a developer's machine; CI (CI=true) fails instead (see the
``browser`` fixture in conftest.py).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import EXAMPLES, page_opener, pdf_reader, pdf_text, widgets

from mbcprep.web.words import all_words

EN, ES = all_words()["en"], all_words()["es"]
ROSTER = (EXAMPLES / "roster.csv").read_bytes() + b"Bad Row,2026-02-30 10:00,Dr. Chen,bones,,no,no,,\n"


@pytest.fixture
def open_page(browser, served):
    """A fresh page ``width`` CSS pixels wide on the served app; closed after the test."""
    open_, close = page_opener(browser, served, "/")
    yield open_
    close()


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def submit_roster(page, content: bytes = ROSTER, wait: bool = True):
    page.set_input_files("#roster", files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": content}])
    page.click("button.button-primary")
    if wait:
        page.wait_for_selector(".result", timeout=300_000)


def day_roster(rows: int) -> bytes:
    """A clinic day of ``rows`` patients from the example roster, every other one in Spanish."""
    import csv

    lines = list(csv.DictReader(io.StringIO((EXAMPLES / "roster.csv").read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, list(lines[0]))
    writer.writeheader()
    for index in range(rows):
        row = dict(lines[index % len(lines)], name=f"Patient {index + 1:02d}", file="",
                   language="es" if index % 2 else "en")
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("width", [1280, 375])
def test_forty_rows_show_their_progress_then_the_zip_arrives(open_page, width):
    """The nurse page with a 40-row day (review: 12-23 s in one request with no sign of progress): the status
    page shows how far the rows are, then the result; the zip holds every sheet; axe-core finds nothing on
    either page."""
    from axe_playwright_python.sync_playwright import Axe

    page = open_page("/roster", width)
    submit_roster(page, day_roster(40), wait=False)
    page.wait_for_selector("progress#roster-progress", timeout=60_000)
    assert page.url.split("?")[0].rsplit("/", 2)[-2] == "job"
    said = page.inner_text("#progress-words")
    assert said.startswith(("Done:", EN["roster_waiting"])) and "of 40 rows" in said
    progress = Axe().run(page)
    assert progress.violations_count == 0, progress.generate_report()
    page.wait_for_selector(".result", timeout=300_000)
    assert page.inner_text(".result h2") == EN["roster_result_heading"].format(made=40, failed=0)
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()
    with page.expect_download() as download_info:
        page.click("form.download button")
    assert download_info.value.suggested_filename == "mbcprep-sheets-2026-12-03.zip"
    archive = zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read()))
    handouts = sorted(name for name in archive.namelist() if name.startswith("handouts/"))
    assert len(handouts) == 40
    assert "Patient 40" in pdf_text(archive.read(handouts[-1]))


def test_without_javascript_the_status_page_refreshes_itself_to_the_result(browser, served):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(served.url + "roster")
        submit_roster(page, day_roster(12))
        assert page.inner_text(".result h2") == EN["roster_result_heading"].format(made=12, failed=0)
        with page.expect_download() as download_info:
            page.click("form.download button")
        assert zipfile.ZipFile(download_info.value.path()).testzip() is None
    finally:
        context.close()


# --------------------------------------------------------------------------
# What a person does
# --------------------------------------------------------------------------


def test_ticking_with_the_keyboard_alone_gives_a_valid_pdf(open_page):
    page = open_page()
    for concern in ("bones", "tiredness", "treatment-options"):
        tab_to(page, f"#concern-{concern}")
        page.keyboard.press("Space")
    tab_to(page, "#name")
    page.keyboard.type("Ana Díaz")
    tab_to(page, "#visit_date")
    page.keyboard.type("12032026")  # the date box takes the digits in its own order (month, day, year here)
    assert page.input_value("#visit_date") == "2026-12-03"
    tab_to(page, "button[value=pdf]")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == "visit-prep-2026-12-03.pdf"
    data = open(download.path(), "rb").read()
    text = pdf_text(data)
    assert len(pdf_reader(data).pages) > 1 and "Ana Díaz" in text
    assert all(title in text for title in ("Bone pain", "Tiredness"))


def test_choosing_the_questions_with_the_keyboard_alone_gives_a_pdf_with_them(open_page):
    page = open_page()
    tab_to(page, "#concern-bones")
    page.keyboard.press("Space")
    tab_to(page, "#name")
    page.keyboard.type("Ana Díaz")
    tab_to(page, "button[value=questions]")
    page.keyboard.press("Enter")
    page.wait_for_selector("fieldset.questions")
    assert page.is_checked("#question-bones--cause-of-pain") and not page.is_checked("#question-bones--dentist")
    for box in ("#question-bones--cause-of-pain", "#question-bones--dentist", "#question-matters-most--worries"):
        tab_to(page, box)
        page.keyboard.press("Space")
    tab_to(page, "#own_questions")
    page.keyboard.press("ArrowDown")  # 1 line -> 2 lines
    tab_to(page, "button[value=pdf]")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    data = open(download_info.value.path(), "rb").read()
    words = " ".join(pdf_text(data).split())
    assert "Ana Díaz" in words and "Should I see a dentist" in words and "worries and feelings" in words
    assert "Is my pain caused by cancer" not in words and "Would radiation" in words
    own = [annot["/T"] for annot, _ in widgets(data) if str(annot.get("/T", "")).startswith("own_question_")]
    assert own == ["own_question_1", "own_question_2"]


def test_back_from_the_questions_keeps_what_was_typed(open_page):
    page = reach(open_page, "questions", "en", 1280)
    page.click("button[value=back]")
    page.wait_for_selector("fieldset.concerns")
    assert page.is_checked("#concern-bones") and page.is_checked("#concern-stopping-treatment")


def test_a_mistake_comes_back_beside_its_field_with_everything_kept(open_page):
    from playwright.sync_api import expect

    page = open_page()
    page.fill("#name", "Ana Díaz")
    page.check("#large_print")
    page.click("button[value=pdf]")
    page.wait_for_selector("#concerns-error")
    assert EN["error_no_concern"] in page.inner_text("#concerns-error")
    assert "concerns-error" in page.get_attribute("#concerns", "aria-describedby")
    # Read first: the browser moves the focus to it once the page is shown (waited for, not timed).
    expect(page.locator(".error-summary")).to_be_focused(timeout=30_000)
    assert page.input_value("#name") == "Ana Díaz" and page.is_checked("#large_print")
    page.click(".error-summary a")  # the summary's link takes the person to the first tick box
    assert page.evaluate("location.hash") == "#concern-bones"


def test_show_it_in_the_browser_opens_the_handout_in_a_new_tab(open_page):
    page = open_page()
    page.check("#concern-bones")
    with page.context.expect_page() as new_tab:
        page.click("button[value=html]")
    handout = new_tab.value
    handout.wait_for_load_state()
    assert "Bone pain" in handout.inner_text("body")
    # Its own style applies (allowed by hash): the page is not unstyled.
    assert handout.evaluate("getComputedStyle(document.body).fontFamily") != ""
    assert handout.evaluate("document.styleSheets.length") >= 1
    handout.close()


def test_the_browser_posts_pass_the_origin_check(open_page, served):
    """Chromium on a page with Referrer-Policy: no-referrer: its own form posts are accepted, nothing else."""
    page = open_page()
    page.check("#concern-bones")
    with page.expect_download():
        page.click("button[value=pdf]")
    assert "POST / 200" in served.log()


def test_a_roster_with_a_bad_row_is_reported_before_download(open_page):
    page = open_page("/roster")
    submit_roster(page)
    heading = page.inner_text(".result h2")
    assert heading == EN["roster_result_heading"].format(made=6, failed=1)
    rows = page.locator(".result table.failures tbody tr")
    assert rows.count() == 1
    assert rows.nth(0).inner_text().split("\t")[:2] == ["8", "visit"]
    assert EN["reason_not_a_real_date"] in rows.nth(0).inner_text() and "Bad Row" not in page.content()
    with page.expect_download() as download_info:
        page.click("form.download button")
    archive = zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read()))
    assert "print-all.pdf" in archive.namelist() and "batch-errors.csv" in archive.namelist()


def test_switching_to_spanish_turns_the_whole_page_spanish(open_page):
    page = open_page()
    page.click(".language-link")
    page.wait_for_selector("html[lang=es]")
    assert page.inner_text("h1") == ES["patient_title"]
    assert ES["make_pdf"] in page.inner_text("button[value=pdf]")
    assert "Síntomas" in page.inner_text("fieldset.concerns")
    page.check("#concern-bones")
    with page.expect_download() as download_info:
        page.click("button[value=pdf]")
    data = open(download_info.value.path(), "rb").read()
    assert pdf_reader(data).trailer["/Root"]["/Lang"] == "es-US"
    page.click(".language-link")
    page.wait_for_selector("html[lang=en]")


# --------------------------------------------------------------------------
# Accessibility
# --------------------------------------------------------------------------


def reach(open_page, which: str, lang: str, width: int):
    """Open one of the pages in a state people see it in."""
    if which == "patient":
        return open_page(f"/?lang={lang}", width)
    if which == "patient-mistakes":
        page = open_page(f"/?lang={lang}", width)
        page.fill("#visit_date", "2026-12-03")
        page.fill("#visit_time", "")
        page.evaluate("document.getElementById('visit_date').type = 'text'")
        page.fill("#visit_date", "2026-02-30")
        page.click("button[value=pdf]")
        page.wait_for_selector("#visit_date-error")
        return page
    if which == "questions":
        page = open_page(f"/?lang={lang}", width)
        for concern in ("bones", "stopping-treatment"):
            page.check(f"#concern-{concern}")
        page.click("button[value=questions]")
        page.wait_for_selector("fieldset.questions")
        return page
    if which == "questions-mistake":
        page = reach(open_page, "questions", lang, width)
        page.evaluate("document.getElementById('own_questions').options[0].value = '9'")
        page.select_option("#own_questions", index=0)
        page.click("button[value=pdf]")
        page.wait_for_selector("#own_questions-error")
        return page
    if which == "roster":
        return open_page(f"/roster?lang={lang}", width)
    if which == "roster-result":
        page = open_page(f"/roster?lang={lang}", width)
        submit_roster(page)
        return page
    return open_page(f"/nowhere?lang={lang}", width)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("which", ["patient", "patient-mistakes", "questions", "questions-mistake", "roster",
                                   "roster-result", "not-found"])
def test_axe_finds_no_violations(open_page, which, lang, width):
    from axe_playwright_python.sync_playwright import Axe

    page = reach(open_page, which, lang, width)
    assert page.evaluate("document.documentElement.lang") == lang
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [320, 640])  # a phone, and 1280 pixels at 200% zoom
@pytest.mark.parametrize("path", ["/?lang=es", "/roster?lang=es", "questions"])
def test_no_sideways_scrolling_on_a_narrow_screen_or_at_200_percent(open_page, path, width):
    page = reach(open_page, "questions", "es", width) if path == "questions" else open_page(path, width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The concern ids fit on a phone without scrolling their table sideways (a long id breaks at a hyphen).
    assert page.evaluate("[...document.querySelectorAll('.concern-table')].every("
                         "table => table.parentElement.scrollWidth <= table.parentElement.clientWidth)")


def test_tick_boxes_and_buttons_are_big_enough_to_hit(open_page):
    page = open_page()
    for selector in ("input[type=checkbox]", "input[type=radio]", "button", ".site-nav a"):
        for box in (element.bounding_box() for element in page.query_selector_all(selector)):
            assert box["width"] >= 24 and box["height"] >= 24, (selector, box)


def test_the_focus_outline_shows(open_page):
    page = open_page()
    for selector in ("#concern-bones", "#name", "button[value=pdf]", ".language-link"):
        tab_to(page, selector)
        style = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                              " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }")
        assert style[0] != "none" and style[1] != "0px" and style[2] != "none", (selector, style)


def test_the_page_works_without_javascript(browser, served):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(served.url)
        page.check("#concern-bones")
        with page.expect_download() as download_info:
            page.click("button[value=pdf]")
        assert open(download_info.value.path(), "rb").read().startswith(b"%PDF")
        page.goto(served.url)
        page.click("button[value=pdf]")
        assert EN["error_no_concern"] in page.inner_text("#concerns-error")
        page.goto(served.url)
        page.check("#concern-brain")
        page.click("button[value=questions]")  # the second step, without a script
        page.check("#question-brain--seizure")
        with page.expect_download() as download_info:
            page.click("button[value=pdf]")
        assert "What should the people around me do if I have a seizure?" in " ".join(
            pdf_text(open(download_info.value.path(), "rb").read()).split())
    finally:
        context.close()
