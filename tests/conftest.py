"""Shared fixtures: small packs under tests/fixtures so content edits never break tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SMALL_PACK = FIXTURES / "pack-small"


@pytest.fixture
def small_pack_dir() -> Path:
    return SMALL_PACK


@pytest.fixture
def pack_copy(tmp_path) -> Path:
    """A writable copy of the small pack, for tests that break it on purpose."""
    target = tmp_path / "pack"
    shutil.copytree(SMALL_PACK, target)
    return target


@pytest.fixture(scope="session")
def small_pack():
    from mbcprep.pack import load_pack

    return load_pack(SMALL_PACK)


def roster_finished(client, response, seconds: float = 300):
    """The nurse page's answer to an upload, followed as a person would: the status page it points to,
    asked again until the roster is done (``seconds`` at most: a deadline, not a timing).  An answer
    that is not a redirect (a roster refused as a whole) is returned as it is."""
    import time

    if response.status_code != 303:
        return response
    location = response.headers["Location"]
    deadline = time.monotonic() + seconds
    while True:
        page = client.get(location)
        if b"data-job-state" not in page.data or time.monotonic() > deadline:
            return page
        time.sleep(0.1)


# --------------------------------------------------------------------------
# A real browser: Debian's Chromium driven by Playwright (also for the web app's tests)
# --------------------------------------------------------------------------

#: Debian's Chromium (``apt-get install chromium``); Playwright's own browser download is never used.
CHROMIUM = os.environ.get("MBCPREP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _browser_missing(reason: str):
    """Skip on a developer's machine; fail in CI (CI=true), where .ci/run installs Chromium."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{reason}: CI must run the browser tests", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a whole test module; each test opens its own pages."""
    if not os.path.isfile(CHROMIUM):
        _browser_missing(f"Chromium is not at {CHROMIUM} (apt-get install chromium, or set MBCPREP_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("Playwright is not installed (pip install '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --------------------------------------------------------------------------
# Reading a PDF back the way a viewer or a printer sees it (pypdf, pdfplumber).
# Plain functions, imported by the PDF tests with ``from conftest import ...``.
# --------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="session")
def builtin_pack():
    from mbcprep.pack import load_pack

    return load_pack()


@pytest.fixture(scope="session")
def clinic_profile():
    """The example clinic profile: name, phones and address, as a nurse would set it up."""
    from mbcprep.request.clinic import load_clinic

    return load_clinic(EXAMPLES / "clinic.toml")


def squash(text: str) -> str:
    """Text with every run of white space as one space (line breaks differ between readers)."""
    return " ".join(text.split())


def pdf_reader(data: bytes):
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """Each page's text, squashed."""
    return [squash(page.extract_text()) for page in pdf_reader(data).pages]


def pdf_text(data: bytes) -> str:
    return " ".join(page_texts(data))


def widgets(data: bytes) -> list[tuple[dict, int]]:
    """Every form widget annotation with the index of its page."""
    found = []
    for index, page in enumerate(pdf_reader(data).pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Widget":
                found.append((annot, index))
    return found


def plumbed(data: bytes):
    """The PDF opened with pdfplumber (characters with sizes and colours, lines, rects)."""
    import io

    import pdfplumber

    return pdfplumber.open(io.BytesIO(data))


def contrast_on_white(color) -> float:
    """WCAG contrast ratio of a pdfplumber colour (grey or RGB tuple, or None for black) on white."""
    if color is None:
        color = (0,)
    if isinstance(color, (int, float)):
        color = (color,)
    if len(color) == 1:
        color = tuple(color) * 3
    if len(color) == 4:  # CMYK
        c, m, y, k = color
        color = tuple((1 - v) * (1 - k) for v in (c, m, y))

    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(float(v)) for v in color[:3])
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


# --------------------------------------------------------------------------
# Requests the way every source makes them: through the request layer's checks
# --------------------------------------------------------------------------


def checked_request(pack, concerns=("bones",), **fields):
    """A ``Request`` made by ``request_from_values``, so its checks (ids, limits, fonts) apply.

    ``fields`` are named as ``Request`` names them (``patient_name`` for the name).
    """
    from mbcprep.request.values import request_from_values

    values = {("name" if key == "patient_name" else key): value for key, value in fields.items()}
    return request_from_values({"concerns": tuple(concerns), **values}, pack)


def clinic_with_logo(folder: Path, logo: Path, **details):
    """A clinic profile with a logo, read as a clinic file is read (the logo checked there)."""
    from mbcprep.request.clinic import clinic_from_mapping

    return clinic_from_mapping({**details, "logo": str(logo)}, folder)


def handout_bytes(request, pack, fmt: str = "pdf") -> bytes:
    """The bytes of a handout: planned, then rendered, as every command does."""
    from mbcprep.plan import plan_handout
    from mbcprep.render import render_handout

    return render_handout(plan_handout(request, pack), fmt).data


# --------------------------------------------------------------------------
# A real 'mbcprep serve' on a free loopback port (the web app's server and browser tests)
# --------------------------------------------------------------------------


class Served:
    """A running ``mbcprep serve``: its address and its access log (what it wrote to stderr)."""

    def __init__(self, url: str, log_path: Path, process):
        self.url = url
        self.log_path = log_path
        self.process = process

    @property
    def origin(self) -> str:
        return self.url.rstrip("/")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")


def start_server(log_path: Path, *options: str) -> Served:
    """``python -m mbcprep serve --port 0 OPTIONS``, its address read from the line it prints first."""
    import re
    import subprocess
    import sys

    command = [sys.executable, "-m", "mbcprep", "serve", "--port", "0", *options]
    log = open(log_path, "w", encoding="utf-8")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True)
    log.close()
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not found:
        process.kill()
        pytest.fail(f"mbcprep serve did not start: {line!r} {log_path.read_text()}")
    return Served(found.group(0), log_path, process)


def stop_server(served: Served) -> int:
    """Ctrl-C, as a person stops it; returns the exit status."""
    import signal

    served.process.send_signal(signal.SIGINT)
    try:
        return served.process.wait(timeout=20)
    finally:
        served.process.stdout.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server for a test module, with the example clinic profile."""
    server = start_server(tmp_path_factory.mktemp("serve") / "stderr.log", "--clinic", str(EXAMPLES / "clinic.toml"))
    yield server
    stop_server(server)


# --------------------------------------------------------------------------
# The web app through Flask's test client (test_web.py, test_web_summary.py)
# --------------------------------------------------------------------------

#: The page's own origin as the test client's pages have it.
WEB_ORIGIN = "http://localhost"


@pytest.fixture(scope="module")
def library():
    """What ``mbcprep serve --clinic examples/clinic.toml`` starts with."""
    from mbcprep.web.handouts import load_library

    return load_library(clinic_file=EXAMPLES / "clinic.toml")


@pytest.fixture
def app(library):
    from mbcprep.web import create_app
    from mbcprep.web.security import allowed_names

    return create_app(library, *allowed_names("127.0.0.1", 80))


@pytest.fixture
def client(app):
    return app.test_client()


def web_post(client, path: str, data=None, origin=WEB_ORIGIN, **kwargs):
    """A POST as the page's own form sends it (its Origin header), or with another origin, or none."""
    headers = kwargs.pop("headers", {})
    if origin is not None:
        headers["Origin"] = origin
    return client.post(path, data=data or {}, headers=headers, **kwargs)


# --------------------------------------------------------------------------
# Filled-in handouts (the summary tests, the web summary page)
# --------------------------------------------------------------------------


def fill_form(data: bytes, values: dict, **options) -> bytes:
    """Fill a handout's fields the way a viewer saves them, with pypdf."""
    import io
    import logging

    from pypdf import PdfReader, PdfWriter

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # "characters not supported by font encoding"
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False, **options)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def rewrite_pdf(data: bytes, change) -> bytes:
    """The PDF after ``change(writer)``: for quirks a viewer may leave that pypdf's filling does not."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_opener(browser, served, default_path: str):
    """``open_(path, width, height)``: a fresh page on the served app, and a function to close them all."""
    pages = []

    def open_(path: str = default_path, width: int = 1280, height: int = 900):
        page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
        pages.append(page)
        page.goto(served.url.rstrip("/") + path)
        return page

    def close() -> None:
        for page in pages:
            page.close()

    return open_, close


@pytest.fixture
def no_files_written(monkeypatch):
    """Fail the test if anything makes a temporary file or opens a file for writing (the web app keeps all in memory)."""
    import builtins
    import tempfile

    real_open = builtins.open

    def no_files(*args, **kwargs):
        raise AssertionError("a temporary file was made")

    def open_for_reading(file, mode="r", *args, **kwargs):
        if not isinstance(file, int) and any(flag in mode for flag in "wax+"):
            raise AssertionError(f"{file} opened for writing")
        return real_open(file, mode, *args, **kwargs)

    for name in ("TemporaryFile", "NamedTemporaryFile", "SpooledTemporaryFile", "mkstemp", "mkdtemp"):
        monkeypatch.setattr(tempfile, name, no_files)
    monkeypatch.setattr(builtins, "open", open_for_reading)


def page_text(response) -> str:
    """A web page's text as a person reads it: tags out, entities decoded, spaces collapsed."""
    import html
    import re

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def field_error(response, field: str) -> str | None:
    """The message beside a form field, and a check that the field names it in aria-describedby."""
    import html
    import re

    source = response.get_data(as_text=True)
    found = re.search(rf'<p class="field-error" id="{field}-error">(.*?)</p>', source, re.S)
    if found is None:
        return None
    described = re.search(rf'id="{field}"[^>]*aria-describedby="([^"]*)"', source, re.S)
    assert described and f"{field}-error" in described.group(1).split(), f"{field} does not point at its error"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())



