"""``mbcprep batch``: a roster in, every good row written, every bad row reported."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mbcprep.cli import main

HEADER = "name,visit,provider,concerns,subtype,large_print,brief,note,file\n"


def write_roster(tmp_path: Path, body: str, header: str = HEADER, encoding: str = "utf-8",
                 newline: str = "\n") -> Path:
    path = tmp_path / "roster.csv"
    text = (header + body).replace("\n", newline)
    path.write_bytes(text.encode(encoding))
    return path


def run_batch(small_pack_dir, roster, out_dir, *extra):
    result = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(out_dir),
                                       "--pack", str(small_pack_dir), *extra])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


GOOD_AND_BAD = (
    "Ana Díaz,2026-12-03 09:00,Dr. Okafor,bones;treatment-options,hr-positive,no,no,Pain at night,\n"
    "Bad One,2026-12-03 09:30,,bone,,,,,\n"
    "Дарья Иванова,2026-12-03 10:00,Dr. Chen,stopping-treatment,,yes,,,\n"
    "No Concerns,2026-12-03,,,,,,,\n"
    "Bad Date,2026-02-30,,bones,,,,,\n"
    "Zoë Nguyễn,,,treatment-options,triple-negative,,yes,,\n"
)


def test_roster_columns_for_the_two_answers_and_a_row_that_says_two_things(tmp_path, small_pack_dir):
    roster = write_roster(tmp_path, "Ana Díaz,treatment-options,Positive,low,,ana.txt\n"
                                    "Kim Lee,treatment-options,,positive,triple-negative,kim.txt\n",
                          header="name,concerns,hormone_receptor,her2,subtype,file\n")
    out = tmp_path / "out"
    result = run_batch(small_pack_dir, roster, out, "--format", "txt", "--jobs", "1")
    assert result.exit_code == 1
    assert "row 3: her2: does not fit subtype triple-negative, which means her2 zero; give one or the other" \
        in result.output
    text = " ".join((out / "ana.txt").read_text(encoding="utf-8").replace(" | ", " ").split())
    assert "Your cancer grows with hormones." in text and "Your cancer has a small amount of HER2." in text
    assert not (out / "kim.txt").exists() and "Kim" not in (out / "batch-errors.csv").read_text(encoding="utf-8-sig")


def test_good_rows_written_bad_rows_reported_with_row_numbers(tmp_path, small_pack_dir):
    roster = write_roster(tmp_path, GOOD_AND_BAD)
    out = tmp_path / "out"
    result = run_batch(small_pack_dir, roster, out, "--format", "txt", "--jobs", "1")
    assert result.exit_code == 1
    assert "row 3: concerns: is not a known concern id; see 'mbcprep concerns' for the list" in result.output
    assert "row 5: concerns: no concern chosen" in result.output
    assert "row 6: visit: is not a real date: February has no day 30" in result.output
    assert "bone" not in result.output.replace("bones", "") and "2026-02-30" not in result.output
    assert "3 written, 3 failed" in result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == ["batch-errors.csv", "row-002-2026-12-03.txt", "row-004-2026-12-03.txt", "row-007.txt"]
    with open(out / "batch-errors.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["row", "reason"] and [r[0] for r in rows[1:]] == ["3", "5", "6"]
    # The error report names no patient.
    report = (out / "batch-errors.csv").read_text(encoding="utf-8-sig")
    assert "Bad One" not in report and "Bad Date" not in report


def test_each_sheet_holds_only_its_own_patient(tmp_path, small_pack_dir):
    roster = write_roster(tmp_path, GOOD_AND_BAD)
    out = tmp_path / "out"
    run_batch(small_pack_dir, roster, out, "--format", "txt", "--jobs", "2")
    names = {"row-002-2026-12-03.txt": "Ana Díaz", "row-004-2026-12-03.txt": "Дарья Иванова",
             "row-007.txt": "Zoë Nguyễn"}
    for file_name, own in names.items():
        text = (out / file_name).read_text(encoding="utf-8")
        assert own in text
        for other in set(names.values()) - {own}:
            assert other not in text
    assert "Pain at night" not in (out / "row-004-2026-12-03.txt").read_text(encoding="utf-8")


def test_all_good_rows_exit_0_and_no_error_report(tmp_path, small_pack_dir):
    roster = write_roster(tmp_path, "A,2026-12-03,,bones,,,,,\nB,2026-12-04,,bones,,,,,\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "batch-errors.csv").write_text("row,reason\n9,old\n")  # stale from an earlier run
    result = run_batch(small_pack_dir, roster, out, "--format", "txt")
    assert result.exit_code == 0
    assert "2 written, 0 failed" in result.output
    assert not (out / "batch-errors.csv").exists()


@pytest.mark.parametrize("encoding, newline", [("utf-8-sig", "\r\n"), ("utf-8", "\r\n"), ("utf-8-sig", "\n")])
def test_bom_and_crlf_rosters(tmp_path, small_pack_dir, encoding, newline):
    roster = write_roster(tmp_path, "Zoë,2026-12-03 10:00,,bones,,,,,\n", header=HEADER.upper(),
                          encoding=encoding, newline=newline)
    result = run_batch(small_pack_dir, roster, tmp_path / "out", "--format", "txt")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "row-002-2026-12-03.txt").read_text(encoding="utf-8")
    assert "Zoë" in text


@pytest.mark.parametrize("header, message", [
    ("name,visit,concerns,langauge\n", "unknown column(s) 'langauge' (did you mean language?) in row 1"),
    ("name,visit\n", "row 1 has no concerns column; add one, or give every row the same concerns with --concerns"),
    ("visit,concerns\n", "row 1 has no name column; every sheet needs the patient's name"),
    ("name,concerns,Name\n", "column(s) name appear more than once"),
    ("", "the roster is empty"),
])
def test_header_errors_are_one_line(tmp_path, small_pack_dir, header, message):
    roster = write_roster(tmp_path, "", header=header)
    result = run_batch(small_pack_dir, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_roster_without_its_header_row_says_so_and_quotes_no_cell(tmp_path, small_pack_dir):
    """Review m5: the first patient's cells were quoted as "unknown columns", whole."""
    roster = write_roster(tmp_path, "Bo,2026-12-03,pain,x\n",
                          header="Ana Díaz,2026-12-03,bones,Secret note about metastases " + "x" * 6000 + "\n")
    result = run_batch(small_pack_dir, roster, tmp_path / "out")
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "row 1 does not name the columns (is the header row missing?)" in result.output
    for cell in ("Ana", "2026-12-03", "bones", "Secret", "xxxx"):
        assert cell not in result.output.split("allowed columns")[0], cell


