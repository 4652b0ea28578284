"""Reading a filled-in handout back: the form description it carries, the values, the one-page summary, the errors.

Handouts are filled the way a viewer saves them, with pypdf (``PdfWriter(clone_from=...)``,
``update_page_form_field_values``, write), and by hand where a viewer's quirk needs it
(values as UTF-16 bytes, parents and kids, check boxes with only ``/AS``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from conftest import fill_form, handout_bytes, pdf_reader, pdf_text, rewrite_pdf, squash, widgets

from mbcprep.cli import main
from mbcprep.errors import FilledFormError
from mbcprep.languages import languages
from mbcprep.model.form import CATALOG_KEY, EMBEDDED_FILE, FIELD_KEYS, FORM_VERSION
from mbcprep.model.request import Clinic, Request
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.summary import SUMMARY_FORMATS, summarise
from mbcprep.summary.read import MAX_BYTES, read_filled_form
from mbcprep.summary.words import KEYS, load_words

TODAY = dt.date(2026, 12, 3)
NAME = "Nguyễn Thị Łucja"
CLINIC = Clinic(name="Riverside Cancer Center", phone="(555) 123-4567", after_hours_phone="(555) 123-9999",
                address="1200 River Road")
#: Text in several scripts, and text that looks like markup (it must come back as typed, never as markup).
WORLD = "Nguyễn Łucja Ωμέγα señora año"
MARKUP = '<b>bold?</b> &amp; <img src="/etc/passwd"/> {{ patient.name }} %s \\n'


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.fixture(scope="module")
def spanish_pack():
    return load_pack(builtin_pack_path("es"))


@pytest.fixture(scope="module")
def handout(pack) -> bytes:
    """A full sheet with a symptom log, a medicines table, write-in phone lines and notes."""
    return handout_bytes(Request(concerns=("bones", "pain", "tiredness"), patient_name=NAME,
                                 visit=dt.datetime(2026, 12, 3, 10, 30), provider="Dr. Maya Chen"), pack)



def field_names(data: bytes) -> list[str]:
    return list(pdf_reader(data).get_fields() or {})


def description(data: bytes) -> dict:
    root = pdf_reader(data).trailer["/Root"]
    return json.loads(root[f"/{CATALOG_KEY}"].get_object().get_data())


def summary_data(data: bytes) -> dict:
    return json.loads(summarise(data, "json", TODAY).data)


def summary_text(data: bytes) -> str:
    return summarise(data, "txt", TODAY).data.decode("utf-8")


def every_field(data: bytes, text: str = "") -> dict:
    """A value for every field: each check box ticked, each text field ``text`` + its own name."""
    return {name: "/Yes" if name.startswith("ask_") else f"{text}{name}" for name in field_names(data)}



def form_field(writer, name: str):
    for ref in writer._root_object["/AcroForm"]["/Fields"]:
        if ref.get_object().get("/T") == name:
            return ref.get_object()
    raise KeyError(name)


# --------------------------------------------------------------------------
# The handout knows itself: the form description
# --------------------------------------------------------------------------

SHEETS = {
    "full": dict(concerns=("bones", "pain", "tiredness")),
    "brief": dict(concerns=("bones", "emotions"), brief=True),
    "questions only": dict(concerns=("bones", "lungs"), questions_only=True),
    "clinic phones, a4": dict(concerns=("tiredness",), clinic=CLINIC, paper="a4"),
    "large print": dict(concerns=("pain", "liver"), large_print=True),
}


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_field_is_described_once_and_nothing_else(pack, sheet):
    data = handout_bytes(Request(patient_name=NAME, **SHEETS[sheet]), pack)
    described = description(data)["fields"]
    names = [field["name"] for field in described]
    assert len(names) == len(set(names))
    assert sorted(names) == sorted(field_names(data))
    for field in described:
        assert set(field) == {"name", "kind", *FIELD_KEYS[field["kind"]]}
    # What each field is, as the sheet itself says it (the tooltips the story gives them).
    tooltips = {str(annot["/T"]): str(annot.get("/TU", "")) for annot, _ in widgets(data)}
    for field in described:
        tooltip = tooltips[field["name"]]
        if field["kind"] == "question_tick":
            assert tooltip == field["question"]
        elif field["kind"] == "symptom":
            assert tooltip == f"{field['symptom']}, {field['day_label']}"
        elif field["kind"] == "medicine":
            assert tooltip == f"{field['column_label']} {field['row']}"
        elif field["kind"] == "phone":
            assert tooltip == field["label"]


def test_the_description_names_each_question_under_its_group_as_printed(pack, handout):
    text = pdf_text(handout)
    described = description(handout)
    assert described["mbcprep_form"] == FORM_VERSION
    assert described["pack"] == {"id": pack.meta.id, "version": pack.meta.version}
    assert (described["language"], described["paper"]) == ("en-US", "letter")
    assert [c["id"] for c in described["concerns"]] == ["bones", "pain", "tiredness"]
    ticks = [f for f in described["fields"] if f["kind"] == "question_tick"]
    assert [f["number"] for f in ticks] == list(range(1, len(ticks) + 1))
    for field in ticks:
        assert squash(field["group"]) in text and squash(field["question"]) in text


def test_the_description_holds_nothing_the_sheet_does_not_show(pack):
    request = Request(concerns=("bones",), patient_name=NAME, provider="Dr. Maya Chen", clinic=CLINIC,
                      hormone_receptor="negative", her2="zero", note="A private note about my sister.")
    data = handout_bytes(request, pack)
    printed = pdf_text(data)
    described = description(data)

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("name", "kind", "pack", "language", "paper", "id"):
                    yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    for text in strings(described):
        assert squash(text) in printed
    assert "triple" not in json.dumps(described) and "sister" not in json.dumps(described)


def test_the_description_is_in_the_catalog_and_attached_as_the_same_file(handout):
    reader = pdf_reader(handout)
    assert list(reader.attachments) == [EMBEDDED_FILE]
    assert reader.attachments[EMBEDDED_FILE][0] == reader.trailer["/Root"][f"/{CATALOG_KEY}"].get_object().get_data()


def test_the_description_survives_filling_with_pypdf(handout):
    filled = fill_form(handout, {"notes": WORLD})
    assert description(filled) == description(handout)
    assert EMBEDDED_FILE in pdf_reader(filled).attachments


def test_a_paper_only_handout_describes_no_fields_and_says_so(pack):
    data = handout_bytes(Request(concerns=("bones",), fillable=False), pack)
    assert description(data)["fields"] == []
    with pytest.raises(FilledFormError) as caught:
        read_filled_form(data)
    assert caught.value.reason == "paper_only"


def test_handouts_stay_byte_identical(pack):
    request = Request(concerns=("bones", "pain"), patient_name=NAME)
    assert handout_bytes(request, pack) == handout_bytes(request, pack)


# --------------------------------------------------------------------------
# Values come back exact, in the right places
# --------------------------------------------------------------------------


def test_every_kind_of_field_comes_back_in_its_place(handout):
    described = description(handout)["fields"]
    values = every_field(handout, "typed ")
    got = summary_data(fill_form(handout, values))
    assert got["header"][0] == {"label": "Name", "value": NAME}
    assert [c for c in got["concerns"]] == [c["title"] for c in description(handout)["concerns"]]
    assert got["top_questions"] == [{"number": n, "text": f"typed top_question_{n}"} for n in (1, 2, 3)]
    ticks = [f for f in described if f["kind"] == "question_tick"]
    groups = list(dict.fromkeys(f["group"] for f in ticks))
    assert [g["group"] for g in got["questions"]] == groups
    asked = [q for g in got["questions"] for q in g["questions"]]
    assert asked == [{"id": None, "question": f["question"], "ticked": True, "answer": f"typed answer_{f['number']}"}
                     for f in ticks]
    own = [f["name"] for f in described if f["kind"] == "own_question"]
    assert own and got["own_questions"] == [f"typed {name}" for name in own]
    rows = [f for f in described if f["kind"] == "symptom"]
    log = got["symptom_log"]
    assert log["days"] == [f["day_label"] for f in rows if f["row"] == 1]
    assert [r["symptom"] for r in log["rows"]] == list(dict.fromkeys(f["symptom"] for f in rows))
    assert log["rows"][0]["scores"] == [f"typed symptom_1_{d}" for d in range(1, 8)]
    medicines = got["medicines"]
    assert medicines["rows"][0] == ["typed medicine_1_1", "typed medicine_1_2", "typed medicine_1_3"]
    assert len(medicines["rows"]) == len({f["row"] for f in described if f["kind"] == "medicine"})
    assert got["notes"] == {"text": "typed notes", "continued": False}


def test_field_names_are_assigned_once_and_every_reader_follows_them(pack, monkeypatch):
    """A change to the naming scheme in ``mbcprep.model.form`` reaches the PDF's fields, the description and the
    summary, with nothing else to change: the renderers and the reader only read the names the plan carries."""
    import mbcprep.model.form

    for kind, pattern in list(mbcprep.model.form.FIELD_NAMES.items()):
        monkeypatch.setitem(mbcprep.model.form.FIELD_NAMES, kind, "renamed." + pattern.replace("_", "-"))
    data = handout_bytes(Request(concerns=("bones", "pain"), patient_name=NAME), pack)
    described = description(data)["fields"]
    assert sorted(field["name"] for field in described) == sorted(field_names(data))
    assert all(field["name"].startswith("renamed.") for field in described if field["kind"] != "phone")
    ticks = [field for field in described if field["kind"] == "question_tick"]
    assert [field["name"] for field in ticks] == [f"renamed.ask-{n}" for n in range(1, len(ticks) + 1)]
    by_kind = {field["kind"]: field["name"] for field in reversed(described)}  # the first of each kind
    got = summary_data(fill_form(data, {by_kind["question_tick"]: "/Yes", by_kind["top_question"]: WORLD,
                                        by_kind["symptom"]: "9", by_kind["notes"]: "renamed notes"}))
    assert got["top_questions"] == [{"number": 1, "text": WORLD}]
    assert got["questions"][0]["questions"][0] == {"id": None, "question": ticks[0]["question"], "ticked": True, "answer": ""}
    assert got["symptom_log"]["rows"][0]["scores"][0] == "9"
    assert got["notes"] == {"text": "renamed notes", "continued": False}


@pytest.mark.parametrize("typed", [WORLD, MARKUP, "Γειά σου Κόσμε", "José Ñúñez: ¿dolor? ¡sí!",
                                   "Łódź Żółć", "line one\nline two\n\nline four"])
def test_text_in_any_script_and_markup_come_back_exactly(handout, typed):
    filled = fill_form(handout, {"top_question_1": typed, "answer_2": typed, "ask_2": "/Yes", "medicine_1_1": typed,
                            "notes": typed})
    got = summary_data(filled)
    assert got["top_questions"] == [{"number": 1, "text": typed.strip()}]
    assert [q["answer"] for g in got["questions"] for q in g["questions"]] == [typed.strip()]
    assert got["medicines"]["rows"][0][0] == typed.strip()
    assert got["notes"]["text"] == typed.strip()
    assert typed.strip() in summary_text(filled)


def test_the_pdf_summary_draws_any_script_and_markup_as_text(handout):
    filled = fill_form(handout, {"top_question_1": WORLD, "top_question_2": MARKUP})
    text = pdf_text(summarise(filled, "pdf", TODAY).data)
    assert WORLD in text
    assert squash(MARKUP) in text


def test_characters_the_font_cannot_draw_are_marked_and_kept_in_text(handout):
    filled = fill_form(handout, {"top_question_1": "Ask about 乳がん please"})
    text = pdf_text(summarise(filled, "pdf", TODAY).data)
    assert "Ask about \ufffd\ufffd\ufffd please" in text and "txt" in text
    assert "乳がん" in summary_text(filled)


@pytest.mark.parametrize("encoding,bom", [("utf-16-be", b"\xfe\xff"), ("utf-16-le", b"\xff\xfe"),
                                          ("utf-8", b"\xef\xbb\xbf")])
def test_values_stored_as_unicode_bytes_come_back_exact(handout, encoding, bom):
    from pypdf.generic import ByteStringObject, NameObject

    def store(writer):
        form_field(writer, "top_question_1")[NameObject("/V")] = ByteStringObject(bom + WORLD.encode(encoding))

    assert summary_data(rewrite_pdf(handout, store))["top_questions"] == [{"number": 1, "text": WORLD}]


def test_a_value_stored_as_a_text_stream_with_carriage_returns(handout):
    from pypdf.generic import DecodedStreamObject, NameObject

    def store(writer):
        stream = DecodedStreamObject()
        stream.set_data(b"\xfe\xff" + "first\r\nsecond\rthird".encode("utf-16-be"))
        form_field(writer, "notes")[NameObject("/V")] = writer._add_object(stream)

    assert summary_data(rewrite_pdf(handout, store))["notes"]["text"] == "first\nsecond\nthird"


def test_a_value_on_the_parent_of_a_widget(handout):
    """A viewer that splits a field into a parent (name, value) and a widget kid (no name)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    def split(writer):
        fields = writer._root_object["/AcroForm"]["/Fields"]
        for index, ref in enumerate(fields):
            widget = ref.get_object()
            if widget.get("/T") == "own_question_1":
                parent = DictionaryObject({NameObject("/T"): TextStringObject("own_question_1"),
                                           NameObject("/FT"): NameObject("/Tx"),
                                           NameObject("/V"): TextStringObject(WORLD)})
                parent_ref = writer._add_object(parent)
                parent[NameObject("/Kids")] = ArrayObject([ref])
                for key in ("/T", "/FT", "/V"):
                    widget.pop(key, None)
                widget[NameObject("/Parent")] = parent_ref
                fields[index] = parent_ref

    assert summary_data(rewrite_pdf(handout, split))["own_questions"] == [WORLD]


