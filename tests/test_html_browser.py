"""The HTML handout in a real browser (Debian's Chromium through Playwright), checked with axe-core.

What a reader meets: no accessibility violations axe can find, no sideways
scrolling on a phone, big tick boxes, a focus outline that shows, answer
boxes named after their question, and typed answers that print whole.
Skipped without Chromium on a developer's machine; CI (CI=true) fails instead
(see the ``browser`` fixture in conftest.py).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest

from mbcprep.model.request import Clinic, Request
from mbcprep.pack import load_pack
from mbcprep.plan import plan_handout
from mbcprep.render.html import render_html

CLINIC = Clinic(name="Riverside Cancer Center, Breast Oncology Clinic", phone="(555) 010-4477",
                after_hours_phone="(555) 010-4400", address="200 Riverside Drive, Suite 3, Springfield")
PERSON = {"patient_name": "Ana Díaz", "provider": "Dr. Lee", "visit": dt.datetime(2026, 12, 3, 10, 30),
          "note": "Pain at night, and I am tired all day."}
ONE = Request(concerns=("bones",), **PERSON)  # no clinic: write-in boxes for the numbers
THREE = Request(concerns=("bones", "brain", "treatment-options"), clinic=CLINIC, hormone_receptor="positive", **PERSON)
FIVE = Request(concerns=("bones", "brain", "liver", "lungs", "treatment-options"), clinic=CLINIC, **PERSON)
#: The small test pack has what the built-in one may not: every kind of sign group, a "why", the thermometer.
SMALL_THREE = Request(concerns=("bones", "treatment-options", "stopping-treatment"), clinic=CLINIC, **PERSON)

LONG_ANSWER = " ".join(f"Line {n} of a long answer typed at the visit, with every word kept." for n in range(1, 16))


@pytest.fixture(scope="module")
def builtin_pack():
    return load_pack()


@pytest.fixture
def open_page(browser):
    """Open an HTML handout in a fresh page ``width`` CSS pixels wide; closed after the test."""
    pages = []

    def open_(plan, width: int = 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        pages.append(page)
        page.set_content(render_html(plan).data.decode("utf-8"))
        return page

    yield open_
    for page in pages:
        page.close()


def handout(pack, request: Request, **changes):
    from dataclasses import replace

    return plan_handout(replace(request, **changes), pack)


def pdf_pages(page) -> list[str]:
    """The page printed to PDF as the browser prints it, each PDF page's words on one line."""
    from pypdf import PdfReader

    data = page.pdf(prefer_css_page_size=True)
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


# --------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------


def _axe_case(which: str, large_print: bool, fillable: bool):
    return pytest.param(which, large_print, fillable, id=f"{which}-{'large' if large_print else 'default'}-print-"
                                                         f"{'fillable' if fillable else 'plain'}")


@pytest.mark.parametrize("which, large_print, fillable", [
    *(_axe_case(which, large_print, fillable) for which in ("1-concern", "3-concerns")
      for large_print in (False, True) for fillable in (True, False)),
    _axe_case("3-concerns-small-pack", False, True),
    _axe_case("3-concerns-small-pack", False, False),
])
def test_axe_finds_no_violations(open_page, builtin_pack, small_pack, which, large_print, fillable):
    from axe_playwright_python.sync_playwright import Axe

    pack, request = {"1-concern": (builtin_pack, ONE), "3-concerns": (builtin_pack, THREE),
                     "3-concerns-small-pack": (small_pack, SMALL_THREE)}[which]
    page = open_page(handout(pack, request, large_print=large_print, fillable=fillable))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_on_a_phone(open_page, builtin_pack):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(open_page(handout(builtin_pack, THREE), width=320))
    assert results.violations_count == 0, results.generate_report()


