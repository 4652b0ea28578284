"""The HTML and text renderers: accessible, self-contained, escaped, and true to the plan."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import re
from html.parser import HTMLParser

import markupsafe
import pytest
from PIL import Image as PILImage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mbcprep.model.request import Clinic, Request
from mbcprep.plan import plan_handout
from mbcprep.render_html import TEXT_WIDTH, render_html, render_text, template_dir

HAS_PDF = importlib.util.find_spec("mbcprep.render_pdf") is not None
needs_pdf = pytest.mark.skipif(not HAS_PDF, reason="the PDF renderer (mbcprep.render_pdf) is not built yet")


class Page(HTMLParser):
    """Just enough of an HTML reader to check structure, labels and text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self._skip = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def flat_text(self) -> str:
        return " ".join(self.texts)


def squash(text: str) -> str:
    return " ".join(text.split())


def text_words(text: str) -> str:
    """The text output without its layout marks, whitespace squashed: for finding sentences."""
    return squash(re.sub(r"!!|\||\[ \]|[_=~+\-]{3,}", " ", text))


@pytest.fixture
def full_request() -> Request:
    return Request(
        concerns=("bones", "treatment-options"),
        patient_name="Ana Díaz",
        provider="Dr. Lee",
        clinic=Clinic(name="Riverside", phone="555-0100", after_hours_phone="555-0199"),
        subtype="hr-positive",
        note="Pain at night.",
    )


@pytest.fixture
def plan(small_pack, full_request):
    return plan_handout(full_request, small_pack)


def test_templates_are_found_in_the_source_checkout():
    assert (template_dir() / "handout.html.j2").is_file()
    assert (template_dir() / "handout.txt.j2").is_file()


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------


def test_html_is_marked_with_the_pack_language_and_title(plan):
    page = render_html(plan)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en-US">' in page
    assert "<title>Getting Ready for My Visit</title>" in page


def test_html_uses_semantic_headings_in_order(plan):
    page = Page(render_html(plan))
    headings = [name for name, _ in page.tags if name in ("h1", "h2", "h3", "h4")]
    assert headings[0] == "h1" and headings.count("h1") == 1
    assert "h2" in headings and "h3" in headings
    # Headings never skip a level on the way down.
    levels = [int(h[1]) for h in headings]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_html_parts_come_in_plan_order(plan):
    text = Page(render_html(plan)).flat_text
    labels = plan.labels
    order = [labels["topics_heading"], labels["top_questions_heading"], labels["red_flags_heading"],
             labels["concerns_heading"], labels["questions_heading"], labels["own_questions_heading"],
             labels["symptom_log_heading"], labels["medicines_heading"], labels["notes_heading"],
             plan.review_line, plan.disclaimer]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_html_has_no_external_resources_and_no_scripts(plan, tmp_path, small_pack, full_request):
    logo = tmp_path / "logo.png"
    PILImage.new("RGB", (120, 40), "navy").save(logo)
    clinic = dataclasses.replace(full_request.clinic, logo=logo)
    page_text = render_html(plan_handout(dataclasses.replace(full_request, clinic=clinic), small_pack))
    page = Page(page_text)
    assert not page.all("script") and not page.all("link") and not page.all("iframe")
    for name, attrs in page.tags:
        for attribute in ("src", "href", "action"):
            value = attrs.get(attribute)
            assert value is None or value.startswith("data:"), (name, attribute, value)
    assert "url(" not in page_text and "@import" not in page_text
    assert re.search(r"\son\w+=", page_text) is None  # no inline event handlers


def test_html_embeds_the_clinic_logo_with_the_clinic_name_as_alt_text(tmp_path, small_pack, full_request):
    logo = tmp_path / "logo.png"
    PILImage.new("RGB", (120, 40), "navy").save(logo)
    clinic = dataclasses.replace(full_request.clinic, logo=logo)
    page = Page(render_html(plan_handout(dataclasses.replace(full_request, clinic=clinic), small_pack)))
    (image,) = page.all("img")
    assert image["src"].startswith("data:image/png;base64,")
    assert image["alt"] == "Riverside"


def test_every_form_control_has_an_accessible_label(plan):
    page = Page(render_html(plan))
    label_targets = {attrs["for"] for attrs in page.all("label") if "for" in attrs}
    controls = page.all("input") + page.all("textarea")
    assert controls
    for attrs in controls:
        assert attrs.get("id") in label_targets or attrs.get("aria-label") or attrs.get("aria-labelledby"), attrs


def test_html_ids_are_unique_and_references_resolve(plan):
    page = Page(render_html(plan))
    ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    for _, attrs in page.tags:
        for attribute in ("for", "aria-labelledby", "aria-describedby"):
            for ref in attrs.get(attribute, "").split():
                assert ref in ids, (attribute, ref)


def test_each_question_has_a_checkbox_and_an_answer_box(plan):
    page = Page(render_html(plan))
    count = sum(len(g.questions) for g in plan.question_groups)
    assert len([a for a in page.all("input") if a.get("type") == "checkbox"]) == count
    answers = [a for a in page.all("textarea") if a.get("id", "").startswith("a-")]
    assert len(answers) == count


