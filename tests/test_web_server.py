"""A real ``mbcprep serve`` on a free loopback port: concurrency, its log, stopping it, its options.

Every request goes to 127.0.0.1 only, in bounded loops.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import signal
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, handout_bytes, pdf_reader, start_server

from mbcprep.cli import main
from mbcprep.model.request import Request
from mbcprep.pack import load_pack
from mbcprep.request.clinic import load_clinic
from mbcprep.web.rosters import ROSTER_BYTES
from mbcprep.web.page import FORM_BYTES
from mbcprep.web.server import MAX_BODY_BYTES


def send(served, method: str, path: str, body: dict | None = None, headers: dict | None = None):
    """One request over a fresh connection (as a browser tab would); returns (status, headers, body)."""
    parts = urlsplit(served.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    data = urllib.parse.urlencode(body or {}, doseq=True) if body is not None else None
    all_headers = {"Origin": served.origin, **(headers or {})}
    if data is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


THREE = {"concerns": ["bones", "brain", "treatment-options"], "name": "Ana Díaz", "visit_date": "2026-12-03",
         "visit_time": "10:30", "clinic": "yes", "action": "pdf"}


def test_eight_clients_at_once_get_correct_identical_pdfs(served):
    """Eight people at once, each with their own name: each gets exactly the library's PDF for their request."""
    clinic = load_clinic(EXAMPLES / "clinic.toml")
    pack = load_pack()
    names = [f"Person {n} Zoë" for n in range(8)]
    expected = {name: handout_bytes(Request(concerns=("bones", "brain", "treatment-options"), patient_name=name,
                                            visit=dt.datetime(2026, 12, 3, 10, 30),
                                            clinic=clinic), pack) for name in names}
    jobs = [name for name in names for _ in range(3)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda name: (name, send(served, "POST", "/", {**THREE, "name": name})), jobs))
    for name, (status, headers, body) in results:
        assert status == 200 and headers["Content-Type"] == "application/pdf"
        assert body == expected[name], name
    assert len({hashlib.sha256(body).hexdigest() for _, (_, _, body) in results}) == 8


def test_the_real_servers_log_has_no_patient_data(served):
    send(served, "POST", "/?lang=es&name=Secreto", {**THREE, "name": "Ana Díaz", "note": "Dolor de huesos"})
    send(served, "GET", "/Ana-Diaz")
    log = served.log()
    assert "POST / 200" in log and "GET (no such page) 404" in log
    for private in ("Ana", "Secreto", "Dolor", "bones", "lang"):
        assert private not in log


def test_waitress_keeps_bodies_and_answers_in_memory():
    """waitress puts a body over 512 KB, or an answer over 1 MB, in a temporary file unless told otherwise."""
    from mbcprep.web import server

    assert MAX_BODY_BYTES > ROSTER_BYTES + FORM_BYTES
    source = open(server.__file__, encoding="utf-8").read()
    assert "inbuf_overflow=MAX_BODY_BYTES + 1" in source and "outbuf_overflow=2**40" in source


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_ctrl_c_sigterm_or_sighup_stops_it_cleanly(tmp_path, signum):
    server = start_server(tmp_path / "log")
    assert send(server, "GET", "/")[0] == 200
    server.process.send_signal(signum)
    assert server.process.wait(timeout=20) == 0
    assert "Stopped. Nothing typed was kept." in server.process.stdout.read()
    assert "Traceback" not in server.log()
    server.process.stdout.close()


def test_another_computers_address_needs_allow_network():
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--allow-network" in result.output


def test_allow_network_warns_to_use_the_clinics_https_proxy(monkeypatch):
    """Nothing is bound here: the server itself is replaced, only what the command says is checked."""
    calls = []
    class NoServer:
        url = "http://0.0.0.0:8765/"

        def __init__(self, *args):
            calls.append(args)

        def run(self):
            pass

    monkeypatch.setattr("mbcprep.web.server.listen", lambda host, port: (host, port))
    monkeypatch.setattr("mbcprep.web.server.Server", NoServer)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--allow-network",
                                       "--public-url", "https://prep.clinic.example"])
    assert result.exit_code == 0, result.output
    assert "HTTPS proxy with sign-in" in result.output and calls[0][1] == ("0.0.0.0", 8765)


