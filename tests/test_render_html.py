"""The HTML and text renderers: true to the plan, part by part, accessible, self-contained and escaped."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import markupsafe
import pytest
from conftest import clinic_with_logo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mbcprep.formats import Document
from mbcprep.model.plan import PART_TYPES, FieldName
from mbcprep.model.request import Clinic, Request
from mbcprep.plan import plan_handout
from mbcprep.render import OUTPUT_FORMATS, render_handout
from mbcprep.render.html import render_html
from mbcprep.render.text import TEXT_WIDTH, render_text
from mbcprep.resources import template_dir

THREE = ("bones", "treatment-options", "stopping-treatment")


class Page(HTMLParser):
    """Just enough of an HTML reader to check structure, names and visible text."""

    VOID = {"meta", "input", "img", "br", "path", "circle", "rect"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self.text_by_id: dict[str, str] = {}
        self.label_text: dict[str, str] = {}  # the text of each <label>, by the control it names
        self._open: list[tuple[str, dict, list[str]]] = []  # tag, attributes, text inside
        self._skip = 0
        self._in_line = False  # a text goes on across an inline link (a tel: link in a sentence)
        self._after_text = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self._in_line = tag == "a" and self._after_text
        self._after_text = False
        if tag in ("style", "script"):
            self._skip += 1
        if tag not in self.VOID:
            self._open.append((tag, attrs, []))

    def handle_endtag(self, tag):
        self._in_line = tag == "a"
        self._after_text = False
        if tag in ("style", "script"):
            self._skip -= 1
        while self._open:
            name, attrs, inside = self._open.pop()
            if "id" in attrs:
                self.text_by_id[attrs["id"]] = squash(" ".join(inside))
            if name == "label" and "for" in attrs:
                self.label_text[attrs["for"]] = squash(" ".join(inside))
            if self._open:
                self._open[-1][2].extend(inside)
            if name == tag:
                break

    def handle_data(self, data):
        self._after_text = bool(data.strip())
        if self._in_line and self.texts and not self._skip:
            self.texts[-1] = squash(self._line + data)
            self._line += data
            if self._open and data.strip():
                self._open[-1][2].append(data)
            return
        if not self._skip and data.strip():
            self.texts.append(squash(data))
            self._line = data
            if self._open:
                self._open[-1][2].append(data)

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]

    def with_class(self, name: str) -> list[dict]:
        return [attrs for _, attrs in self.tags if name in attrs.get("class", "").split()]

    @property
    def flat_text(self) -> str:
        return " ".join(self.texts)


def squash(text: str) -> str:
    return " ".join(text.split())


def html(plan) -> str:
    return render_html(plan).data.decode("utf-8")


def text(plan) -> str:
    return render_text(plan).data.decode("utf-8")


def text_words(output: str) -> str:
    """The text output without its layout marks, whitespace squashed: for finding sentences."""
    return squash(re.sub(r"!!|\||\[ \]|\*\*|->|[_=~+!\-]{3,}", " ", output))


def plan_strings(value) -> list[str]:
    """Every string a plan holds, in its parts, footer and labels: all the words a handout may show.

    Form field names are no words: they are never shown.
    """
    if isinstance(value, FieldName):
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Mapping):
        return [s for item in value.values() for s in plan_strings(item)]
    if isinstance(value, (tuple, list)):
        return [s for item in value for s in plan_strings(item)]
    if dataclasses.is_dataclass(value):
        return [s for field in dataclasses.fields(value) for s in plan_strings(getattr(value, field.name))]
    return []


def part_names(part) -> str:
    return part.title if part.kind == "header" else part.heading


@pytest.fixture
def full_request() -> Request:
    return Request(
        concerns=THREE,
        patient_name="Ana Díaz",
        provider="Dr. Lee",
        clinic=Clinic(name="Riverside", phone="555-0100", after_hours_phone="555-0199"),
        hormone_receptor="positive",
        note="Pain at night.",
    )


@pytest.fixture
def plan(small_pack, full_request):
    return plan_handout(full_request, small_pack)


@pytest.fixture
def page(plan) -> Page:
    return Page(html(plan))


# --------------------------------------------------------------------------
# One base template, one block per part kind
# --------------------------------------------------------------------------


def test_templates_come_from_the_one_folder_resources_gives():
    folder = Path(template_dir())
    for name in ("base.j2", "handout.html.j2", "handout.txt.j2"):
        assert (folder / name).is_file(), name


def test_the_base_template_owns_the_loop_and_each_format_fills_a_block_per_part_kind():
    import jinja2

    from mbcprep.render.templating import environment

    env = environment(autoescape=False, filters={})
    kinds = {part_type.kind for part_type in PART_TYPES}
    base_source = (Path(template_dir()) / "base.j2").read_text(encoding="utf-8")
    assert "for part in plan.parts" in base_source
    assert {block.name for block in env.parse(base_source).find_all(jinja2.nodes.Block)} >= kinds
    for name in ("handout.html.j2", "handout.txt.j2"):
        source = (Path(template_dir()) / name).read_text(encoding="utf-8")
        tree = env.parse(source)
        assert next(tree.find_all(jinja2.nodes.Extends)).template.value == "base.j2"
        assert {block.name for block in tree.find_all(jinja2.nodes.Block)} >= kinds, name
        # No format decides whether a part appears, or loops over the parts itself.
        assert "plan.parts" not in source and "plan.part(" not in source and "part.kind ==" not in source


def test_a_part_kind_without_a_block_stops_the_render(plan):
    from mbcprep.render.templating import UnknownKind

    @dataclasses.dataclass(frozen=True)
    class Stranger:
        kind = "stranger"

    odd = dataclasses.replace(plan, parts=(*plan.parts, Stranger()))
    for render in (render_html, render_text):
        with pytest.raises(UnknownKind, match="stranger"):
            render(odd)


def test_renderers_are_found_through_the_format_table_and_return_bytes(plan):
    for fmt in ("html", "txt"):
        rendered = render_handout(plan, fmt)
        assert isinstance(rendered, Document) and isinstance(rendered.data, bytes) and rendered.pages is None
        assert rendered.format is OUTPUT_FORMATS[fmt] and rendered.media_type.endswith("charset=utf-8")
        rendered.data.decode("utf-8")


# --------------------------------------------------------------------------
# HTML: the page
# --------------------------------------------------------------------------


def test_html_has_the_pack_language_and_a_title_without_the_persons_name(plan):
    output = html(plan)
    assert output.startswith("<!DOCTYPE html>")
    assert f'<html lang="{plan.language}">' in output
    assert f"<title>{markupsafe.escape(plan.document_title)}</title>" in output
    assert "Ana" not in re.search(r"<title>(.*)</title>", output).group(1)


@pytest.mark.parametrize("mode", [{}, {"brief": True}, {"questions_only": True}])
def test_html_draws_the_plans_parts_in_the_plans_order(small_pack, full_request, mode):
    plan = plan_handout(dataclasses.replace(full_request, **mode), small_pack)
    page = Page(html(plan))
    drawn = [attrs["data-part"] for _, attrs in page.tags if "data-part" in attrs]
    assert drawn == [part.kind for part in plan.parts]
    positions = [page.flat_text.index(squash(part_names(part))) for part in plan.parts]
    assert positions == sorted(positions)


def test_html_headings_never_skip_a_level(page):
    levels = [int(name[1]) for name, _ in page.tags if re.fullmatch(r"h[1-6]", name)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_get_help_now_comes_right_after_the_header_as_one_labelled_unbreakable_section(plan, page):
    assert [part.kind for part in plan.parts][:2] == ["header", "get_help_now"]
    (panel,) = page.with_class("help-now")
    assert panel["data-part"] == "get_help_now"
    assert page.text_by_id[panel["aria-labelledby"]] == plan.part("get_help_now").heading
    output = html(plan)
    assert 'role="alert"' not in output
    assert re.search(r"\.help-now \{[^}]*break-inside: avoid", output)


def test_each_sign_group_has_its_drawing_named_by_its_visible_caption(plan, page):
    panel = plan.part("get_help_now")
    drawings = [attrs for attrs in page.all("svg") if "icon" in attrs.get("class", "").split()]
    assert len(drawings) == len(panel.groups)
    for drawing, group in zip(drawings, panel.groups):
        assert drawing["role"] == "img"
        assert page.text_by_id[drawing["aria-labelledby"]] == group.caption
    assert {group.icon for group in panel.groups} == {"emergency", "crisis", "call"}


def test_the_thermometer_is_drawn_beside_the_fever_sign_only(plan, page):
    signs = [sign for group in plan.part("get_help_now").groups for sign in group.signs]
    thermometers = [attrs for attrs in page.all("svg") if attrs.get("class") == "thermometer"]
    assert len(thermometers) == sum(sign.icon == "thermometer" for sign in signs) == 1
    assert page.text_by_id[thermometers[0]["aria-labelledby"]] == plan.labels["thermometer_caption"]
    (fever,) = [sign for sign in signs if sign.icon == "thermometer"]
    output = html(plan)
    assert output.index(markupsafe.escape(fever.text)) < output.index('class="thermometer"')


def test_the_panel_shows_the_clinic_numbers(plan, page):
    for line in plan.part("get_help_now").phones:
        assert f"{line.label} {line.value}" in page.flat_text


def test_without_a_clinic_the_panel_has_labelled_boxes_to_write_the_numbers_in(small_pack):
    plan = plan_handout(Request(concerns=("bones",)), small_pack)
    page = Page(html(plan))
    write_in = plan.part("get_help_now").write_in
    assert write_in
    inputs = [attrs for attrs in page.all("input") if attrs.get("type") == "tel"]
    assert [page.label_text[box["id"]] for box in inputs] == list(write_in)
    plain = Page(html(plan_handout(Request(concerns=("bones",), fillable=False), small_pack)))
    assert all(label in plain.flat_text for label in write_in)


def test_a_visible_line_near_the_top_says_typed_answers_are_not_saved(plan):
    output = html(plan)
    line = markupsafe.escape(plan.labels["html_not_saved"])
    assert output.index(line) < output.index("<h1")
    assert re.search(r"@media print \{[^@]*\.not-saved \{ display: none; \}", output)
    assert line not in html(dataclasses.replace(plan, fillable=False))


def test_each_question_has_a_tick_box_and_an_answer_box_named_after_it(plan, page):
    questions = plan.part("questions")
    asked = [q for group in questions.groups for q in group.questions]
    boxes = [attrs for attrs in page.all("input") if attrs.get("type") == "checkbox"]
    answers = page.with_class("answer")
    assert len(boxes) == len(answers) == len(asked) == questions.question_count
    for box, answer, question in zip(boxes, answers, asked):
        assert page.label_text[box["id"]] == question
        assert answer["aria-label"] == questions.answer_label.format(question=question)
        assert answer["aria-label"].startswith("Answer to: ")
    assert all(question in page.texts for question in asked)


def test_answer_boxes_grow_with_what_is_typed_and_print_whole(plan):
    output = html(plan)
    assert re.search(r"textarea \{[^}]*field-sizing: content", output)
    assert "@supports not (field-sizing: content)" in output
    print_css = output[output.index("@media print"):]
    assert re.search(r"textarea \{[^}]*overflow: visible", print_css)


def test_tick_boxes_are_at_least_24_px_and_focus_has_an_outline_of_its_own(plan):
    output = html(plan)
    assert re.search(r"input\[type=checkbox\] \{[^}]*min-width: 24px; min-height: 24px", output)
    assert re.search(r":focus-visible \{ outline: 3px solid", output)


def test_the_symptom_log_has_the_scale_drawn_and_named_and_scrolls_in_its_own_box(plan, page):
    log = plan.part("symptom_log")
    (scale,) = [attrs for attrs in page.all("svg") if attrs.get("class") == "scale"]
    assert scale["role"] == "img"
    low, high = scale["aria-labelledby"].split()
    assert (page.text_by_id[low], page.text_by_id[high]) == (log.scale_low, log.scale_high)
    (box,) = page.with_class("table-scroll")
    assert box["role"] == "region" and box["tabindex"] == "0"
    assert page.text_by_id[box["aria-labelledby"]] == log.heading
    cells = [attrs["aria-label"] for attrs in page.all("input") if attrs.get("id", "").startswith("log-")]
    assert cells == [f"{item}, {day}" for item in log.items for day in log.days]


def test_every_form_control_has_an_accessible_name(page):
    label_targets = {attrs["for"] for attrs in page.all("label") if "for" in attrs}
    controls = page.all("input") + page.all("textarea")
    assert controls
    for attrs in controls:
        assert attrs.get("id") in label_targets or attrs.get("aria-label") or attrs.get("aria-labelledby"), attrs


def test_ids_are_unique_and_references_resolve(page):
    ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    for _, attrs in page.tags:
        for attribute in ("for", "aria-labelledby", "aria-describedby"):
            for ref in attrs.get(attribute, "").split():
                assert ref in ids, (attribute, ref)


def test_html_loads_nothing_and_runs_nothing_and_inlines_the_logo(tmp_path, small_pack, full_request):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), "navy").save(logo)
    clinic = clinic_with_logo(tmp_path, logo, name=full_request.clinic.name)
    output = html(plan_handout(dataclasses.replace(full_request, clinic=clinic), small_pack))
    page = Page(output)
    assert not page.all("script") and not page.all("link") and not page.all("iframe")
    for name, attrs in page.tags:
        for attribute in ("src", "href", "action", "xlink:href"):
            value = attrs.get(attribute)
            # A tel: link (a number to call) loads nothing: the phone dials it when tapped.
            assert value is None or value.startswith("data:") or (name, attribute) == ("a", "href") and re.fullmatch(
                r"tel:\+?\d+", value), (name, attribute, value)
    assert "url(" not in output and "@import" not in output
    assert re.search(r"\son\w+=", output) is None  # no inline event handlers
    (image,) = page.all("img")
    assert image["src"].startswith("data:image/png;base64,")
    assert image["alt"] == "Riverside"


def test_an_unreadable_logo_is_a_one_line_clinic_error(tmp_path, small_pack, full_request):
    from mbcprep.errors import RequestError

    with pytest.raises(RequestError, match="logo") as caught:
        clinic_with_logo(tmp_path, tmp_path / "missing.png", name=full_request.clinic.name)
    assert "\n" not in str(caught.value)


def test_print_css_uses_the_paper_size_and_large_print_is_large_on_paper_too(small_pack, full_request):
    letter = html(plan_handout(full_request, small_pack))
    a4 = html(plan_handout(dataclasses.replace(full_request, paper="a4"), small_pack))
    large = html(plan_handout(dataclasses.replace(full_request, large_print=True), small_pack))
    assert "size: letter;" in letter and "size: A4;" in a4
    assert "html { font-size: 12pt; }" in letter and "html { font-size: 16pt; }" in large
    assert "html { font-size: 112.5%;" in letter and "html { font-size: 137.5%;" in large


def test_the_running_head_and_page_numbers_print_in_the_page_margins(plan):
    output = html(plan)
    assert re.search(r"@top-left \{ content: \"[^\"]+\";", output)
    assert 'counter(page)' in output and 'counter(pages)' in output


def test_a_plain_sheet_has_no_form_controls_but_the_same_words(small_pack, full_request):
    plan = plan_handout(dataclasses.replace(full_request, fillable=False), small_pack)
    page = Page(html(plan))
    assert not page.all("input") and not page.all("textarea")
    for group in plan.part("questions").groups:
        for question in group.questions:
            assert question in page.texts
    assert len(page.with_class("box")) == plan.part("questions").question_count


def test_the_footer_closes_the_page_with_disclaimer_review_and_not_reviewed_lines(plan, page):
    footer = plan.footer
    assert page.texts[-3:] == [footer.disclaimer, footer.review_line, footer.not_reviewed_line]


def test_every_word_in_the_html_comes_from_the_plan(plan, page):
    """No English in the templates: visible text is plan text, numbers and punctuation."""
    allowed = {squash(s) for s in plan_strings(plan)}
    for piece in page.texts:
        assert piece in allowed or not re.search(r"[^\W\d_]", piece), piece


def test_html_escapes_markup_in_what_people_type(small_pack):
    request = Request(concerns=("bones",), patient_name='Ann </style><script>alert("x")</script>',
                      provider="Dr. <b>Bold</b> & Co", note="<img src=/etc/passwd>")
    output = html(plan_handout(request, small_pack))
    assert "<script" not in output and "<b>" not in output and "<img" not in output
    assert output.count("</style>") == 1  # the name in the running head cannot close the style
    assert "Dr. &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in output
    assert 'Ann </style><script>alert("x")</script>' in Page(output).texts


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------


def test_text_is_wrapped_at_78_columns(small_pack):
    request = Request(concerns=THREE, patient_name="A " * 60, note="word " * 100 + "x" * 200,
                      clinic=Clinic(name="N" * 120, phone="5" * 90))
    output = text(plan_handout(request, small_pack))
    assert max(len(line) for line in output.splitlines()) <= TEXT_WIDTH


@pytest.mark.parametrize("language", ["en", "es"])
def test_text_never_breaks_a_web_address(language):
    """The Sources line's addresses (and any in a note) stay whole on one line; the brackets round
    them may wrap (2026-12-07 review: the Cleveland Clinic address was cut across two lines)."""
    from mbcprep.pack import builtin_pack_path, load_pack
    from mbcprep.render.text import wrap

    pack = load_pack(builtin_pack_path(language))
    shown = [source.url for source in pack.meta.sources if source.show_url]
    note = "See https://example.org/" + "a-long-path/" * 8 + "end, or (https://example.org/short)."
    lines = text(plan_handout(Request(concerns=("bones",), note=note), pack)).splitlines()
    assert shown
    for address in [*shown, "https://example.org/short"]:
        assert any(address in line for line in lines), address
    long_one = "https://example.org/" + "a-long-path/" * 8 + "end"
    assert long_one in lines  # longer than a line: a line of its own, whole
    assert max(len(line) for line in lines if "://" not in line) <= TEXT_WIDTH
    assert wrap("(https://example.org/x);", 23).splitlines() == ["(https://example.org/x", ");"]


@pytest.mark.parametrize("mode", [{}, {"brief": True}, {"questions_only": True}])
def test_text_draws_the_plans_parts_in_the_plans_order(small_pack, full_request, mode):
    plan = plan_handout(dataclasses.replace(full_request, **mode), small_pack)
    words = text_words(text(plan))
    positions = [words.index(squash(part_names(part))) for part in plan.parts]
    assert positions == sorted(positions)


def test_text_says_the_drawings_in_words(plan):
    output = text(plan)
    panel = output[output.index(plan.part("get_help_now").heading):output.index(plan.part("how_to_use").heading)]
    for group in plan.part("get_help_now").groups:
        assert f"** {group.caption} **" in panel
    assert f"-> {plan.labels['thermometer_caption']}" in panel
    log = plan.part("symptom_log")
    assert re.search(rf"{re.escape(log.scale_low)}\s+1\s+2\s.*9\s+{re.escape(log.scale_high)}", output)


def test_text_has_tick_boxes_answer_lines_and_underlined_headings(plan):
    output = text(plan)
    questions = plan.part("questions")
    assert output.count("[ ] ") == questions.question_count
    lines = output.splitlines()
    heading = lines.index(questions.heading)
    assert set(lines[heading + 1]) == {"="} and len(lines[heading + 1]) == len(lines[heading])


def test_text_shows_every_header_line_and_the_note(plan):
    output = text(plan)
    for line in plan.part("header").lines:
        assert f"{line.label}: {line.value}" in output
    assert plan.part("topics").note in output


def test_every_word_in_the_text_comes_from_the_plan(plan):
    rest = text_words(text(plan))
    for string in sorted({squash(s) for s in plan_strings(plan)}, key=len, reverse=True):
        rest = rest.replace(string, " ")
    assert not re.search(r"[^\W\d_]", rest), rest


# --------------------------------------------------------------------------
# Same plan, same words, both formats
# --------------------------------------------------------------------------


def _sentences(plan) -> list[str]:
    signs = [sign.text for group in plan.part("get_help_now").groups for sign in group.signs]
    questions = [q for group in plan.part("questions").groups for q in group.questions]
    return [*signs, *questions]


def _in_order(haystack: str, needles: list[str]) -> bool:
    position = -1
    for needle in needles:
        position = haystack.find(squash(needle), position + 1)
        if position < 0:
            return False
    return True


def test_html_and_text_carry_the_plans_signs_and_questions_in_order(plan):
    sentences = _sentences(plan)
    assert len(sentences) > 5
    assert _in_order(Page(html(plan)).flat_text, sentences)
    assert _in_order(text_words(text(plan)), sentences)


def test_brief_leaves_out_the_body_in_both_formats(small_pack):
    full = plan_handout(Request(concerns=("bones",)), small_pack)
    brief = plan_handout(Request(concerns=("bones",), brief=True), small_pack)
    body_sentence = "Not every ache means the cancer is growing."
    assert body_sentence in html(full) and body_sentence in text_words(text(full))
    assert body_sentence not in html(brief) and body_sentence not in text_words(text(brief))
    assert brief.part("concern_notes").concerns[0].sections[0].summary in html(brief)


def test_subtype_text_is_shown_only_for_that_subtype(small_pack):
    hr = plan_handout(Request(concerns=("treatment-options",), hormone_receptor="positive"), small_pack)
    unknown = plan_handout(Request(concerns=("treatment-options",)), small_pack)
    hormone = "Hormone therapy is often part of the plan."
    assert hormone in html(hr) and hormone in text_words(text(hr))
    assert hormone not in html(unknown) and hormone not in text(unknown)


# --------------------------------------------------------------------------
# Whatever people type
# --------------------------------------------------------------------------

typed = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=typed, provider=typed, note=typed)
def test_any_typed_text_renders_and_is_never_markup(small_pack, name, provider, note):
    plan = plan_handout(Request(concerns=("bones",), patient_name=name, provider=provider, note=note),
                        small_pack)
    output = html(plan)
    page = Page(output)
    assert {tag for tag, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section", "article", "div",
        "h1", "h2", "h3", "h4", "p", "span", "ul", "ol", "li", "dl", "dt", "dd", "label", "input", "textarea",
        "table", "thead", "tbody", "tr", "th", "td", "svg", "g", "path", "circle", "rect", "text", "a"}
    assert all(re.fullmatch(r"tel:\+?\d+", attrs["href"]) for tag, attrs in page.tags if tag == "a")  # numbers to call
    assert output.count("</style>") == 1
    for value in (name.strip(), provider.strip()):
        if value:
            assert str(markupsafe.escape(value)) in output
    lines = text(plan).splitlines()
    assert max(len(line) for line in lines) <= TEXT_WIDTH


@given(name=typed)
def test_the_running_head_in_the_page_margin_is_a_css_string_nothing_breaks_out_of(name):
    from mbcprep.render.html import css_string

    quoted = str(css_string(name))
    assert re.fullmatch(r'"(?:[A-Za-z0-9]|\\[0-9a-f]{6})*"', quoted)
    decoded = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), quoted[1:-1])
    assert decoded == name