def test_get_help_now_is_a_labelled_section_with_a_border_not_an_alert(plan):
    page_text = render_html(plan)
    page = Page(page_text)
    (panel,) = [a for a in page.all("section") if "help-now" in a.get("class", "")]
    assert panel["aria-labelledby"] == "help-now-heading"
    assert 'role="alert"' not in page_text
    assert re.search(r"\.help-now \{[^}]*border: \d+px solid", page_text)


def test_html_print_css_uses_the_paper_size(small_pack, full_request):
    letter = render_html(plan_handout(full_request, small_pack))
    a4 = render_html(plan_handout(dataclasses.replace(full_request, paper="a4"), small_pack))
    assert "@media print" in letter
    assert "@page { size: letter;" in letter
    assert "@page { size: A4;" in a4


def test_large_print_html_has_a_bigger_base_font(small_pack, full_request):
    normal = render_html(plan_handout(full_request, small_pack))
    large = render_html(plan_handout(dataclasses.replace(full_request, large_print=True), small_pack))
    assert "html { font-size: 16px; }" in normal and "html { font-size: 11pt; }" in normal
    assert "html { font-size: 20px; }" in large and "html { font-size: 16pt; }" in large


def test_not_fillable_html_has_no_form_controls(small_pack, full_request):
    page = Page(render_html(plan_handout(dataclasses.replace(full_request, fillable=False), small_pack)))
    assert not page.all("input") and not page.all("textarea")
    assert page.flat_text.count("Answer") == sum(len(g.questions) for g in
                                                 plan_handout(full_request, small_pack).question_groups)


def test_html_escapes_markup_in_what_people_type(small_pack):
    request = Request(concerns=("bones",), patient_name='Ann <script>alert("x")</script>',
                      provider="Dr. <b>Bold</b> & Co", note="<img src=/etc/passwd>")
    page_text = render_html(plan_handout(request, small_pack))
    assert "<script" not in page_text and "<b>" not in page_text and "<img" not in page_text
    assert "Ann &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page_text
    assert "Dr. &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in page_text
    assert 'Ann <script>alert("x")</script>' in Page(page_text).flat_text


def test_html_footer_has_the_review_line_and_disclaimer(plan):
    page = Page(render_html(plan))
    assert page.texts[-2:] == [plan.review_line, plan.disclaimer]


def test_every_word_in_the_html_comes_from_the_plan(plan):
    """No English in the template: visible text is plan text, labels, numbers and punctuation."""
    allowed = {squash(s) for s in _plan_strings(plan)}
    allowed |= {plan.labels["symptom_log_day"].format(n=n) for n in range(1, plan.symptom_log_days + 1)}
    for text in Page(render_html(plan)).texts:
        assert text in allowed or not re.search(r"[^\W\d_]", text), text


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------


def test_text_is_wrapped_at_78_columns(small_pack):
    long_note = "word " * 100 + "x" * 200
    request = Request(concerns=("bones", "treatment-options", "stopping-treatment"), patient_name="A " * 60,
                      note=long_note)
    text = render_text(plan_handout(request, small_pack))
    assert max(len(line) for line in text.splitlines()) <= TEXT_WIDTH


def test_text_has_tick_boxes_answer_lines_and_underlined_headings(plan):
    text = render_text(plan)
    count = sum(len(g.questions) for g in plan.question_groups)
    assert text.count("[ ] ") == count + plan.own_question_lines
    assert text.count("Answer: ____") == count
    lines = text.splitlines()
    heading = lines.index(plan.labels["questions_heading"])
    assert set(lines[heading + 1]) == {"="} and len(lines[heading + 1]) == len(lines[heading])


def test_text_parts_come_in_plan_order(plan):
    text = text_words(render_text(plan))
    labels = plan.labels
    order = [plan.title, labels["topics_heading"], labels["top_questions_heading"], labels["red_flags_heading"],
             labels["concerns_heading"], labels["questions_heading"], labels["own_questions_heading"],
             labels["symptom_log_heading"], labels["medicines_heading"], labels["notes_heading"],
             plan.review_line, plan.disclaimer]
    positions = [text.index(squash(part)) for part in order]
    assert positions == sorted(positions)


def test_text_shows_every_header_line_and_the_note(plan):
    text = render_text(plan)
    for line in plan.header:
        assert f"{line.label}: {line.value}" in text
    assert plan.patient_note in text


def test_every_word_in_the_text_comes_from_the_plan(plan):
    rest = text_words(render_text(plan))
    strings = sorted({squash(s) for s in _plan_strings(plan)}, key=len, reverse=True)
    strings += [plan.labels["symptom_log_day"].format(n=n) for n in range(1, plan.symptom_log_days + 1)]
    for string in strings:
        rest = rest.replace(string, " ")
    assert not re.search(r"[^\W\d_]", rest), rest


# --------------------------------------------------------------------------
# Same plan, same words: HTML, text (and the PDF when it exists)
# --------------------------------------------------------------------------


