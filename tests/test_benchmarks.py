"""The benchmark scripts still call the library as it is (they are not run by the suite, so nothing else would notice).

No timing is asserted here: ``benchmarks/`` measures speed, the suite only
checks that the measuring code runs and measures what it says.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from mbcprep.cli import main

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cold_phases_times_every_stage_of_a_real_handout(tmp_path):
    phases = load_script("cold_phases")
    out = tmp_path / "cold.pdf"
    figures = phases.run_stages(f"OUT = {str(out)!r}\n" + phases.MBCPREP_STAGES, tmp_path)
    assert len(figures) == len(phases.MBCPREP_NAMES) and all(value >= 0 for value in figures)
    pages = len(PdfReader(out).pages)
    assert pages >= 5  # five concerns: a real sheet, not an empty file

    base = tmp_path / "base.pdf"
    baseline_code = (f"import sys; sys.path.insert(0, {str(BENCHMARKS)!r})\n"
                     f"OUT = {str(base)!r}\nPAGES = {pages}\n" + phases.BASELINE_STAGES)
    figures = phases.run_stages(baseline_code, tmp_path)
    assert len(figures) == len(phases.BASELINE_NAMES)
    assert len(PdfReader(base).pages) == pages  # the baseline draws as many pages as the handout has

    sheet, fair = tmp_path / "sheet.json", tmp_path / "fair.pdf"
    subprocess.run([sys.executable, str(BENCHMARKS / "sheet_dump.py"), "--out", str(sheet), "--",
                    *phases.COLD_OPTIONS], check=True, capture_output=True)
    fair_code = (f"import sys; sys.path.insert(0, {str(BENCHMARKS)!r})\n"
                 f"OUT = {str(fair)!r}\nSHEET = {str(sheet)!r}\n" + phases.FAIR_STAGES)
    figures = phases.run_stages(fair_code, tmp_path)
    assert len(figures) == len(phases.FAIR_NAMES) and all(value >= 0 for value in figures)
    assert abs(len(PdfReader(fair).pages) - pages) <= 1


def test_the_baseline_script_draws_the_pages_it_is_asked_for(tmp_path):
    out = tmp_path / "base.pdf"
    subprocess.run([sys.executable, str(BENCHMARKS / "baseline_reportlab.py"), "--pages", "3", "--out", str(out)],
                   check=True, capture_output=True)
    assert len(PdfReader(out).pages) == 3


def test_summary_bombs_makes_the_reviews_files_and_measures_a_command(tmp_path):
    bombs = load_script("summary_bombs")
    subprocess.run([sys.executable, str(BENCHMARKS / "summary_bombs.py"), "--make-files", str(tmp_path)], check=True)
    made = {path.stem: path for path in tmp_path.glob("*.pdf")}
    assert set(made) == set(bombs.FILES)
    assert made["memory-bomb"].stat().st_size < 400_000  # 70 MB of text in a small file
    refused = bombs.run_command(made["cpu-bomb"], "txt", tmp_path / "out.txt")
    assert refused["status"] == 1 and "far more text" in refused["said"] and refused["cpu_s"] >= 0
    read = bombs.run_command(made["longest-labels"], "json", tmp_path / "out.json")
    assert read["status"] == 0 and read["peak_mib"] > 0 and (tmp_path / "out.json").exists()


def words(pdf: Path) -> Counter:
    return Counter(word for page in PdfReader(pdf).pages for word in page.extract_text().split())


def test_the_fair_baseline_draws_the_same_words_and_fields_as_the_cold_handout(tmp_path, monkeypatch):
    """run.py's cold handout, dumped by sheet_dump.py and drawn again by baseline_sheet.py in plain ReportLab.

    When this fails after a change to the sheet, ``sheet_dump.py`` needs to
    learn the new words or fields, or the cold ratio stops being fair.
    """
    options = list(load_script("run").COLD_OPTIONS)
    monkeypatch.chdir(tmp_path)
    handout = tmp_path / "cold.pdf"
    result = CliRunner().invoke(main, ["generate", *options, "-o", str(handout)])
    assert result.exit_code == 0, result.output
    sheet = tmp_path / "sheet.json"
    sheet.write_text(json.dumps(load_script("sheet_dump").dump_sheet(options), ensure_ascii=False), encoding="utf-8")

    fair = tmp_path / "fair.pdf"
    done = subprocess.run([sys.executable, "-X", "importtime", str(BENCHMARKS / "baseline_sheet.py"),
                           "--sheet", str(sheet), "--out", str(fair)], capture_output=True, text=True, check=True)
    assert not re.search(r"\|\s+mbcprep\b", done.stderr)  # the timed process runs no mbcprep code

    dumped = json.loads(sheet.read_text(encoding="utf-8"))["mbcprep"]
    mbcprep_pdf, baseline_pdf = PdfReader(handout), PdfReader(fair)
    assert dumped["pages"] == len(mbcprep_pdf.pages)  # the dump is of the sheet the command makes
    assert abs(len(baseline_pdf.pages) - len(mbcprep_pdf.pages)) <= 1
    sheet_fields, baseline_fields = mbcprep_pdf.get_fields(), baseline_pdf.get_fields()
    assert len(sheet_fields) >= 90 and sorted(baseline_fields) == sorted(sheet_fields)
    kinds = Counter(field.get("/FT") for field in sheet_fields.values())
    assert Counter(field.get("/FT") for field in baseline_fields.values()) == kinds  # text fields, check boxes

    printed, redrawn = words(handout), words(fair)
    total = sum(printed.values())
    assert total > 2000
    # The same words, give or take what mbcprep repeats where a part goes on to the next page (a table's
    # heading; the panel's heading and its group's line, about 25 words), a web address broken elsewhere,
    # and the running head and footer of a page more or less.
    drawn = json.loads(sheet.read_text(encoding="utf-8"))
    furniture = len(f"{drawn['running_head']} {drawn['footer']} {drawn['page_label']}".split())
    more_pages = abs(len(baseline_pdf.pages) - len(mbcprep_pdf.pages))
    assert sum((printed - redrawn).values()) <= total * 0.015
    assert sum((redrawn - printed).values()) <= total * 0.01 + more_pages * furniture