# --------------------------------------------------------------------------
# Narrow screens, tick boxes, focus
# --------------------------------------------------------------------------


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("large_print", [False, True], ids=["default", "large-print"])
def test_the_page_never_scrolls_sideways_on_a_phone(open_page, builtin_pack, width, large_print):
    page = open_page(handout(builtin_pack, THREE, large_print=large_print), width=width)
    sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"the page is {sizes[0]} px wide in a {sizes[1]} px window"
    # The symptom log is wider than the phone: it scrolls inside its own box instead.
    box = page.locator(".table-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert box.bounding_box()["width"] <= width


@pytest.mark.parametrize("fillable", [True, False], ids=["fillable", "plain"])
def test_tick_boxes_are_at_least_24_px(open_page, small_pack, fillable):
    page = open_page(handout(small_pack, SMALL_THREE, fillable=fillable), width=375)
    boxes = page.locator("input[type=checkbox]" if fillable else ".box")
    questions = handout(small_pack, SMALL_THREE).part("questions")
    assert boxes.count() == questions.question_count
    for n in range(boxes.count()):
        size = boxes.nth(n).bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24, size


def test_a_tick_box_ticks_and_its_question_is_its_label(open_page, small_pack):
    page = open_page(handout(small_pack, SMALL_THREE))
    question = handout(small_pack, SMALL_THREE).part("questions").groups[0].questions[0]
    page.get_by_text(question, exact=True).click()
    assert page.get_by_role("checkbox", name=question, exact=True).is_checked()


def test_keyboard_focus_has_a_clear_outline_of_its_own(open_page, builtin_pack):
    page = open_page(handout(builtin_pack, ONE))
    seen = {}
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            return {tag: e.tagName.toLowerCase(), type: e.type || "", cls: e.className,
                    style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor};
        }""")
        kind = focused["tag"] + ("." + focused["type"] if focused["tag"] == "input" else "")
        if focused["cls"] == "table-scroll":
            kind = "table-scroll"
        if kind != "body":  # past the last field, focus goes back to the page itself
            seen.setdefault(kind, focused)
    assert {"input.checkbox", "textarea", "input.tel", "input.text", "table-scroll"} <= set(seen)
    for kind, focused in seen.items():
        assert focused["style"] == "solid" and focused["width"] >= 3, (kind, focused)
        assert focused["color"] == "rgb(11, 87, 208)", (kind, focused)


# --------------------------------------------------------------------------
# Names a screen reader announces
# --------------------------------------------------------------------------


def test_answer_boxes_are_named_answer_to_their_question(open_page, small_pack):
    plan = handout(small_pack, SMALL_THREE)
    page = open_page(plan)
    questions = plan.part("questions")
    for group in questions.groups:
        for question in group.questions:
            name = questions.answer_label.format(question=question)
            assert name.startswith("Answer to: ")
            assert page.get_by_role("textbox", name=name, exact=True).count() == 1, name
            assert page.get_by_role("checkbox", name=question, exact=True).count() == 1, question


def test_drawings_are_images_named_by_their_visible_captions(open_page, small_pack):
    plan = handout(small_pack, SMALL_THREE)
    page = open_page(plan)
    for group in plan.part("get_help_now").groups:
        drawing = page.get_by_role("img", name=group.caption, exact=True).first
        assert drawing.is_visible()
        assert page.get_by_text(group.caption, exact=True).first.is_visible()
    assert page.get_by_role("img", name=plan.labels["thermometer_caption"], exact=True).is_visible()
    log = plan.part("symptom_log")
    assert page.get_by_role("img", name=f"{log.scale_low} {log.scale_high}", exact=True).is_visible()


def test_the_not_saved_line_is_seen_first_and_not_printed(open_page, builtin_pack):
    plan = handout(builtin_pack, THREE)
    page = open_page(plan, width=375)
    line = page.get_by_text(plan.labels["html_not_saved"], exact=True)
    assert line.is_visible() and line.bounding_box()["y"] < 100
    page.emulate_media(media="print")
    assert not line.is_visible()


# --------------------------------------------------------------------------
# Typing and printing
# --------------------------------------------------------------------------


def test_answer_boxes_grow_as_people_type(open_page, small_pack):
    page = open_page(handout(small_pack, SMALL_THREE), width=375)
    answer = page.locator("textarea.answer").first
    empty = answer.bounding_box()["height"]
    answer.fill(LONG_ANSWER)
    assert answer.bounding_box()["height"] > 5 * empty
    assert answer.evaluate("a => a.scrollHeight <= a.clientHeight + 1")


@pytest.mark.parametrize("large_print", [False, True], ids=["default", "large-print"])
def test_long_typed_answers_are_never_cut_in_print(open_page, small_pack, large_print):
    page = open_page(handout(small_pack, SMALL_THREE, large_print=large_print))
    boxes = page.locator("textarea")
    for n in range(boxes.count()):
        boxes.nth(n).fill(f"Box {n}: {LONG_ANSWER} End of box {n}.")
    page.emulate_media(media="print")
    cut = page.evaluate("""() => [...document.querySelectorAll('textarea')]
        .filter(t => t.scrollHeight > t.clientHeight + 1).map(t => t.id)""")
    assert cut == []
    printed = " ".join(pdf_pages(page))
    for n in (0, boxes.count() - 1):
        assert f"End of box {n}." in printed


# --------------------------------------------------------------------------
# "Get help now" in print: on page 1, whole where it fits, else going on labelled
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spanish_pack():
    from mbcprep.pack import builtin_pack_path

    return load_pack(builtin_pack_path("es"))


def panel_plan(pack, which: str, language: str, **changes):
    """A plan of the print cases below: "1", "3" and "5" concerns as above, "no signs" one that adds none."""
    if which == "no signs":  # a concern that adds no sign of its own: only the signs every sheet has
        quiet = next(concern.id for concern in pack.concerns if not concern.red_flags)
        return handout(pack, THREE, concerns=(quiet,), **changes)
    return handout(pack, {"1": ONE, "3": THREE, "5": FIVE}[which], **changes)


def _print_case(language: str, which: str, large_print: bool, paper: str):
    concerns = {"1": "1-concern", "no signs": "no-signs"}.get(which, f"{which}-concerns")
    return pytest.param(language, which, large_print, paper,
                        id=f"{language}-{concerns}-{'large-print-' if large_print else ''}{paper}")


#: Whole on page 1, as measured (Chromium 156, the requests above), mirroring the PDF's PANEL_WHOLE:
#: up to 5 concerns in the default size on letter and A4 (46 signs with treatment choices), in English
#: and Spanish, but for the Spanish 5 concerns on letter (its last 3 signs go on to page 2).
PANEL_WHOLE = [
    *(_print_case("en", which, False, paper) for which in ("1", "3", "5") for paper in ("letter", "a4")),
    *(_print_case("es", which, False, paper) for which in ("1", "3", "5") for paper in ("letter", "a4")
      if (which, paper) != ("5", "letter")),
]


@pytest.mark.parametrize("language, which, large_print, paper", PANEL_WHOLE)
def test_get_help_now_prints_whole_on_page_one(open_page, builtin_pack, spanish_pack, language, which, large_print,
                                               paper):
    """The panel, its numbers and every sign on page 1 under the header, and on no other page.

    The print style keeps it short, like the PDF's compact panel: the numbers first, each action's
    head line with its drawing and caption as a tab, the signs in two columns under it.
    """
    pack = {"en": builtin_pack, "es": spanish_pack}[language]
    plan = panel_plan(pack, which, language, paper=paper, large_print=large_print)
    pages = pdf_pages(open_page(plan))
    panel = plan.part("get_help_now")
    first = pages[0]
    assert first.count(panel.heading) == 1
    for words in [*(s.text for g in panel.groups for s in g.signs), *(p.value for p in panel.phones),
                  *panel.write_in, *panel.advice]:
        assert " ".join(words.split()) in first, words
    assert all(panel.heading not in later for later in pages[1:])
    header = plan.part("header")
    assert first.index(" ".join(header.title.split())) < first.index(panel.heading)


#: Longer than what page 1 has room for, as measured: every large-print sheet (about 30 signs on every
#: sheet, 16 pt), and the Spanish 5 concerns on letter.  Page 1 holds every 911 sign, the 988 line and
#: the fever sign, as in the PDF: in large print the numbers follow those groups.
PANEL_GOES_ON = [
    *(_print_case(language, which, True, paper) for language in ("en", "es") for which in ("no signs", "1", "3", "5")
      for paper in ("letter", "a4")),
    _print_case("es", "5", False, "letter"),
]


@pytest.mark.parametrize("language, which, large_print, paper", PANEL_GOES_ON)
def test_a_panel_longer_than_page_one_starts_there_and_goes_on_labelled(open_page, builtin_pack, spanish_pack,
                                                                        language, which, large_print, paper):
    """The panel starts on page 1 under the header, with every 911 sign, the 988 line and the fever
    sign, and goes on at the top of page 2.

    HTML has no way to add "(continued)" to the part of a box that a browser carries to the next
    page (no running elements or fragment selectors in Chromium; a named page would force a page
    break before the panel). So, as the PDF repeats a group's action line, the print style repeats
    the head line of a group carried over (its tab and "Call ... if you have:", a repeated table
    header group) inside the panel's frame, drawn again on page 2. Checked here: page 2 holds
    nothing but the rest of the panel before the next part; no group's head line is on a page
    without one of its signs; every sign is printed once; the title "Get help now" is not repeated.
    """
    pack = {"en": builtin_pack, "es": spanish_pack}[language]
    plan = panel_plan(pack, which, language, paper=paper, large_print=large_print)
    pages = pdf_pages(open_page(plan))
    panel = plan.part("get_help_now")
    signs = [" ".join(s.text.split()) for g in panel.groups for s in g.signs]
    first = pages[0]
    assert first.count(panel.heading) == 1 and all(panel.heading not in later for later in pages[1:])
    assert first.index(" ".join(plan.part("header").title.split())) < first.index(panel.heading)
    must = [s.text for g in panel.groups if g.level in ("emergency", "crisis") for s in g.signs]
    must += [s.text for g in panel.groups for s in g.signs if s.icon == "thermometer"]
    assert [words for words in must if " ".join(words.split()) not in first] == []

    # From page 2 up to the next part (in large print the panel may take pages 2 and 3): the running head,
    # the page numbers and the rest of the panel, nothing else.
    after = plan.parts[[part.kind for part in plan.parts].index("get_help_now") + 1]
    later = " ".join(pages[1:])
    end = later.find(" ".join(after.heading.split()))
    rest = later[:end] if end >= 0 else later
    on_first, on_second = [s for s in signs if s in first], [s for s in signs if s in rest]
    assert on_first and on_second, "the panel does not go on from page 1 to page 2"
    assert sorted(on_first + on_second) == sorted(signs)  # each sign once, on page 1 or after
    left = rest
    panel_words = [plan.running_head, *(plan.footer.page_label.format(n=n, total=len(pages)) for n in (2, 3)),
                   plan.labels["thermometer_caption"], *(g.intro for g in panel.groups), *panel.advice,
                   *(f"{p.label}: {p.value}" for p in panel.phones), *panel.write_in,
                   *(g.caption for g in panel.groups),
                   *(words for g in panel.groups for s in g.signs for words in (s.text, s.why))]
    for words in sorted((" ".join(w.split()) for w in panel_words if w), key=len, reverse=True):  # longest first
        left = left.replace(words, " ")
    assert not left.strip(), f"page 2 has more than the panel before {after.heading!r}: {left.strip()!r}"

    # A group's head line is never on a page without one of its signs (alone at the foot of page 1).
    for text in (first, rest):
        for group in panel.groups:
            if " ".join(group.intro.split()) in text:
                assert any(" ".join(s.text.split()) in text for s in group.signs), group.intro
    # The group carried over starts page 2 with its head line again.
    carried = next(g for g in panel.groups if any(" ".join(s.text.split()) in rest for s in g.signs))
    assert " ".join(carried.intro.split()) in rest


def test_the_printed_page_has_the_running_head_and_page_numbers(open_page, builtin_pack):
    plan = handout(builtin_pack, THREE)
    page = open_page(plan)
    pages = pdf_pages(page)
    assert len(pages) > 1
    total = len(pages)
    for number, words in enumerate(pages, start=1):
        assert plan.footer.page_label.format(n=number, total=total) in words
    assert all(" ".join(plan.running_head.split()) in words for words in pages[1:])