def test_fields_nested_under_a_parent_name_are_still_found(handout):
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    def nest(writer):
        form = writer._root_object["/AcroForm"]
        parent = DictionaryObject({NameObject("/T"): TextStringObject("form")})
        parent_ref = writer._add_object(parent)
        parent[NameObject("/Kids")] = ArrayObject(list(form["/Fields"]))
        for ref in form["/Fields"]:
            ref.get_object()[NameObject("/Parent")] = parent_ref
        form[NameObject("/Fields")] = ArrayObject([parent_ref])
        form_field_in = parent["/Kids"]
        for ref in form_field_in:
            if ref.get_object().get("/T") == "notes":
                ref.get_object()[NameObject("/V")] = TextStringObject("nested")

    assert summary_data(rewrite_pdf(handout, nest))["notes"]["text"] == "nested"


def test_fields_found_through_the_pages_when_the_form_lost_its_field_list(handout):
    from pypdf.generic import ArrayObject, NameObject

    filled = fill_form(handout, {"notes": WORLD, "ask_1": "/Yes"})

    def drop(writer):
        writer._root_object["/AcroForm"][NameObject("/Fields")] = ArrayObject()

    got = summary_data(rewrite_pdf(filled, drop))
    assert got["notes"]["text"] == WORLD and got["questions"][0]["questions"][0]["ticked"]


