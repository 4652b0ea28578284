"""What people type never leaks into reports, never drives a terminal, never reads backwards.

- Reasons in batch-errors.csv and on batch's stderr name the column and the
  problem, never the cell's text (a roster cell may hold anything; the
  property test for every reason is in test_batch.py).
- Control characters and bidi overrides are removed from every typed value,
  every file name and every error message, in every output format.
- batch-errors.csv never holds a cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL_PACK

from mbcprep.cli import main
from mbcprep.constants import SUBTYPES

PACK = str(SMALL_PACK)
HEADER = "name,visit,provider,concerns,subtype,large_print,brief,note,file\n"
ESC, RLO = "\x1b", "\u202e"


def invoke(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def batch(tmp_path: Path, body: str, *extra: str):
    roster = tmp_path / "roster.csv"
    roster.write_text(HEADER + body, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("batch", str(roster), "--out-dir", str(out), "--pack", PACK, "--jobs", "1", *extra)
    return result, out


def report(out: Path) -> dict[int, str]:
    with open(out / "batch-errors.csv", encoding="utf-8-sig", newline="") as handle:
        return {int(row): reason for row, reason in list(csv.reader(handle))[1:]}


# --- item 3: reasons name the column, never the cell ------------------------------------------


def test_roster_reasons_never_quote_cells(tmp_path):
    body = ("Kim Lee,Mrs Smith has pain,,bones,,,,,\n"
            "Kim Lee,,,bones,,Kim has breast cancer,,,\n"
            "Kim Lee,,,bones,Kim secret subtype,,,,\n"
            "Kim Lee,,,Kim has a secret,,,,,\n"
            "Kim Lee,,,bones;Kim secret,,,,,\n")
    result, out = batch(tmp_path, body, "--format", "txt")
    reasons = report(out)
    assert reasons == {
        2: 'visit: is not a date; write it like "2026-12-03 10:30" or "2026-12-03"',
        3: "large_print: is not yes or no",
        4: f"subtype: is not one of: {', '.join(SUBTYPES)}",
        5: "concerns: is not a known concern id; see 'mbcprep concerns' for the list",
        6: "concerns: the 2nd id is not a known concern; see 'mbcprep concerns' for the list",
    }
    assert "Kim" not in result.output and "Smith" not in result.output and "secret" not in result.output


def test_font_reason_names_the_column_not_the_characters(tmp_path):
    result, out = batch(tmp_path, "王小明,,,bones,,,,,\nAna,,,bones,,,,Ελένη 中文 note,\n")
    assert report(out) == {
        2: "name: has characters the font DejaVu Sans cannot print; choose a font that has them with --font",
        3: "note: has characters the font DejaVu Sans cannot print; choose a font that has them with --font",
    }
    assert "王" not in result.output and "中" not in result.output and "U+" not in result.output


def test_a_long_cell_is_refused_without_being_quoted(tmp_path):
    result, out = batch(tmp_path, "Ana,,,bones,,,," + "secret " * 1000 + ",\n", "--format", "txt")
    assert report(out) == {2: "note: the cell has more than 5,000 characters"}
    assert "secret" not in result.output


def test_generate_quotes_a_short_value_and_cuts_a_long_one(here):
    result = invoke("generate", "--pack", PACK, "-c", "bones", "--visit", "next tuesday")
    assert result.output.strip() == ('Error: visit: "next tuesday" is not a date; '
                                     'write it like "2026-12-03 10:30" or "2026-12-03"')
    result = invoke("generate", "--pack", PACK, "-c", "bones", "--visit", "x" * 300)
    assert f'visit: "{"x" * 39}\u2026" is not a date' in result.output


# --- item 10: controls and bidi overrides ---------------------------------------------------------

HOSTILE_NAME = f"Ana{ESC}[2J{ESC}]0;owned\x07 D{RLO}íaz\u2066\u200f\x85"


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_text_and_html_carry_no_controls_or_bidi_overrides(here, fmt):
    clinic = here / "clinic.toml"
    clinic.write_text('name = "River\\u202Eside\\u001b[1m"\nphone = "555\\u0007"\n', encoding="utf-8")
    result = invoke("generate", "--pack", PACK, "-c", "bones", "--format", fmt, "-o", "-", "--name", HOSTILE_NAME,
                    "--provider", f"Dr{ESC}[31m Lee", "--note", f"line one{ESC}[1m\nline{RLO} two\x00",
                    "--clinic", str(clinic))
    assert result.exit_code == 0, result.output
    page = result.stdout
    for char in (ESC, RLO, "\u2066", "\u200f", "\x85", "\x07", "\x00"):
        assert char not in page, repr(char)
    assert "Ana[2J]0;owned Díaz" in page and "Riverside[1m" in page
    assert "line one[1m" in page and "line two" in page  # the note keeps its lines


def test_pdf_carries_no_controls_or_bidi_overrides(here):
    from pypdf import PdfReader

    result = invoke("generate", "--pack", PACK, "-c", "bones", "-o", "sheet.pdf", "--name", HOSTILE_NAME)
    assert result.exit_code == 0, result.output
    text = PdfReader(here / "sheet.pdf").pages[0].extract_text()
    assert ESC not in text and RLO not in text and "Ana[2J]0;owned Díaz" in text


def test_file_names_from_a_roster_carry_no_bidi_overrides(tmp_path):
    result, out = batch(tmp_path, f"A,,,bones,,,,,invoice{RLO}txt.exe\nB,,,bones,,,,,b{ESC}[1m\x9b\n",
                        "--format", "txt")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["b-[1m.txt", "invoicetxt.exe.txt"]


@pytest.mark.parametrize("args", [
    ["-c", f"bon{ESC}]0;title\x07e"],  # an OSC sequence: Click strips only colour codes
    ["-c", "bones", "--visit", f"2026-13-01{RLO}"],
    ["-c", "bones", "--from", f"no{RLO}such{ESC}]0;t\x07.toml"],
])
def test_error_messages_carry_no_controls(here, args):
    result = invoke("generate", "--pack", PACK, *args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    for char in (ESC, RLO, "\x07"):
        assert char not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_batch_errors_carry_no_controls(tmp_path):
    result = invoke("batch", str(tmp_path / f"missing{ESC}]0;t\x07{RLO}.csv"), "--out-dir",
                    str(tmp_path / "out"), "--pack", PACK)
    assert result.exit_code == 1 and "roster file not found" in result.output
    assert ESC not in result.output and RLO not in result.output and "\x07" not in result.output


# --- item 11: no formulas in batch-errors.csv --------------------------------------------------------


def test_error_report_cells_never_start_a_formula(tmp_path):
    from mbcprep.model.roster import RowFailure
    from mbcprep.write.folder import write_error_report

    reasons = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\t=1", "plain reason"]
    path = write_error_report(tmp_path, [RowFailure(i + 2, reason) for i, reason in enumerate(reasons)])
    with open(path, encoding="utf-8-sig", newline="") as handle:
        cells = [reason for _, reason in list(csv.reader(handle))[1:]]
    assert cells == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-1", "'@SUM(A1)", "'=1", "plain reason"]