def _sentences(plan) -> list[str]:
    questions = [q for group in plan.question_groups for q in group.questions]
    signs = [sign.text for group in plan.red_flags.groups for sign in group.signs]
    return [*signs, *questions]


def _in_order(haystack: str, needles: list[str]) -> bool:
    position = -1
    for needle in needles:
        position = haystack.find(squash(needle), position + 1)
        if position < 0:
            return False
    return True


def test_html_and_text_carry_the_plans_questions_and_red_flags_in_order(plan):
    sentences = _sentences(plan)
    assert len(sentences) > 5
    assert _in_order(Page(render_html(plan)).flat_text, sentences)
    assert _in_order(text_words(render_text(plan)), sentences)


@needs_pdf
def test_pdf_html_and_text_carry_the_same_questions_and_red_flags(plan):
    from pypdf import PdfReader

    from mbcprep.render_pdf import render_pdf

    reader = PdfReader(io.BytesIO(render_pdf(plan)))
    pdf_text = squash(" ".join(page.extract_text() for page in reader.pages))
    for sentence in _sentences(plan):
        assert squash(sentence) in pdf_text, sentence


def test_every_sheet_signs_even_when_no_chosen_concern_has_red_flags(small_pack):
    plan = plan_handout(Request(concerns=("stopping-treatment",)), small_pack)
    for output in (Page(render_html(plan)).flat_text, text_words(render_text(plan))):
        assert plan.labels["red_flags_heading"] in output
        for sign in small_pack.signs:
            assert (squash(sign.text) in output) is sign.every_sheet, sign


def test_brief_leaves_out_the_body_in_both_formats(small_pack):
    full = plan_handout(Request(concerns=("bones",)), small_pack)
    brief = plan_handout(Request(concerns=("bones",), brief=True), small_pack)
    body_sentence = "Not every ache means the cancer is growing."
    assert body_sentence in render_html(full) and body_sentence in text_words(render_text(full))
    assert body_sentence not in render_html(brief) and body_sentence not in text_words(render_text(brief))
    assert brief.concern_parts[0].sections[0].summary in render_html(brief)


def test_questions_only_has_no_concern_parts_log_medicines_or_notes(small_pack):
    plan = plan_handout(Request(concerns=("bones",), questions_only=True), small_pack)
    for output in (render_html(plan), render_text(plan)):
        for key in ("concerns_heading", "symptom_log_heading", "medicines_heading", "notes_heading"):
            assert plan.labels[key] not in output
        assert plan.labels["questions_heading"] in output
        assert plan.labels["red_flags_heading"] in output


def test_subtype_text_is_shown_only_for_that_subtype(small_pack):
    hr = plan_handout(Request(concerns=("treatment-options",), subtype="hr-positive"), small_pack)
    unknown = plan_handout(Request(concerns=("treatment-options",)), small_pack)
    hormone = "Hormone therapy is often part of the plan."
    assert hormone in render_html(hr) and hormone in text_words(render_text(hr))
    assert hormone not in render_html(unknown) and hormone not in render_text(unknown)


# --------------------------------------------------------------------------
# Whatever people type
# --------------------------------------------------------------------------

typed = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=typed, provider=typed, note=typed)
def test_any_typed_text_renders_and_is_never_markup(small_pack, name, provider, note):
    plan = plan_handout(Request(concerns=("bones",), patient_name=name, provider=provider, note=note),
                        small_pack)
    page_text = render_html(plan)
    page = Page(page_text)
    tags = {tag for tag, _ in page.tags}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "dl",
                    "dt", "dd", "main", "section", "ul", "ol", "li", "p", "fieldset", "legend", "span", "input",
                    "div", "label", "textarea", "article", "strong", "table", "thead", "tbody", "tr", "th",
                    "td", "footer"}
    for value in (name.strip(), provider.strip()):
        if value:
            assert str(markupsafe.escape(value)) in page_text
    text = render_text(plan)
    assert max(len(line) for line in text.splitlines()) <= TEXT_WIDTH


def _plan_strings(plan) -> list[str]:
    """Every word the plan says a handout shows (and the labels it may use)."""
    strings = [plan.title, plan.patient_note, plan.review_line, plan.disclaimer, *plan.topics,
               *plan.symptom_log_items, *plan.labels.values()]
    strings += [s for line in plan.header for s in (line.label, line.value)]
    if plan.red_flags:
        for group in plan.red_flags.groups:
            strings += [group.intro, *(s for sign in group.signs for s in (sign.text, sign.why))]
        strings += [s for line in plan.red_flags.phone_lines for s in (line.label, line.value)]
    for part in plan.concern_parts:
        strings.append(part.title)
        for section in part.sections:
            strings += [section.heading, section.summary, section.subtype_text]
            for block in section.body:
                strings += list(getattr(block, "items", ())) or [getattr(block, "text", "")]
    for group in plan.question_groups:
        strings += [group.title, *group.questions]
    return [s for s in strings if s and s.strip()]