@pytest.mark.parametrize("value,state,ticked", [
    ("/Yes", None, True), ("/On", None, True), ("/1", None, True), ("/Oui", None, True),
    (None, "/Yes", True), ("/Off", "/On", True), ("/Off", "/Off", False), (None, None, False),
    ("Yes", None, True), ("Off", None, False),
])
def test_check_boxes_ticked_by_value_or_by_appearance_state(handout, value, state, ticked):
    from pypdf.generic import NameObject, TextStringObject

    def set_box(writer):
        box = form_field(writer, "ask_1")
        box.pop("/V", None)
        box.pop("/AS", None)
        if value is not None:
            box[NameObject("/V")] = NameObject(value) if value.startswith("/") else TextStringObject(value)
        if state is not None:
            box[NameObject("/AS")] = NameObject(state)

    groups = summary_data(rewrite_pdf(handout, set_box))["questions"]
    assert bool(groups) == ticked


def test_a_question_answered_but_not_ticked_is_kept_and_says_so(handout):
    got = summary_data(fill_form(handout, {"answer_3": "Only ask if time"}))
    assert [q for g in got["questions"] for q in g["questions"]][0]["ticked"] is False
    assert "not ticked, but answered" in summary_text(fill_form(handout, {"answer_3": "Only ask if time"}))