def test_unknown_columns_are_left_out_and_named_short_and_few(tmp_path, small_pack_dir):
    """An export's other columns (room, status) are not read; the note names three, cut short, and the rest."""
    header = "name,concerns," + ",".join(f"extra {n} " + "y" * 100 for n in range(10_000)) + "\n"
    result = run_batch(small_pack_dir, write_roster(tmp_path, "Ana,bones\n", header=header), tmp_path / "out",
                       "--format", "txt")
    assert result.exit_code == 0, result.output
    note = next(line for line in result.output.splitlines() if line.startswith("Columns not read:"))
    assert "'extra 0 yyy" in note and "and 9,997 more" in note and len(note) < 300
    assert (tmp_path / "out" / "row-002.txt").exists()


def test_missing_roster_file(tmp_path, small_pack_dir):
    result = run_batch(small_pack_dir, tmp_path / "nope.csv", tmp_path / "out")
    assert result.exit_code == 1 and "roster file not found" in result.output


def test_file_names_stay_inside_out_dir_and_never_collide(tmp_path, small_pack_dir):
    body = ("A,,,bones,,,,,../../escape\n"
            "B,,,bones,,,,,/etc/passwd\n"
            "C,,,bones,,,,,same\n"
            "D,,,bones,,,,,same\n"
            "E,,,bones,,,,,same.txt\n")
    roster = write_roster(tmp_path, body)
    out = tmp_path / "out"
    result = run_batch(small_pack_dir, roster, out, "--format", "txt")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["escape.txt", "etc-passwd.txt", "same-2.txt",
                                                      "same-3.txt", "same.txt"]
    assert not (tmp_path / "escape.txt").exists()
    assert "D" in (out / "same-2.txt").read_text(encoding="utf-8")


def test_a_file_name_shaped_like_a_default_name_is_refused(tmp_path, small_pack_dir):
    """Review m13: row 2's file "row-003-2026-12-03" took row 3's name, and row 3's sheet became "-2"."""
    body = ("Alpha,2026-12-03,,bones,,,,,row-003-2026-12-03\n"
            "Beta,2026-12-03,,bones,,,,,\n"
            "Gamma,2026-12-03,,bones,,,,,ROW-7.txt\n"
            "Delta,2026-12-03,,bones,,,,,row-12-smith\n")
    out = tmp_path / "out"
    result = run_batch(small_pack_dir, write_roster(tmp_path, body), out, "--format", "txt")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["batch-errors.csv", "row-003-2026-12-03.txt", "row-12-smith.txt"]
    assert "Beta" in (out / "row-003-2026-12-03.txt").read_text(encoding="utf-8")
    report = (out / "batch-errors.csv").read_text(encoding="utf-8-sig")
    assert "2,file: names of the form row-<number> are kept for rows without a file name; choose another name" in report
    assert "4,file:" in report and "row-003-2026" not in report and "ROW-7" not in report


