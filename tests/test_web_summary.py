"""The care team's page (``/summary``) through Flask's test client: upload a filled handout, get its summary.

Every route, every problem the library reports, the size limit, the safety
headers, Host and Origin, the log.  Handouts are filled with pypdf, as a
viewer saves them (see test_summary.py).  The browser test is
test_web_browser_summary.py; the real server's part is at the end.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import logging
import re

import markupsafe
import pytest
from click.testing import CliRunner
from conftest import (WEB_ORIGIN, field_error, fill_form, handout_bytes, page_text, pdf_reader, pdf_text, rewrite_pdf,
                      web_post)

from mbcprep.cli import main
from mbcprep.errors import FilledFormError
from mbcprep.model.form import CATALOG_KEY
from mbcprep.model.request import Request
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.summary import summarise
from mbcprep.summary.read import MAX_BYTES
from mbcprep.web.page import FORM_BYTES
from mbcprep.web.summaries import SUMMARY_BYTES
from mbcprep.web.words import all_words

ORIGIN = WEB_ORIGIN
EN, ES = all_words()["en"], all_words()["es"]
NAME = "Ana Díaz Nguyễn"
MARKUP = '<b>bold?</b> &amp; <img src="/etc/passwd"> {{ w.site_name }} <script>alert(1)</script>'
#: What Ana typed and ticked: a top question (looking like markup), a ticked and an answered question,
#: her own question, a high and rising symptom, a medicine and notes of two lines.
TYPED = {"top_question_1": "Is the new pain in my hip from the cancer?", "top_question_2": MARKUP,
         "ask_1": "/Yes", "answer_1": "Bone scan next week", "answer_3": "Only if there is time",
         "own_question_1": "Is it safe to keep swimming?",
         "symptom_1_1": "3", "symptom_1_4": "5", "symptom_1_7": "8", "symptom_2_2": "a bit",
         "medicine_1_1": "Letrozole", "medicine_1_2": "2.5 mg", "medicine_1_3": "Every morning",
         "notes": "Hip pain worse at night.\nSleeping badly."}


@pytest.fixture(scope="module")
def handout() -> bytes:
    return handout_bytes(Request(concerns=("bones", "pain", "tiredness"), patient_name=NAME,
                                 visit=dt.datetime(2026, 12, 3, 10, 30), provider="Dr. Maya Chen"), load_pack())


@pytest.fixture(scope="module")
def filled(handout) -> bytes:
    return fill_form(handout, TYPED)


def post(client, path="/summary", data=None, origin=ORIGIN, **kwargs):
    return web_post(client, path, data, origin, **kwargs)


def upload(client, content: bytes, action: str = "html", lang: str = "en", name: str = "ana-filled.pdf", **kwargs):
    return post(client, f"/summary?lang={lang}", data={"handout": (io.BytesIO(content), name), "action": action},
                content_type="multipart/form-data", **kwargs)


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def plain_text(response) -> str:
    """The plain-text summary in the page's box for a clinic note, as the browser would show it."""
    found = re.search(r'<textarea id="summary-text"[^>]*>(.*?)</textarea>', response.get_data(as_text=True), re.S)
    return html.unescape(found.group(1))


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


def test_the_summary_page_asks_for_the_filled_handout(client):
    response = client.get("/summary")
    source = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="en">' in source
    assert 'enctype="multipart/form-data"' in source and 'method="post"' in source
    assert 'type="file" id="handout" name="handout" accept=".pdf,application/pdf"' in source
    assert 'aria-describedby="handout-hint"' in source and '<label for="handout">' in source
    assert 'name="action" value="html"' in source and 'name="action" value="pdf"' in source
    assert EN["summary_title"] in source and EN["summary_show"] in source and EN["summary_pdf"] in source
    assert "<script" not in source and "style=" not in source and "<style" not in source