# --------------------------------------------------------------------------
# The summary's rules
# --------------------------------------------------------------------------


def test_high_scores_and_a_rise_over_the_week_are_marked(handout):
    values = {"symptom_1_1": "2", "symptom_1_3": "4", "symptom_1_7": "7/10",  # rise 5, one high
              "symptom_2_1": "5", "symptom_2_7": "7",  # rise 2: not rising, but 7 is high
              "symptom_3_2": "x", "symptom_3_4": "11", "symptom_3_5": "6,5"}  # not scores, and 6.5
    rows = summary_data(fill_form(handout, values))["symptom_log"]["rows"]
    first, second, third = rows
    assert first["values"] == [2, None, 4, None, None, None, 7] and first["high"][6] and first["rising"]
    assert first["rise"] == 5 and not any(first["high"][:6])
    assert second["rise"] == 2 and not second["rising"] and second["high"] == [False] * 6 + [True]
    assert third["scores"][1] == "x" and third["values"] == [None, None, None, None, 6.5, None, None]
    assert not any(third["high"]) and third["rise"] is None
    text = summary_text(fill_form(handout, values))
    assert "2, -, 4, -, -, -, 7/10*" in text and "+5 ^" in text


def test_rows_and_parts_with_nothing_entered_are_left_out_and_named(handout):
    got = summary_data(fill_form(handout, {"symptom_2_3": "4"}))
    assert len(got["symptom_log"]["rows"]) == 1
    assert got["medicines"] == {"columns": ["Medicine", "Dose", "When I take it"], "rows": []}
    text = summary_text(fill_form(handout, {"symptom_2_3": "4"}))
    assert "Nothing entered: Top 3 questions, Questions ticked, Their own questions, Medicines, Notes." in text


