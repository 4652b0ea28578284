"""One format table for every document mbcprep makes, and the summary's parts drawn alike in every format.

The table (``mbcprep.formats.FORMATS``) is where the command line's
choices, the format a file name implies, the default file names and the
renderers come from; the summary, like the handout's plan, is an ordered
list of typed parts that every renderer draws with one handler per kind.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import fill_form, handout_bytes, page_text, pdf_reader, pdf_text, squash, web_post

from mbcprep.cli import main
from mbcprep.formats import FORMATS, HANDOUT, SUMMARY, Document, formats_of, render
from mbcprep.model.request import Request
from mbcprep.pack import load_pack
from mbcprep.plan import plan_handout
from mbcprep.summary.data import HANDLERS
from mbcprep.summary.model import PART_TYPES, plan_summary
from mbcprep.summary.pdf import SummarySheet
from mbcprep.summary.read import read_filled_form
from mbcprep.summary.text import SummaryText
from mbcprep.write.handout import default_file_name, format_for_output

TODAY = dt.date(2026, 12, 3)
SUMMARY_TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "web" / "_summary.html"


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.fixture(scope="module")
def handout(pack) -> bytes:
    return handout_bytes(Request(concerns=("bones", "pain"), patient_name="Ana Díaz"), pack)


@pytest.fixture(scope="module")
def filled(handout) -> bytes:
    """Every field of the handout filled in (every box ticked), so every part of the summary shows."""
    names = list(pdf_reader(handout).get_fields())
    return fill_form(handout, {name: "/Yes" if name.startswith("ask_") else "9" for name in names})


def models(pack, filled):
    return {HANDOUT: plan_handout(Request(concerns=("bones",)), pack),
            SUMMARY: plan_summary(read_filled_form(filled), TODAY)}


# --------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------


def test_each_row_names_a_renderer_that_returns_a_document_of_that_row(pack, filled):
    drawn = models(pack, filled)
    for entry in FORMATS:
        document = render(entry.document, drawn[entry.document], entry.name)
        assert isinstance(document, Document) and document.format is entry
        assert document.data and document.media_type == entry.media_type
        assert (document.pages is not None) == (entry.name == "pdf")


def test_a_kind_has_each_format_once_and_each_suffix_names_one_format():
    for document in (HANDOUT, SUMMARY):
        rows = [entry for entry in FORMATS if entry.document == document]
        assert len({entry.name for entry in rows}) == len(rows)
        suffixes = [suffix for entry in rows for suffix in entry.suffixes]
        assert len(set(suffixes)) == len(suffixes)


def test_an_unknown_format_is_a_value_error_naming_the_ones_there_are(pack, filled):
    with pytest.raises(ValueError, match="html"):
        render(SUMMARY, models(pack, filled)[SUMMARY], "html")


def choices(command: str) -> list[str]:
    found = main.get_command(None, command)
    option = next(param for param in found.params if param.name in ("fmt", "format")).type
    return list(option.field.choices if hasattr(option, "field") else option.choices)  # a request field's, or Click's


@pytest.mark.parametrize("command,document", [("generate", HANDOUT), ("summary", SUMMARY), ("batch", HANDOUT)])
def test_every_format_option_offers_the_tables_formats(command, document):
    assert choices(command) == list(formats_of(document))


def test_the_format_an_output_name_implies_is_read_from_the_table():
    assert format_for_output("report.HTM") == "html"
    assert format_for_output("s.json") is None  # not a handout format
    assert format_for_output("s.json", SUMMARY) == "json"
    assert format_for_output("-", SUMMARY) is None


def test_default_file_names_hold_a_date_and_never_the_person():
    assert default_file_name(HANDOUT, TODAY, "html") == "visit-prep-2026-12-03.html"
    assert default_file_name(SUMMARY, TODAY, "json") == "visit-summary-2026-12-03.json"


def test_summary_without_output_writes_its_default_name_for_the_format(tmp_path, filled, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "filled.pdf").write_bytes(filled)
    result = CliRunner().invoke(main, ["summary", "filled.pdf", "--format", "json"])
    written = [path.name for path in tmp_path.iterdir() if path.name != "filled.pdf"]
    # a sheet that names no visit: the day it was summarised, and the counter that keeps a day's summaries apart
    assert result.exit_code == 0 and written == [f"visit-summary-{dt.date.today().isoformat()}-1.json"]
    assert result.output == f"Wrote {written[0]}\n"


# --------------------------------------------------------------------------
# The summary's parts: one handler per kind in every renderer, drawn in the summary's order
# --------------------------------------------------------------------------

KINDS = [part_type.kind for part_type in PART_TYPES]


def test_every_summary_renderer_has_one_handler_per_part_kind():
    macros = re.findall(r"{% macro (\w+)\(", SUMMARY_TEMPLATE.read_text(encoding="utf-8"))
    for kind in KINDS:
        assert callable(getattr(SummarySheet, kind)) and callable(getattr(SummaryText, kind))
        assert kind in HANDLERS and kind in macros


def test_a_fully_filled_handout_shows_every_part_of_the_summary_in_order(filled):
    summary = plan_summary(read_filled_form(filled), TODAY)
    assert [part.kind for part in summary.shown] == [part.kind for part in summary.parts] == KINDS
    assert summary.closing == ""


def headings(summary) -> list[str]:
    """Each shown part as it titles itself: the summary's title, then each part's heading."""
    return [str(summary.words["title" if part.kind == "header" else part.kind]) for part in summary.shown]


def assert_in_order(text: str, names: list[str]) -> None:
    position = -1
    for name in names:
        found = text.find(name, position + 1)
        assert found > position, f"{name!r} is missing or out of order"
        position = found


def test_each_summary_format_draws_the_shown_parts_in_the_summarys_order(filled, client):
    summary = plan_summary(read_filled_form(filled), TODAY)
    names = headings(summary)
    assert_in_order(pdf_text(render(SUMMARY, summary, "pdf").data), [squash(name) for name in names])
    assert_in_order(render(SUMMARY, summary, "txt").data.decode("utf-8"), [name.upper() for name in names])
    response = web_post(client, "/summary", data={"handout": (__import__("io").BytesIO(filled), "f.pdf"),
                                                  "action": "html"}, content_type="multipart/form-data")
    assert response.status_code == 200
    assert_in_order(page_text(response).split(names[0], 1)[1], names[1:])
