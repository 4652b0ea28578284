"""A roster row never carries another row's text: quotes that run on are caught and reported.

The defect these pin: Python's csv reads every line after an unclosed quote
into that one cell, so one patient's sheet listed the next patients' names,
visits and notes, and their own handouts were silently never made.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from mbcprep.cli import main
from mbcprep.request.roster_csv import split_records

COLUMNS = ("name", "visit", "provider", "concerns", "subtype", "large_print", "brief", "note", "file")


def run(tmp_path: Path, pack_dir: Path, text: str, *extra: str):
    roster = tmp_path / "roster.csv"
    roster.write_bytes(text.encode("utf-8"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(out), "--pack", str(pack_dir),
                                       "--format", "txt", "--jobs", "1", *extra])
    assert "Traceback" not in result.output and not isinstance(result.exception, Exception) \
        or isinstance(result.exception, SystemExit), result.output
    return result, out


def handouts(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.txt")}


def error_rows(out: Path) -> dict[int, str]:
    with open(out / "batch-errors.csv", encoding="utf-8-sig", newline="") as handle:
        return {int(row): reason for row, reason in list(csv.reader(handle))[1:]}


def test_the_reported_roster_makes_no_handout_and_reports_every_row(tmp_path, small_pack_dir):
    text = ("name,concerns,visit,note\n"
            'Ana Diaz,bones,2026-12-03 09:00,"Pain at night\n'
            "Bo Chen,bones,2026-12-03 09:30,Tired\n"
            "Cy Park,bones,2026-12-03 10:00,Short of breath\n")
    result, out = run(tmp_path, small_pack_dir, text)
    assert result.exit_code == 1
    assert "0 written, 3 failed" in result.output
    assert handouts(out) == {}
    errors = error_rows(out)
    assert errors[2] == "note: a quote opened here is never closed; check the cell in your spreadsheet"
    assert set(errors) == {2, 3, 4}
    assert "row 2" in errors[3] and "row 2" in errors[4]
    report = (out / "batch-errors.csv").read_text(encoding="utf-8-sig")
    assert not re.search("Ana|Bo Chen|Cy Park|Pain|Tired|Short", report + result.output)


def test_a_quote_in_row_10_of_200_keeps_the_rows_before_and_reports_the_rest(tmp_path, small_pack_dir):
    lines = ["name,concerns,note"]
    for row in range(2, 202):
        note = '"Opened and never closed' if row == 10 else f"note of row {row}"
        lines.append(f"Person{row}x,bones,{note}")
    result, out = run(tmp_path, small_pack_dir, "\n".join(lines) + "\n")
    assert "8 written, 192 failed" in result.output
    written = handouts(out)
    assert len(written) == 8
    for name, text in written.items():
        people = set(re.findall(r"Person(\d+)x", text))
        assert len(people) == 1, (name, people)
    assert set(error_rows(out)) == set(range(10, 202))


def test_a_quote_closed_rows_later_fails_the_rows_it_swallowed_and_reads_on_after(tmp_path, small_pack_dir):
    text = ("name,concerns,note\n"
            "Quinta,bones,fine\n"
            'Ravel,bones,"starts here\n'
            "Sorrel,bones,swallowed\n"
            'Tamsin,bones,"ends" here\n'
            "Umber,bones,fine too\n")
    result, out = run(tmp_path, small_pack_dir, text)
    assert "2 written, 3 failed" in result.output
    assert set(error_rows(out)) == {3, 4, 5}
    texts = "\n".join(handouts(out).values())
    assert "Quinta" in texts and "Umber" in texts and not re.search("Ravel|Sorrel|Tamsin", texts)


def test_a_short_line_after_an_unclosed_quote_does_not_become_part_of_a_note(tmp_path, small_pack_dir):
    # The quote that closes the cell is the next line's own: text follows it.
    text = 'name,concerns,note\nAna,bones,"Pain\n"Bo" Chen\n'
    result, out = run(tmp_path, small_pack_dir, text)
    assert handouts(out) == {}
    assert set(error_rows(out)) == {2, 3}


def test_a_note_typed_over_several_lines_is_one_row_and_prints_whole(tmp_path, small_pack_dir):
    text = 'name,concerns,note\nQuinta,bones,"Pain at night\nworse on stairs"\nRavel,bones,Tired\n'
    result, out = run(tmp_path, small_pack_dir, text)
    assert result.exit_code == 0, result.output
    assert "2 written, 0 failed" in result.output
    quinta = next(t for t in handouts(out).values() if "Quinta" in t)
    assert "Pain at night" in quinta and "worse on stairs" in quinta and "Ravel" not in quinta


def test_quoted_separators_and_doubled_quotes_stay_in_their_cell(tmp_path, small_pack_dir):
    text = 'name,concerns,note\n"Díaz, Ana",bones,"She said ""it aches"", at night"\n'
    result, out = run(tmp_path, small_pack_dir, text)
    assert result.exit_code == 0, result.output
    (only,) = handouts(out).values()
    assert "Díaz, Ana" in only and 'She said "it aches", at night' in only


@pytest.mark.parametrize("separator", [";", "\t"])
def test_spreadsheets_that_save_csv_with_semicolons_or_tabs(tmp_path, small_pack_dir, separator):
    text = separator.join(["name", "concerns", "note"]) + "\r\n" + separator.join(
        ["Ana", "bones", '"Pain; at night, mostly"']) + "\r\n"
    result, out = run(tmp_path, small_pack_dir, text)
    assert result.exit_code == 0, result.output
    (only,) = handouts(out).values()
    assert "Pain; at night, mostly" in only


def test_a_quote_that_runs_on_in_the_header_is_a_one_line_error(tmp_path, small_pack_dir):
    result, out = run(tmp_path, small_pack_dir, 'name,"concerns\nAna,bones\n')
    assert result.exit_code == 1
    assert "row 1: a quote opened here is never closed" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_records_know_their_lines():
    records = split_records('a,"b\nc"\r\nd,e\n')
    assert [(r.first_line, r.last_line) for r in records] == [(1, 2), (3, 3)]
    assert records[0].cells[1].text == "b\nc"


# --- any quoting, line breaks and separators: no handout holds another row's text ---------

marker_free = st.text(alphabet=st.sampled_from(list("ab ,;\t\"'\n")), max_size=12)


@st.composite
def rosters(draw):
    """A roster of 1-6 people, each row written with random (and often broken) quoting.

    Each row's name and note carry the row's own markers (``P3Q``, ``N3Z``)
    so a handout's text shows whose data it holds.  A roster is "clean" when
    a spreadsheet could have saved it: every cell quoted, and line breaks only
    in notes, with no line inside a note that looks like a row.  Line breaks go inside
    cells that open a quote; in a cell without one, a line break starts a
    new row by the rules every spreadsheet follows, so it would not be a
    line break in a cell at all.
    """
    separator = draw(st.sampled_from([",", ";", "\t"]))
    count = draw(st.integers(1, 6))
    lines = [separator.join(["name", "concerns", "note"])]
    clean = True  # every cell quoted as a spreadsheet would, no line that looks like a row inside one
    for i in range(count):
        cells = [f"P{i}Q{draw(marker_free)}", "bones", f"N{i}Z{draw(marker_free)}"]
        written = []
        for cell in cells:
            style = draw(st.sampled_from(["proper", "proper", "raw", "open", "stray"]))
            clean = clean and style == "proper" and not any(
                separator in part for part in cell.split("\n")[1:]) and (cell.startswith("N") or "\n" not in cell)
            if style == "proper":
                written.append('"' + cell.replace('"', '""') + '"')
            elif style == "raw":
                written.append(cell.replace("\n", " "))
            elif style == "open":  # a quote opened and never closed
                written.append('"' + cell.replace('"', ""))
            else:  # a stray quote after the text
                written.append(cell.replace("\n", " ") + '"')
        lines.append(separator.join(written))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return ending.join(lines) + ending, count, clean


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(roster=rosters())
def test_no_handout_ever_holds_text_from_another_row(tmp_path_factory, small_pack, roster):
    from mbcprep import batch as batch_lib

    text, count, clean = roster
    work = tmp_path_factory.mktemp("quotes")
    path = work / "roster.csv"
    path.write_bytes(text.encode("utf-8"))
    out = work / "out"
    out.mkdir()
    from mbcprep.request.packs import PackShelf

    batch = batch_lib.prepare_batch(path, out, PackShelf(small_pack.root), {"format": "txt"}, jobs=1)
    result = batch_lib.run_batch(batch)
    for _, written in result.written:
        handout = written.read_text(encoding="utf-8")
        people = set(re.findall(r"[PN](\d)[QZ]", handout))
        assert len(people) <= 1, (text, handout)
    rows_numbered = {f.row for f in result.failures} | {job.row for job in batch.jobs}
    # Every row is written or reported, once, and nothing is lost silently.
    assert len(result.written) + len(result.failures) == len(rows_numbered) == result.total_rows
    assert len(rows_numbered) >= count
    if clean:  # a roster saved properly by a spreadsheet: every row is made
        assert len(result.written) == count and not result.failures, (text, result.failures)