# --------------------------------------------------------------------------
# A made-up third language, registered as a clinic would register one
# --------------------------------------------------------------------------

#: The made-up language's own words where a test looks for them: each file's is changed, so a test can tell
#: them from the Spanish they were copied from.
THIRD_LANGUAGE_LINK = "Xx: this page in xx"
THIRD_LANGUAGE_WORDS = {
    "pack.toml": ("title", "Xx sheet for my visit"),
    "words/web.toml": ("patient_title", "Xx: make a sheet for your visit"),
    "words/summary.toml": ("title", "Xx visit summary"),
    "words/prompts.toml": ("which_concerns", "Xx: which concerns?"),
}


def make_third_language(root: Path) -> Path:
    """A language "xx" (tag xx-US) in ``root``: a copy of the Spanish folder (its pack and its words) with
    another tag, as a translator starts one.  Nothing else: registering it is the caller's
    ``MBCPREP_LANGUAGES``."""
    from mbcprep.languages import language

    folder = root / "xx-US"
    shutil.copytree(language("es").folder, folder, ignore=shutil.ignore_patterns("__pycache__"))

    def edit(path: Path, key: str, value: str) -> None:
        text = path.read_text(encoding="utf-8")
        line = next(line for line in text.splitlines() if line.startswith(f"{key} = "))
        path.write_text(text.replace(line, f'{key} = "{value}"', 1), encoding="utf-8")

    edit(folder / "pack.toml", "id", "mbc-xx-us")
    edit(folder / "pack.toml", "language", "xx-US")
    edit(folder / "words" / "web.toml", "language_link", THIRD_LANGUAGE_LINK)
    for file, (key, words) in THIRD_LANGUAGE_WORDS.items():
        edit(folder / file, key, words)
    return root


@pytest.fixture
def third_language(tmp_path, monkeypatch) -> Path:
    """The made-up language "xx", registered for this test (``MBCPREP_LANGUAGES``); its root folder."""
    from mbcprep.languages import ENVIRONMENT

    root = make_third_language(tmp_path / "languages")
    monkeypatch.setenv(ENVIRONMENT, str(root))
    return root


def pdf_objects(data: bytes) -> bytes:
    """A PDF's bytes with every object written out in plain (no object streams), its streams as they were.

    The tagged PDF packs its dictionaries into compressed object streams, so a search of the raw bytes for a
    key or a name (``/AcroForm``, ``/URI``, a font's name) would find nothing whatever the PDF holds.
    """
    import io

    import pikepdf

    out = io.BytesIO()
    pikepdf.open(io.BytesIO(data)).save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                                        stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False)
    return out.getvalue()


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    """Run the test in its own empty folder, so default file names land there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
