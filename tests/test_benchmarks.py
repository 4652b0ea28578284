"""The benchmark scripts still call the library as it is (they are not run by the suite, so nothing else would notice).

No timing is asserted here: ``benchmarks/`` measures speed, the suite only
checks that the measuring code runs and measures what it says.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

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
