"""The PDF handout, read back the way a person's PDF viewer would: text, pages, fields, metadata.

Everything here uses the small fixture pack, so content edits never break
these tests; the page budget and the break rules are in ``test_pdf_layout.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import string
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import (checked_request, clinic_with_logo, page_texts, pdf_objects, pdf_reader, pdf_text, plumbed, squash,
                      widgets)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mbcprep.errors import FontCoverageError, RequestError
from mbcprep.model.plan import NotesPart, SourcesPart
from mbcprep.model.request import Clinic, Request
from mbcprep.plan import plan_handout
from mbcprep.render import render_handout
from mbcprep.render.pdf import render_pdf
from mbcprep.render.pdf.fonts import clean_text

CLINIC = Clinic(name="Riverside Cancer Center", phone="(555) 123-4567",
                after_hours_phone="(555) 123-9999", address="1200 River Road")


def make(pack, concerns=("bones", "treatment-options"), **kw) -> bytes:
    request = checked_request(pack, concerns, **kw)
    return render_handout(plan_handout(request, pack), request.format).data


def positions(text: str, needles) -> list[int]:
    """Where each needle is found in ``text``, each after the one before (fails when out of order)."""
    found, start = [], 0
    for needle in needles:
        index = text.find(squash(needle), start)
        assert index >= 0, f"{needle!r} missing or out of order"
        found.append(index)
        start = index + 1
    return found


@pytest.fixture(scope="module")
def full_request() -> Request:
    """A realistic request: every part, every personal detail."""
    return Request(concerns=("bones", "treatment-options"), patient_name="Ana Díaz",
                   visit=dt.datetime(2026, 12, 3, 10, 30), provider="Dr. Maya Chen", clinic=CLINIC,
                   hormone_receptor="positive", note="Pain in my hip at night.")


@pytest.fixture(scope="module")
def full_plan(small_pack, full_request):
    return plan_handout(full_request, small_pack)


@pytest.fixture(scope="module")
def full(full_plan) -> bytes:
    return render_pdf(full_plan).data


# --------------------------------------------------------------------------
# What the handout contains, in the plan's order
# --------------------------------------------------------------------------


def test_parts_appear_in_plan_order(full, full_plan, small_pack):
    labels = small_pack.labels
    bones = small_pack.concern("bones")
    treatment = small_pack.concern("treatment-options")
    positions(pdf_text(full), [
        small_pack.meta.title, "Ana Díaz", "Thursday, December 3, 2026, 10:30 AM", "Dr. Maya Chen",
        "Riverside Cancer Center", labels["red_flags_heading"], "(555) 123-4567",
        labels["how_to_use_heading"], labels["step_read_notes"], labels["top_questions_heading"],
        labels["topics_heading"], bones.title, treatment.title, labels["patient_note"], "Pain in my hip at night.",
        labels["concerns_heading"], labels["key_points_heading"], bones.key_points[0],
        bones.sections[0].heading, labels["report_signs_intro"], bones.sections[0].report_signs[0],
        treatment.sections[0].heading, labels["subtype_heading"], treatment.sections[0].by_subtype["hr-positive"][0].text,
        labels["questions_heading"], bones.questions[0].text, labels["own_questions_heading"],
        labels["symptom_log_heading"], labels["scale_low"], labels["symptom_log_day"].format(n=7),
        bones.symptom_log[0], labels["medicines_heading"], labels["medicine_name"], labels["medicine_when"],
        labels["notes_heading"], labels["sources_heading"],
    ])
    assert [part.kind for part in full_plan.parts][-1] == "sources"


def test_the_handout_ends_with_the_sources_line(full, full_plan):
    sources = full_plan.part("sources")
    last_page = page_texts(full)[-1]
    assert last_page.index(squash(sources.text)) > last_page.index(full_plan.part("notes").heading)


def test_header_lines_only_when_given(small_pack):
    first = page_texts(make(small_pack, ("bones",)))[0]
    assert first.split(small_pack.labels["red_flags_heading"])[0].strip() == small_pack.meta.title


def test_get_help_now_keeps_each_action_apart_with_its_picture_caption(full, full_plan):
    panel = full_plan.part("get_help_now")
    needles = [panel.heading]
    for group in panel.groups:
        needles += [group.caption, group.intro, *(sign.text for sign in group.signs)]
    positions(page_texts(full)[0], needles)
    assert {group.icon for group in panel.groups} == {"emergency", "crisis", "call"}


def test_the_fever_sign_has_its_thermometer_caption_and_its_reason(full, full_plan, small_pack):
    fever = next(sign for group in full_plan.part("get_help_now").groups for sign in group.signs
                 if sign.icon == "thermometer")
    first = page_texts(full)[0]
    positions(first, [fever.text, fever.why])
    assert squash(small_pack.labels["thermometer_caption"]) in first


def test_phone_numbers_are_inside_the_panel(full, small_pack):
    labels = small_pack.labels
    first = page_texts(full)[0]
    start, end = positions(first, [labels["red_flags_heading"], labels["how_to_use_heading"]])
    panel = first[start:end]
    assert f'{labels["clinic_phone"]}: (555) 123-4567' in panel
    assert f'{labels["after_hours_phone"]}: (555) 123-9999' in panel


def test_without_a_clinic_the_panel_has_lines_to_write_the_numbers_on(small_pack):
    data = make(small_pack, ("bones",))
    labels = small_pack.labels
    fields = pdf_reader(data).get_fields()
    assert {"phone_care_team", "phone_after_hours"} <= set(fields)
    assert fields["phone_care_team"]["/TU"] == labels["write_in_care_team"]
    first = page_texts(data)[0]
    positions(first, [labels["red_flags_heading"], labels["write_in_care_team"], labels["after_hours_phone"],
                      labels["how_to_use_heading"]])


def test_every_sheet_signs_even_without_a_concern_that_has_signs(small_pack):
    text = pdf_text(make(small_pack, ("treatment-options",)))
    for sign in small_pack.signs:
        assert (squash(sign.text) in text) is sign.every_sheet, sign


def test_no_symptom_log_without_a_symptom_concern(small_pack):
    text = pdf_text(make(small_pack, ("treatment-options", "stopping-treatment")))
    assert small_pack.labels["symptom_log_heading"] not in text
    assert small_pack.labels["medicines_heading"] in text


def test_every_page_has_its_footer_and_page_n_of_m_last(full, full_plan):
    pages = page_texts(full)
    assert len(pages) > 2
    footer = full_plan.footer
    for n, text in enumerate(pages, 1):
        assert text.endswith(footer.page_label.format(n=n, total=len(pages)))
        for line in (footer.disclaimer, footer.review_line, footer.not_reviewed_line):
            assert squash(line) in text


def test_running_head_from_page_two(full, full_plan):
    for n, text in enumerate(page_texts(full), 1):
        assert text.startswith(squash(full_plan.running_head)) == (n > 1)


def test_page_n_of_m_in_one_layout_pass(monkeypatch, full_plan):
    """The total comes from the one layout pass: the page furniture is drawn once it is known."""
    from reportlab.platypus import BaseDocTemplate

    builds = []
    real_build = BaseDocTemplate.build
    monkeypatch.setattr(BaseDocTemplate, "build",
                        lambda self, *a, **kw: builds.append(1) or real_build(self, *a, **kw))
    rendered = render_pdf(full_plan)
    assert len(builds) == 1
    assert rendered.pages == len(pdf_reader(rendered.data).pages)


def test_page_footer_wording_may_put_the_total_anywhere(full_plan):
    footer = dataclasses.replace(full_plan.footer, page_label="{total} pages: this is {n}")
    data = render_pdf(dataclasses.replace(full_plan, footer=footer)).data
    pages = page_texts(data)
    for n, text in enumerate(pages, 1):
        assert f"{len(pages)} pages: this is {n}" in text


def test_a_one_page_handout_says_page_1_of_1_and_has_no_running_head(full_plan):
    plan = dataclasses.replace(full_plan, parts=(full_plan.parts[0], full_plan.part("sources")))
    data = render_pdf(plan).data
    (text,) = page_texts(data)
    assert text.endswith(plan.footer.page_label.format(n=1, total=1))
    assert b".mbcprepHead" not in pdf_objects(data) and b".mbcprepFoot" in pdf_objects(data)  # a head from page 2


def test_brief_prints_summaries_only(small_pack):
    bones = small_pack.concern("bones")
    text = pdf_text(make(small_pack, ("bones",), brief=True))
    assert squash(bones.sections[0].summary) in text
    assert squash(bones.key_points[0]) in text
    assert squash(bones.sections[0].report_signs[0]) not in text


def test_questions_only_is_header_get_help_now_and_questions(small_pack):
    labels = small_pack.labels
    text = pdf_text(make(small_pack, ("bones",), questions_only=True, patient_name="Ana Díaz"))
    positions(text, ["Ana Díaz", labels["red_flags_heading"], labels["questions_heading"]])
    for gone in ("topics_heading", "concerns_heading", "symptom_log_heading", "medicines_heading",
                 "notes_heading", "how_to_use_heading"):
        assert labels[gone] not in text


def test_each_question_printed_once(full, full_plan):
    text = pdf_text(full)
    for group in full_plan.part("questions").groups:
        for question in group.questions:
            assert text.count(squash(question)) == 1, question


def test_long_note_paginates_and_prints_in_full(small_pack):
    words = " ".join(f"word{i}" for i in range(510))  # about 4,000 characters, the limit
    data = make(small_pack, ("bones",), note=f"{words[:2000]}\n\n{words[2000:]}")
    text = pdf_text(data)
    assert "word0 " in text and "word509" in text


def test_note_line_breaks_and_control_characters_are_kept_tidy(small_pack):
    data = make(small_pack, ("bones",), note="first line\r\nsecond\tline\x07 end\u200b")
    lines = [squash(line) for page in pdf_reader(data).pages for line in page.extract_text().splitlines()]
    assert "first line" in lines
    assert "second line end" in lines


@pytest.mark.parametrize("paper, size", [("letter", (612, 792)), ("a4", (595.28, 841.89))])
def test_paper_size(small_pack, paper, size):
    for page in pdf_reader(make(small_pack, ("bones",), paper=paper)).pages:
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.5)


# --------------------------------------------------------------------------
# Form fields: stable names for 'mbcprep summary', over the drawn write-in spaces
# --------------------------------------------------------------------------


def expected_field_names(plan) -> set[str]:
    questions = plan.part("questions")
    names = {f"top_question_{n}" for n in range(1, plan.part("top_questions").lines + 1)}
    names |= {f"{kind}_{n}" for kind in ("ask", "answer") for n in range(1, questions.question_count + 1)}
    names |= {f"own_question_{n}" for n in range(1, questions.own_lines + 1)}
    log = plan.part("symptom_log")
    names |= {f"symptom_{r}_{d}" for r in range(1, len(log.items) + 1) for d in range(1, len(log.days) + 1)}
    medicines = plan.part("medicines")
    names |= {f"medicine_{r}_{c}" for r in range(1, medicines.rows + 1) for c in range(1, len(medicines.columns) + 1)}
    names.add("notes")
    if plan.part("get_help_now").write_in:
        names |= {"phone_care_team", "phone_after_hours"}
    return names


def test_field_names_are_stable_and_meaningful(full, full_plan):
    fields = pdf_reader(full).get_fields()
    assert set(fields) == expected_field_names(full_plan)
    assert len(widgets(full)) == len(fields)  # every name once


def test_questions_are_numbered_in_plan_order(full, full_plan, small_pack):
    fields = pdf_reader(full).get_fields()
    questions = [q for group in full_plan.part("questions").groups for q in group.questions]
    answer_to = small_pack.labels["answer_to"]
    for n, question in enumerate(questions, 1):
        assert fields[f"ask_{n}"]["/FT"] == "/Btn"
        assert fields[f"ask_{n}"]["/TU"] == question
        assert fields[f"answer_{n}"]["/TU"] == answer_to.format(question=question)


def test_symptom_and_medicine_cells_are_named_by_row_and_column(full, full_plan):
    fields = pdf_reader(full).get_fields()
    log = full_plan.part("symptom_log")
    assert fields["symptom_2_7"]["/TU"] == f"{log.items[1]}, {log.days[6]}"
    medicines = full_plan.part("medicines")
    assert fields[f"medicine_{medicines.rows}_3"]["/TU"] == f"{medicines.columns[2]} {medicines.rows}"


def test_fields_sit_on_the_page_inside_the_margins(full):
    for annot, index in widgets(full):
        page = pdf_reader(full).pages[index]
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        assert 0.45 * 72 <= x0 < x1 <= float(page.mediabox.width) - 0.45 * 72
        assert 0.45 * 72 <= y0 < y1 <= float(page.mediabox.height) - 0.45 * 72


def test_text_fields_lie_over_a_drawn_writing_line_or_table_cell(full):
    """On paper only the drawn lines show: every text field covers one (its bottom edge or a cell's)."""
    fields = [(annot, index) for annot, index in widgets(full) if annot.get("/FT") == "/Tx"]
    with plumbed(full) as pdf:
        for annot, index in fields:
            page = pdf.pages[index]
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            bottom = page.height - y0
            edges = [e for e in page.edges if e["orientation"] == "h" and abs(e["top"] - bottom) < 3.5
                     and e["x0"] <= x0 + 1 and e["x1"] >= x1 - 1]
            assert edges, annot["/T"]


def test_multiline_fields_where_people_write_sentences(full):
    fields = pdf_reader(full).get_fields()
    multiline = 1 << 12
    assert int(fields["notes"]["/Ff"]) & multiline
    assert not int(fields["top_question_1"]["/Ff"]) & multiline
    assert not int(fields["answer_1"]["/Ff"]) & multiline  # one line each (the plan's answer_lines)


def test_each_tick_box_sits_beside_the_first_line_of_its_question(full):
    checked = 0
    with plumbed(full) as pdf:
        for annot, index in widgets(full):
            if annot.get("/FT") != "/Btn":
                continue
            page = pdf.pages[index]
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            first_word = str(annot["/TU"]).split()[0]
            words = [w for w in page.extract_words() if w["text"] == first_word and 0 < w["x0"] - x1 < 15
                     and abs(page.height - w["bottom"] - y0) < 6]
            assert len(words) == 1, (annot["/TU"], words)
            text_middle = page.height - (words[0]["top"] + words[0]["bottom"]) / 2
            assert abs(text_middle - (y0 + y1) / 2) < 2.5
            checked += 1
    assert checked > 3


def test_check_boxes_are_empty_and_not_required(full):
    for name, field in pdf_reader(full).get_fields().items():
        if field.get("/FT") == "/Btn":
            assert field.get("/V") == "/Off"
            assert not int(field.get("/Ff", 0)) & 2, name  # "required" would nag on save


def test_check_boxes_share_their_appearance_streams_and_empty_text_fields_have_none(full):
    """Every check box points at the same appearance objects (a tick changes only its state); an empty text
    field has no appearance at all (the tagged PDF drops ReportLab's, which named Helvetica, never embedded,
    and was shared: a value filled into one field showed in all of its size), so a viewer makes its own."""
    check_boxes = [annot for annot, _ in widgets(full) if annot.get("/FT") == "/Btn"]
    looks = {(annot["/AP"]["/N"].raw_get("/Off").idnum, annot["/AP"]["/N"].raw_get("/Yes").idnum,
              annot["/AP"]["/D"].raw_get("/Off").idnum) for annot in check_boxes}
    assert len(check_boxes) > 3 and len(looks) == 1
    text_fields = [annot for annot, _ in widgets(full) if annot.get("/FT") == "/Tx"]
    assert len(text_fields) > 3 and all("/AP" not in annot for annot in text_fields)


def test_not_fillable_has_no_fields_but_the_same_pages(small_pack):
    kw = dict(patient_name="Ana Díaz", clinic=CLINIC)
    paper = make(small_pack, fillable=False, **kw)
    screen = make(small_pack, fillable=True, **kw)
    assert not pdf_reader(paper).get_fields()
    assert widgets(paper) == []
    assert b"/AcroForm" not in pdf_objects(paper) and b"/AcroForm" in pdf_objects(screen)
    assert page_texts(paper) == page_texts(screen)


# --------------------------------------------------------------------------
# Clinic logo
# --------------------------------------------------------------------------


def image_xobjects(data: bytes) -> list[int]:
    """The number of images on each page."""
    counts = []
    for page in pdf_reader(data).pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        counts.append(sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image"))
    return counts


def test_clinic_logo_is_in_the_header_of_page_one_only(small_pack, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (29, 79, 115)).save(logo)
    data = make(small_pack, ("bones",), clinic=clinic_with_logo(tmp_path, logo, name="Riverside Cancer Center"))
    counts = image_xobjects(data)
    assert counts[0] == 1 and sum(counts) == 1
    assert sum(image_xobjects(make(small_pack, ("bones",), clinic=Clinic(name="Riverside")))) == 0


def test_unreadable_logo_is_a_one_line_clinic_error(small_pack, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not an image at all")
    with pytest.raises(RequestError) as err:
        clinic_with_logo(tmp_path, logo, name="Riverside")
    message = str(err.value)
    assert err.value.field == "logo"
    assert message.startswith(f"logo: {logo} cannot be read as a PNG or JPEG image; ")
    assert "\n" not in message


# --------------------------------------------------------------------------
# Safe text: every string is escaped before it reaches a paragraph
# --------------------------------------------------------------------------

ATTACKS = [
    'Ann <b>& "Co"</b>',
    '<img src="/etc/hostname">',
    '<a href="javascript:alert(1)">x</a>',
    "x < y",
    "&amp; &lt;b&gt; &#60;",
    '<font name="Courier" size="40">big</font>',
    "</para><para>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_markup_in_personal_details_prints_literally(small_pack, attack):
    data = make(small_pack, ("bones",), patient_name=attack, provider=attack, note=attack,
                clinic=Clinic(name=attack, phone=attack))
    assert pdf_text(data).count(squash(attack)) >= 5  # name, provider, clinic, clinic phone, note
    assert sum(image_xobjects(data)) == 0  # no <img> embedded a local file
    objects = pdf_objects(data)
    assert b"/URI" not in objects and b"/JavaScript" not in objects and b"/Link" not in objects
    assert b"Courier" not in objects and b"+DejaVuSans" in objects


def test_markup_in_pack_text_prints_literally(pack_copy):
    from mbcprep.pack import load_pack

    path = pack_copy / "concerns" / "bones.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'text = "What activities are safe for me?"',
        'text = "Is <b>walking</b> & swimming safe if my calcium is < 10?"'), encoding="utf-8")
    data = make(load_pack(pack_copy), ("bones",))
    assert "Is <b>walking</b> & swimming safe if my calcium is < 10?" in pdf_text(data)


# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------

NAMES = ["Zoë Nguyễn", "Łukasz Wróbel", "Дарья Иванова", "Ελένη Παπαδοπούλου", "Đặng Thị Hương",
         "Şükrü Çağlar", "Ærøskøbing Ågård", "Nguye\u0302\u0303n"]


@pytest.mark.parametrize("name", NAMES)
def test_names_in_any_european_script_round_trip(small_pack, name):
    data = make(small_pack, ("bones",), patient_name=name, provider=name)
    text = unicodedata.normalize("NFC", pdf_reader(data).pages[0].extract_text())
    assert unicodedata.normalize("NFC", name) in text


def test_fonts_are_embedded_as_subsets(full):
    embedded = set()
    for page in pdf_reader(full).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/TrueType":
                assert "/FontFile2" in font["/FontDescriptor"]
                embedded.add(str(font["/BaseFont"]).lstrip("/"))
    assert all(re.fullmatch(r"[A-Z]{6}\+DejaVuSans(-Bold)?", name) for name in embedded)
    assert {name.split("+")[1] for name in embedded} == {"DejaVuSans", "DejaVuSans-Bold"}


@pytest.mark.parametrize("field, kw, bad", [
    ("name", {"patient_name": "王小明"}, "U+738B"),
    ("note", {"note": "Thank you \U0001FA7A"}, "U+1FA7A"),
    ("provider", {"provider": "Dr. \u05db\u05d4\u05df"}, "U+05DB"),  # right-to-left: would print reversed
    ("clinic name", {"clinic": Clinic(name="医院")}, "U+533B"),
])
def test_characters_the_font_cannot_draw_are_a_clear_error(small_pack, field, kw, bad):
    with pytest.raises(FontCoverageError) as err:
        make(small_pack, ("bones",), **kw)
    message = str(err.value)
    assert err.value.field == field
    assert message.startswith(f"{field}: the font DejaVu Sans cannot print")
    assert bad in message and "\n" not in message


@pytest.mark.parametrize("where, old, new", [
    ("questions", 'text = "What activities are safe for me?"', 'text = "What activities are safe for me? 骨"'),
    ("get help now", 'text = "New back or neck pain, even with no other signs"',
     'text = "New back or neck pain, even with no other signs 骨"'),
])
def test_pack_text_the_font_cannot_draw_is_caught_in_every_part(pack_copy, where, old, new):
    from mbcprep.pack import load_pack

    for path in (pack_copy / "concerns" / "bones.toml", pack_copy / "safety.toml"):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    plan = plan_handout(Request(concerns=("bones",)), load_pack(pack_copy))
    with pytest.raises(FontCoverageError) as err:
        render_pdf(plan)
    assert err.value.field == where
    assert "U+9AA8" in str(err.value)


def test_every_string_of_every_part_is_checked(full_plan):
    """A string the sheet prints in any part, however deep, reaches the glyph check."""
    from mbcprep.render.pdf import printed_strings

    checked = {text for _, text in printed_strings(full_plan)}
    notes = full_plan.part("concern_notes")
    deep = [notes.concerns[0].sections[0].report_signs[0], notes.concerns[0].key_points[0],
            full_plan.part("get_help_now").groups[0].signs[0].text, full_plan.footer.disclaimer,
            full_plan.part("sources").text, full_plan.running_head]
    assert all(text in checked for text in deep)


# --------------------------------------------------------------------------
# Metadata, outline, determinism, threads
# --------------------------------------------------------------------------


def test_metadata_names_the_document_not_the_person(full, full_plan):
    import mbcprep

    pdf = pdf_reader(full)
    meta = pdf.metadata
    assert meta.title == full_plan.document_title
    assert meta.subject == full_plan.subject
    assert meta.creator == f"mbcprep {mbcprep.__version__}"
    assert pdf.trailer["/Root"]["/Lang"] == full_plan.language
    assert pdf.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]
    for value in meta.values():
        assert "Ana" not in str(value) and "Díaz" not in str(value)


def test_metadata_title_is_never_a_title_that_names_the_person(pack_copy):
    from mbcprep.pack import load_pack

    path = pack_copy / "pack.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'title = "Getting Ready for My Visit"', 'title = "Getting ready for {{ patient.name }}"'), encoding="utf-8")
    data = make(load_pack(pack_copy), ("bones",), patient_name="Ana Díaz")
    pdf = pdf_reader(data)
    assert "Getting ready for Ana Díaz" in pdf.pages[0].extract_text()  # on the sheet...
    assert all("Ana" not in str(v) for v in pdf.metadata.values())  # ...but not in the metadata


def test_outline_has_an_entry_per_part_and_concern(full, full_plan):
    outline = pdf_reader(full).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    headed = [part for part in full_plan.parts if part.kind not in ("header", "sources")]
    assert top == [getattr(part, "heading") for part in headed]
    nested = next(item for item in outline if isinstance(item, list))
    assert [item.title for item in nested] == [c.title for c in full_plan.part("concern_notes").concerns]


def test_outline_entries_point_at_their_pages(full):
    pdf = pdf_reader(full)
    for item in pdf.outline:
        if not isinstance(item, list):
            page = pdf.pages[pdf.get_destination_page_number(item)]
            assert squash(item.title) in squash(page.extract_text())


def test_same_request_gives_byte_identical_pdfs(small_pack):
    kw = dict(patient_name="Ana Díaz", visit=dt.datetime(2026, 12, 3, 10, 30), clinic=CLINIC)
    first = make(small_pack, **kw)
    make(small_pack, ("stopping-treatment",), patient_name="Somebody Else", large_print=True)
    assert make(small_pack, **kw) == first


def test_a_custom_font_request_does_not_change_later_handouts(small_pack):
    from mbcprep.render.pdf.fonts import shipped_font_path

    before = make(small_pack, ("bones",), patient_name="Ana Díaz")
    custom = make(small_pack, ("bones",), patient_name="Ana Díaz", font=shipped_font_path("DejaVuSans.ttf"))
    assert custom != before
    assert make(small_pack, ("bones",), patient_name="Ana Díaz") == before


def test_byte_identical_across_processes(small_pack_dir):
    import hashlib
    import os
    import subprocess
    import sys

    script = (
        "import hashlib, sys; from pathlib import Path; from mbcprep.model.request import Request; "
        "from mbcprep.pack import load_pack; from mbcprep.render import render_handout; from mbcprep.plan import plan_handout; "
        "data = render_handout(plan_handout(Request(concerns=('bones',), patient_name='Zoë Дарья'), "
        "load_pack(Path(sys.argv[1]))), 'pdf').data; print(hashlib.sha256(data).hexdigest())"
    )
    digests = set()
    root = str(Path(__file__).resolve().parent.parent)  # this checkout, not an installed copy
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": root}
        out = subprocess.run([sys.executable, "-c", script, str(small_pack_dir)], env=env, cwd=root,
                             capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    from mbcprep.pack import load_pack

    here = make(load_pack(small_pack_dir), ("bones",), patient_name="Zoë Дарья")
    assert digests == {hashlib.sha256(here).hexdigest()}


def test_rendering_in_threads_gives_the_same_bytes_and_binary_streams(small_pack):
    """The web app renders in threads: ReportLab's global settings are set once, never toggled."""
    from reportlab import rl_config

    plans = [plan_handout(Request(concerns=concerns, patient_name=name, large_print=large), small_pack)
             for concerns, name, large in ((("bones",), "Ana Díaz", False),
                                           (("treatment-options", "stopping-treatment"), "Zoë Nguyễn", True),
                                           (("bones", "treatment-options"), "Łukasz Wróbel", False))] * 4
    alone = [render_pdf(plan).data for plan in plans]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda plan: render_pdf(plan).data, plans))
    assert together == alone
    assert rl_config.useA85 == 0
    assert all(b"/ASCII85Decode" not in pdf_objects(data) for data in together)  # smaller, and faster to write