def test_an_empty_handout_says_nothing_was_entered(handout):
    got = summary_data(fill_form(handout, {}))
    assert (got["top_questions"], got["questions"], got["own_questions"], got["notes"]) == ([], [], [], None)
    assert "Nothing was typed or ticked on this handout." in summary_text(fill_form(handout, {}))
    assert "Nothing was typed or ticked" in pdf_text(summarise(fill_form(handout, {}), "pdf", TODAY).data)


def test_long_notes_come_back_whole_and_the_pdf_says_where_the_rest_is(handout):
    """The review's 8-line note lost lines 7 and 8 in every format: only the one-page PDF may shorten."""
    notes = "\n".join(f"line {n}" for n in range(1, 90))  # more than the page's 40 lines of notes
    filled = fill_form(handout, {"notes": notes})
    assert summary_data(filled)["notes"] == {"text": notes, "continued": False}
    text = summary_text(filled)
    assert notes in text and "continued" not in text
    pdf = pdf_text(summarise(filled, "pdf", TODAY).data)
    assert "line 89" not in pdf and "the rest is whole in the text summary (txt) and on the patient's sheet" in pdf


def test_who_when_and_the_footer(handout):
    text = pdf_text(summarise(fill_form(handout, {"notes": "hello"}), "pdf", TODAY).data)
    for words in (NAME, "Thursday, December 3, 2026, 10:30 AM", "Dr. Maya Chen", "Bone pain and bone health",
                  "Made from the patient's own entries on December 3, 2026; not a clinical record."):
        assert words in text


def test_a_spanish_handout_gets_a_spanish_summary(spanish_pack):
    data = handout_bytes(Request(concerns=("bones",), patient_name="José Ñúñez"), spanish_pack)
    filled = fill_form(data, {"top_question_1": "¿Puedo viajar?", "notes": "x\n" * 10})
    text = pdf_text(summarise(filled, "pdf", TODAY).data)
    assert "Resumen para la consulta" in text and "¿Puedo viajar?" in text
    assert "Hecho el 3 de diciembre de 2026" in text


def test_every_language_has_every_summary_word():
    assert set(languages()) >= {"en", "es"}
    for language in languages().values():
        assert set(load_words(language.tag)) == set(KEYS), language.tag
    assert load_words("es-US")["title"] != load_words("en-US")["title"]
    assert load_words("fr-FR")["title"] == load_words("en-US")["title"]
    assert load_words("../../etc")["title"] == load_words("")["title"] == load_words("en-US")["title"]


# --------------------------------------------------------------------------
# One page, always; the same bytes every time
# --------------------------------------------------------------------------

OVERFULL = "A long answer that goes on about many things, side effects and plans and travel, " * 20


def within_limits(data: bytes, values: dict) -> dict:
    """The values cut to what the reader takes: each field to its kind's limit, all of them to the total."""
    from mbcprep import limits

    kinds = {field["name"]: field["kind"] for field in description(data)["fields"]}
    left = limits.FILLED_TEXT_CHARS
    kept = {}
    for name, value in values.items():
        if kinds.get(name) in limits.FILLED_FIELD_CHARS:
            value = value[:max(0, min(limits.FILLED_FIELD_CHARS[kinds[name]], left))]
            left -= len(value)
        kept[name] = value
    return kept


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("case", ["overfull", "no spaces", "blank lines", "typical"])
def test_the_pdf_summary_is_one_page_of_the_handouts_paper(pack, paper, case):
    data = handout_bytes(Request(concerns=("bones", "pain", "tiredness", "brain", "lungs", "emotions"),
                                 patient_name="Margaret Anne O'Connor-Lindqvist " * 3, paper=paper), pack)
    typed = {"overfull": OVERFULL, "no spaces": "W" * 4000, "blank lines": "\n" * 300 + "x",
             "typical": "Can I travel in March?"}[case]
    values = {name: ("/Yes" if name.startswith("ask_") else str(len(name) % 11) if name.startswith("symptom_")
                     else typed) for name in field_names(data)}
    values = {"notes": "\n".join([typed] * 60), **values}
    summary = summarise(fill_form(data, within_limits(data, values)), "pdf", TODAY)
    reader = pdf_reader(summary.data)
    assert summary.pages == len(reader.pages) == 1
    from reportlab.lib.pagesizes import A4, LETTER

    expected = {"letter": LETTER, "a4": A4}[paper]
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [round(v) for v in expected]
    text = pdf_text(summary.data)
    assert "not a clinical record" in text
    if case != "typical":
        assert "Shortened to fit one page" in text


