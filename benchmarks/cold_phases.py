"""Where a cold ``mbcprep generate`` spends its time, stage by stage, beside the ReportLab baseline's stages.

``run.py`` gives one ratio for the cold handout; this says what the ratio
is made of, so a change can be aimed at the stage that costs.  Each round
starts one new process for mbcprep and one for the baseline, interleaved,
and each process times its own stages with ``time.perf_counter`` (the
interpreter's own start-up, the same for both, is left out):

* mbcprep: import Click; import the model, planner and request layer;
  load the pack; check the request (this imports ReportLab's font code and
  reads the fonts); plan; import the PDF renderer (the rest of ReportLab);
  render; write the file.  The same library calls as ``mbcprep generate``,
  in the same order.
* baseline: ``baseline_reportlab.py``'s own functions, in its stages:
  import ReportLab, read the fonts, lay out and write the pages.

    python benchmarks/cold_phases.py                 # 15 rounds, medians in ms
    python benchmarks/cold_phases.py --rounds 30 --json phases.json

Medians, with the lowest value beside them: on a busy machine the lowest
is the better guide to what a stage costs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import FIVE_CONCERNS  # noqa: E402  (the same handout as run.py's cold benchmark)

#: Each stage script marks the time after each stage and prints the stages' lengths in seconds.
TIMED = """
import time
marks = [time.perf_counter()]
def mark():
    marks.append(time.perf_counter())
"""
REPORT = """
print(" ".join(str(b - a) for a, b in zip(marks, marks[1:])))
"""

MBCPREP_STAGES = TIMED + f"""
import click
mark()
from mbcprep.plan import plan_handout
from mbcprep.render import render_handout
from mbcprep.request.packs import PackShelf
from mbcprep.request.values import request_from_values
from mbcprep.write.handout import write_document
mark()
pack = PackShelf(None).pack_for(None)
mark()
import datetime
request = request_from_values({{"concerns": {tuple(FIVE_CONCERNS.split(","))!r}, "patient_name": "Ana Díaz",
                               "visit": datetime.datetime(2026, 12, 3, 10, 30), "format": "pdf"}}, pack)
mark()
plan = plan_handout(request, pack)
mark()
import mbcprep.render.pdf
mark()
handout = render_handout(plan, "pdf")
mark()
write_document(handout, OUT, force=True)
mark()
""" + REPORT
MBCPREP_NAMES = ("import Click", "import model, planner, request layer", "load the pack",
                 "check the request (ReportLab font code, fonts)", "plan", "import the PDF renderer (ReportLab)",
                 "render", "write")

BASELINE_STAGES = TIMED + """
import baseline_reportlab  # its imports: ReportLab, argparse
mark()
baseline_reportlab.register_fonts()
mark()
baseline_reportlab.build(PAGES, OUT)
mark()
""" + REPORT
BASELINE_NAMES = ("import ReportLab (as baseline_reportlab.py does)", "read the fonts", "lay out and write")


def run_stages(code: str, cwd: Path) -> list[float]:
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    return [float(value) * 1000 for value in done.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mbcprep-phases-") as folder:
        work = Path(folder)
        mbcprep_code = f"OUT = {str(work / 'cold.pdf')!r}\n" + MBCPREP_STAGES
        run_stages(mbcprep_code, work)  # warm the OS file cache; also tells the page count
        from pypdf import PdfReader

        pages = len(PdfReader(work / "cold.pdf").pages)
        baseline_code = (f"import sys; sys.path.insert(0, {str(HERE)!r})\n"
                         f"OUT = {str(work / 'base.pdf')!r}\nPAGES = {pages}\n" + BASELINE_STAGES)
        run_stages(baseline_code, work)
        rounds = {"mbcprep": [], "baseline": []}
        for _ in range(args.rounds):
            rounds["mbcprep"].append(run_stages(mbcprep_code, work))
            rounds["baseline"].append(run_stages(baseline_code, work))
    report = {"pages": pages, "rounds": args.rounds}
    for who, names in (("mbcprep", MBCPREP_NAMES), ("baseline", BASELINE_NAMES)):
        columns = list(zip(*rounds[who]))
        totals = [sum(run) for run in rounds[who]]
        report[who] = {"stages": {name: {"median_ms": statistics.median(values), "min_ms": min(values)}
                                  for name, values in zip(names, columns)},
                       "total": {"median_ms": statistics.median(totals), "min_ms": min(totals)}}
    for who in ("mbcprep", "baseline"):
        print(f"\n{who} ({pages} pages), ms: median (lowest)")
        for name, figures in [*report[who]["stages"].items(), ("total", report[who]["total"])]:
            print(f"  {name:48s} {figures['median_ms']:7.1f} ({figures['min_ms']:.1f})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