def test_a_handout_is_small(small_pack):
    data = make(small_pack, small_pack.concern_ids, patient_name="Ana Díaz", clinic=CLINIC, note="Hip pain")
    assert len(data) < 150_000


# --------------------------------------------------------------------------
# Any printable text gives a PDF or the clear font error, never a crash
# --------------------------------------------------------------------------

printable = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(list('<>&"\'/;=[]{}\\' + string.ascii_letters))),
    max_size=60,
).filter(str.isprintable)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(name=printable, provider=printable, note=printable)
def test_any_printable_text_gives_a_pdf_or_the_font_error(small_pack, name, provider, note):
    try:
        data = make(small_pack, ("bones",), patient_name=name, provider=provider, note=note, questions_only=True)
    except FontCoverageError as err:
        assert err.field in ("name", "provider", "note")
        return
    pdf = pdf_reader(data)
    assert len(pdf.pages) >= 1
    assert pdf.metadata.title == small_pack.meta.title


covered = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F),  # Latin, with markup characters
    st.characters(min_codepoint=0x370, max_codepoint=0x4FF),  # Greek and Cyrillic
    st.sampled_from(list("<>&\"'\n\t "))), max_size=80)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=covered, provider=covered, note=covered)
def test_any_european_text_always_gives_a_pdf(small_pack, name, provider, note):
    try:
        data = make(small_pack, ("bones",), patient_name=name, provider=provider, note=note,
                    questions_only=True, fillable=False)
    except FontCoverageError as err:  # only the few unassigned code points in these ranges
        assert all(unicodedata.category(c) == "Cn" for c in err.characters)
        return
    text = unicodedata.normalize("NFC", pdf_text(data))
    for value in (name, provider):
        assert squash(clean_text(value)) in text


def test_parts_are_drawn_without_asking_whether_they_appear(full_plan):
    """The renderer draws what the plan has: drop the notes part and its heading and field are gone."""
    parts = tuple(part for part in full_plan.parts if not isinstance(part, NotesPart))
    data = render_pdf(dataclasses.replace(full_plan, parts=parts)).data
    assert "notes" not in pdf_reader(data).get_fields()
    assert full_plan.part("notes").heading not in [item.title for item in pdf_reader(data).outline
                                                   if not isinstance(item, list)]
    assert isinstance(parts[-1], SourcesPart)
