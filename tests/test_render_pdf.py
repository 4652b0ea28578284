"""The PDF handout, read back the way a person's PDF viewer would: text, pages, fields, metadata.

Everything here uses the small fixture pack, except the "all concerns at
once" layout test, which is about the built-in pack's size.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import string
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from mbcprep.errors import FontCoverageError, RequestError
from mbcprep.fonts import clean_text
from mbcprep.handout import build_handout
from mbcprep.model.request import Clinic, Request
from mbcprep.plan import plan_handout
from mbcprep.render_pdf import render_pdf

CLINIC = Clinic(name="Riverside Cancer Center", phone="(555) 123-4567",
                after_hours_phone="(555) 123-9999", address="1200 River Road")


def make(pack, concerns=("bones", "treatment-options"), **kw) -> bytes:
    return build_handout(Request(concerns=tuple(concerns), **kw), pack)


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def squash(text: str) -> str:
    return " ".join(text.split())


def all_text(data: bytes) -> str:
    return squash(" ".join(page.extract_text() for page in reader(data).pages))


def positions(text: str, needles) -> list[int]:
    found = []
    start = 0
    for needle in needles:
        index = text.find(squash(needle), start)
        assert index >= 0, f"{needle!r} missing or out of order"
        found.append(index)
        start = index + 1
    return found


def widgets(data: bytes) -> list:
    found = []
    for page in reader(data).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Widget":
                found.append((annot, page))
    return found


def image_xobjects(data: bytes) -> int:
    count = 0
    for page in reader(data).pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        for ref in xobjects.values():
            if ref.get_object().get("/Subtype") == "/Image":
                count += 1
    return count


@pytest.fixture(scope="module")
def full(small_pack) -> bytes:
    """A realistic handout: every part, every personal detail."""
    return make(small_pack, ("bones", "treatment-options"), patient_name="Ana Díaz",
                visit=dt.datetime(2026, 12, 3, 10, 30), provider="Dr. Maya Chen", clinic=CLINIC,
                subtype="hr-positive", note="Pain in my hip at night.")


@pytest.fixture(scope="module")
def full_plan(small_pack):
    return plan_handout(Request(concerns=("bones", "treatment-options"), patient_name="Ana Díaz",
                                clinic=CLINIC, subtype="hr-positive", note="Pain in my hip at night."),
                        small_pack)


# --------------------------------------------------------------------------
# What the handout contains, in order
# --------------------------------------------------------------------------


def test_parts_appear_in_plan_order(full, small_pack):
    labels = small_pack.labels
    bones = small_pack.concern("bones")
    treatment = small_pack.concern("treatment-options")
    positions(all_text(full), [
        small_pack.meta.title, "Ana Díaz", "Thursday, December 3, 2026, 10:30 AM", "Dr. Maya Chen",
        "Riverside Cancer Center", "(555) 123-4567",
        labels["topics_heading"], bones.title, treatment.title,
        labels["patient_note"], "Pain in my hip at night.", labels["top_questions_heading"],
        labels["red_flags_heading"], labels["emergency_intro"], labels["call_now_intro"],
        labels["concerns_heading"], bones.sections[0].heading, bones.sections[0].summary,
        treatment.sections[0].heading, labels["subtype_heading"],
        treatment.sections[0].by_subtype["hr-positive"],
        labels["questions_heading"], bones.questions[0].text, labels["own_questions_heading"],
        labels["symptom_log_heading"], labels["symptom_log_day"].format(n=7), bones.symptom_log[0],
        labels["medicines_heading"], labels["medicine_name"], labels["medicine_when"],
        labels["notes_heading"],
    ])


def test_header_lines_only_when_given(small_pack):
    text = all_text(make(small_pack, ("bones",)))
    assert text.split(small_pack.labels["topics_heading"])[0].strip() == small_pack.meta.title


def test_red_flags_panel_keeps_each_action_apart(full, small_pack):
    labels = small_pack.labels
    first_of = {level: next(s.text for s in small_pack.signs if s.level == level)
                for level in ("emergency", "crisis", "call-now", "call-today")}
    text = all_text(full)
    positions(text, [labels["red_flags_heading"], labels["emergency_intro"], first_of["emergency"],
                     labels["crisis_intro"], first_of["crisis"],
                     labels["call_now_intro"], first_of["call-now"],
                     labels["call_today_intro"], first_of["call-today"], labels["phones_intro"],
                     f'{labels["clinic_phone"]}: (555) 123-4567',
                     f'{labels["after_hours_phone"]}: (555) 123-9999'])


def test_every_sheet_signs_even_without_a_concern_that_has_signs(small_pack):
    text = all_text(make(small_pack, ("treatment-options",)))
    assert small_pack.labels["red_flags_heading"] in text
    for sign in small_pack.signs:
        assert (sign.text in text) is sign.every_sheet, sign


def test_no_symptom_log_without_a_symptom_concern(small_pack):
    text = all_text(make(small_pack, ("treatment-options", "stopping-treatment")))
    assert small_pack.labels["symptom_log_heading"] not in text
    assert small_pack.labels["medicines_heading"] in text


def test_every_page_has_page_n_of_m_review_date_and_disclaimer(full, small_pack):
    pages = reader(full).pages
    assert len(pages) > 2
    review = "Words last checked November 25, 2026"
    for n, page in enumerate(pages, 1):
        text = squash(page.extract_text())
        assert small_pack.labels["page_footer"].format(n=n, total=len(pages)) in text
        assert review in text
        assert squash(small_pack.meta.disclaimer) in text


def test_page_n_of_m_in_one_layout_pass_on_a_long_handout(monkeypatch):
    """The total comes from the one layout pass (drawn once it is known), on every page."""
    from reportlab.platypus import BaseDocTemplate

    from mbcprep.pack import load_pack
    from mbcprep.render_pdf import render_pdf_counted

    builds = []
    real_build = BaseDocTemplate.build
    monkeypatch.setattr(BaseDocTemplate, "build",
                        lambda self, *a, **kw: builds.append(1) or real_build(self, *a, **kw))
    pack = load_pack()
    note = ("My hip has ached at night for three weeks & it is worse on stairs. " * 40).strip()
    plan = plan_handout(Request(concerns=pack.concern_ids, patient_name="Ana Díaz", note=note,
                                clinic=CLINIC, large_print=True), pack)
    data, pages = render_pdf_counted(plan)
    assert len(builds) == 1
    pdf = reader(data)
    assert pages == len(pdf.pages) >= 30
    running_head = squash(f"{plan.title} \u00b7 Ana Díaz")
    for n, page in enumerate(pdf.pages, 1):
        text = squash(page.extract_text())
        assert text.endswith(pack.labels["page_footer"].format(n=n, total=pages))  # still last
        assert text.startswith(running_head) == (n > 1)
    assert len(widgets(data)) == len(pdf.get_fields())


def test_page_footer_wording_may_put_the_total_anywhere(small_pack, full_plan):
    import dataclasses

    labels = {**full_plan.labels, "page_footer": "{total} pages: this is {n}"}
    data = render_pdf(dataclasses.replace(full_plan, labels=labels))
    pages = reader(data).pages
    for n, page in enumerate(pages, 1):
        assert f"{len(pages)} pages: this is {n}" in squash(page.extract_text())


def test_a_one_page_handout_says_page_1_of_1_and_has_no_running_head(full_plan):
    import dataclasses

    plan = dataclasses.replace(full_plan, topics=(), patient_note="", red_flags=None,
                               concern_parts=(), question_groups=(), own_question_lines=0,
                               symptom_log_items=(), show_medicines=False, show_notes=False)
    data = render_pdf(plan)
    pdf = reader(data)
    assert len(pdf.pages) == 1
    text = squash(pdf.pages[0].extract_text())
    assert text.endswith(plan.labels["page_footer"].format(n=1, total=1))
    assert b"mbcprepHead" not in data  # the running head is only drawn from page 2


def test_paragraph_line_breaks_are_reused_only_for_the_same_width():
    from reportlab.lib.styles import ParagraphStyle

    from mbcprep.render_pdf import _p

    para = _p("plenty of words to break " * 40, ParagraphStyle("t", fontSize=10, leading=12))
    wide = para.wrap(300, 1000)
    layout = para.blPara
    assert para.wrap(300, 50) == wide and para.blPara is layout
    narrow = para.wrap(200, 1000)
    assert narrow[1] > wide[1] and para.blPara is not layout
    assert para.wrap(300, 1000) == wide
    del para.blPara  # as Paragraph.split does when it gives up
    assert para.wrap(300, 1000) == wide and para.blPara is not None


def test_rendering_leaves_reportlab_settings_as_it_found_them(full_plan):
    from reportlab import rl_config

    before = rl_config.useA85
    data = render_pdf(full_plan)
    assert rl_config.useA85 == before
    assert b"/ASCII85Decode" not in data  # binary streams: smaller, and faster to write


def test_fields_share_identical_appearance_streams(full):
    """Every check box (and every text field of the same size) points at the same appearance objects."""
    check_boxes = [annot for annot, _ in widgets(full) if annot.get("/FT") == "/Btn"]
    assert len(check_boxes) > 3
    looks = {(annot["/AP"]["/N"].raw_get("/Off").idnum, annot["/AP"]["/N"].raw_get("/Yes").idnum,
              annot["/AP"]["/D"].raw_get("/Off").idnum) for annot in check_boxes}
    assert len(looks) == 1
    streams_by_size: dict = {}
    for annot, _ in widgets(full):
        if annot.get("/FT") == "/Tx":
            x0, y0, x1, y1 = (round(float(v), 3) for v in annot["/Rect"])
            streams_by_size.setdefault((x1 - x0, y1 - y0), set()).add(annot["/AP"].raw_get("/N").idnum)
    assert all(len(streams) == 1 for streams in streams_by_size.values())


def test_brief_prints_summaries_only(small_pack):
    bones = small_pack.concern("bones")
    text = all_text(make(small_pack, ("bones",), brief=True))
    assert squash(bones.sections[0].summary) in text
    assert "Tell your care team about any new pain" not in text


def test_questions_only_keeps_header_red_flags_and_questions(small_pack):
    labels = small_pack.labels
    text = all_text(make(small_pack, ("bones",), questions_only=True, patient_name="Ana Díaz"))
    positions(text, ["Ana Díaz", labels["red_flags_heading"], labels["questions_heading"]])
    for gone in ("concerns_heading", "symptom_log_heading", "medicines_heading", "notes_heading"):
        assert labels[gone] not in text


def test_questions_are_deduplicated_and_each_printed_once(full, full_plan):
    text = all_text(full)
    for group in full_plan.question_groups:
        for question in group.questions:
            assert text.count(squash(question)) == 1, question


def test_long_note_paginates_and_prints_in_full(small_pack):
    words = " ".join(f"word{i}" for i in range(510))  # about 4,000 characters, the limit
    note = f"{words[:2000]}\n\n{words[2000:]}"
    data = make(small_pack, ("bones",), note=note)
    text = all_text(data)
    assert "word0 " in text and "word509" in text
    first, last = squash(note)[:40], squash(note)[-40:]
    assert first in text and last in text


def test_note_line_breaks_and_control_characters_are_kept_tidy(small_pack):
    data = make(small_pack, ("bones",), note="first line\r\nsecond\tline\x07 end\u200b")
    lines = [squash(line) for line in reader(data).pages[0].extract_text().splitlines()]
    assert "first line" in lines
    assert "second line end" in lines


# --------------------------------------------------------------------------
# Options
# --------------------------------------------------------------------------


@pytest.mark.parametrize("paper, size", [("letter", (612, 792)), ("a4", (595.28, 841.89))])
def test_paper_size(small_pack, paper, size):
    for page in reader(make(small_pack, ("bones",), paper=paper)).pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(size[0], abs=0.5)
        assert float(box.height) == pytest.approx(size[1], abs=0.5)


def _word_sizes(data: bytes):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for word in page.extract_words(extra_attrs=["size"]):
                yield page, word


def test_large_print_body_is_at_least_16pt_and_headings_larger(small_pack):
    data = make(small_pack, ("bones", "treatment-options"), large_print=True,
                patient_name="Ana Díaz", note="Pain in my hip")
    sizes, heading_sizes = [], []
    for page, word in _word_sizes(data):
        in_furniture = word["top"] < 60 or word["bottom"] > page.height - 110
        if in_furniture:
            continue
        assert word["size"] >= 16 - 0.01, word
        sizes.append(round(word["size"], 1))
        if word["text"] == small_pack.labels["questions_heading"].split()[0]:
            heading_sizes.append(word["size"])
    body = max(set(sizes), key=sizes.count)
    assert body >= 16
    assert heading_sizes and min(heading_sizes) > body


def test_normal_print_body_is_readable(full):
    sizes = [word["size"] for page, word in _word_sizes(full)
             if word["bottom"] < page.height - 90 and word["top"] > 50]
    assert min(sizes) >= 11
    assert max(set(sizes), key=sizes.count) >= 12  # the body size is the most common


def test_fillable_fields_cover_every_write_in_space(full, full_plan):
    questions = sum(len(g.questions) for g in full_plan.question_groups)
    fields = reader(full).get_fields()
    kinds = [f.get("/FT") for f in fields.values()]
    assert kinds.count("/Btn") == questions  # one tick box per question
    text_fields = (questions  # an answer space under each question
                   + full_plan.own_question_lines + 3  # own questions, top 3
                   + 1  # notes
                   + len(full_plan.symptom_log_items) * full_plan.symptom_log_days
                   + full_plan.medicine_rows * 3)
    assert kinds.count("/Tx") == text_fields
    assert len(widgets(full)) == len(fields)  # every name is unique
    names = set(fields)
    assert {"top_question_1", "top_question_3", "notes_1", "own_question_4", "ask_1", "answer_1"} <= names


def test_fields_sit_on_the_page_not_at_its_origin(full):
    for annot, page in widgets(full):
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        assert 0.6 * 72 - 1 <= x0 < x1 <= float(page.mediabox.width) - 0.6 * 72 + 1
        assert 0.6 * 72 <= y0 < y1 <= float(page.mediabox.height) - 0.6 * 72


def test_multiline_fields_where_people_write_sentences(full):
    fields = reader(full).get_fields()
    multiline = 1 << 12
    assert int(fields["answer_1"]["/Ff"]) & multiline
    assert int(fields["notes_1"]["/Ff"]) & multiline
    assert not int(fields["top_question_1"]["/Ff"]) & multiline
    assert fields["answer_1"]["/TU"].startswith("Answer: ")


def test_each_tick_box_sits_beside_the_first_line_of_its_question(full):
    import pdfplumber

    checked = 0
    with pdfplumber.open(io.BytesIO(full)) as pdf:
        for page, plumbed in zip(reader(full).pages, pdf.pages):
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                if annot.get("/FT") != "/Btn":
                    continue
                x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                first_word = str(annot["/TU"]).split()[0]
                words = [w for w in plumbed.extract_words() if w["text"] == first_word
                         and 0 < w["x0"] - x1 < 15 and abs(plumbed.height - w["bottom"] - y0) < 6]
                assert len(words) == 1, (annot["/TU"], words)
                text_middle = plumbed.height - (words[0]["top"] + words[0]["bottom"]) / 2
                assert abs(text_middle - (y0 + y1) / 2) < 2.5
                checked += 1
    assert checked == len([a for a, _ in widgets(full) if a.get("/FT") == "/Btn"]) > 0


def test_check_boxes_are_empty_and_not_required(full):
    for name, field in reader(full).get_fields().items():
        if field.get("/FT") == "/Btn":
            assert field.get("/V") == "/Off"
            assert not int(field.get("/Ff", 0)) & 2, name  # "required" would nag on save


def test_not_fillable_has_no_fields_but_the_same_pages(small_pack):
    kw = dict(patient_name="Ana Díaz", clinic=CLINIC)
    paper = make(small_pack, fillable=False, **kw)
    screen = make(small_pack, fillable=True, **kw)
    assert not reader(paper).get_fields()
    assert widgets(paper) == []
    assert b"/AcroForm" not in paper
    assert len(reader(paper).pages) == len(reader(screen).pages)
    assert all_text(paper) == all_text(screen)


def test_clinic_logo_is_in_the_header(small_pack, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (29, 79, 115)).save(logo)
    clinic = Clinic(name="Riverside Cancer Center", logo=logo)
    data = make(small_pack, ("bones",), clinic=clinic)
    assert image_xobjects(data) == 1
    assert image_xobjects(make(small_pack, ("bones",), clinic=Clinic(name="Riverside"))) == 0


def test_unreadable_logo_is_a_clear_error(small_pack, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_text("not an image")
    with pytest.raises(RequestError) as err:
        make(small_pack, ("bones",), clinic=Clinic(name="Riverside", logo=logo))
    assert err.value.field == "clinic"
    assert "logo" in str(err.value)


# --------------------------------------------------------------------------
# Safe text
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
    first_page = squash(reader(data).pages[0].extract_text())
    assert first_page.count(squash(attack)) >= 4
    assert image_xobjects(data) == 0  # no <img> embedded a local file
    assert b"/URI" not in data and b"/JavaScript" not in data and b"/Link" not in data
    assert b"Courier" not in data


def test_markup_in_pack_text_prints_literally(pack_copy):
    from mbcprep.pack import load_pack

    path = pack_copy / "concerns" / "bones.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'text = "What activities are safe for me?"',
        'text = "Is <b>walking</b> & swimming safe if my calcium is < 10?"'), encoding="utf-8")
    data = make(load_pack(pack_copy), ("bones",))
    assert "Is <b>walking</b> & swimming safe if my calcium is < 10?" in all_text(data)


# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------

NAMES = ["Zoë Nguyễn", "Łukasz Wróbel", "Дарья Иванова", "Ελένη Παπαδοπούλου", "Đặng Thị Hương",
         "Şükrü Çağlar", "Ærøskøbing Ågård", "Nguye\u0302\u0303n"]


@pytest.mark.parametrize("name", NAMES)
def test_names_in_any_european_script_round_trip(small_pack, name):
    import unicodedata

    data = make(small_pack, ("bones",), patient_name=name, provider=name)
    text = unicodedata.normalize("NFC", reader(data).pages[0].extract_text())
    assert unicodedata.normalize("NFC", name) in text


def test_fonts_are_embedded_as_subsets(full):
    embedded = []
    for page in reader(full).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/TrueType":
                assert "/FontFile2" in font["/FontDescriptor"]
                embedded.append(str(font["/BaseFont"]).lstrip("/"))
    assert embedded
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


def test_pack_text_the_font_cannot_draw_is_caught_too(pack_copy):
    from mbcprep.pack import load_pack

    path = pack_copy / "concerns" / "bones.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'text = "What activities are safe for me?"', 'text = "What activities are safe for me? 骨"'),
        encoding="utf-8")
    plan = plan_handout(Request(concerns=("bones",)), load_pack(pack_copy))
    with pytest.raises(FontCoverageError) as err:
        render_pdf(plan)
    assert err.value.field == "questions"
    assert "U+9AA8" in str(err.value)


# --------------------------------------------------------------------------
# Metadata, outline, determinism, size
# --------------------------------------------------------------------------


def test_metadata_names_the_document_not_the_person(full, small_pack):
    import mbcprep

    pdf = reader(full)
    meta = pdf.metadata
    assert meta.title == small_pack.meta.title
    assert meta.subject == small_pack.labels["subject"]
    assert meta.creator == f"mbcprep {mbcprep.__version__}"
    assert pdf.trailer["/Root"]["/Lang"] == small_pack.meta.language
    for value in meta.values():
        assert "Ana" not in str(value) and "Díaz" not in str(value)


def test_metadata_title_drops_a_pack_title_that_names_the_person(pack_copy):
    from mbcprep.pack import load_pack

    path = pack_copy / "pack.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'title = "Getting Ready for My Visit"', 'title = "Getting ready for {{ patient.name }}"'),
        encoding="utf-8")
    data = make(load_pack(pack_copy), ("bones",), patient_name="Ana Díaz")
    pdf = reader(data)
    assert "Getting ready for Ana Díaz" in pdf.pages[0].extract_text()  # on the sheet...
    assert all("Ana" not in str(v) for v in pdf.metadata.values())  # ...but not in the metadata


def test_outline_has_an_entry_per_part(full, small_pack):
    labels = small_pack.labels
    outline = reader(full).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == [labels[k] for k in ("topics_heading", "red_flags_heading", "concerns_heading",
                                       "questions_heading", "symptom_log_heading",
                                       "medicines_heading", "notes_heading")]
    nested = next(item for item in outline if isinstance(item, list))
    assert [item.title for item in nested] == [small_pack.concern("bones").title,
                                               small_pack.concern("treatment-options").title]


def test_outline_entries_point_at_their_pages(full, small_pack):
    pdf = reader(full)
    for item in pdf.outline:
        if isinstance(item, list):
            continue
        page = pdf.pages[pdf.get_destination_page_number(item)]
        assert squash(item.title) in squash(page.extract_text())


def test_same_request_gives_byte_identical_pdfs(small_pack):
    kw = dict(patient_name="Ana Díaz", visit=dt.datetime(2026, 12, 3, 10, 30), clinic=CLINIC)
    first = make(small_pack, **kw)
    make(small_pack, ("stopping-treatment",), patient_name="Somebody Else", large_print=True)
    assert make(small_pack, **kw) == first


def test_a_custom_font_request_does_not_change_later_handouts(small_pack):
    from mbcprep.fonts import shipped_font_path

    before = make(small_pack, ("bones",), patient_name="Ana Díaz")
    custom = make(small_pack, ("bones",), patient_name="Ana Díaz",
                  font=shipped_font_path("DejaVuSans.ttf"))  # regular used for bold too
    assert custom != before
    assert make(small_pack, ("bones",), patient_name="Ana Díaz") == before


def test_byte_identical_across_processes(small_pack_dir):
    import hashlib
    import os
    import subprocess
    import sys

    script = (
        "import hashlib, sys; from pathlib import Path; from mbcprep.model.request import Request; "
        "from mbcprep.pack import load_pack; from mbcprep.handout import build_handout; "
        "data = build_handout(Request(concerns=('bones',), patient_name='Zoë Дарья'), "
        "load_pack(Path(sys.argv[1]))); print(hashlib.sha256(data).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        root = str(Path(__file__).resolve().parent.parent)  # this checkout, not an installed copy
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": root}
        out = subprocess.run([sys.executable, "-c", script, str(small_pack_dir)], env=env, cwd=root,
                             capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    from mbcprep.pack import load_pack

    here = build_handout(Request(concerns=("bones",), patient_name="Zoë Дарья"), load_pack(small_pack_dir))
    assert digests == {hashlib.sha256(here).hexdigest()}


def test_small_and_quick(small_pack):
    concerns = small_pack.concern_ids
    make(small_pack, concerns)  # warm: fonts registered, modules imported
    start = time.perf_counter()
    data = make(small_pack, concerns, patient_name="Ana Díaz", clinic=CLINIC, note="Hip pain")
    elapsed = time.perf_counter() - start
    assert len(data) < 150_000
    assert elapsed < 1.0


# --------------------------------------------------------------------------
# Layout of the biggest handout the built-in pack can make
# --------------------------------------------------------------------------


def _stranded_headings(data: bytes, heading_sizes: set[float], allowed: set[str]) -> list[str]:
    """Headings that are the last text on their page (nothing of theirs follows them)."""
    import pdfplumber

    stranded = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            lines = [line for line in page.extract_text_lines()
                     if 50 < line["top"] and line["bottom"] < page.height - 100]
            if not lines:
                continue
            last = lines[-1]
            sizes = {round(c["size"], 1) for c in last["chars"]}
            if sizes <= heading_sizes and squash(last["text"]) not in allowed:
                stranded.append(f'page {number}: {last["text"]}')
    return stranded


@pytest.mark.xfail(reason="the 23-concern pack leaves a heading alone at the foot of a page in this "
                          "renderer; the sheet rewrite (issue 12) replaces it with break rules tested on the PDF")
@pytest.mark.parametrize("large_print", [False, True])
def test_all_concerns_at_once_make_a_tidy_document(large_print):
    from mbcprep.fonts import load_fonts
    from mbcprep.pack import load_pack
    from mbcprep.pdf_styles import build_styles

    pack = load_pack()
    note = ("My hip has ached at night for three weeks & it is worse on stairs. " * 45).strip()
    request = Request(concerns=pack.concern_ids, patient_name="Maria José Fernández-Villanueva",
                      visit=dt.datetime(2026, 12, 3, 14, 5), provider="Dr. Oluwaseun Adebayo",
                      clinic=CLINIC, note=note, subtype="triple-negative",
                      large_print=large_print, paper="a4")
    data = build_handout(request, pack)
    pdf = reader(data)
    total = len(pdf.pages)
    text = all_text(data)
    for concern in pack.concerns:
        assert squash(concern.title) in text
    for n, page in enumerate(pdf.pages, 1):
        assert pack.labels["page_footer"].format(n=n, total=total) in page.extract_text()
    nested = next(item for item in pdf.outline if isinstance(item, list))
    assert len(nested) == len(pack.concerns)
    top = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert len(top) == len(set(top))  # a panel that goes on over a page is bookmarked once
    styles = build_styles(load_fonts(), large_print)
    sizes = {round(s.fontSize, 1) for s in (styles.h1, styles.h2, styles.h3)}
    allowed = {squash(pack.labels[k]) for k in ("own_questions_heading", "notes_heading",
                                                 "top_questions_heading")}
    assert _stranded_headings(data, sizes, allowed) == []


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
        data = make(small_pack, ("bones",), patient_name=name, provider=provider, note=note,
                    questions_only=True)
    except FontCoverageError as err:
        assert err.field in ("name", "provider", "note")
        return
    pdf = reader(data)
    assert len(pdf.pages) >= 1
    assert pdf.metadata.title in (small_pack.meta.title, "")  # empty only when it holds the name


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
    text = unicodedata.normalize("NFC", all_text(data))
    for value in (name, provider):
        assert squash(clean_text(value)) in text


# --- clinic logo -------------------------------------------------------------------------


def _logo_request(small_pack, logo_path):
    from mbcprep.model.request import Clinic

    clinic = Clinic(name="Riverside", phone="555-0100", logo=logo_path)
    return build_handout(Request(concerns=("bones",), clinic=clinic), small_pack)


def test_clinic_logo_is_drawn_on_page_one(small_pack, tmp_path):
    from PIL import Image as PILImage

    logo = tmp_path / "logo.png"
    PILImage.new("RGB", (300, 100), "navy").save(logo)
    reader = PdfReader(io.BytesIO(_logo_request(small_pack, logo)))
    first_page_images = list(reader.pages[0].images)
    assert len(first_page_images) == 1
    assert all(not list(page.images) for page in reader.pages[1:])


def test_unreadable_logo_is_a_one_line_clinic_error(small_pack, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not an image at all")
    with pytest.raises(RequestError) as info:
        _logo_request(small_pack, logo)
    message = str(info.value)
    assert message.startswith(f"clinic: the logo {logo} cannot be read as a PNG or JPEG image; ")
    assert "\n" not in message and "0x" not in message