def test_existing_files_kept_unless_force(tmp_path, small_pack_dir):
    roster = write_roster(tmp_path, "A,,,bones,,,,,mine\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    result = run_batch(small_pack_dir, roster, out, "--format", "txt")
    assert result.exit_code == 1
    assert "row 2: its file already exists in the output folder; use --force" in result.output
    assert (out / "mine.txt").read_text() == "keep me"
    result = run_batch(small_pack_dir, roster, out, "--format", "txt", "--force")
    assert result.exit_code == 0 and (out / "mine.txt").read_text() != "keep me"


def test_bad_yes_no_value(tmp_path, small_pack_dir):
    roster = write_roster(tmp_path, "A,,,bones,,maybe,,,\n")
    result = run_batch(small_pack_dir, roster, tmp_path / "out", "--format", "txt")
    assert "row 2: large_print: is not yes or no" in result.output and "maybe" not in result.output


def test_combined_needs_pdf(tmp_path, small_pack_dir):
    roster = write_roster(tmp_path, "A,,,bones,,,,,\n")
    result = run_batch(small_pack_dir, roster, tmp_path / "out", "--format", "txt",
                       "--combined", str(tmp_path / "all.pdf"))
    assert result.exit_code == 2 and "--combined makes a PDF" in result.output


def test_no_partial_files_left_behind(tmp_path, small_pack_dir):
    roster = write_roster(tmp_path, "A,,,bones,,,,,\nB,,,bones,,,,,\n")
    out = tmp_path / "out"
    run_batch(small_pack_dir, roster, out, "--format", "txt", "--jobs", "2")
    assert not [p for p in out.iterdir() if p.name.startswith(".mbcprep-")]


def test_interrupt_keeps_finished_files_and_says_how_far(tmp_path, small_pack_dir, monkeypatch):
    from mbcprep.batch import rows

    real = rows.make_row
    calls = []

    def stop_on_second(job, packs, place=None):
        calls.append(job.row)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(job, packs, place)

    monkeypatch.setattr(rows, "make_row", stop_on_second)
    roster = write_roster(tmp_path, "A,,,bones,,,,,\nB,,,bones,,,,,\nC,,,bones,,,,,\n")
    out = tmp_path / "out"
    result = run_batch(small_pack_dir, roster, out, "--format", "txt", "--jobs", "1")
    assert result.exit_code == 130
    assert "Stopped after 1 of 3 rows: 1 written, 0 failed, 2 not made." in result.output
    assert sorted(p.name for p in out.iterdir()) == ["batch-errors.csv", "row-002.txt"]
    with open(out / "batch-errors.csv", encoding="utf-8-sig", newline="") as handle:
        assert [row[0] for row in csv.reader(handle)] == ["row", "3", "4"]


# --- PDF: parallel output identical to serial, and the combined print file -------------

def test_jobs_2_output_identical_to_jobs_1(tmp_path, small_pack_dir):
    body = "".join(f"P{i},2026-12-0{1 + i % 5} 09:{10 + i},Dr. X,bones;stopping-treatment,,{'yes' if i % 2 else 'no'},,,\n"
                   for i in range(6))
    roster = write_roster(tmp_path, body)
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_batch(small_pack_dir, roster, one, "--jobs", "1").exit_code == 0
    assert run_batch(small_pack_dir, roster, two, "--jobs", "2").exit_code == 0
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir()) and len(names) == 6
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_combined_file_pages_blank_pages_and_bookmarks(tmp_path, small_pack_dir):
    from pypdf import PdfReader

    body = ("A,,,bones,,,,,first\n"
            "B,,,treatment-options,,,yes,,second\n"
            "C,,,bones;treatment-options;stopping-treatment,,yes,,,third\n")
    roster = write_roster(tmp_path, body)
    out = tmp_path / "out"
    combined = tmp_path / "all.pdf"
    result = run_batch(small_pack_dir, roster, out, "--combined", str(combined))
    assert result.exit_code == 0, result.output
    counts = [len(PdfReader(out / f"{n}.pdf").pages) for n in ("first", "second", "third")]
    expected = sum(c + c % 2 for c in counts)
    reader = PdfReader(combined)
    assert len(reader.pages) == expected
    assert f"({expected} pages)" in result.output
    # Each handout starts on an odd page (a fresh sheet when printed double-sided).
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert [item.title for item in reader.outline] == ["first", "second", "third"]
    assert all(start % 2 == 0 for start in starts)
    # Blank pages follow odd counts: the page after an odd-length handout has no text.
    for start, count in zip(starts, counts):
        if count % 2:
            assert reader.pages[start + count].extract_text().strip() == ""
    assert "/AcroForm" not in reader.trailer["/Root"]


