"""The web app through Flask's test client: every page, every mistake, every safety rule.

The browser tests (test_web_browser.py) drive the same pages in Chromium;
the server tests (test_web_server.py) talk to a real ``mbcprep serve``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import re
import zipfile

import pytest
from click.testing import CliRunner
from conftest import (EXAMPLES, WEB_ORIGIN, field_error, handout_bytes, page_text, pdf_reader, pdf_text, roster_finished,
                      web_post)

from mbcprep.cli import main
from mbcprep.model.request import Request
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.web import create_app
from mbcprep.web.downloads import Downloads
from mbcprep.web.handouts import load_library
from mbcprep.web.security import allowed_names
from mbcprep.web.words import all_words

ORIGIN = WEB_ORIGIN
PERSON = {"concerns": ["lungs", "bones"], "name": "Ana Díaz", "visit_date": "2026-12-03", "visit_time": "10:30",
          "provider": "Dr. Lee", "note": "Pain at night.\nTired all day.", "hormone_receptor": "positive",
          "her2": "low",
          "paper": "a4", "large_print": "yes", "clinic": "yes"}
EN, ES = all_words()["en"], all_words()["es"]


@pytest.fixture(scope="module")
def plain_library():
    """A server started without --clinic."""
    return load_library()


def post(client, path="/", data=None, origin=ORIGIN, **kwargs):
    return web_post(client, path, data, origin, **kwargs)


# --------------------------------------------------------------------------
# The patient page
# --------------------------------------------------------------------------


def test_patient_page_lists_every_concern_grouped_with_its_description(client, library):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="en">' in html
    from mbcprep.pack.menu import menu_of

    pack = library.pack("en")
    assert [group.label for group in menu_of(pack).groups()] == re.findall(
        r'<fieldset class="concern-group">\s*<legend>(.*?)</legend>', html)
    for concern in pack.concerns:
        assert f'id="concern-{concern.id}" name="concerns" value="{concern.id}"' in html
        assert f'aria-describedby="concern-{concern.id}-about"' in html
        assert concern.description.replace("'", "&#39;") in html
    for label in ("name", "visit_date", "visit_time", "provider", "note", "hormone_receptor", "her2"):
        assert f'<label for="{label}">' in html
    assert 'type="date"' in html and 'type="time"' in html
    assert EN["make_pdf"] in html and EN["show_html"] in html
    assert "<script" not in html and "style=" not in html and "<style" not in html


def test_the_whole_page_is_in_spanish_when_asked(client, library):
    for response in (client.get("/?lang=es"), client.get("/", headers={"Accept-Language": "es-MX,es;q=0.9"})):
        html = response.get_data(as_text=True)
        assert '<html lang="es">' in html
        assert ES["patient_title"] in html and ES["make_pdf"] in html and EN["make_pdf"] not in html
        assert library.pack("es").concern("bones").title in html
        assert 'lang="en"' in html and EN["language_link"] in html  # the way back, marked as English


def test_make_my_handout_gives_the_clis_pdf_byte_for_byte(client):
    response = post(client, data={**PERSON, "action": "pdf"})
    assert response.status_code == 200
    assert response.content_type == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="visit-prep-2026-12-03.pdf"'
    cli = CliRunner().invoke(main, ["generate", "-c", "lungs,bones", "--name", "Ana Díaz", "--visit",
                                    "2026-12-03 10:30", "--provider", "Dr. Lee", "--note", PERSON["note"],
                                    "--hormone-receptor", "positive", "--her2", "low", "--paper", "a4",
                                    "--large-print",
                                    "--clinic", str(EXAMPLES / "clinic.toml"), "-o", "-"])
    assert cli.exit_code == 0, cli.output
    assert response.data == cli.stdout_bytes


def test_a_spanish_handout_is_the_librarys_spanish_handout(client):
    response = post(client, "/?lang=es", data={"concerns": ["bones"], "name": "Zoë", "action": "pdf"})
    today = dt.date.today().isoformat()
    assert response.headers["Content-Disposition"] == f'attachment; filename="preparacion-cita-{today}.pdf"'
    expected = handout_bytes(Request(concerns=("bones",), patient_name="Zoë"), load_pack(builtin_pack_path("es")))
    assert response.data == expected
    assert pdf_reader(response.data).trailer["/Root"]["/Lang"] == "es-US"


def test_the_file_name_never_has_the_persons_name(client):
    response = post(client, data={"concerns": ["bones"], "name": "Ana Díaz", "action": "pdf"})
    assert "Ana" not in response.headers["Content-Disposition"] and "Ana" in pdf_text(response.data)


def test_show_it_in_the_browser_gives_the_html_handout_with_its_style_allowed_by_hash(client, library):
    response = post(client, data={**PERSON, "action": "html"})
    assert response.status_code == 200 and response.content_type == "text/html; charset=utf-8"
    assert "Content-Disposition" not in response.headers
    html = response.get_data(as_text=True)
    assert "Ana Díaz" in html and '<html lang="en' in html
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "script-src 'none'" in policy and "frame-ancestors 'none'" in policy
    import base64
    import hashlib

    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1).encode("utf-8")
    assert f"'sha256-{base64.b64encode(hashlib.sha256(style).digest()).decode()}'" in policy


def test_no_concern_ticked_comes_back_beside_the_concerns_with_everything_kept(client):
    typed = {**PERSON, "concerns": [], "action": "pdf"}
    response = post(client, data=typed)
    assert response.status_code == 422 and response.content_type.startswith("text/html")
    assert field_error(response, "concerns") == f"{EN['error_prefix']} {EN['error_no_concern']}"
    html = response.get_data(as_text=True)
    assert '<title>Error: ' in html and 'role="alert"' in html
    assert 'value="Ana Díaz"' in html and 'value="Dr. Lee"' in html
    assert 'value="2026-12-03"' in html and 'value="10:30"' in html
    assert ">Pain at night.\nTired all day.</textarea>" in html
    assert re.search(r'<select id="hormone_receptor".*?<option value="positive" selected>.*?</select>', html, re.S)
    assert re.search(r'<select id="her2".*?<option value="low" selected>.*?</select>', html, re.S)
    assert 'id="paper-a4" name="paper" value="a4" checked' in html
    assert re.search(r'id="large_print" name="large_print" value="yes" checked', html)


def test_ticked_concerns_are_kept_when_another_field_is_wrong(client):
    response = post(client, data={"concerns": ["bones", "liver"], "visit_date": "2026-02-30"})
    html = response.get_data(as_text=True)
    assert field_error(response, "visit_date").endswith(EN["error_date_not_real"])
    assert 'value="bones" checked' in html and 'value="liver" checked' in html
    assert 'value="lungs" checked' not in html


@pytest.mark.parametrize("typed, field, key", [
    ({"visit_date": "2026-02-30"}, "visit_date", "error_date_not_real"),
    ({"dob": "2099-01-01"}, "dob", "error_birth_in_future"),
    ({"dob": "1899-12-31"}, "dob", "error_birth_too_early"),
    ({"dob": "1961-02-29"}, "dob", "error_date_not_real"),
    ({"visit_date": "the 3rd of December"}, "visit_date", "error_date_format"),
    ({"visit_time": "10:30"}, "visit_date", "error_time_without_date"),
    ({"visit_date": "2026-12-03", "visit_time": "25:61"}, "visit_time", "error_time_format"),
    ({"name": "x" * 201}, "name", "error_too_long"),
    ({"provider": "x" * 201}, "provider", "error_too_long"),
    ({"note": "x" * 4001}, "note", "error_too_long"),
    ({"name": "Ana 中文"}, "name", "error_font"),
    ({"hormone_receptor": "maybe"}, "hormone_receptor", "error_choice"),
    ({"her2": "1+"}, "her2", "error_choice"),
    ({"paper": "legal"}, "paper", "error_choice"),
])
def test_each_mistake_is_shown_beside_its_field(client, typed, field, key):
    response = post(client, data={"concerns": ["bones"], "action": "pdf", **typed})
    assert response.status_code == 422
    limit = 4000 if field == "note" else 200
    assert field_error(response, field) == f"{EN['error_prefix']} {EN[key].format(limit=limit)}"
    assert f'href="#{field}"' in response.get_data(as_text=True)


def test_every_mistake_is_shown_at_once_each_beside_its_field_in_the_forms_order(client):
    """The library checks the whole form in one pass: no field waits for another to be fixed, and no
    stand-in concern is planted to reach the name's check."""
    response = post(client, data={"concerns": [], "name": "Ana 中文", "visit_date": "2026-02-30",
                                  "provider": "x" * 201, "her2": "1+", "paper": "legal", "action": "pdf"})
    assert response.status_code == 422
    expected = {"concerns": EN["error_no_concern"], "name": EN["error_font"],
                "visit_date": EN["error_date_not_real"], "provider": EN["error_too_long"].format(limit=200),
                "her2": EN["error_choice"], "paper": EN["error_choice"]}
    for field, words in expected.items():
        assert field_error(response, field) == f"{EN['error_prefix']} {words}", field
    summary = re.search(r'<div class="error-summary".*?</div>', response.get_data(as_text=True), re.S).group(0)
    links = re.findall(r'<a href="#([\w-]+)">', summary)
    assert links[0].startswith("concern-") and links[1:] == ["name", "visit_date", "provider", "her2", "paper"]