def test_a_bad_public_url_or_clinic_file_is_one_line_before_starting(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--public-url", "prep.clinic.example"])
    assert result.exit_code == 1 and "must start with https://" in result.output
    result = CliRunner().invoke(main, ["serve", "--clinic", str(tmp_path / "missing.toml")])
    assert result.exit_code == 1 and "file not found" in result.output and "Traceback" not in result.output


def test_a_port_in_use_is_one_line(served):
    port = urlsplit(served.url).port
    result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in result.output


def test_pack_replaces_the_pack_of_its_language(small_pack_dir):
    from mbcprep.web.handouts import load_library

    library = load_library(small_pack_dir)
    assert library.pack("en").root == str(small_pack_dir)
    assert library.pack("es").meta.language == "es-US"


def test_open_opens_the_default_browser_on_the_page(monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)

    class NoServer:
        def run(self):
            raise KeyboardInterrupt

        def close(self):
            pass

    monkeypatch.setattr("waitress.create_server", lambda *args, **kwargs: NoServer())
    result = CliRunner().invoke(main, ["serve", "--port", "0", "--open"])
    assert result.exit_code == 0, result.output
    assert len(opened) == 1 and opened[0].startswith("http://127.0.0.1:") and opened[0] in result.output
    assert "Stopped" in result.output


def test_the_pdf_over_the_wire_is_a_valid_handout(served):
    status, headers, body = send(served, "POST", "/", THREE)
    assert status == 200 and headers["Content-Disposition"] == 'attachment; filename="visit-prep-2026-12-03.pdf"'
    assert len(pdf_reader(body).pages) > 1


def test_stalled_uploads_cannot_lock_everyone_out(tmp_path):
    """More unfinished uploads than the server takes connections (review m2): each is dropped after
    ``UNFINISHED_BODY_SECONDS`` without a byte, and the next person is served."""
    import socket

    from mbcprep.web.server import CONNECTION_LIMIT, UNFINISHED_BODY_SECONDS

    server = start_server(tmp_path / "log")
    parts = urlsplit(server.url)
    stalled = []
    try:
        for _ in range(CONNECTION_LIMIT + 10):  # bounded: a few more than the server's limit
            sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
            sock.sendall(f"POST /summary HTTP/1.1\r\nHost: {parts.netloc}\r\nOrigin: {server.origin}\r\n"
                         "Content-Type: application/pdf\r\nContent-Length: 100000\r\n\r\n%P".encode())
            stalled.append(sock)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=UNFINISHED_BODY_SECONDS * 4)
        try:
            connection.request("GET", "/")
            assert connection.getresponse().status == 200
        finally:
            connection.close()
    finally:
        for sock in stalled:
            sock.close()
        server.process.send_signal(signal.SIGINT)
        server.process.wait(timeout=20)
        server.process.stdout.close()


def test_the_readme_says_how_long_an_unfinished_upload_may_stall():
    from pathlib import Path

    from mbcprep.web.server import CONNECTION_LIMIT, UNFINISHED_BODY_SECONDS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"sends nothing for {UNFINISHED_BODY_SECONDS} seconds" in readme
    assert f"{CONNECTION_LIMIT} connections" in readme


def start_on_every_address(tmp_path, host: str):
    """``serve --host HOST --allow-network`` (HOST: every address), its socket bound to loopback only:
    what it prints and which names it answers are those of a server on every address, and nothing
    outside this computer can reach it while the test runs."""
    import re
    import subprocess
    import sys

    code = ("import socket, sys\n"
            "import mbcprep.web.server as server\n"
            f"server.listen = lambda host, port: socket.create_server(({'::1' if ':' in host else '127.0.0.1'!r}, 0),"
            f" family=socket.AF_INET6 if {':' in host} else socket.AF_INET)\n"
            "from mbcprep.cli import main\n"
            f"sys.argv = ['mbcprep', 'serve', '--host', {host!r}, '--allow-network']\n"
            "main()\n")
    log = open(tmp_path / "log", "w")
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=log, text=True)
    log.close()
    line = process.stdout.readline()
    url = re.search(r"http://(\S+?)/", line)
    return process, url.group(0) if url else line


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_on_every_address_it_prints_an_address_that_works_and_answers_its_own_names(tmp_path, host):
    """Review m4: it printed http://127.0.0.1:PORT/ and then refused that name, localhost and its own address."""
    import socket

    process, url = start_on_every_address(tmp_path, host)
    try:
        assert url.startswith("http://"), url
        parts = urlsplit(url)
        port = parts.port

        def status(name: str) -> int:
            connection = http.client.HTTPConnection(parts.hostname, port, timeout=30)
            try:
                connection.request("GET", "/", headers={"Host": f"{name}:{port}"})
                return connection.getresponse().status
            finally:
                connection.close()

        assert status(parts.netloc.rsplit(":", 1)[0]) == 200  # the address it printed
        for name in ("localhost", "127.0.0.1", "[::1]", socket.gethostname()):
            assert status(name) == 200, name
        own = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None) if "%" not in info[4][0]}
        for address in own:
            assert status(f"[{address}]" if ":" in address else address) == 200, address
        assert status("evil.example") == 400 and status("rebind.evil.example") == 400
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
        process.stdout.close()