def test_a_shortened_symptom_log_keeps_the_marked_rows(pack):
    data = handout_bytes(Request(concerns=("bones", "pain", "tiredness", "brain", "lungs", "emotions"),
                                 paper="letter"), pack)
    values = {name: OVERFULL for name in field_names(data) if not name.startswith(("ask_", "symptom_"))}
    values.update({name: "/Yes" for name in field_names(data) if name.startswith("ask_")})
    rows = sorted({int(name.split("_")[1]) for name in field_names(data) if name.startswith("symptom_")})
    values.update({f"symptom_{row}_1": "1" for row in rows})
    values[f"symptom_{rows[-1]}_1"] = "9"  # only the last row is marked
    text = pdf_text(summarise(fill_form(data, within_limits(data, values)), "pdf", TODAY).data)
    last = [f for f in description(data)["fields"] if f["name"] == f"symptom_{rows[-1]}_1"][0]["symptom"]
    assert "more on the patient's sheet" in text and squash(last) in text


@pytest.mark.parametrize("fmt", list(SUMMARY_FORMATS))
def test_the_same_filled_handout_gives_the_same_bytes(handout, fmt):
    filled = fill_form(handout, every_field(handout, WORLD))
    assert summarise(filled, fmt, TODAY).data == summarise(filled, fmt, TODAY).data


# --------------------------------------------------------------------------
# Files that cannot be read back: one fixed line each, never the person's words
# --------------------------------------------------------------------------


def reason(source) -> str:
    with pytest.raises(FilledFormError) as caught:
        read_filled_form(source)
    assert NAME not in str(caught.value) and WORLD not in str(caught.value)
    return caught.value.reason


def flatten(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, {"notes": WORLD}, auto_regenerate=False, flatten=True)
    writer.remove_annotations(subtypes="/Widget")
    del writer._root_object[NameObject("/AcroForm")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_flattened_handout(handout):
    assert reason(flatten(fill_form(handout, {"notes": WORLD}))) == "flattened"


@pytest.mark.skipif(shutil.which("pdftocairo") is None, reason="pdftocairo (poppler-utils) is not installed")
def test_a_handout_printed_to_pdf(handout, tmp_path):
    (tmp_path / "filled.pdf").write_bytes(fill_form(handout, {"notes": WORLD}))
    subprocess.run(["pdftocairo", "-pdf", str(tmp_path / "filled.pdf"), str(tmp_path / "printed.pdf")], check=True)
    assert reason(tmp_path / "printed.pdf") == "flattened"


def test_an_unrelated_pdf():
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "A letter about something else entirely.")
    canvas.acroForm.textfield(name="notes", x=72, y=600, width=200, height=20)
    canvas.save()
    assert reason(out.getvalue()) == "not_handout"


def test_an_encrypted_handout(handout):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fill_form(handout, {"notes": WORLD}))))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert reason(out.getvalue()) == "encrypted"


@pytest.mark.parametrize("keep", [0.5, 0.97, 0.999])
def test_a_truncated_handout(handout, keep):
    filled = fill_form(handout, {"notes": WORLD})
    assert reason(filled[:int(len(filled) * keep)]) == "damaged"


def test_a_damaged_description(handout):
    from pypdf.generic import NameObject

    def spoil(writer):
        writer._root_object[NameObject(f"/{CATALOG_KEY}")].get_object().set_data(b'{"mbcprep_form": 1, "fie')

    assert reason(rewrite_pdf(handout, spoil)) == "damaged"