# --- hostile input: any cell text gives a written handout or a one-line row error ---------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

cell = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=cell, dob=st.one_of(cell, st.just("3/4/1960")), mrn=cell, visit=cell,
       concerns=st.one_of(cell, st.just("bones")), note=cell, file=cell)
def test_any_cell_text_is_written_or_reported_on_one_line(tmp_path_factory, small_pack, name, dob, mrn, visit,
                                                          concerns, note, file):
    work = tmp_path_factory.mktemp("hostile")
    text, out, result, every_failure, _ = batch_one_row(work, small_pack, {
        "name": name, "dob": dob, "mrn": mrn, "visit": visit, "concerns": concerns, "note": note, "file": file})
    # One row, or, when a cell holds a line break it may not have (read as a quote
    # that ran on), the row and each further line of the file it spans.
    lines = len(re.split(r"\r\n|\r|\n", text.rstrip("\r\n"))) - 1
    assert len(result.written) + len(every_failure) <= max(1, lines)
    for failure in every_failure:
        assert "\n" not in failure.reason and "Traceback" not in failure.reason
    for _, path in result.written:
        assert path.parent == out  # never outside the out-dir


def batch_one_row(work: Path, pack, cells: dict):
    """Write a one-row roster as csv.writer quotes it, run it as txt, then plan it again.

    Returns the roster text, the out-dir, the result, every failure (reading, naming,
    rendering), and the failures of the second planning (which finds the row's own file taken).
    """
    import io

    from mbcprep import batch as batch_lib
    from mbcprep.errors import RosterError
    from mbcprep.model.roster import RowFailure

    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([list(cells), list(cells.values())])
    roster = work / "roster.csv"
    roster.write_text(buffer.getvalue(), encoding="utf-8")
    out = work / "out"
    out.mkdir()
    from mbcprep.request.packs import PackShelf

    packs = PackShelf(pack.root)
    try:
        prepared = batch_lib.prepare_batch(roster, out, packs, {"format": "txt"}, jobs=1)
    except RosterError as error:  # the whole file refused: a row of blank cells is a header without patients
        assert all(not str(value).strip() for value in cells.values()), error
        return buffer.getvalue(), out, batch_lib.BatchResult(), [RowFailure(0, str(error))], []
    result = batch_lib.run_batch(prepared)
    taken = batch_lib.prepare_batch(roster, out, packs, {"format": "txt"}).failures  # every file is taken now
    return buffer.getvalue(), out, result, result.failures, taken


marked = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30).map(lambda text: "Qx" + text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(visit=marked, concerns=st.one_of(marked, st.just("bones")), subtype=marked, flag=marked, note=marked,
       file=marked)
def test_no_reason_ever_holds_cell_text(tmp_path_factory, small_pack, visit, concerns, subtype, flag, note, file):
    """Every cell starts with a marker; no reason from reading, naming or rendering may hold it."""
    work = tmp_path_factory.mktemp("private")
    _, _, _, every_failure, taken = batch_one_row(work, small_pack, {
        "name": "Qx name", "visit": visit, "concerns": concerns, "subtype": subtype, "brief": flag,
        "note": note, "file": file})
    for failure in every_failure + taken:
        assert "qx" not in failure.reason.lower(), failure.reason


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dob=st.one_of(marked, st.sampled_from(["2/30/1961", "1/1/2999", "1/1/1800", "3/4/1960 10:00", "13/13/13"])),
       mrn=st.one_of(marked, marked.map(lambda text: text * 20)))
def test_no_reason_ever_holds_the_identifiers(tmp_path_factory, small_pack, dob, mrn):
    """A date of birth and a record number, wrong or too long, are never quoted in a reason."""
    work = tmp_path_factory.mktemp("identifiers")
    _, _, result, every_failure, _ = batch_one_row(work, small_pack, {
        "name": "Ana", "dob": dob, "mrn": mrn, "concerns": "bones"})
    for failure in every_failure:
        assert "qx" not in failure.reason.lower() and dob not in failure.reason, failure.reason


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_bar_only_on_a_terminal(tmp_path, small_pack_dir, monkeypatch, terminal):
    import sys

    roster = write_roster(tmp_path, "A,,,bones,,,,,\nB,,,bones,,,,,\n")
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        monkeypatch.setattr(sys.stderr, "isatty", lambda: terminal, raising=False)
        try:
            main(["batch", str(roster), "--out-dir", str(tmp_path / "out"), "--pack", str(small_pack_dir),
                  "--format", "txt", "--jobs", "1"])
        except SystemExit as exit_:
            assert exit_.code in (0, None)
        shown = err.getvalue().decode() if err is not None else out.getvalue().decode()
    assert ("Making handouts" in shown) is terminal
