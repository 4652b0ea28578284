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

from mbcprep.errors import FilledFormError
from mbcprep.model.form import CATALOG_KEY
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


# --------------------------------------------------------------------------
# Text without bounds: refused before any layout (review M1)
# --------------------------------------------------------------------------


def reason(source) -> str:
    with pytest.raises(FilledFormError) as caught:
        read_filled_form(source)
    return caught.value.reason


def compressed_stream(writer, data: bytes):
    """A /FlateDecode stream holding ``data``, compressed as tightly as zlib can, added to the writer."""
    import zlib

    from pypdf.generic import EncodedStreamObject, NameObject

    stream = EncodedStreamObject()
    stream._data = zlib.compress(data, 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    return writer._add_object(stream)


def point_fields_at(data: bytes, names, value) -> bytes:
    """The handout with the fields ``names`` holding ``value(writer)`` (one object: a string or a shared stream)."""
    from pypdf.generic import NameObject

    def store(writer):
        shared = value(writer)
        for ref in writer._root_object["/AcroForm"]["/Fields"]:
            if ref.get_object().get("/T") in names:
                ref.get_object()[NameObject("/V")] = shared

    return rewrite_pdf(data, store)


def bomb(handout, names, size: int) -> bytes:
    return point_fields_at(handout, names, lambda writer: compressed_stream(writer, b"\xfe\xff" + b"\x00A" * (size // 2)))


EIGHT_FIELDS = ("top_question_1", "top_question_2", "answer_1", "answer_2", "own_question_1", "medicine_1_1",
                "medicine_1_2", "notes")
TEN_CELLS = tuple(f"symptom_{row}_{day}" for row in (1, 2) for day in range(1, 6))


def test_eight_fields_pointing_at_one_70_mb_stream_are_refused(handout):
    data = bomb(handout, EIGHT_FIELDS, 70_000_000)
    assert len(data) < 200_000 + len(handout)
    assert reason(data) == "too_much_text"


def test_ten_symptom_cells_pointing_at_one_1_mb_stream_are_refused(handout):
    data = bomb(handout, TEN_CELLS, 1_000_000)
    assert reason(data) == "too_much_text"


@pytest.mark.parametrize("name", ["notes", "answer_1", "symptom_1_1", "medicine_1_1", "phone_care_team"])
def test_a_plain_1_mb_value_is_refused(handout, name):
    from pypdf.generic import TextStringObject

    assert reason(point_fields_at(handout, (name,), lambda writer: TextStringObject("x" * 1_000_000))) == \
        "too_much_text"


def test_each_field_has_its_kinds_limit_and_no_more(handout):
    from mbcprep import limits

    for kind, name in (("notes", "notes"), ("question_answer", "answer_1"), ("symptom", "symptom_1_1")):
        limit = limits.FILLED_FIELD_CHARS[kind]
        at_limit = fill_form(handout, {name: "x" * limit})
        assert read_filled_form(at_limit).text[name] == "x" * limit
        assert reason(fill_form(handout, {name: "x" * (limit + 1)})) == "too_much_text"


def test_the_total_text_is_bounded_too(handout):
    from mbcprep import limits

    every = {field["name"]: "x" * limits.FILLED_FIELD_CHARS[field["kind"]]
             for field in description_of(handout)["fields"] if field["kind"] in limits.FILLED_FIELD_CHARS}
    assert sum(map(len, every.values())) > limits.FILLED_TEXT_CHARS
    assert reason(fill_form(handout, every)) == "too_much_text"


def test_a_handout_filled_up_to_its_limits_gives_a_one_page_summary(handout):
    from conftest import pdf_reader

    from mbcprep import limits

    described = description_of(handout)["fields"]
    values, total = {}, 0
    for field in described:
        limit = limits.FILLED_FIELD_CHARS.get(field["kind"])
        if limit and total + limit <= limits.FILLED_TEXT_CHARS:
            values[field["name"]] = ("word " * limit)[:limit]
            total += limit
    filled = fill_form(handout, values)
    assert len(pdf_reader(summarise(filled, "pdf", TODAY).data).pages) == 1


def test_a_description_stream_that_inflates_past_its_bound_is_damaged(handout):
    from pypdf.generic import NameObject

    def inflate(writer):
        writer._root_object[NameObject(f"/{CATALOG_KEY}")] = compressed_stream(writer, b" " * 50_000_000)
        del writer._root_object[NameObject("/Names")]

    assert reason(rewrite_pdf(handout, inflate)) == "damaged"


def symptom_days(count: int):
    def change(described):
        fields = [f for f in described["fields"] if f["kind"] != "symptom"]
        fields += [{"name": f"symptom_1_{day}", "kind": "symptom", "row": 1, "day": day, "symptom": "Pain",
                    "day_label": f"Day {day}"} for day in range(1, count + 1)]
        described["fields"] = fields
    return change


def medicine_columns(count: int):
    def change(described):
        fields = [f for f in described["fields"] if f["kind"] != "medicine"]
        fields += [{"name": f"medicine_1_{column}", "kind": "medicine", "row": 1, "column": column,
                    "column_label": f"C{column}"} for column in range(1, count + 1)]
        described["fields"] = fields
    return change


@pytest.mark.parametrize("spoil", [
    symptom_days(60), symptom_days(2_000), medicine_columns(200),
    lambda d: d["header"].append({"label": "L" * 1_000_000, "value": "v"}),
    lambda d: d["header"].append({"label": "Name", "value": "v" * 100_000}),
    lambda d: d["header"].extend({"label": "Name", "value": "v"} for _ in range(100_000)),
    lambda d: d["concerns"].append({"id": "x", "title": "T" * 100_000}),
    lambda d: d["fields"][-1].update(name="n" * 10_000),
    lambda d: d["fields"].extend({"name": f"notes_{n}", "kind": "notes"} for n in range(50_000)),
    lambda d: [f.update(question="q" * 100_000) for f in d["fields"] if f["kind"] == "question_tick"],
    lambda d: [f.update(number=10 ** 12) for f in d["fields"] if f["kind"] == "top_question"],
    lambda d: [f.update(row=-1) for f in d["fields"] if f["kind"] == "symptom"],
    lambda d: d.update(pack=["not", "a", "table"]),
    lambda d: d.update(language="x" * 10_000),
], ids=["60 days", "2000 days", "200 columns", "1 MB label", "long header value", "100000 header lines",
        "long concern", "long name", "50000 fields", "long question", "huge number", "negative row", "pack list",
        "long language"])
def test_a_description_that_claims_too_much_is_damaged(handout, spoil):
    assert reason(with_description(handout, spoil)) == "damaged"


@pytest.mark.parametrize("fmt", ["pdf", "txt", "json"])
def test_the_command_says_one_line_for_a_bomb(handout, tmp_path, fmt):
    from click.testing import CliRunner

    from mbcprep.cli import main

    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb(handout, EIGHT_FIELDS, 70_000_000))
    result = CliRunner().invoke(main, ["summary", str(path), "--format", fmt, "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and result.output == f"Error: {FilledFormError.MESSAGES['too_much_text']}\n"
    assert not (tmp_path / "out").exists()


def test_the_web_page_says_why_for_a_bomb(client, handout):
    from conftest import field_error

    from mbcprep.web.words import all_words

    data = bomb(handout, TEN_CELLS, 1_000_000)
    response = web_post(client, "/summary", {"handout": (io.BytesIO(data), "f.pdf"), "action": "pdf"},
                        content_type="multipart/form-data")
    assert response.status_code == 422
    assert field_error(response, "handout") == "Error: " + all_words()["en"]["error_summary_too_much_text"]


def test_the_longest_labels_a_description_may_claim_still_give_one_page(handout):
    from conftest import pdf_reader

    from mbcprep.summary.description import HEADER_LINES, WORDS_CHARS

    def longest(described):
        described["header"] = [{"label": "L" * WORDS_CHARS, "value": "V" * 300}] * HEADER_LINES
        for field in described["fields"]:
            for key in ("day_label", "column_label", "symptom", "group", "question", "label"):
                if key in field:
                    field[key] = (key[0].upper() + " ") * (WORDS_CHARS // 2)
        described["concerns"] = [{"id": "x", "title": "T" * WORDS_CHARS}] * 20

    values = {f"symptom_{row}_{day}": "8" for row in range(1, 4) for day in range(1, 8)}
    values.update({"ask_1": "/Yes", "medicine_1_1": "Letrozole", "notes": "Sleeping badly"})
    filled = fill_form(with_description(handout, longest), values)
    summary = summarise(filled, "pdf", TODAY)
    assert summary.pages == len(pdf_reader(summary.data).pages) == 1


# --------------------------------------------------------------------------
# Files that are not what they seem: the right line, never a hang (review m9)
# --------------------------------------------------------------------------


def encrypted(data: bytes, user: str, algorithm: str, owner: str = "owner-secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_locked_with_a_password_is_locked_whatever_the_encryption(handout, algorithm):
    assert reason(encrypted(fill_form(handout, {"notes": "Sleeping badly"}), "secret", algorithm)) == "encrypted"


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_encrypted_without_a_user_password_is_read(handout, algorithm):
    filled = encrypted(fill_form(handout, {"notes": "Sleeping badly"}), "", algorithm)
    assert read_filled_form(filled).text["notes"] == "Sleeping badly"


@pytest.mark.parametrize("padding", [bytes(3000), b"\n" * 3000, b"\r\n" * 2000 + bytes(500)])
def test_zeros_or_blank_lines_after_the_end_are_ignored(handout, padding):
    filled = fill_form(handout, {"notes": "Sleeping badly"})
    assert read_filled_form(filled + padding).text["notes"] == "Sleeping badly"


def test_a_file_cut_short_is_still_damaged_with_padding_after_it(handout):
    filled = fill_form(handout, {"notes": "Sleeping badly"})
    assert reason(filled[:-40] + bytes(3000)) == "damaged"


def cli_summary(path) -> str:
    from click.testing import CliRunner

    from mbcprep.cli import main

    result = CliRunner().invoke(main, ["summary", str(path), "-o", "-"])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "internal problem" not in result.output
    return result.output


def test_a_link_in_a_loop_says_so(tmp_path):
    (tmp_path / "a.pdf").symlink_to(tmp_path / "b.pdf")
    (tmp_path / "b.pdf").symlink_to(tmp_path / "a.pdf")
    assert cli_summary(tmp_path / "a.pdf") == \
        "Error: this file cannot be read (a link that leads round in a loop); give the filled-in handout\n"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_is_never_opened(device):
    assert cli_summary(device) == "Error: this is not a file but a device or a pipe; give the filled-in handout\n"


def test_a_file_that_cannot_be_read_says_why_in_one_line():
    import os

    if not os.path.exists("/proc/self/mem"):
        pytest.skip("no /proc")
    assert cli_summary("/proc/self/mem").startswith("Error: this file cannot be read (")


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    import os
    import threading

    fifo = tmp_path / "filled.pdf"
    os.mkfifo(fifo)
    outcome = {}

    def summarise_the_pipe():
        try:
            read_filled_form(fifo)
        except Exception as exc:  # noqa: BLE001 - the test looks at what came out
            outcome["error"] = exc

    worker = threading.Thread(target=summarise_the_pipe, daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # it opened the pipe and waits for a writer: give it one, so the test ends
        with open(fifo, "wb"):
            pass
        worker.join(10)
        pytest.fail("the summary opened a pipe and waited for a writer")
    assert getattr(outcome.get("error"), "reason", None) == "missing"
    assert "device or a pipe" in str(outcome["error"])


def test_without_the_package_aes_256_needs_the_file_is_still_called_locked(handout, monkeypatch):
    """pypdf needs 'cryptography' for AES-256 (a dependency); were it missing, the file is locked, not damaged."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    def no_aes(self, password):
        raise DependencyError("cryptography is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "_handle_encryption", no_aes)
    assert reason(encrypted(handout, "", "AES-256")) == "encrypted"


# --------------------------------------------------------------------------
# The real server: eight hostile uploads at once, and another person is still served
# --------------------------------------------------------------------------


def test_the_real_server_refuses_eight_bombs_at_once_and_serves_the_page_meanwhile(served, handout):
    import http.client
    import threading
    from urllib.parse import urlsplit

    content = bomb(handout, EIGHT_FIELDS, 70_000_000)
    boundary = "mbcprep-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nhtml\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"handout\"; filename=\"f.pdf\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    parts = urlsplit(served.url)
    answers: list[tuple[int, str]] = []

    def upload():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        try:
            connection.request("POST", "/summary", body=body, headers={
                "Origin": served.origin, "Content-Type": f"multipart/form-data; boundary={boundary}"})
            response = connection.getresponse()
            answers.append((response.status, response.read().decode("utf-8", "replace")))
        finally:
            connection.close()

    uploads = [threading.Thread(target=upload) for _ in range(8)]
    for thread in uploads:
        thread.start()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", "/")
        front = connection.getresponse()
        assert front.status == 200 and b"<form" in front.read()
    finally:
        connection.close()
    for thread in uploads:
        thread.join(120)
    assert [status for status, _ in answers] == [422] * 8
    assert all("far more text than its fields allow" in page for _, page in answers)


def test_a_page_whose_drawing_inflates_past_pypdfs_lowered_limits_is_not_read_whole(handout, monkeypatch):
    """No description and no fields: the first page's text is looked at, within pypdf's lowered limits."""
    import pypdf.filters
    from pypdf.generic import ArrayObject, NameObject

    from mbcprep.summary.bounded import PYPDF_LIMITS

    def strip(writer):
        del writer._root_object[NameObject(f"/{CATALOG_KEY}")]
        del writer._root_object[NameObject("/Names")]
        del writer._root_object[NameObject("/AcroForm")]
        for page in writer.pages:
            page[NameObject("/Annots")] = ArrayObject()
        writer.pages[0][NameObject("/Contents")] = compressed_stream(writer, b"BT (x) Tj ET\n" * 5_000_000)
        writer.add_metadata({"/Creator": "another program", "/Producer": "another program"})

    data = rewrite_pdf(handout, strip)
    inflated = []
    real = pypdf.filters.decompress

    def measured(compressed):
        out = real(compressed)
        inflated.append(len(out))
        return out

    monkeypatch.setattr(pypdf.filters, "decompress", measured)
    assert reason(data) == "not_handout"
    assert max(inflated, default=0) <= PYPDF_LIMITS["zlib_maximum_output_length"]


def test_the_pdf_summary_measures_no_more_of_a_long_text_than_its_lines_could_hold(handout, monkeypatch):
    """Long words from the description (a question as long as it may be) are cut to what fits before the
    one-page layout measures them, so a page of them costs no more than a page of short ones."""
    import mbcprep.summary.pdf as summary_pdf
    from mbcprep.summary.description import WORDS_CHARS

    def long_questions(described):
        for field in described["fields"]:
            if field["kind"] in ("question_tick", "question_answer"):
                field["question"] = ("why " * WORDS_CHARS)[:WORDS_CHARS]

    ticks = {f["name"]: "/Yes" for f in description_of(handout)["fields"] if f["kind"] == "question_tick"}
    filled = fill_form(with_description(handout, long_questions), ticks)
    measured = []
    real = summary_pdf.Paragraph

    def recording(text, *args, **kwargs):
        measured.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(summary_pdf, "Paragraph", recording)
    assert summarise(filled, "pdf", TODAY).pages == 1
    assert max(measured) < WORDS_CHARS