@pytest.mark.parametrize("spoil", [
    lambda d: d["fields"][0].pop("kind"),
    lambda d: d["fields"][-1].update(kind="somewhere"),
    lambda d: [f.update(number="1") for f in d["fields"] if f["kind"] == "question_tick"],
    lambda d: [f.pop("symptom") for f in d["fields"] if f["kind"] == "symptom"],
    lambda d: d.update(header="Ana"),
])
def test_a_description_of_the_wrong_shape_is_a_damaged_file(handout, spoil):
    from pypdf.generic import NameObject

    def change(writer):
        described = description(handout)
        spoil(described)
        writer._root_object[NameObject(f"/{CATALOG_KEY}")].get_object().set_data(json.dumps(described).encode())

    assert reason(rewrite_pdf(handout, change)) == "damaged"


@pytest.mark.parametrize("version,expected", [(0, "older"), (FORM_VERSION + 1, "newer"), ("1", "damaged")])
def test_a_description_of_another_version(handout, version, expected):
    from pypdf.generic import NameObject

    def change(writer):
        described = description(handout) | {"mbcprep_form": version}
        data = json.dumps(described).encode()
        writer._root_object[NameObject(f"/{CATALOG_KEY}")].get_object().set_data(data)
        writer.attachments[EMBEDDED_FILE]  # noqa: B018 - the attachment is the same stream object

    assert reason(rewrite_pdf(handout, change)) == expected
    if expected == "older":  # never "make a new handout": the answers are in this file
        older = FilledFormError.MESSAGES["older"]
        assert "keep the file" in older and "new handout" not in older


def test_a_copy_that_lost_its_description_is_read_from_its_fields(handout):
    """A tool that copies pages only (the review: 26 answers still in the fields) drops the catalog and the
    description with it: the answers are read from the fields' names and tooltips, and the summary says so."""
    from pypdf import PdfReader, PdfWriter

    filled = fill_form(handout, {"notes": WORLD, "top_question_1": "Can I swim?", "ask_1": "/Yes",
                                 "answer_1": "Yes", "symptom_1_1": "8", "medicine_1_1": "Letrozole"})
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(filled)).pages:
        writer.add_page(page)
    copy = io.BytesIO()
    writer.write(copy)
    got = summary_data(copy.getvalue())
    assert got["notes"]["text"] == WORLD and got["top_questions"] == [{"number": 1, "text": "Can I swim?"}]
    original = summary_data(filled)
    assert got["questions"][0]["questions"][0]["question"] == original["questions"][0]["questions"][0]["question"]
    assert got["questions"][0]["questions"][0]["answer"] == "Yes"
    assert got["symptom_log"]["rows"][0]["symptom"] == original["symptom_log"]["rows"][0]["symptom"]
    assert got["medicines"]["rows"] == [["Letrozole", "", ""]]
    assert "lost the handout's description" in got["notice"] and original["notice"] == ""
    assert "lost the handout's description" in summary_text(copy.getvalue())


def test_the_description_is_found_in_the_attachment_alone(handout):
    from pypdf.generic import NameObject

    def drop_key(writer):
        del writer._root_object[NameObject(f"/{CATALOG_KEY}")]

    assert summary_data(rewrite_pdf(fill_form(handout, {"notes": WORLD}), drop_key))["notes"]["text"] == WORLD


def test_a_file_over_the_size_limit(tmp_path):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as stream:
        stream.write(b"%PDF-1.4\n")
        stream.truncate(MAX_BYTES + 1)
    assert reason(big) == "too_large"
    assert reason(b"%PDF-1.4\n" + bytes(MAX_BYTES)) == "too_large"
    assert "20 MB" in FilledFormError.MESSAGES["too_large"]


def test_not_a_pdf_and_no_such_file(tmp_path):
    assert reason(b"\x89PNG\r\n\x1a\n" + bytes(100)) == "not_pdf"
    assert reason(tmp_path / "missing.pdf") == "missing"
    assert reason(tmp_path) == "missing"


def test_pypdf_logs_nothing_about_a_broken_string(handout, caplog):
    from pypdf.generic import ByteStringObject, NameObject

    def spoil(writer):
        form_field(writer, "notes")[NameObject("/V")] = ByteStringObject(b"\xfe\xff" + WORLD.encode("utf-16-be")[:-1])

    spoiled = rewrite_pdf(handout, spoil)
    with caplog.at_level(logging.DEBUG):
        summarise(spoiled, "json", TODAY)
    assert not [record for record in caplog.records if record.name.startswith("pypdf")]


# --------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------


