"""A filled-in handout is a file from outside: whatever it holds, the summary stays clean, bounded and one line.

What a hostile file may try, and what the summary does:

- escape sequences, bidi overrides and other control characters in a value
  or in the form description: removed (line breaks kept) in every format,
  as they are from every value a person types;
- values that are huge, compressed, or many fields pointing at one stream:
  refused with the "too large" line before any layout;
- a form description that claims very many days, columns, header lines or
  fields, or very long labels: "damaged";
- files that are not regular files, locked ones, ones with bytes after
  their end: the right one-line message, never a hang.

Timing is measured in ``benchmarks/summary_bombs.py``; these tests assert
only that such files are refused or bounded.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from conftest import fill_form, handout_bytes, page_text, pdf_text, rewrite_pdf, web_post

from mbcprep.form import CATALOG_KEY
from mbcprep.model.request import Request
from mbcprep.pack import load_pack
from mbcprep.summary import summarise
from mbcprep.summary.read import read_filled_form

TODAY = dt.date(2026, 12, 3)
#: What a terminal would obey: a clipboard write (OSC 52), a cursor move up five lines, a colour,
#: a right-to-left override, BEL, NUL, a C1 control (CSI) and the isolates.
HOSTILE = ("Is it spread?\x1b]52;c;SW5qZWN0ZWQ=\x07 ok\x1b[5F\x1b[31m red\u202eevif si\u2066x\u2069 "
           "bell\x07 nul\x00 c1\x9b2J\u200fend")
#: The same text as it must come out: every control and bidi character gone, the rest as typed.
CLEANED = "Is it spread?]52;c;SW5qZWN0ZWQ= ok[5F[31m redevif six bell nul c12Jend"
CONTROL_OR_BIDI = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def handout() -> bytes:
    return handout_bytes(Request(concerns=("bones", "pain", "tiredness"), patient_name="Ana Díaz",
                                 visit=dt.datetime(2026, 12, 3, 10, 30)), load_pack())


def description_of(data: bytes) -> dict:
    from conftest import pdf_reader

    return json.loads(pdf_reader(data).trailer["/Root"][f"/{CATALOG_KEY}"].get_object().get_data())


def with_description(data: bytes, change) -> bytes:
    """The handout with its description (catalog key and attachment, one stream) changed by ``change(dict)``."""
    from pypdf.generic import NameObject

    described = description_of(data)
    change(described)

    def store(writer):
        writer._root_object[NameObject(f"/{CATALOG_KEY}")].get_object().set_data(
            json.dumps(described, ensure_ascii=False).encode("utf-8"))

    return rewrite_pdf(data, store)


@pytest.fixture(scope="module")
def hostile(handout) -> bytes:
    """Every kind of field typed with escape sequences, and the description's own words spoiled the same way."""

    def spoil(described):
        described["header"][0]["value"] = "Ana" + HOSTILE
        described["concerns"][0]["title"] = "Bones" + HOSTILE
        for field in described["fields"]:
            for key in ("group", "question", "symptom", "day_label", "column_label", "label"):
                if key in field:
                    field[key] += "\x1b[2K\u202e"

    values = {"top_question_1": HOSTILE, "ask_1": "/Yes", "answer_1": HOSTILE, "own_question_1": HOSTILE,
              "symptom_1_1": "2\x1b[5F", "symptom_1_7": "9\u202e", "medicine_1_1": HOSTILE,
              "notes": "first line\n" + HOSTILE}
    return fill_form(with_description(handout, spoil), values)


# --------------------------------------------------------------------------
# Nothing a file holds drives a terminal or reads backwards (review M2)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "json"])
def test_no_control_or_bidi_character_reaches_the_text_or_json_summary(hostile, fmt):
    text = summarise(hostile, fmt, TODAY).data.decode("utf-8")
    if fmt == "json":
        assert "\\u001b" not in text and "\\u0007" not in text and "\\u0000" not in text
        text = json.dumps(json.loads(text), ensure_ascii=False)
    assert not CONTROL_OR_BIDI.findall(text)
    assert CLEANED in text and "Bones" in text


def test_the_values_keep_their_words_and_line_breaks(hostile):
    data = json.loads(summarise(hostile, "json", TODAY).data)
    assert data["top_questions"][0]["text"] == CLEANED
    assert data["notes"]["text"] == "first line\n" + CLEANED
    assert data["header"][0]["value"] == "Ana" + CLEANED
    rows = data["symptom_log"]["rows"]
    assert rows[0]["scores"][0] == "2[5F" and rows[0]["scores"][6] == "9" and rows[0]["high"][6]


def test_no_control_or_bidi_character_reaches_the_pdf_summary(hostile):
    text = pdf_text(summarise(hostile, "pdf", TODAY).data)
    assert not CONTROL_OR_BIDI.findall(text)
    assert "evif si" in text


def test_no_control_or_bidi_character_reaches_the_web_page(client, hostile):
    response = web_post(client, "/summary", {"handout": (io.BytesIO(hostile), "f.pdf"), "action": "html"},
                        content_type="multipart/form-data")
    assert response.status_code == 200
    source = response.get_data(as_text=True)
    assert not CONTROL_OR_BIDI.findall(source.replace("\t", " "))
    assert "&#27;" not in source and "&#x1b;" not in source.lower()
    assert CLEANED in page_text(response)


def test_the_reader_cleans_what_it_reads(hostile):
    filled = read_filled_form(hostile)
    for value in filled.text.values():
        assert not CONTROL_OR_BIDI.findall(value)


def test_a_language_escape_is_dropped_and_nothing_else_with_it(handout):
    from pypdf.generic import ByteStringObject, NameObject

    typed = "\x1benUS\x1bHip \x1bes\x1bdolor \x1b[31m red"

    def store(writer):
        for ref in writer._root_object["/AcroForm"]["/Fields"]:
            if ref.get_object().get("/T") == "notes":
                ref.get_object()[NameObject("/V")] = ByteStringObject(b"\xfe\xff" + typed.encode("utf-16-be"))

    notes = json.loads(summarise(rewrite_pdf(handout, store), "json", TODAY).data)["notes"]
    assert notes["text"] == "Hip dolor [31m red"
