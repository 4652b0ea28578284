"""The care team's page (``/summary``) in a real browser (Debian's Chromium through Playwright) on a real server.

A filled-in handout (filled with pypdf, as a viewer saves it) is chosen with
the file picker: the summary shows on the page, its PDF downloads, a file
that cannot be read is said beside the field, and axe-core finds no
violation in English or Spanish, wide or on a phone.  Skipped without
Chromium on a developer's machine; CI (CI=true) fails instead (see the
``browser`` fixture in conftest.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import fill_form, handout_bytes, page_opener, pdf_reader

from mbcprep.model.request import Request
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.summary import summarise
from mbcprep.web.words import all_words

WORDS = all_words()
EN, ES = WORDS["en"], WORDS["es"]
#: What each language's patient typed and ticked on a handout of the page's language.
TYPED = {
    "en": {"top_question_1": "Is the new pain in my hip from the cancer?", "ask_1": "/Yes",
           "answer_1": "Bone scan next week", "own_question_1": "Is it safe to keep swimming?",
           "symptom_1_1": "3", "symptom_1_4": "5", "symptom_1_7": "8", "medicine_1_1": "Letrozole",
           "medicine_1_2": "2.5 mg", "medicine_1_3": "Every morning", "notes": "Hip pain worse at night."},
    "es": {"top_question_1": "¿El dolor nuevo en la cadera es por el cáncer?", "ask_1": "/Yes",
           "answer_1": "Gammagrafía ósea la semana que viene", "own_question_1": "¿Puedo seguir nadando?",
           "symptom_1_1": "3", "symptom_1_4": "5", "symptom_1_7": "8", "medicine_1_1": "Letrozol",
           "medicine_1_2": "2,5 mg", "medicine_1_3": "Cada mañana", "notes": "El dolor empeora de noche."},
}
NAMES = {"en": "Ana Díaz", "es": "José Ñúñez"}



@pytest.fixture(scope="module")
def filled() -> dict[str, bytes]:
    """A filled-in handout in each page language."""
    made = {}
    for lang in ("en", "es"):
        pack = load_pack(builtin_pack_path(lang))
        handout = handout_bytes(Request(concerns=("bones", "pain", "tiredness"), patient_name=NAMES[lang],
                                        visit=dt.datetime(2026, 12, 3, 10, 30), provider="Dr. Maya Chen"), pack)
        made[lang] = fill_form(handout, TYPED[lang])
    return made


@pytest.fixture
def open_page(browser, served):
    """A fresh page ``width`` CSS pixels wide on the served app; closed after the test."""
    open_, close = page_opener(browser, served, "/summary")
    yield open_
    close()


def choose(page, content: bytes, name: str = "ana-filled.pdf") -> None:
    page.set_input_files("#handout", files=[{"name": name, "mimeType": "application/pdf", "buffer": content}])


def show_summary(page, content: bytes) -> None:
    choose(page, content)
    page.click("button[value=html]")
    page.wait_for_selector("#summary-heading")


# --------------------------------------------------------------------------
# What the care team does
# --------------------------------------------------------------------------


def test_a_filled_handout_shows_its_summary_and_downloads_its_pdf(open_page, filled):
    page = open_page()
    show_summary(page, filled["en"])
    assert page.evaluate("document.activeElement.id") == "summary-heading"  # a screen reader starts here
    result = page.inner_text(".visit-summary")
    for shown in ("Visit summary", "Ana Díaz", "Thursday, December 3, 2026, 10:30 AM", TYPED["en"]["top_question_1"],
                  "Bone scan next week", "Is it safe to keep swimming?", "Letrozole", "Hip pain worse at night."):
        assert shown in result, shown
    high = page.locator("table.symptoms td.high")
    assert high.count() == 1 and high.inner_text() == "8*"
    assert page.inner_text("table.symptoms td.rising") == "+5 ▲"
    # The plain text for a clinic note: behind a disclosure, all of it selectable in one box.
    assert not page.is_visible("#summary-text")
    page.click("details.note-text summary")
    assert page.input_value("#summary-text") == summarise(filled["en"], "txt", dt.date.today()).data.decode()
    with page.expect_download() as download_info:
        page.click("form.download button")
    download = download_info.value
    today = dt.date.today()
    assert download.suggested_filename == "visit-summary-2026-12-03-1030.pdf"  # the visit, never the name
    data = open(download.path(), "rb").read()
    assert data == summarise(filled["en"], "pdf", today).data and len(pdf_reader(data).pages) == 1


def test_the_pdf_button_downloads_the_summary_straight_away(open_page, filled):
    page = open_page("/summary?lang=es")
    choose(page, filled["es"], name="José Ñúñez.pdf")
    with page.expect_download() as download_info:
        page.click("button[value=pdf]")
    download = download_info.value
    today = dt.date.today()
    assert download.suggested_filename == "visit-summary-2026-12-03-1030.pdf"  # the visit, never the name
    assert open(download.path(), "rb").read() == summarise(filled["es"], "pdf", today).data


def test_the_summary_page_is_linked_from_the_others(open_page):
    for path, lang in (("/", "en"), ("/roster?lang=es", "es")):
        page = open_page(path)
        page.click(f".site-nav a[href='/summary?lang={lang}']")
        page.wait_for_selector("#handout")
        assert page.inner_text("h1") == WORDS[lang]["summary_title"]
        assert page.get_attribute(f".site-nav a[href='/summary?lang={lang}']", "aria-current") == "page"


def test_a_file_that_is_not_a_handout_is_said_beside_the_field(open_page):
    page = open_page()
    choose(page, b"%PDF-1.4\n" + b"not really a PDF " * 100)
    page.click("button[value=html]")
    page.wait_for_selector("#handout-error")
    assert EN["error_summary_damaged"] in page.inner_text("#handout-error")
    assert "handout-error" in page.get_attribute("#handout", "aria-describedby")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.click(".error-summary a")
    assert page.evaluate("location.hash") == "#handout"
    page.click("button[value=pdf]")  # no file chosen at all
    page.wait_for_selector("#handout-error")
    assert EN["error_summary_missing"] in page.inner_text("#handout-error")


def test_the_summary_works_without_javascript(browser, served, filled):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(served.url + "summary")
        show_summary(page, filled["en"])
        assert "Ana Díaz" in page.inner_text(".visit-summary")
        page.click("details.note-text summary")
        assert page.is_visible("#summary-text")
    finally:
        context.close()


# --------------------------------------------------------------------------
# Accessibility
# --------------------------------------------------------------------------


def reach(open_page, filled, which: str, lang: str, width: int):
    page = open_page(f"/summary?lang={lang}", width)
    if which == "summary":
        show_summary(page, filled[lang])
        page.click("details.note-text summary")  # axe checks the text box and its label too
    elif which == "mistake":
        choose(page, b"plain text, not a PDF")
        page.click("button[value=html]")
        page.wait_for_selector("#handout-error")
    return page


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("which", ["upload", "summary", "mistake"])
def test_axe_finds_no_violations(open_page, filled, which, lang, width):
    from axe_playwright_python.sync_playwright import Axe

    page = reach(open_page, filled, which, lang, width)
    assert page.evaluate("document.documentElement.lang") == lang
    if which == "summary":
        assert page.evaluate("document.querySelector('.visit-summary > div').lang") == f"{lang}-US"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [320, 375, 640])
def test_no_sideways_scrolling_with_a_summary_on_a_narrow_screen(open_page, filled, width):
    """The symptom log scrolls inside its own box; the page itself never scrolls sideways."""
    page = reach(open_page, filled, "summary", "es", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_buttons_and_the_disclosure_are_big_enough_to_hit(open_page, filled):
    page = reach(open_page, filled, "summary", "en", 375)
    for selector in ("button", "details.note-text summary", ".site-nav a"):
        for box in (element.bounding_box() for element in page.query_selector_all(selector)):
            assert box["width"] >= 24 and box["height"] >= 24, (selector, box)