@pytest.mark.parametrize("path", ["/", "/roster", "/summary", "/nowhere"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_links_to_the_summary_page(client, path, lang):
    source = client.get(f"{path}?lang={lang}").get_data(as_text=True)
    words = all_words()[lang]
    link = re.search(r'<a href="/summary\?lang=(\w+)"( aria-current="page")?>([^<]+)</a>', source)
    assert link and link.group(1) == lang and link.group(3) == words["nav_summary"]
    assert bool(link.group(2)) is (path == "/summary")


def test_the_summary_page_in_spanish(client):
    for response in (client.get("/summary?lang=es"), client.get("/summary", headers={"Accept-Language": "es"})):
        source = response.get_data(as_text=True)
        assert '<html lang="es">' in source
        assert ES["summary_title"] in source and ES["summary_show"] in source and EN["summary_show"] not in source
        assert 'href="/summary?lang=en"' in source  # the language link stays on this page


# --------------------------------------------------------------------------
# The summary: the library's, as a PDF and on the page
# --------------------------------------------------------------------------


def test_download_gives_the_librarys_pdf_byte_for_byte(client, filled):
    response = upload(client, filled, "pdf")
    today = dt.date.today()
    assert response.status_code == 200 and response.content_type == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="visit-summary-2026-12-03-1030.pdf"'
    assert response.data == summarise(filled, "pdf", today).data
    assert len(pdf_reader(response.data).pages) == 1 and NAME in pdf_text(response.data)


def test_download_is_what_mbcprep_summary_writes(client, filled, tmp_path):
    (tmp_path / "filled.pdf").write_bytes(filled)
    cli = CliRunner().invoke(main, ["summary", str(tmp_path / "filled.pdf"), "-o", "-"])
    assert cli.exit_code == 0, cli.output
    assert upload(client, filled, "pdf").data == cli.stdout_bytes


def test_the_file_name_never_has_the_persons_name(client, filled):
    response = upload(client, filled, "pdf", name=f"{NAME} filled.pdf")
    assert "Ana" not in response.headers["Content-Disposition"]
    shown = upload(client, filled, name=f"Secret {NAME}.pdf").get_data(as_text=True)
    assert "Secret" not in shown  # the uploaded file's name is never shown back


def test_the_summary_on_the_page_shows_what_the_pdf_shows(client, filled):
    response = upload(client, filled)
    assert response.status_code == 200 and response.content_type.startswith("text/html")
    source = response.get_data(as_text=True)
    text = page_text(response)
    assert '<div lang="en-US">' in source and 'id="summary-heading" tabindex="-1" autofocus>Visit summary<' in source
    for shown in (NAME, "Thursday, December 3, 2026, 10:30 AM", "Dr. Maya Chen", "Bone pain and bone health",
                  TYPED["top_question_1"], "Questions ticked", "Bone scan next week", "not ticked, but answered",
                  "Only if there is time", "Is it safe to keep swimming?", "Letrozole", "2.5 mg", "Every morning",
                  "Made from the patient's own entries on"):
        assert shown in text, shown
    # The top questions keep their line numbers; the notes keep their lines.
    assert '<li value="2" class="typed">' in source
    assert "Hip pain worse at night.\nSleeping badly.</p>" in source
    # What looks like markup is text: escaped, never run or drawn as markup.
    assert MARKUP in text and "<script>alert" not in source and "<b>bold?</b>" not in source
    assert str(markupsafe.escape(MARKUP)) in source


def test_high_and_rising_scores_are_marked_and_explained(client, filled):
    source = upload(client, filled).get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", source, re.S)
    cells = {symptom: re.findall(r"<td[^>]*>(.*?)</td>", rest, re.S) for symptom, rest in rows}
    pain = cells["Bone or joint pain"]
    assert [re.sub(r"<[^>]+>", "", cell) for cell in pain] == ["3", "", "", "5", "", "", "8*", "+5 ▲"]
    assert '<td class="high"><strong>8*</strong></td>' in source
    assert '<td class="rising"><strong>+5 ▲</strong></td>' in source
    assert "a bit" in cells["Swelling over a bone"]  # not a score: shown as typed, never marked
    assert 'aria-describedby="symptom-log-legend"' in source
    legend = re.search(r'<p class="legend" id="symptom-log-legend">(.*?)</p>', source, re.S).group(1)
    assert "a score of 7 or more" in legend and "up 3 or more over the week" in legend and "▲" in legend


def test_the_text_to_paste_is_the_librarys_text_summary(client, filled):
    response = upload(client, filled)
    assert plain_text(response) == summarise(filled, "txt", dt.date.today()).data.decode("utf-8")
    assert 'id="summary-text" readonly' in response.get_data(as_text=True)


def test_the_pdf_of_the_summary_shown_downloads_once(client, filled):
    response = upload(client, filled)
    token = token_of(response)
    download = post(client, "/summary/download", data={"token": token})
    today = dt.date.today()
    assert download.status_code == 200 and download.content_type == "application/pdf"
    assert download.headers["Content-Disposition"] == 'attachment; filename="visit-summary-2026-12-03-1030.pdf"'
    assert download.data == summarise(filled, "pdf", today).data
    again = post(client, "/summary/download", data={"token": token})
    assert again.status_code == 410 and EN["summary_expired"] in page_text(again)
    assert post(client, "/summary/download", data={"token": "made-up"}).status_code == 410


def test_a_spanish_handout_gets_its_spanish_summary_on_either_page(client):
    spanish = handout_bytes(Request(concerns=("bones",), patient_name="José Ñúñez"),
                            load_pack(builtin_pack_path("es")))
    filled = fill_form(spanish, {"top_question_1": "¿Puedo viajar?", "notes": "Duermo mal."})
    for lang in ("en", "es"):
        response = upload(client, filled, lang=lang)
        source = response.get_data(as_text=True)
        assert f'<html lang="{lang}">' in source and '<div lang="es-US">' in source
        assert ">Resumen para la consulta<" in source and "¿Puedo viajar?" in source
        assert all_words()[lang]["summary_download"] in source  # the page's own words stay in its language
    assert upload(client, filled, "pdf").data == summarise(filled, "pdf", dt.date.today()).data


def test_an_empty_handout_says_nothing_was_entered(client, handout):
    response = upload(client, fill_form(handout, {}))
    assert response.status_code == 200
    assert "Nothing was typed or ticked on this handout." in page_text(response)
    assert "<table" not in response.get_data(as_text=True)


def test_parts_left_empty_are_named(client, handout):
    response = upload(client, fill_form(handout, {"symptom_2_3": "4"}))
    assert ("Nothing entered: Top 3 questions, Questions ticked, Their own questions, Medicines, Notes."
            in page_text(response))


# --------------------------------------------------------------------------
# Files the library cannot read: its reason, beside the upload field, in the page's language
# --------------------------------------------------------------------------


def flattened(handout: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fill_form(handout, {"notes": NAME}))))
    for page in writer.pages:
        writer.update_page_form_field_values(page, {"notes": NAME}, auto_regenerate=False, flatten=True)
    writer.remove_annotations(subtypes="/Widget")
    del writer._root_object[NameObject("/AcroForm")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(handout: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fill_form(handout, {"notes": NAME}))))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def unrelated(_handout: bytes) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "A letter about something else entirely.")
    canvas.acroForm.textfield(name="notes", x=72, y=600, width=200, height=20)
    canvas.save()
    return out.getvalue()


