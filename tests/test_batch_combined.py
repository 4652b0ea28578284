"""The combined print file: checked before anything is written, streamed, and the --jobs cap."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL_PACK
from pypdf import PdfReader

from mbcprep.cli import main

PACK = str(SMALL_PACK)
HEADER = "name,visit,provider,concerns,subtype,large_print,brief,note,file\n"


def batch(tmp_path: Path, body: str, *extra: str):
    roster = tmp_path / "roster.csv"
    roster.write_text(HEADER + body, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(out), "--pack", PACK, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result, out


# --- item 12: --combined is checked against every row's file first ------------------------------


def test_combined_that_is_a_rows_file_is_refused_before_anything_is_written(tmp_path):
    body = "A,,,bones,,,,,first\nB,,,bones,,,,,print-all\n"
    out = tmp_path / "out"
    out.mkdir()
    (out / "print-all.pdf").write_bytes(b"row 3's handout from an earlier run")
    result, out = batch(tmp_path, body, "--jobs", "1", "--force", "--combined", str(out / "print-all.pdf"))
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: --combined {out / 'print-all.pdf'} is also the file of row 3; "
                                     "choose another name for --combined")
    assert sorted(p.name for p in out.iterdir()) == ["print-all.pdf"]
    assert (out / "print-all.pdf").read_bytes() == b"row 3's handout from an earlier run"


def test_an_existing_combined_file_is_refused_first_with_the_right_option(tmp_path):
    combined = tmp_path / "all.pdf"
    combined.write_bytes(b"yesterday's print file")
    result, out = batch(tmp_path, "A,,,bones,,,,,\n", "--jobs", "1", "--combined", str(combined))
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: --combined {combined} already exists; use --force to replace it, "
                                     "or choose another name for --combined")
    assert "with -o" not in result.output
    assert not out.exists() or not list(out.iterdir())
    assert combined.read_bytes() == b"yesterday's print file"


def test_combined_may_not_be_the_error_report(tmp_path):
    result, out = batch(tmp_path, "A,,,bones,,,,,\n", "--combined", str(tmp_path / "out" / "batch-errors.csv"))
    assert result.exit_code == 1 and "is the error report's name" in result.output


# --- item 4: the streamed print file ---------------------------------------------------------------


def test_combined_file_holds_every_page_in_order_and_no_form_fields(tmp_path):
    body = "".join(f"P{i},,,{concerns},,,{brief},,h{i}\n" for i, (concerns, brief) in enumerate([
        ("bones", ""), ("treatment-options", "yes"), ("bones;stopping-treatment", ""), ("bones", "yes")]))
    combined = tmp_path / "all.pdf"
    result, out = batch(tmp_path, body, "--jobs", "2", "--combined", str(combined))
    assert result.exit_code == 0, result.output
    reader = PdfReader(combined, strict=True)
    pages = iter(reader.pages)
    for i in range(4):
        handout = PdfReader(out / f"h{i}.pdf")
        for page in handout.pages:
            assert next(pages).extract_text() == page.extract_text()
        if len(handout.pages) % 2:
            blank = next(pages)
            assert blank.extract_text() == "" and blank.mediabox == handout.pages[-1].mediabox
    assert next(pages, None) is None
    assert [item.title for item in reader.outline] == ["h0", "h1", "h2", "h3"]
    for page in reader.pages:
        assert all(annotation.get_object()["/Subtype"] != "/Widget" for annotation in page.get("/Annots", []))
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert reader.metadata.title == "mbcprep handouts"


def test_print_file_of_one_handout_reads_back_strictly():
    from conftest import handout_bytes
    from mbcprep.model.request import Request
    from mbcprep.pack import load_pack
    from mbcprep.write.print_file import PrintFile

    data = handout_bytes(Request(concerns=("bones",), patient_name="Zoë (test) \\ name"), load_pack(PACK))
    stream = io.BytesIO()
    print_file = PrintFile(stream)
    added = print_file.add_handout(data, title="Zoë (test)")
    print_file.finish()
    reader = PdfReader(io.BytesIO(stream.getvalue()), strict=True)
    assert len(reader.pages) == added == print_file.page_count
    assert "Zoë (test) \\ name" in reader.pages[0].extract_text()
    assert reader.outline[0].title == "Zoë (test)"


# --- item 13: --jobs is capped, and says so ----------------------------------------------------------


def test_jobs_is_capped_at_the_rows_and_the_cpus_and_says_so(tmp_path):
    from mbcprep.batch import default_jobs

    result, out = batch(tmp_path, "A,,,bones,,,,,\nB,,,bones,,,,,\n", "--format", "txt", "--jobs", "1000")
    assert result.exit_code == 0, result.output
    using = min(2, default_jobs())
    why = "2 rows to make" if default_jobs() > 2 else f"{default_jobs()} CPUs"
    assert f"--jobs 1000 is more than needed; using {using} ({why})" in result.output
    assert "2 written, 0 failed" in result.output


def test_jobs_within_the_cap_says_nothing(tmp_path):
    result, out = batch(tmp_path, "A,,,bones,,,,,\nB,,,bones,,,,,\n", "--format", "txt", "--jobs", "1")
    assert "more than needed" not in result.output


@pytest.mark.parametrize("asked, rows, cpus, expected", [
    (None, 500, 8, (8, "")),
    (None, 3, 8, (3, "")),  # the default is capped quietly: nobody asked for more
    (16, 500, 8, (8, "--jobs 16 is more than needed; using 8 (8 CPUs)")),
    (4, 1, 8, (1, "--jobs 4 is more than needed; using 1 (1 row to make)")),
    (2, 500, 8, (2, "")),
])
def test_choose_processes(monkeypatch, asked, rows, cpus, expected):
    from mbcprep import batch as batch_lib

    monkeypatch.setattr(batch_lib, "default_jobs", lambda: cpus)
    assert batch_lib.choose_processes(asked, rows) == expected
