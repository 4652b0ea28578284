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