def with_version(version):
    def make(handout: bytes) -> bytes:
        from pypdf.generic import NameObject

        def change(writer):
            root = writer._root_object
            described = json.loads(root[f"/{CATALOG_KEY}"].get_object().get_data()) | {"mbcprep_form": version}
            root[NameObject(f"/{CATALOG_KEY}")].get_object().set_data(json.dumps(described).encode())

        return rewrite_pdf(handout, change)
    return make


def print_file(handout: bytes) -> bytes:
    """A print file of two sheets, as ``batch --combined`` and the nurse page's zip make it."""
    from mbcprep.write.print_file import PrintFile

    out = io.BytesIO()
    printer = PrintFile(out)
    for _ in range(2):
        printer.add_handout(handout, title="row-002")
    printer.finish()
    return out.getvalue()


def paper_only(_handout: bytes) -> bytes:
    return handout_bytes(Request(concerns=("bones",), patient_name=NAME, fillable=False), load_pack())


UNREADABLE = {
    "not_pdf": lambda handout: b"plain text from " + NAME.encode(),
    "damaged": lambda handout: fill_form(handout, {"notes": NAME})[:5000],
    "encrypted": encrypted,
    "not_handout": unrelated,
    "flattened": flattened,
    "paper_only": paper_only,
    "older": with_version(0),
    "newer": with_version(99),
    "print_file": print_file,
    "too_large": lambda handout: b"%PDF-1.4\n" + bytes(MAX_BYTES),
}