def test_an_unknown_concern_id_is_a_mistake_not_a_crash(client):
    response = post(client, data={"concerns": ["bones", "../../etc/passwd"]})
    assert field_error(response, "concerns").endswith(EN["error_unknown_concern"])


def test_mistakes_are_in_spanish_on_the_spanish_page(client):
    response = post(client, "/?lang=es", data={"visit_date": "2026-02-30"})
    assert field_error(response, "concerns") == f"{ES['error_prefix']} {ES['error_no_concern']}"
    assert field_error(response, "visit_date").endswith(ES["error_date_not_real"])
    assert ES["errors_heading"] in response.get_data(as_text=True)


def test_patient_data_in_an_address_is_never_read(client):
    response = client.get("/?name=Ana+D%C3%ADaz&concerns=bones&note=secret")
    html = response.get_data(as_text=True)
    assert "Ana" not in html and "secret" not in html and 'value="bones" checked' not in html


def test_no_form_field_can_name_a_file_on_the_server(client, tmp_path):
    plain = post(client, data={"concerns": ["bones"], "action": "pdf"})
    sneaky = post(client, data={"concerns": ["bones"], "action": "pdf", "clinic_file": "/etc/passwd",
                                "pack": str(tmp_path), "font": "/etc/passwd", "font_bold": "/etc/passwd",
                                "logo": "/etc/passwd", "from": "/etc/passwd", "output": str(tmp_path / "x.pdf"),
                                "format": "txt"})
    assert sneaky.data == plain.data and sneaky.content_type == "application/pdf"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["/static/../words.toml", "/static/..%2f..%2fpyproject.toml",
                                  "/static/%2e%2e/%2e%2e/pyproject.toml", "/static//etc/passwd"])
