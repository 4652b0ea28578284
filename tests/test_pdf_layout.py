"""The printed sheet's layout, read back from the PDF: page budget, clean breaks, sizes.

The page budget (issue 12) is measured with the built-in pack and the
example clinic profile, a name, a visit and a provider, on letter and A4.
The break rules are checked on content long enough to force the breaks
where the rules bite: a pack with many signs and long sections, and a plan
with long question groups, a long symptom log and medicines table.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from functools import lru_cache

import pytest
from conftest import SMALL_PACK, contrast_on_white, page_texts, plumbed, squash, widgets

from mbcprep.model.form import grid_fields, question_fields
from mbcprep.model.plan import PlannedQuestionGroup
from mbcprep.model.request import Request
from mbcprep.plan import plan_handout
from mbcprep.render.pdf import render_pdf

COUNTS = ("1", "3", "5", "all")
MODES = ("default", "brief", "questions_only")
#: Issue 12: at most this many pages, by concerns chosen and kind of sheet (letter and A4).
BUDGET = {
    "1": {"default": 3, "brief": 2, "questions_only": 2},
    "3": {"default": 5, "brief": 3, "questions_only": 2},
    "5": {"default": 7, "brief": 4, "questions_only": 2},
    "all": {"default": 20, "brief": 12, "questions_only": 6},
}
#: The Spanish pack is held to the same budget: 1, 3 and 5 concerns.  Its words are written short
#: enough for that (signs, panel intros, steps and footer as short as the English ones).
SPANISH_COUNTS = ("1", "3", "5")
#: Cells the sheet does not meet, as measured, with why: (language, count, mode[, paper]) -> reason.
#: Strict: a sheet that comes within budget must leave this list.
OVER_BUDGET: dict[tuple, str] = {}
LARGE_PRINT_FACTOR = 1.7
#: Why a short sheet is more than 1.7 times as long in large print since the triage review of 2026-12-07:
#: every sheet carries the emergencies of this disease (about 30 signs), so the panel alone is about
#: 1.5 pages at 16 pt, and a sheet of 2 default pages takes 4.
PANEL_PAGES = ("2 pages to 4 (2.0): the panel alone is about 1.5 large-print pages (about 30 signs on every "
               "sheet), so the questions go on to page 3 and the notes and sources to page 4")
#: Large-print sheets longer than 1.7 times the default one, as measured: (language, count, mode, paper) -> reason.
#: Strict, like OVER_BUDGET.
LARGE_PRINT_OVER: dict[tuple, str] = {
    ("es", "5", "brief", "letter"): "7 pages to 4 (1.75): the liver title and key points (139 pt, the box does not "
                                    "split) miss page 4 (131 pt left) by about 8 pt, so the questions cannot start "
                                    "on page 5 and the notes and sources go on to page 7",
    ("es", "5", "brief", "a4"): "7 pages to 4 (1.75): as on letter, with the large-print panel of 1.5 pages",
    ("es", "3", "default", "letter"): "9 pages to 5 (1.8): the large-print panel of 1.5 pages and the Spanish "
                                      "notes on bones, brain and lungs fill 8 pages; the notes lines and the "
                                      "sources go on to page 9",
    ("en", "5", "brief", "letter"): "7 pages to 4 (1.75): the large-print panel of 1.5 pages moves the notes of "
                                    "the five concerns on by one page",
    **{(language, "1", "brief", paper): PANEL_PAGES for language in ("en", "es") for paper in ("letter", "a4")},
    **{(language, count, "questions_only", "letter"): PANEL_PAGES for language in ("en", "es") for count in ("3", "5")},
    ("es", "5", "questions_only", "a4"): PANEL_PAGES,
    ("en", "all", "default", "a4"): "31 pages to 18 (1.72): all 23 concerns, so every sign of the pack is in the "
                                    "large-print panel (about 3 pages of it)",
}


@pytest.fixture(scope="module")
def sheets(builtin_pack, clinic_profile):
    """Rendered handouts of the budget table, each drawn once for the whole module."""
    from mbcprep.pack import builtin_pack_path, load_pack

    packs = {"en": builtin_pack}

    @lru_cache(maxsize=None)
    def sheet(count: str, mode: str = "default", paper: str = "letter", large_print: bool = False,
              language: str = "en", concerns: tuple[str, ...] = (),
              answers: tuple[str, str] = ("not-sure", "not-sure")):
        if language not in packs:
            packs[language] = load_pack(builtin_pack_path(language))
        pack = packs[language]
        ids = pack.concern_ids
        chosen = concerns or (ids if count == "all" else ids[:int(count)])
        request = Request(concerns=chosen, patient_name="Ana Díaz", visit=dt.datetime(2026, 12, 3, 10, 30),
                          provider="Dr. Lee", clinic=clinic_profile, paper=paper, large_print=large_print,
                          brief=mode == "brief", questions_only=mode == "questions_only",
                          hormone_receptor=answers[0], her2=answers[1])
        plan = plan_handout(request, pack)
        return plan, render_pdf(plan)

    return sheet


# --------------------------------------------------------------------------
# Page budget
# --------------------------------------------------------------------------


BUDGET_CELLS = [("en", count, mode, paper) for count in COUNTS for mode in MODES for paper in ("letter", "a4")]
BUDGET_CELLS += [("es", count, mode, paper) for count in SPANISH_COUNTS for mode in MODES for paper in ("letter", "a4")]


@pytest.mark.parametrize("language, count, mode, paper", BUDGET_CELLS)
def test_page_budget(sheets, language, count, mode, paper, request):
    reason = OVER_BUDGET.get((language, count, mode)) or OVER_BUDGET.get((language, count, mode, paper))
    if reason:  # strict: a sheet that comes within budget must leave this list
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    _, rendered = sheets(count, mode, paper, language=language)
    assert rendered.pages <= BUDGET[count][mode]


#: The longest texts for a type: both answers print theirs (a cancer can be hormone receptor-positive and HER2-low).
TYPED = [("positive", "low"), ("positive", "positive"), ("negative", "low"), ("positive", "ultralow")]


@pytest.mark.parametrize("language", ("en", "es"))
@pytest.mark.parametrize("paper", ("letter", "a4"))
@pytest.mark.parametrize("answers", TYPED)
def test_the_text_for_a_type_adds_at_most_a_page_to_a_treatment_choices_sheet(sheets, language, paper, answers):
    """The one-concern budget plus one page: the treatment-options sheet carries 7 signs of its own in a
    panel that fills page 1, so the text for a type (up to half a page with both answers) moves the
    medicines or the notes on to a fourth page (measured 2026-12-07: 4 pages for each of these answers,
    3 with none given)."""
    plan, rendered = sheets("1", "default", paper, language=language, concerns=("treatment-options",),
                            answers=answers)
    assert plan.part("concern_notes").concerns[0].sections[0].subtype  # the text for the type is there
    assert rendered.pages <= BUDGET["1"]["default"] + 1


LARGE_PRINT_CELLS = [("en", count, mode, paper) for count in COUNTS for mode in MODES for paper in ("letter", "a4")]
LARGE_PRINT_CELLS += [("es", count, mode, paper) for count in SPANISH_COUNTS for mode in MODES
                      for paper in ("letter", "a4")]


@pytest.mark.parametrize("language, count, mode, paper", LARGE_PRINT_CELLS)
def test_large_print_is_at_most_1_7_times_as_long(sheets, language, count, mode, paper, request):
    reason = LARGE_PRINT_OVER.get((language, count, mode, paper))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    _, default = sheets(count, mode, paper, language=language)
    _, large = sheets(count, mode, paper, True, language)
    assert default.pages <= large.pages <= LARGE_PRINT_FACTOR * default.pages


# --------------------------------------------------------------------------
# "Get help now": first, whole on page 1, said once
# --------------------------------------------------------------------------

#: Whole on page 1: up to 5 concerns in the default size (English and Spanish).  In large print (16 pt
#: signs, 14 pt reasons) the panel is longer than page 1 since every sheet has the emergencies of this
#: disease (about 30 signs): there page 1 holds every 911 sign, the 988 line and the fever sign (below).
PANEL_WHOLE = [(language, count, mode, paper, False) for language in ("en", "es")
               for count in ("1", "3", "5", "5 adding the most signs") for mode in MODES for paper in ("letter", "a4")]


def most_signs_five(pack) -> tuple[str, ...]:
    """Five concerns that together add the most signs to the every-sheet ones (chosen greedily, from
    the pack's own data): the longest panel five concerns can make."""
    every_sheet = {sign.id for sign in pack.signs if sign.every_sheet}
    adds = {concern.id: set(concern.red_flags) - every_sheet for concern in pack.concerns}
    chosen: list[str] = []
    added: set[str] = set()
    for _ in range(5):
        best = max((cid for cid in adds if cid not in chosen), key=lambda cid: len(adds[cid] - added))
        chosen.append(best)
        added |= adds[best]
    return tuple(chosen)


def budget_sheet(sheets, builtin_pack, language, count, mode, paper, large_print):
    if count == "no signs":  # one concern that adds no sign of its own
        quiet = next(concern.id for concern in builtin_pack.concerns if not concern.red_flags)
        return sheets("1", mode, paper, large_print, language, concerns=(quiet,))
    if count == "5 adding the most signs":
        return sheets("5", mode, paper, large_print, language, concerns=most_signs_five(builtin_pack))
    return sheets(count, mode, paper, large_print, language)


def test_the_five_concerns_adding_the_most_signs_add_many():
    """The panel test's longest case is long: the review's sheet with the most signs (bones, brain,
    tiredness, treatment options, side effects) added 18; the greedy choice adds at least as many."""
    from mbcprep.pack import builtin_pack_path, load_pack

    pack = load_pack(builtin_pack_path("en"))
    every_sheet = {sign.id for sign in pack.signs if sign.every_sheet}
    added = {flag for concern in pack.concerns if concern.id in most_signs_five(pack)
             for flag in concern.red_flags} - every_sheet
    assert len(added) >= 18


@pytest.mark.parametrize("language, count, mode, paper, large_print", PANEL_WHOLE)
def test_get_help_now_is_whole_on_page_one_right_after_the_header(sheets, builtin_pack, language, count, mode, paper,
                                                                  large_print):
    plan, rendered = budget_sheet(sheets, builtin_pack, language, count, mode, paper, large_print)
    panel = plan.part("get_help_now")
    pages = page_texts(rendered.data)
    first = pages[0]
    assert first.count(panel.heading) == 1
    assert panel.continued not in first
    header_end = first.index(panel.heading)
    assert first[:header_end].strip().startswith(plan.title)
    for group in panel.groups:
        for sign in group.signs:
            assert squash(sign.text) in first, sign.text
    for line in panel.phones:
        assert f"{line.label}: {line.value}" in first
    for line in panel.advice:
        assert squash(line) in first
    assert all(panel.heading not in text for text in pages[1:])


LARGE_PRINT_PANELS = [(language, count, mode, paper) for language, counts in (("en", COUNTS), ("es", SPANISH_COUNTS))
                      for count in counts for mode in MODES for paper in ("letter", "a4")]
LARGE_PRINT_PANELS += [("en", "no signs", mode, paper) for mode in MODES for paper in ("letter", "a4")]


@pytest.mark.parametrize("language, count, mode, paper", LARGE_PRINT_PANELS)
def test_large_print_page_one_has_every_911_sign_988_and_the_fever_sign(sheets, builtin_pack, language, count, mode,
                                                                        paper):
    """The review of 2026-12-07: in 14 of 48 large-print sheets the whole "call right away" group, fever
    included, went to page 2.  Page 1 holds the 911 and 988 groups and the fever sign (whatever the
    concerns add), the rest goes on under "Get help now (continued)", and the numbers are in the panel."""
    plan, rendered = budget_sheet(sheets, builtin_pack, language, count, mode, paper, True)
    panel = plan.part("get_help_now")
    first = page_texts(rendered.data)[0]
    must = [sign for group in panel.groups if group.level in ("emergency", "crisis") for sign in group.signs]
    must += [sign for group in panel.groups for sign in group.signs if sign.icon == "thermometer"]
    assert len(must) >= 20
    assert [sign.text for sign in must if squash(sign.text) not in first] == []
    assert_the_panel_starts_on_page_one_and_goes_on_labelled_continued(plan, rendered.data)
    everything = " ".join(page_texts(rendered.data))
    for line in [*(f"{line.label}: {line.value}" for line in panel.phones), *panel.advice]:
        assert squash(line) in everything, line


# --------------------------------------------------------------------------
# Long content: every break rule where it bites
# --------------------------------------------------------------------------

#: Lines of the generated paragraphs: under five never split, five or more split 2+ / 2+.
PARAGRAPH_LINES = (1, 2, 3, 4, 4, 3, 6, 2, 4, 9, 1, 3, 4, 2, 5, 4)


def note_text(k: int, sentences: int) -> str:
    body = " ".join(f"Sentence {j} of note {k} is plain words about living well with this." for j in range(sentences))
    return f"Note {k} opens here. {body} Note {k} closes here."


def _toml(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_long_pack(root) -> None:
    """The small pack with fifty more every-sheet signs and a concern with long sections."""
    levels = ["emergency"] * 18 + ["crisis"] * 3 + ["call-now"] * 14 + ["call-today"] * 15
    with open(root / "safety.toml", "a", encoding="utf-8") as out:
        for i, level in enumerate(levels):
            text = f"Sign {i} that needs help " + "and more words " * (i % 4)
            why = f'why = {_toml(f"Reason {i} is said here in plain words for the reader.")}\n' if i % 4 == 1 else ""
            out.write(f'\n[[signs]]\nid = "long-sign-{i}"\nlevel = "{level}"\ntext = {_toml(text.strip())}\n'
                      f"{why}every_sheet = true\nkey_words = [\"zq{i}\"]\n")
    sections, k = [], 0
    for number in range(4):
        blocks = []
        for lines in PARAGRAPH_LINES[number * 4:(number + 1) * 4]:
            blocks.append(note_text(k, max(0, lines * 2 - 1)))
            k += 1
        blocks.insert(2, f"Things to know in part {number}:\n" + "\n".join(
            f"- point {i} of part {number}, said in a few more words" for i in range(5)))
        sections.append(
            f"[[sections]]\nheading = {_toml(f'Long section {number}')}\n"
            f"summary = {_toml(f'Summary of long section {number} in one short sentence.')}\n"
            f'body = """\n' + "\n\n".join(blocks) + '\n"""\n'
            f"report_signs = {_toml([f'routine sign {number}.{i}' for i in range(3)])}\n")
    (root / "concerns" / "bones.toml").write_text(
        'id = "bones"\ntitle = "Bone pain and bone health"\ncategory = "symptoms"\n'
        'description = "New aches, bones that break more easily"\nkeywords = ["bone"]\n'
        f"symptom_log = {_toml([f'Symptom number {i}' for i in range(14)])}\n"
        'red_flags = ["limb-numbness"]\n'
        f"key_points = {_toml([f'Key point {i} in a sentence of middling length for the box.' for i in range(4)])}\n\n"
        + "\n".join(sections)
        + '\n[[questions]]\nid = "bones.cause-of-pain"\ntext = "Is my pain caused by cancer in the bone?"\npriority = "high"\n',
        encoding="utf-8")


def long_questions(plan):
    """Four groups of twelve questions, some long enough to wrap: groups must break across pages."""
    questions = plan.part("questions")
    groups = tuple(
        PlannedQuestionGroup(f"Question group {g}", tuple(
            f"Question {g}.{q} asks something" + " with a few more words" * (q % 3) + "?" for q in range(12)),
            tuple(question_fields(12 * g + q + 1) for q in range(12)))
        for g in range(4))
    return dataclasses.replace(questions, groups=groups)


@pytest.fixture(scope="module")
def long_sheets(tmp_path_factory):
    from mbcprep.pack import load_pack

    root = tmp_path_factory.mktemp("long") / "pack"
    shutil.copytree(SMALL_PACK, root)
    write_long_pack(root)
    pack = load_pack(root)

    @lru_cache(maxsize=None)
    def sheet(paper: str = "letter", large_print: bool = False):
        request = Request(concerns=("bones", "treatment-options"), patient_name="Ana Díaz", provider="Dr. Lee",
                          paper=paper, large_print=large_print, note="Pain in my hip at night.")
        plan = plan_handout(request, pack)
        parts = []
        for part in plan.parts:
            if part.kind == "questions":
                part = long_questions(plan)
            elif part.kind == "medicines":
                part = dataclasses.replace(part, fields=grid_fields("medicine", 16, len(part.columns)))
            parts.append(part)
        plan = dataclasses.replace(plan, parts=tuple(parts))
        return plan, render_pdf(plan).data

    return sheet


LONG = [("letter", False), ("a4", False), ("letter", True), ("a4", True)]


class Page:
    """One page's body (between the running head and the footer) as pdfplumber sees it."""

    def __init__(self, page, plan):
        footer_first = squash(plan.footer.disclaimer).split()[:4]
        lines = page.extract_text_lines(return_chars=True)
        self.footer_top = min(line["top"] for line in lines if line["text"].split()[:4] == footer_first)
        head = squash(plan.running_head)
        self.lines = [line for line in lines if line["bottom"] < self.footer_top - 4
                      and not squash(line["text"]).startswith(head)]
        self.text = squash(" ".join(line["text"] for line in self.lines))
        self.graphics = [g for g in (*page.lines, *page.rects, *page.curves)
                         if g["bottom"] < self.footer_top - 12 and g["top"] > 45]
        self.words = page.extract_words(extra_attrs=["size", "fontname"])

    @property
    def body_top(self) -> float:
        return min([line["top"] for line in self.lines] + [g["top"] for g in self.graphics])

    @property
    def body_bottom(self) -> float:
        return max([line["bottom"] for line in self.lines] + [g["bottom"] for g in self.graphics])


_parsed: dict[int, list[Page]] = {}


def pages_of(data: bytes, plan) -> list[Page]:
    """Each page's body, read once per PDF for the whole module."""
    key = hash(data)
    if key not in _parsed:
        with plumbed(data) as pdf:
            _parsed[key] = [Page(page, plan) for page in pdf.pages]
    return _parsed[key]


def heading_sizes(plan) -> float:
    """The smallest heading size on this sheet (headings are bold and larger than body text)."""
    return 16.5 if plan.large_print else 12.5


@pytest.mark.parametrize("paper, large_print", LONG)
def test_no_heading_or_list_intro_ends_a_page(long_sheets, paper, large_print):
    plan, data = long_sheets(paper, large_print)
    pages = pages_of(data, plan)
    assert len(pages) > 6
    for number, page in enumerate(pages[:-1], 1):
        last = max(page.lines, key=lambda line: line["bottom"])
        below = [g for g in page.graphics if g["top"] > last["bottom"] - 1]
        if below:
            continue  # the page ends with something drawn under the text: a writing line, a table, a box
        bold = all("Bold" in c["fontname"] for c in last["chars"] if c["text"].strip())
        heading = bold and min(c["size"] for c in last["chars"]) >= heading_sizes(plan)
        assert not heading, f"page {number} ends with the heading {last['text']!r}"
        assert not last["text"].rstrip().endswith(":"), f"page {number} ends with the list intro {last['text']!r}"


@pytest.mark.parametrize("paper, large_print", LONG)
def test_paragraphs_under_five_lines_are_never_split(long_sheets, paper, large_print):
    plan, data = long_sheets(paper, large_print)
    spans: dict[int, list[list[int]]] = {}  # note -> [[page, lines on that page], ...]
    note = None
    for number, page in enumerate(pages_of(data, plan), 1):
        for line in page.lines:
            opens = re.search(r"Note (\d+) opens", line["text"])
            if opens:
                note = int(opens.group(1))
                spans[note] = []
            if note is None:
                continue
            if not spans[note] or spans[note][-1][0] != number:
                spans[note].append([number, 0])
            spans[note][-1][1] += 1
            if f"Note {note} closes" in line["text"]:
                note = None
    assert sorted(spans) == list(range(len(PARAGRAPH_LINES)))
    for note, pieces in spans.items():
        total = sum(count for _, count in pieces)
        if len(pieces) > 1:
            assert total >= 5, f"note {note} ({total} lines) split over pages {[p for p, _ in pieces]}"
            assert all(count >= 2 for _, count in pieces), f"note {note}: {pieces}"


@pytest.mark.parametrize("paper, large_print", LONG)
def test_a_table_never_leaves_its_header_with_fewer_than_two_rows(long_sheets, paper, large_print):
    plan, data = long_sheets(paper, large_print)
    rows_by_page: dict[tuple[str, int], set[str]] = {}
    for annot, index in widgets(data):
        name = str(annot["/T"])
        match = re.fullmatch(r"(symptom|medicine)_(\d+)_\d+", name)
        if match:
            rows_by_page.setdefault((match.group(1), index), set()).add(match.group(2))
    tables = {table for table, _ in rows_by_page}
    assert tables == {"symptom", "medicine"}
    for (table, index), rows in rows_by_page.items():
        assert len(rows) >= 2, f"{table} table on page {index + 1} has {len(rows)} row(s) under its header"
    header = plan.part("medicines").columns[0]
    for index, text in enumerate(page_texts(data)):
        if ("medicine", index) in rows_by_page:
            assert header in text  # the header is repeated where the table goes on


@pytest.mark.parametrize("paper, large_print", LONG)
def test_questions_carried_over_repeat_their_group_label_continued(long_sheets, paper, large_print):
    plan, data = long_sheets(paper, large_print)
    part = plan.part("questions")
    group_of = [group.title for group in part.groups for _ in group.questions]
    page_of = {}
    for annot, index in widgets(data):
        match = re.fullmatch(r"ask_(\d+)", str(annot["/T"]))
        if match:
            page_of[int(match.group(1))] = index
    texts = page_texts(data)
    questions = [q for group in part.groups for q in group.questions]
    carried = 0
    for n in range(2, len(questions) + 1):
        if page_of[n] != page_of[n - 1] and group_of[n - 1] == group_of[n - 2]:
            carried += 1
            label = f"{group_of[n - 1]} {part.continued}"
            text = texts[page_of[n]]
            assert label in text, f"question {n} carried to page {page_of[n] + 1} without {label!r}"
            assert text.index(label) < text.index(squash(questions[n - 1]))
    assert carried >= 1  # the rule was tested where it bites


def assert_no_page_but_the_last_is_more_than_30_percent_empty(plan, data: bytes) -> None:
    pages = pages_of(data, plan)
    top = min(page.body_top for page in pages[1:])  # where the text frame starts on later pages
    for number, page in enumerate(pages[:-1], 1):
        frame = page.footer_top - 16 - (page.body_top if number == 1 else top)
        empty = (page.footer_top - 16 - page.body_bottom) / frame
        assert empty <= 0.30, f"page {number} is {empty:.0%} empty"


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("count", ["1", "3", "5"])
def test_own_questions_never_on_a_page_without_a_question(sheets, count, paper):
    """The issue's questions-only sheet ended on a page holding only "My own questions"."""
    plan, rendered = sheets(count, "questions_only", paper)
    own = plan.part("questions").own_heading
    (page,) = [index for index, text in enumerate(page_texts(rendered.data)) if own in text]
    asked = {index for annot, index in widgets(rendered.data) if str(annot["/T"]).startswith("ask_")}
    assert page in asked


@pytest.mark.parametrize("paper, large_print", LONG)
def test_no_page_but_the_last_is_more_than_30_percent_empty(long_sheets, paper, large_print):
    assert_no_page_but_the_last_is_more_than_30_percent_empty(*long_sheets(paper, large_print))


@pytest.mark.parametrize("large_print", [False, True])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("count", ["3", "5"])
def test_no_page_of_a_budget_sheet_but_the_last_is_more_than_30_percent_empty(sheets, count, mode, large_print):
    plan, rendered = sheets(count, mode, "letter", large_print)
    assert_no_page_but_the_last_is_more_than_30_percent_empty(plan, rendered.data)


@pytest.mark.parametrize("paper, large_print", LONG)
def test_a_long_panel_starts_on_page_one_and_goes_on_labelled_continued(long_sheets, paper, large_print):
    assert_the_panel_starts_on_page_one_and_goes_on_labelled_continued(*long_sheets(paper, large_print))


def assert_the_panel_starts_on_page_one_and_goes_on_labelled_continued(plan, data: bytes) -> None:
    panel = plan.part("get_help_now")
    texts = page_texts(data)
    assert texts[0].count(panel.heading) == 1 and panel.continued not in texts[0]
    continued = f"{panel.heading} {panel.continued}"
    on = [index for index, text in enumerate(texts) if panel.heading in text]
    assert on == list(range(len(on))) and len(on) >= 2  # consecutive pages from page 1
    for index in on:
        signs_here = [s for g in panel.groups for s in g.signs if squash(s.text) in texts[index]]
        assert signs_here, f"page {index + 1} has the panel's title bar and no sign"
        if index:
            assert texts[index].count(continued) == 1
    everything = " ".join(texts)
    start = everything.index(panel.heading)
    after = [part.heading for part in plan.parts[plan.parts.index(panel) + 1:] if getattr(part, "heading", "")]
    within = everything[start:everything.index(after[0], start)]  # the panel, page furniture between its pages
    for group in panel.groups:
        for sign in group.signs:
            assert within.count(squash(sign.text)) == 1, sign.text


def test_the_notes_fill_the_last_page_and_the_sources_close_it(long_sheets):
    plan, data = long_sheets("letter", False)
    pages = pages_of(data, plan)
    last = pages[-1]
    sources = plan.part("sources")
    closing = [line for line in last.lines if squash(line["text"]).startswith(sources.heading)]
    assert closing and max(line["bottom"] for line in last.lines) > last.footer_top - 60
    notes = [a for a, index in widgets(data) if a["/T"] == "notes"]
    (field,) = notes
    x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
    assert y1 - y0 >= plan.part("notes").min_lines * 24 - 4


# --------------------------------------------------------------------------
# Sizes, colours, lines
# --------------------------------------------------------------------------


def small_words(plan) -> set[str]:
    """Words the sheet may print smaller than body text: furniture, sources, reasons, captions, labels."""
    texts = [plan.running_head, plan.footer.disclaimer, plan.footer.review_line, plan.footer.not_reviewed_line,
             plan.footer.page_label, plan.part("sources").text, plan.part("sources").heading,
             plan.labels["thermometer_caption"], *(line.label for line in plan.part("header").lines)]
    for group in plan.part("get_help_now").groups:
        texts.append(group.caption)
        texts += [sign.why for sign in group.signs]
    notes = plan.part("concern_notes")
    texts += [section.picture.caption for concern in getattr(notes, "concerns", ()) for section in concern.sections
              if section.picture is not None]
    if plan.large_print:  # table headers may be 14 pt in large print, so that "Day 1" fits its column
        for part in (plan.part("symptom_log"), plan.part("medicines")):
            texts += [*getattr(part, "days", ()), getattr(part, "column", ""), *getattr(part, "columns", ())]
    words = set()
    for text in texts:
        for word in squash(text).split():
            words.add(word)
            # A long web address may break after a slash: its pieces are small words too.
            pieces = re.findall(r"[^/]*/|[^/]+$", word)
            words.update("".join(pieces[i:j]) for i in range(len(pieces)) for j in range(i + 1, len(pieces) + 1))
    return words | {str(n) for n in range(100)}  # page numbers


def sized_sheets(sheets, long_sheets):
    yield sheets("3")
    yield sheets("3", paper="a4")
    yield sheets("all", "brief")
    yield long_sheets("letter", False)


def large_sheets(sheets, long_sheets):
    yield sheets("3", large_print=True)
    yield sheets("1", "questions_only", "a4", True)
    yield long_sheets("a4", True)


def words(data: bytes, plan):
    for page in pages_of(data, plan):
        yield from page.words


def panel_words(plan) -> set[str]:
    """Words of the panel that it may draw one point smaller (11 pt) to stay whole on page 1."""
    panel = plan.part("get_help_now")
    texts = [s.text for g in panel.groups for s in g.signs] + list(panel.advice)
    texts += [f"{line.label}: {line.value}" for line in panel.phones] + [f"{label}:" for label in panel.write_in]
    return {word for text in texts for word in squash(text).split()} | {"\u2022"}  # and their bullets


def test_default_print_nothing_under_10pt_and_body_at_least_12pt(sheets, long_sheets):
    """Body text 12 pt; reasons, captions and the footer 10 pt or more; the panel's signs, numbers and
    advice 11 pt, which keeps the panel (about 30 signs on every sheet) whole on page 1, and 10.5 or 10 pt
    only on a sheet whose panel would not be whole on page 1 at 11 (below)."""
    compact = 0
    for plan, rendered in sized_sheets(sheets, long_sheets):
        data = getattr(rendered, "data", rendered)
        allowed = small_words(plan)
        panel = panel_words(plan)
        for word in words(data, plan):
            assert word["size"] >= 10 - 0.01, word
            if word["size"] < 12 - 0.01 and word["text"] not in allowed:
                assert word["text"] in panel, word
                compact += 1
    assert compact  # the rule above is exercised


@pytest.mark.parametrize("count", ["1", "3", "5"])
def test_the_budget_tables_panels_are_at_11pt(sheets, count):
    """The tighter panel (10.5 or 10 pt) is only for the sheets that need it: every sheet of the page-budget
    table keeps the usual 11 pt signs."""
    plan, rendered = sheets(count)
    allowed, panel = small_words(plan), panel_words(plan)
    sizes = [word["size"] for word in words(rendered.data, plan)
             if word["size"] < 12 - 0.01 and word["text"] not in allowed and word["text"] in panel]
    assert sizes and min(sizes) >= 11 - 0.01


def test_the_tighter_panel_is_used_where_the_usual_one_would_go_on_to_page_2(sheets, builtin_pack):
    """The five concerns that add the most signs, with a clinic's name, phones and address in the header: at
    11 pt the panel went on to page 2; it is whole on page 1 at 10 pt, nothing smaller."""
    plan, rendered = sheets("5", concerns=most_signs_five(builtin_pack))
    allowed, panel = small_words(plan), panel_words(plan)
    sizes = {round(word["size"], 1) for word in words(rendered.data, plan)
             if word["size"] < 12 - 0.01 and word["text"] not in allowed and word["text"] in panel}
    assert min(sizes) >= 10 - 0.01 and max(sizes) < 11 - 0.01


def test_large_print_nothing_under_14pt_and_body_at_least_16pt(sheets, long_sheets):
    for plan, rendered in large_sheets(sheets, long_sheets):
        data = getattr(rendered, "data", rendered)
        allowed = small_words(plan)
        for word in words(data, plan):
            assert word["size"] >= 14 - 0.01, word
            if word["size"] < 16 - 0.01:
                assert word["text"] in allowed, word


@pytest.mark.parametrize("large_print", [False, True])
def test_footer_and_running_head_are_dark(sheets, large_print):
    plan, rendered = sheets("3", large_print=large_print)
    furniture = set(squash(" ".join((plan.running_head, plan.footer.disclaimer, plan.footer.review_line,
                                     plan.footer.not_reviewed_line))).split())
    checked = 0
    with plumbed(rendered.data) as pdf:
        for page in pdf.pages:
            footer_top = page.height - 80 if not large_print else page.height - 110
            for char in page.chars:
                if (char["top"] > footer_top or char["top"] < 50) and char["text"].strip():
                    assert contrast_on_white(char["non_stroking_color"]) >= 7, char
                    checked += 1
    assert checked > 100 and furniture


@pytest.mark.parametrize("large_print, size", [(False, 11), (True, 16)])
def test_typed_text_in_fields_is_11pt_or_16pt_in_large_print(sheets, large_print, size):
    _, rendered = sheets("3", large_print=large_print)
    for annot, _ in widgets(rendered.data):
        if annot.get("/FT") == "/Tx":
            assert re.search(rf"\b{size} Tf\b", str(annot["/DA"])), annot["/DA"]


@pytest.mark.parametrize("paper, large_print", [("letter", False), ("a4", True), ("letter", True)])
def test_day_labels_of_the_symptom_log_never_wrap(sheets, paper, large_print):
    plan, rendered = sheets("5", paper=paper, large_print=large_print)
    days = plan.part("symptom_log").days
    with plumbed(rendered.data) as pdf:
        for page in pdf.pages:
            for line in page.extract_text_lines():
                if squash(line["text"]).startswith(f"{plan.part('symptom_log').column} {days[0].split()[0]}"):
                    assert squash(line["text"]).endswith(" ".join(days)), line["text"]
                    return
    pytest.fail("no symptom log header found")


@pytest.mark.parametrize("large_print", [False, True])
def test_writing_lines_are_dark_and_at_least_1pt(sheets, large_print):
    """Every text field lies on a drawn line that survives a photocopy."""
    _, rendered = sheets("3", large_print=large_print)
    data = rendered.data
    fields = [(annot, index) for annot, index in widgets(data) if annot.get("/FT") == "/Tx"]
    checked = 0
    with plumbed(data) as pdf:
        for annot, index in fields:
            page = pdf.pages[index]
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            bottom = page.height - y0
            under = [e for e in page.edges if e["orientation"] == "h" and abs(e["top"] - bottom) < 3.5
                     and e["x0"] <= x0 + 1 and e["x1"] >= x1 - 1]
            assert under, annot["/T"]
            for edge in under:
                width = edge.get("linewidth") or edge.get("height") or 0
                assert width >= 1 - 0.01, (annot["/T"], edge)
                assert contrast_on_white(edge["stroking_color"]) >= 4.5, (annot["/T"], edge["stroking_color"])
                checked += 1
    assert checked >= len(fields)


# --------------------------------------------------------------------------
# Tagged PDF (issue 28): every handout of the budget table, checked by pdfua
# --------------------------------------------------------------------------


@pytest.mark.parametrize("large_print", [False, True], ids=["default size", "large print"])
@pytest.mark.parametrize("language, count, mode, paper", BUDGET_CELLS)
def test_budget_sheets_pass_pdfua(sheets, language, count, mode, paper, large_print, tmp_path):
    """The machine-checkable part of PDF/UA-1 (``pdfua``, on pikepdf): no finding, in both languages and sizes."""
    from pdfua import validate

    _, rendered = sheets(count, mode, paper, large_print, language)
    path = tmp_path / "sheet.pdf"
    path.write_bytes(rendered.data)
    assert [f"{f.rule_id} {f.message}" for f in validate(str(path)).findings] == []