@pytest.mark.parametrize("reason", UNREADABLE)
def test_a_file_the_library_cannot_read_says_why_beside_the_field(client, handout, reason):
    content = UNREADABLE[reason](handout)
    response = upload(client, content)
    assert response.status_code == 422
    key = f"error_summary_{reason}"
    assert field_error(response, "handout") == f"{EN['error_prefix']} {EN[key]}"
    source = response.get_data(as_text=True)
    assert '<title>Error: ' in source and 'role="alert"' in source and f'<a href="#handout">{EN[key]}</a>' in source
    assert "Traceback" not in source and "Ana" not in source
    # The same for the PDF button: a page with the reason, never a file.
    pdf = upload(client, content, "pdf", lang="es")
    assert pdf.status_code == 422 and pdf.content_type.startswith("text/html")
    assert field_error(pdf, "handout") == f"{ES['error_prefix']} {ES[key]}"


def test_every_reason_the_library_gives_has_words_on_the_page():
    for reason in FilledFormError.REASONS:
        if reason != "missing":  # a path that is not there; an upload always has its bytes
            assert f"error_summary_{reason}" in EN and f"error_summary_{reason}" in ES


@pytest.mark.parametrize("reason", sorted(FilledFormError.MESSAGES))
def test_the_english_page_says_what_mbcprep_summary_says(reason):
    """The library's one line, as sentences: "this PDF ...; ask for ..." -> "This PDF .... Ask for ...."."""
    sentences = [part[0].upper() + part[1:] for part in FilledFormError.MESSAGES[reason].split("; ")]
    assert EN[f"error_summary_{reason}"] == ". ".join(sentences) + "."