def test_static_files_are_only_the_pages_own(client, path):
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 404 and b"root:" not in response.data and b"[project]" not in response.data


def test_the_style_sheet_is_served_by_the_app(client):
    response = client.get("/static/web.css")
    assert response.status_code == 200 and response.content_type.startswith("text/css")
    assert b":focus-visible" in response.data


# --------------------------------------------------------------------------
# The nurse page
# --------------------------------------------------------------------------

ROSTER = (EXAMPLES / "roster.csv").read_text(encoding="utf-8") + (
    "Bad Row,2026-02-30 10:00,Dr. Chen,bones,,no,no,,\n"
    "Secret Person,2026-12-03 11:30,Dr. Chen,bone-pain-secret-words,,no,no,,\n")


def upload(client, text: str | bytes, lang="en", clinic="server", name="roster.csv", **kwargs):
    """Upload a roster and wait for its result page (the status page, asked until the roster is done)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return roster_finished(client, post(client, f"/roster?lang={lang}", content_type="multipart/form-data",
                                        data={"roster": (io.BytesIO(data), name), "clinic": clinic}, **kwargs))


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_roster_page_offers_the_servers_clinic_or_none(client):
    html = client.get("/roster").get_data(as_text=True)
    assert 'type="file" id="roster" name="roster"' in html and 'enctype="multipart/form-data"' in html
    assert "Riverside Cancer Center" in html and 'id="clinic-none"' in html


def test_without_a_clinic_profile_the_roster_page_says_so(plain_library):
    client = create_app(plain_library, *allowed_names("127.0.0.1", 80)).test_client()
    html = client.get("/roster").get_data(as_text=True)
    assert EN["roster_no_clinic_note"] in html and 'id="clinic-none"' not in html


def test_a_roster_gives_every_handout_the_print_file_and_the_error_report(client):
    response = upload(client, ROSTER)
    assert response.status_code == 200
    text = page_text(response)
    assert EN["roster_result_heading"].format(made=6, failed=2) in text
    assert f"8 visit {EN['reason_not_a_real_date']}" in text
    assert f"9 concerns {EN['reason_unknown_concern']}" in text and "mbcprep concerns" not in text
    assert "Bad Row" not in text and "Secret Person" not in text and "secret-words" not in text
    download = post(client, "/roster/download", data={"token": token_of(response)})
    assert download.status_code == 200 and download.content_type == "application/zip"
    # Named for the clinic day, the roster's visit date, whatever day it is made.
    assert download.headers["Content-Disposition"] == 'attachment; filename="mbcprep-sheets-2026-12-03.zip"'
    archive = zipfile.ZipFile(io.BytesIO(download.data))
    names = sorted(archive.namelist())
    assert names == ["batch-errors.csv", "handouts/row-002-2026-12-03.pdf", "handouts/row-003-2026-12-03.pdf",
                     "handouts/row-004-2026-12-03.pdf", "handouts/row-005-2026-12-03.pdf",
                     "handouts/row-006-2026-12-03.pdf", "handouts/row-007-2026-12-03.pdf", "print-all.pdf"]
    first = archive.read("handouts/row-002-2026-12-03.pdf")
    assert "Ana Díaz" in pdf_text(first) and "Riverside Cancer Center" in pdf_text(first)
    singles = [len(pdf_reader(archive.read(name)).pages) for name in names if name.startswith("handouts/")]
    assert len(pdf_reader(archive.read("print-all.pdf")).pages) == sum(n + n % 2 for n in singles)
    report = list(csv.reader(io.StringIO(archive.read("batch-errors.csv").decode("utf-8-sig"))))
    assert report[0] == ["row", "reason"] and [row[0] for row in report[1:]] == ["8", "9"]
    assert "Secret" not in archive.read("batch-errors.csv").decode("utf-8-sig")


def test_a_download_is_handed_out_once(client):
    token = token_of(upload(client, ROSTER))
    assert post(client, "/roster/download", data={"token": token}).status_code == 200
    again = post(client, "/roster/download", data={"token": token})
    assert again.status_code == 410 and EN["roster_expired"] in again.get_data(as_text=True)
    assert post(client, "/roster/download", data={"token": "made-up"}).status_code == 410


def test_downloads_expire_by_themselves():
    import time

    downloads = Downloads(lifetime=0.05)
    token = downloads.put(b"zip", "x.zip", "application/zip")
    assert len(downloads) == 1
    time.sleep(0.3)
    assert len(downloads) == 0 and downloads.take(token) is None


def test_many_downloads_hold_one_sweeper_thread_and_no_more_than_the_cap():
    """300 summaries shown (review m1): one thread drops what expires, and the oldest go beyond the cap."""
    import threading

    from mbcprep.web.downloads import MAX_ENTRIES

    before = threading.active_count()
    downloads = Downloads(lifetime=600)
    tokens = [downloads.put(b"pdf", "s.pdf", "application/pdf") for _ in range(MAX_ENTRIES + 100)]
    assert threading.active_count() <= before + 1
    assert len(downloads) == MAX_ENTRIES
    assert downloads.take(tokens[0]) is None and downloads.take(tokens[-1]).data == b"pdf"
    downloads.clear()


def test_the_sweeper_drops_expired_downloads_of_many_stores_with_one_thread_each():
    import threading
    import time

    before = threading.active_count()
    stores = [Downloads(lifetime=0.05) for _ in range(3)]
    for store in stores:
        for _ in range(50):
            store.put(b"zip", "x.zip", "application/zip")
    assert threading.active_count() <= before + len(stores)
    deadline = time.monotonic() + 10
    while any(len(store) for store in stores) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [len(store) for store in stores] == [0, 0, 0]


def test_a_file_value_shaped_like_a_default_name_fails_its_row_on_the_page(client):
    roster = "name,visit,concerns,file\nAlpha,2026-12-03,bones,row-003-2026-12-03\nBeta,2026-12-03,pain,\n"
    response = upload(client, roster)
    assert EN["roster_result_heading"].format(made=1, failed=1) in page_text(response)
    archive = zipfile.ZipFile(io.BytesIO(post(client, "/roster/download", data={"token": token_of(response)}).data))
    assert sorted(archive.namelist()) == ["batch-errors.csv", "handouts/row-003-2026-12-03.pdf", "print-all.pdf"]
    assert "Beta" in pdf_text(archive.read("handouts/row-003-2026-12-03.pdf"))
    assert "names of the form row-<number> are kept" in archive.read("batch-errors.csv").decode("utf-8-sig")


def test_a_roster_with_no_clinic_chosen_has_no_clinic_details(client):
    response = upload(client, (EXAMPLES / "roster.csv").read_text(encoding="utf-8"), clinic="none")
    archive = zipfile.ZipFile(io.BytesIO(post(client, "/roster/download", data={"token": token_of(response)}).data))
    assert "Riverside" not in pdf_text(archive.read("handouts/row-002-2026-12-03.pdf"))


def test_a_roster_in_spanish_makes_spanish_sheets_in_a_named_folder(client):
    roster = "name,concerns,file\nAna,bones,../../etc/passwd\nanonymous,lungs,print-all.pdf\n"
    response = upload(client, roster, lang="es")
    assert ES["roster_result_heading"].format(made=2, failed=0) in page_text(response)
    archive = zipfile.ZipFile(io.BytesIO(post(client, "/roster/download?lang=es",
                                              data={"token": token_of(response)}).data))
    assert sorted(archive.namelist()) == ["batch-errors.csv", "handouts/etc-passwd.pdf", "handouts/print-all.pdf",
                                          "print-all.pdf"]
    assert pdf_reader(archive.read("handouts/etc-passwd.pdf")).trailer["/Root"]["/Lang"] == "es-US"


@pytest.mark.parametrize("content, key", [
    (b"", "error_roster_missing"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "error_roster_header"),
    ("name,concerns\n" + "Ana,bones\n" * 2001, "error_roster_too_many_rows"),
    ("name,concerns,langauge\nAna,bones,es\n", "error_roster_header"),
])
def test_a_roster_that_cannot_be_used_says_why_beside_the_file(client, content, key):
    response = upload(client, content, name="" if content == b"" else "roster.csv")
    assert response.status_code == 422
    message = field_error(response, "roster")
    assert message.startswith(f"{EN['error_prefix']} {EN[key].split('{')[0]}")
    if key == "error_roster_header" and isinstance(content, bytes):
        assert "Excel 97-2003 workbook (.xls)" in message
    elif key == "error_roster_header":
        assert "unknown column(s) 'langauge' (did you mean language?) in row 1" in message
        assert not re.search(r"\d+: row 1", message)


def test_a_roster_without_its_header_row_quotes_no_cell_on_the_page(client):
    response = upload(client, "Ana Díaz,2026-12-03,bones,Secret note about metastases\nBo,2026-12-03,pain,x\n")
    assert response.status_code == 422
    message = field_error(response, "roster")
    assert "does not name the columns (is the header row missing?)" in message
    assert "Ana" not in message and "Secret" not in message and "bones" not in message.split("allowed")[0]


def test_a_roster_over_2_mb_is_refused_with_a_clear_message(client):
    response = upload(client, "concerns\n" + "bones\n" * 400_000)
    assert response.status_code == 413
    assert field_error(response, "roster").endswith(EN["error_roster_too_big"])


def test_a_form_over_64_kb_is_refused_with_a_clear_message(client):
    response = post(client, data={"concerns": ["bones"], "note": "x" * 70_000})
    assert response.status_code == 413
    assert EN["error_form_too_large"] in response.get_data(as_text=True)


def test_nothing_is_written_to_disk_while_making_handouts(client, no_files_written):
    """A big roster upload (Werkzeug would spool it to a file) and every page: no temporary file, no open for writing."""
    big_note = "n" * 4000
    roster = "name,concerns,note\n" + "".join(f"Ana,bones,{big_note}\n" for _ in range(150))  # over 500 KB
    response = upload(client, roster)
    assert response.status_code == 200
    assert post(client, "/roster/download", data={"token": token_of(response)}).status_code == 200
    assert post(client, data={"concerns": ["bones"], "action": "pdf"}).status_code == 200
    assert post(client, data={"concerns": ["bones"], "action": "html"}).status_code == 200


# --------------------------------------------------------------------------
# Safety rules: headers, Host, Origin, logs, errors
# --------------------------------------------------------------------------

PAGE_POLICY_PARTS = ("default-src 'self'", "frame-ancestors 'none'")


def every_kind_of_response(client):
    roster = upload(client, (EXAMPLES / "roster.csv").read_text(encoding="utf-8"))
    return {
        "patient page": client.get("/"),
        "spanish page": client.get("/?lang=es"),
        "pdf": post(client, data={"concerns": ["bones"], "action": "pdf"}),
        "html handout": post(client, data={"concerns": ["bones"], "action": "html"}),
        "form mistake": post(client, data={}),
        "roster page": client.get("/roster"),
        "roster result": roster,
        "zip": post(client, "/roster/download", data={"token": token_of(roster)}),
        "expired": post(client, "/roster/download", data={"token": "x"}),
        "style sheet": client.get("/static/web.css"),
        "not found": client.get("/nowhere"),
        "wrong method": client.put("/"),
        "wrong host": client.get("/", headers={"Host": "evil.example"}),
        "wrong origin": post(client, data={}, origin="http://evil.example"),
        "too large": post(client, data={"note": "x" * 70_000}),
    }


def test_every_response_carries_the_safety_headers(client):
    for what, response in every_kind_of_response(client).items():
        headers = response.headers
        assert headers["Cache-Control"] == "no-store", what
        assert headers["X-Content-Type-Options"] == "nosniff", what
        assert headers["Referrer-Policy"] == "no-referrer", what
        policy = headers["Content-Security-Policy"]
        assert all(part in policy for part in PAGE_POLICY_PARTS), what
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, what
        assert headers["X-Frame-Options"] == "DENY", what


def test_refusals_have_their_status_and_a_page(client):
    responses = every_kind_of_response(client)
    assert {what: responses[what].status_code for what in
            ("not found", "wrong method", "wrong host", "wrong origin", "too large", "expired")} == {
        "not found": 404, "wrong method": 405, "wrong host": 400, "wrong origin": 403, "too large": 413,
        "expired": 410}
    assert EN["refused_host"] in page_text(responses["wrong host"])
    assert EN["refused_origin"] in page_text(responses["wrong origin"])
    assert EN["refused_not_found"] in page_text(responses["not found"])


@pytest.mark.parametrize("host, allowed", [
    ("localhost", True), ("127.0.0.1", True), ("LOCALHOST", True), ("[::1]", True),
    ("evil.example", False), ("127.0.0.1.nip.io", False), ("localhost:8080", False), ("", False),
])
def test_the_host_must_be_the_servers_own_name(client, host, allowed):
    """DNS rebinding: a page from another site, whose name now points here, sends its own name as Host."""
    response = client.get("/", headers={"Host": host})
    assert (response.status_code == 200) is allowed


def test_host_and_origin_follow_the_bound_port_and_the_public_url():
    hosts, origins = allowed_names("127.0.0.1", 8765, "https://prep.clinic.example")
    assert {"127.0.0.1:8765", "localhost:8765", "prep.clinic.example"} <= hosts
    assert "127.0.0.1" not in hosts and "localhost:80" not in hosts
    assert {"http://127.0.0.1:8765", "http://localhost:8765", "https://prep.clinic.example"} <= origins
    hosts, origins = allowed_names("10.1.2.3", 8765)
    assert hosts == {"10.1.2.3:8765"} and origins == {"http://10.1.2.3:8765"}


@pytest.mark.parametrize("headers, allowed", [
    ({"Origin": ORIGIN}, True),
    ({"Origin": "http://localhost:80"}, True),
    ({"Origin": "null", "Sec-Fetch-Site": "same-origin"}, True),  # Referrer-Policy: no-referrer in some browsers
    ({"Sec-Fetch-Site": "same-origin"}, True),
    ({"Origin": "http://evil.example"}, False),
    ({"Origin": "http://evil.example", "Sec-Fetch-Site": "same-origin"}, False),
    ({"Origin": "null"}, False),
    ({"Origin": "null", "Sec-Fetch-Site": "cross-site"}, False),
    ({"Origin": "https://localhost"}, False),
    ({}, False),
])
@pytest.mark.parametrize("path", ["/", "/roster", "/roster/download"])
def test_a_post_must_come_from_the_servers_own_page(client, headers, allowed, path):
    response = client.post(path, data={"concerns": ["bones"]}, headers=headers)
    assert (response.status_code != 403) is allowed


def test_the_access_log_has_method_page_status_and_time_only(client, caplog):
    caplog.set_level(logging.INFO, logger="mbcprep.web.access")
    post(client, "/?lang=es&who=Ana", data={**PERSON, "action": "pdf"})
    started = post(client, "/roster", data={"roster": (io.BytesIO(ROSTER.encode()), "roster.csv")},
                   content_type="multipart/form-data")
    job_id = started.headers["Location"].split("/")[-1].split("?")[0]
    roster_finished(client, started)
    client.get("/Ana-D%C3%ADaz-bones")
    post(client, data={"name": "Ana Díaz"}, origin="http://evil.example")
    lines = [record.getMessage() for record in caplog.records if record.name == "mbcprep.web.access"]
    # The patient page, the upload, its status page (asked until done), no such page, another site's form.
    assert len(lines) >= 5
    pattern = (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d (GET|POST) (/|/roster|/roster/job/<job_id>|\(no such page\)) "
               r"\d{3} \d+ms")
    assert all(re.fullmatch(pattern, line) for line in lines), lines
    everything = " ".join(record.getMessage() for record in caplog.records)
    for private in ("Ana", "Díaz", "lang", "who", "bones", "Lee", "Secret", "evil", job_id):
        assert private not in everything


def test_an_unexpected_error_shows_a_page_and_logs_its_kind_only(client, caplog, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("Ana Díaz has bones")

    monkeypatch.setattr("mbcprep.web.handouts.render_handout", broken)
    response = post(client, data={"concerns": ["bones"], "name": "Ana Díaz", "action": "pdf"})
    assert response.status_code == 500 and EN["refused_error"] in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "ValueError" in logged and "Ana" not in logged


# --------------------------------------------------------------------------
# The page's words
# --------------------------------------------------------------------------


def test_both_languages_have_every_word_the_pages_use():
    from pathlib import Path

    from mbcprep.web.handouts import template_folder

    assert set(EN) == set(ES)
    used = set()
    for template in Path(template_folder()).glob("*.html"):
        source = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bw\.(\w+)", source)) | set(re.findall(r"\bw\['(\w+)", source))
    used = {key for key in used if not key.endswith("_")}  # prefixes joined with a value: paper_
    assert used <= set(EN), used - set(EN)
    from mbcprep.constants import HER2_ANSWERS, HORMONE_RECEPTOR_ANSWERS

    for field, answers in (("hormone_receptor", HORMONE_RECEPTOR_ANSWERS), ("her2", HER2_ANSWERS)):
        for answer in answers:  # the select's words: w[field ~ '_' ~ answer]
            assert f"{field}_{answer.replace('-', '_')}" in EN
    for key, text in EN.items():
        assert re.findall(r"\{\w+\}", text) == re.findall(r"\{\w+\}", ES[key]), key


def test_the_page_says_nothing_in_python():
    """Every word on the pages comes from the languages' words/web.toml (or the pack): none in the app's code."""
    from pathlib import Path

    import mbcprep.web

    for module in Path(mbcprep.web.__file__).parent.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        for value in all_words()["en"].values():
            if len(value) > 25:
                assert value not in source, (module.name, value)


def test_only_the_doors_import_the_library():
    """The pages, routes and safety rules know nothing of requests, packs or renderers: only
    ``handouts.py``, ``rosters.py`` and ``summaries.py`` import mbcprep modules outside ``mbcprep.web``, and the server
    only the process's own (its one-line errors, stopping on a signal)."""
    import ast
    from pathlib import Path

    import mbcprep.web

    folder = Path(mbcprep.web.__file__).parent
    allowed = {"handouts.py": None, "rosters.py": None, "summaries.py": None,
               "server.py": {"mbcprep.errors", "mbcprep.write.stopping"}}
    crossing = {}
    for path in sorted(folder.rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        library = {name for name in names if name.split(".")[0] == "mbcprep" and not name.startswith("mbcprep.web")}
        if library:
            crossing[str(path.relative_to(folder))] = library
    assert {"handouts.py", "rosters.py", "summaries.py"} <= set(crossing) <= set(allowed), crossing
    assert crossing["server.py"] <= allowed["server.py"], crossing["server.py"]


def test_the_nurse_page_links_a_template_that_reads_without_a_problem(client):
    page = client.get("/roster")
    link = re.search(r'<a href="([^"]+)" download>([^<]+)</a>', page.get_data(as_text=True))
    assert link and link.group(2) == EN["roster_template_link"]
    template = client.get(link.group(1))
    assert template.status_code == 200 and template.content_type.startswith("text/csv")
    assert 'attachment; filename="mbcprep-roster-template.csv"' == template.headers["Content-Disposition"]
    result = upload(client, template.data, name="mbcprep-roster-template.csv")
    assert EN["roster_result_heading"].format(made=2, failed=0) in page_text(result)


def test_the_nurse_page_takes_an_excel_workbook_through_the_librarys_reader(client):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Patient Name", "DOB", "Appt Date", "Appt Time", "Concerns"])
    book.active.append(["Ana Díaz", dt.datetime(1960, 3, 4), dt.datetime(2026, 12, 8), dt.time(9, 30), "bones"])
    book.active.append([None, dt.datetime(1961, 1, 1), dt.datetime(2026, 12, 8), dt.time(10, 0), "bones"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(client, buffer.getvalue(), name="Ana Diaz schedule.xlsx")
    text = page_text(response)
    assert EN["roster_result_heading"].format(made=1, failed=1) in text
    # The row, the column as the workbook names it, then the page's general words and the library's reason.
    assert f"3 name (Patient Name) {EN['reason_general']} name (Patient Name): is empty" in text
    archive = zipfile.ZipFile(io.BytesIO(post(client, "/roster/download", data={"token": token_of(response)}).data))
    sheet = pdf_text(archive.read("handouts/row-002-2026-12-08.pdf"))
    assert "Ana Díaz" in sheet and "March 4, 1960" in sheet and "9:30 AM" in sheet


def test_the_date_of_birth_typed_on_the_patient_page_is_on_every_page_of_the_sheet(client):
    response = post(client, data={"concerns": ["bones", "tiredness"], "name": "Ana Díaz", "dob": "1960-03-04",
                                  "action": "pdf"})
    assert response.status_code == 200
    pages = [" ".join(pdf_reader(response.data).pages[n].extract_text().split())
             for n in range(len(pdf_reader(response.data).pages))]
    assert "Date of birth March 4, 1960" in pages[0]
    assert all("Ana Díaz · Date of birth: March 4, 1960" in page for page in pages[1:])
    assert "1960" not in response.headers["Content-Disposition"]


def test_the_nurse_page_takes_a_fhir_bundle_of_the_days_appointments(client):
    from test_roster_import import fhir_bundle

    bundle = fhir_bundle()
    bundle["entry"][1]["resource"]["name"] = []  # the first patient has no name: their row fails
    response = upload(client, json.dumps(bundle, ensure_ascii=False).encode("utf-8"), name="day.json")
    text = page_text(response)
    assert EN["roster_result_heading"].format(made=3, failed=2) in text  # the 3rd names no concern
    assert "Patient.name: the Patient has no name" in text and "Ana" not in text
    archive = zipfile.ZipFile(io.BytesIO(post(client, "/roster/download", data={"token": token_of(response)}).data))
    sheets = sorted(name for name in archive.namelist() if name.startswith("handouts/"))
    assert sheets == [f"handouts/row-00{n}-2026-12-08.pdf" for n in (2, 4, 5)]
    spanish = pdf_text(archive.read("handouts/row-002-2026-12-08.pdf"))
    assert "Lucía Peña Núñez" in spanish and "23 de noviembre de 1971" in spanish