@pytest.fixture
def filled_file(tmp_path, handout):
    path = tmp_path / "filled.pdf"
    path.write_bytes(fill_form(handout, {"top_question_1": WORLD, "notes": "hello", "symptom_1_1": "8"}))
    return path


def test_cli_writes_a_one_page_pdf_named_without_the_person(filled_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["summary", str(filled_file)])
    assert result.exit_code == 0, result.output
    written = list(tmp_path.glob("visit-summary-*.pdf"))
    assert len(written) == 1 and result.output.strip() == f"Wrote {written[0].name} (1 page)"
    assert len(pdf_reader(written[0].read_bytes()).pages) == 1


def test_cli_text_to_standard_output_and_json_by_suffix(filled_file, tmp_path):
    result = CliRunner().invoke(main, ["summary", str(filled_file), "--format", "txt", "-o", "-"])
    assert result.exit_code == 0 and WORLD in result.output and result.output.startswith("VISIT SUMMARY")
    out = tmp_path / "s.json"
    result = CliRunner().invoke(main, ["summary", str(filled_file), "-o", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text("utf-8"))["top_questions"][0]["text"] == WORLD


def test_cli_never_writes_over_a_file_without_force(filled_file, tmp_path):
    out = tmp_path / "s.pdf"
    out.write_bytes(b"keep me")
    result = CliRunner().invoke(main, ["summary", str(filled_file), "-o", str(out)])
    assert result.exit_code == 1 and "--force" in result.output and out.read_bytes() == b"keep me"
    assert CliRunner().invoke(main, ["summary", str(filled_file), "-o", str(out), "--force"]).exit_code == 0


@pytest.mark.parametrize("make,expected", [
    (lambda handout: flatten(fill_form(handout, {"notes": WORLD})), FilledFormError.MESSAGES["flattened"]),
    (lambda handout: fill_form(handout, {"notes": WORLD})[:5000], FilledFormError.MESSAGES["damaged"]),
    (lambda handout: b"plain text, " + WORLD.encode(), FilledFormError.MESSAGES["not_pdf"]),
])
def test_cli_errors_are_one_line_exit_1_without_the_persons_words(tmp_path, handout, make, expected):
    path = tmp_path / "in.pdf"
    path.write_bytes(make(handout))
    result = CliRunner().invoke(main, ["summary", str(path), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 1
    assert result.output == f"Error: {expected}\n"
    assert not (tmp_path / "out.pdf").exists()


def test_cli_an_internal_problem_is_one_line_without_the_persons_words(filled_file, monkeypatch):
    import mbcprep.summary

    def broken(*args, **kwargs):
        raise ValueError(f"could not handle {WORLD}")

    monkeypatch.setattr(mbcprep.summary, "plan_summary", broken)
    result = CliRunner().invoke(main, ["summary", str(filled_file), "-o", "-"])
    assert result.exit_code == 1 and WORLD not in result.output
    assert result.output.startswith("Error: mbcprep could not make this summary") and result.output.count("\n") == 1


def test_cli_a_missing_file_exits_1_not_2(tmp_path):
    result = CliRunner().invoke(main, ["summary", str(tmp_path / "nothing.pdf")])
    assert result.exit_code == 1 and result.output.startswith("Error: there is no such file")


def test_cli_help_has_an_example():
    result = CliRunner().invoke(main, ["summary", "--help"])
    assert result.exit_code == 0 and "mbcprep summary ana-filled.pdf" in result.output


# --------------------------------------------------------------------------
# The README says what the code does
# --------------------------------------------------------------------------

README = __import__("pathlib").Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_lists_every_error_message():
    readme = README.read_text(encoding="utf-8")
    for message in FilledFormError.MESSAGES.values():
        assert f"Error: {message}" in readme


def test_the_readme_json_example_has_the_keys_the_summary_writes(handout):
    import re

    block = re.search(r'```json\n(\{\n  "mbcprep_summary".*?)\n```', README.read_text(encoding="utf-8"), re.S).group(1)
    example = json.loads(block)
    written = summary_data(fill_form(handout, every_field(handout, "x")))

    def keys(value):
        """The keys at every level (a list by its first item)."""
        if isinstance(value, dict):
            return {key: keys(item) for key, item in value.items()}
        if isinstance(value, list) and value:
            return [keys(value[0])]
        return None

    assert keys(example) == keys(written)


def test_every_reason_has_its_message():
    assert set(FilledFormError.REASONS) == set(FilledFormError.MESSAGES) | {"missing"}