@pytest.mark.parametrize("data", [
    {},
    {"handout": (io.BytesIO(b""), "")},
    {"handout": (io.BytesIO(b""), ""), "action": "pdf"},
])
def test_no_file_chosen(client, data):
    response = post(client, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert field_error(response, "handout") == f"{EN['error_prefix']} {EN['error_summary_missing']}"


def test_an_empty_file_is_not_a_pdf(client):
    response = upload(client, b"")
    assert field_error(response, "handout").endswith(EN["error_summary_not_pdf"])


def test_a_file_over_the_limit_of_mbcprep_summary_is_refused_with_a_clear_message(client):
    assert SUMMARY_BYTES == MAX_BYTES == 20 * 1024 * 1024
    response = upload(client, b"%PDF-1.4\n" + bytes(SUMMARY_BYTES + FORM_BYTES))
    assert response.status_code == 413
    assert field_error(response, "handout") == f"{EN['error_prefix']} {EN['error_summary_too_large']}"
    spanish = upload(client, bytes(SUMMARY_BYTES + FORM_BYTES + 1), lang="es")
    assert spanish.status_code == 413 and field_error(spanish, "handout").endswith(ES["error_summary_too_large"])


def padded_to(pdf: bytes, size: int) -> bytes:
    """The same PDF, ``size`` bytes long: a comment line before its last ``startxref`` (no offset moves)."""
    at = pdf.rindex(b"startxref")
    return pdf[:at] + b"%" + b"x" * (size - len(pdf) - 2) + b"\n" + pdf[at:]


def test_a_file_just_under_the_limit_is_read(client, filled):
    """The form around the file has room: a file of the library's limit reaches the library, not the 413."""
    padded = padded_to(filled, SUMMARY_BYTES)
    assert len(padded) == SUMMARY_BYTES
    response = upload(client, padded, "pdf")
    assert response.status_code == 200 and response.data == summarise(filled, "pdf", dt.date.today()).data


def test_an_unexpected_error_is_said_beside_the_field_and_logged_by_its_kind_only(client, filled, caplog,
                                                                                   monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError(f"{NAME} typed {TYPED['notes']}")

    monkeypatch.setattr("mbcprep.web.summaries.plan_summary", broken)
    caplog.set_level(logging.INFO)
    for action in ("html", "pdf"):
        response = upload(client, filled, action)
        assert response.status_code == 500
        assert field_error(response, "handout").endswith(EN["error_summary_internal"])
        assert "Traceback" not in response.get_data(as_text=True) and "Ana" not in response.get_data(as_text=True)
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "ValueError" in logged and "Ana" not in logged and "Hip" not in logged


# --------------------------------------------------------------------------
# Safety rules: memory only, headers, Host, Origin, the log
# --------------------------------------------------------------------------


def test_nothing_is_written_to_disk_while_reading_a_handout(client, filled, no_files_written):
    """An upload over 500 KB (Werkzeug would spool it to a file), its summary and its download: no file made."""
    padded = padded_to(filled, 700_000)
    response = upload(client, padded)
    assert response.status_code == 200 and NAME in page_text(response)
    assert post(client, "/summary/download", data={"token": token_of(response)}).status_code == 200
    assert upload(client, padded, "pdf").status_code == 200
    assert upload(client, b"%PDF-1.4\n" + bytes(700_000)).status_code == 422


def every_kind_of_response(client, filled):
    shown = upload(client, filled)
    return {
        "summary page": client.get("/summary"),
        "spanish page": client.get("/summary?lang=es"),
        "summary shown": shown,
        "pdf": upload(client, filled, "pdf"),
        "download": post(client, "/summary/download", data={"token": token_of(shown)}),
        "expired": post(client, "/summary/download", data={"token": "x"}),
        "no file": post(client, data={}, content_type="multipart/form-data"),
        "not a pdf": upload(client, b"hello"),
        "too large": upload(client, bytes(SUMMARY_BYTES + FORM_BYTES + 1)),
        "wrong method": client.put("/summary"),
        "download by get": client.get("/summary/download"),
        "wrong host": client.get("/summary", headers={"Host": "evil.example"}),
        "wrong origin": upload(client, filled, origin="http://evil.example"),
    }


def test_every_summary_response_carries_the_safety_headers_and_its_status(client, filled):
    responses = every_kind_of_response(client, filled)
    for what, response in responses.items():
        headers = response.headers
        assert headers["Cache-Control"] == "no-store", what
        assert headers["X-Content-Type-Options"] == "nosniff", what
        assert headers["Referrer-Policy"] == "no-referrer", what
        assert headers["X-Frame-Options"] == "DENY", what
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, what
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, what
    assert {what: response.status_code for what, response in responses.items()} == {
        "summary page": 200, "spanish page": 200, "summary shown": 200, "pdf": 200, "download": 200,
        "expired": 410, "no file": 422, "not a pdf": 422, "too large": 413, "wrong method": 405,
        "download by get": 405, "wrong host": 400, "wrong origin": 403}
    assert EN["refused_origin"] in page_text(responses["wrong origin"])
    assert NAME not in responses["wrong origin"].get_data(as_text=True)


@pytest.mark.parametrize("headers, allowed", [
    ({"Origin": ORIGIN}, True),
    ({"Origin": "null", "Sec-Fetch-Site": "same-origin"}, True),
    ({"Sec-Fetch-Site": "same-origin"}, True),
    ({"Origin": "http://evil.example"}, False),
    ({"Origin": "http://evil.example", "Sec-Fetch-Site": "same-origin"}, False),
    ({"Origin": "null"}, False),
    ({"Origin": "https://localhost"}, False),
    ({}, False),
])
@pytest.mark.parametrize("path", ["/summary", "/summary/download"])
def test_a_post_must_come_from_the_servers_own_page(client, filled, headers, allowed, path):
    response = client.post(path, data={"handout": (io.BytesIO(filled), "f.pdf"), "token": "x"}, headers=headers,
                           content_type="multipart/form-data")
    assert (response.status_code != 403) is allowed
    if not allowed:
        assert NAME not in response.get_data(as_text=True)


@pytest.mark.parametrize("host, allowed", [("localhost", True), ("127.0.0.1", True), ("evil.example", False),
                                           ("localhost:8080", False)])
def test_the_host_must_be_the_servers_own_name(client, filled, host, allowed):
    assert (client.get("/summary", headers={"Host": host}).status_code == 200) is allowed
    response = upload(client, filled, headers={"Host": host})
    assert (response.status_code == 200) is allowed


def test_patient_data_in_an_address_is_never_read(client):
    source = client.get("/summary?name=Ana+D%C3%ADaz&handout=/etc/passwd&token=abc").get_data(as_text=True)
    assert "Ana" not in source and "passwd" not in source and "abc" not in source


def test_the_access_log_has_method_page_status_and_time_only(client, filled, caplog):
    caplog.set_level(logging.DEBUG)
    shown = upload(client, filled, name=f"{NAME}.pdf")
    post(client, "/summary/download?who=Ana", data={"token": token_of(shown)})
    upload(client, b"plain text from " + NAME.encode())
    upload(client, bytes(SUMMARY_BYTES + FORM_BYTES + 1), name="Ana.pdf")
    upload(client, filled, origin="http://evil.example")
    lines = [record.getMessage() for record in caplog.records if record.name == "mbcprep.web.access"]
    assert len(lines) == 5
    pattern = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d POST (/summary|/summary/download) \d{3} \d+ms"
    assert all(re.fullmatch(pattern, line) for line in lines), lines
    everything = " ".join(record.getMessage() for record in caplog.records)
    for private in ("Ana", "Díaz", "Nguyễn", "Hip", "Letrozole", "swimming", "who", "evil", ".pdf"):
        assert private not in everything, private


# --------------------------------------------------------------------------
# The real server lets a filled handout of the library's size through
# --------------------------------------------------------------------------


def send_file(served, content: bytes, action: str = "html") -> tuple[int, str]:
    import http.client
    from urllib.parse import urlsplit

    boundary = "mbcprep-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n{action}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"handout\"; filename=\"f.pdf\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    parts = urlsplit(served.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.request("POST", "/summary", body=body, headers={
            "Origin": served.origin, "Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_the_real_server_reads_a_large_file_and_refuses_a_larger_one_with_the_pages_message(served):
    from mbcprep.web.server import MAX_BODY_BYTES

    assert MAX_BODY_BYTES > SUMMARY_BYTES + FORM_BYTES  # waitress itself lets the page's limit through
    status, body = send_file(served, b"%PDF-1.4\n" + bytes(12_000_000))  # over waitress's old 8 MB
    assert status == 422 and EN["error_summary_damaged"] in html.unescape(body)
    status, body = send_file(served, b"%PDF-1.4\n" + bytes(SUMMARY_BYTES + FORM_BYTES))
    assert status == 413 and EN["error_summary_too_large"] in html.unescape(body)
    assert "POST /summary 413" in served.log() and "POST /summary 422" in served.log()
