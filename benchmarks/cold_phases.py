"""Where a cold ``mbcprep generate`` spends its time, stage by stage, beside the ReportLab baselines' stages.

``run.py`` gives the ratios for the cold handout; this says what they are
made of, so a change can be aimed at the stage that costs.  Each round
starts one new process for mbcprep and one for each baseline, interleaved,
and each process times its own stages with ``time.perf_counter`` (the
interpreter's own start-up, the same for all, is left out):

* mbcprep: import Click; import the model, planner and request layer;
  load the pack; check the request (this imports ReportLab's font code and
  reads the fonts); plan; import the PDF renderer (the rest of ReportLab);
  render; write the file.  The same library calls as ``mbcprep generate``,
  in the same order.
* the same sheet in plain ReportLab (the fair baseline, with the
  target): ``baseline_sheet.py``'s own functions, in its stages: import
  ReportLab, read the sheet's JSON (written by ``sheet_dump.py`` before
  the rounds), read the fonts, lay out and write the pages and fields.
* pages of filler (the page-count baseline): ``baseline_reportlab.py``'s
  own functions: import ReportLab, read the fonts, lay out and write.

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
from run import COLD_OPTIONS, FIVE_CONCERNS, compile_bytecode  # noqa: E402  (the same handout as run.py)

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

FAIR_STAGES = TIMED + """
import baseline_sheet  # its imports: ReportLab, json, argparse
mark()
sheet = baseline_sheet.read_sheet(SHEET)
mark()
baseline_sheet.register_fonts(sheet)
mark()
baseline_sheet.build(sheet, OUT)
mark()
""" + REPORT
FAIR_NAMES = ("import ReportLab (as baseline_sheet.py does)", "read the sheet's JSON", "read the fonts",
              "lay out and write")


def run_stages(code: str, cwd: Path) -> list[float]:
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    return [float(value) * 1000 for value in done.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    compile_bytecode()  # as a pip install does: no process compiles mbcprep's source while it is timed
    with tempfile.TemporaryDirectory(prefix="mbcprep-phases-") as folder:
        work = Path(folder)
        mbcprep_code = f"OUT = {str(work / 'cold.pdf')!r}\n" + MBCPREP_STAGES
        run_stages(mbcprep_code, work)  # warm the OS file cache; also tells the page count
        from pypdf import PdfReader

        pages = len(PdfReader(work / "cold.pdf").pages)
        sheet = work / "sheet.json"
        subprocess.run([sys.executable, str(HERE / "sheet_dump.py"), "--out", str(sheet), "--", *COLD_OPTIONS],
                       cwd=work, check=True, capture_output=True)
        scripts = f"import sys; sys.path.insert(0, {str(HERE)!r})\n"
        contenders = {
            "mbcprep": (mbcprep_code, MBCPREP_NAMES),
            "same sheet, plain ReportLab": (scripts + f"OUT = {str(work / 'fair.pdf')!r}\nSHEET = {str(sheet)!r}\n"
                                            + FAIR_STAGES, FAIR_NAMES),
            "pages of filler": (scripts + f"OUT = {str(work / 'base.pdf')!r}\nPAGES = {pages}\n" + BASELINE_STAGES,
                                BASELINE_NAMES),
        }
        for code, _ in list(contenders.values())[1:]:
            run_stages(code, work)
        rounds: dict[str, list] = {who: [] for who in contenders}
        for _ in range(args.rounds):
            for who, (code, _) in contenders.items():
                rounds[who].append(run_stages(code, work))
        report = {"pages": pages, "fair_baseline_pages": len(PdfReader(work / "fair.pdf").pages),
                  "rounds": args.rounds}
    for who, (_, names) in contenders.items():
        columns = list(zip(*rounds[who]))
        totals = [sum(run) for run in rounds[who]]
        report[who] = {"stages": {name: {"median_ms": statistics.median(values), "min_ms": min(values)}
                                  for name, values in zip(names, columns)},
                       "total": {"median_ms": statistics.median(totals), "min_ms": min(totals)}}
        shown = report["fair_baseline_pages"] if who == "same sheet, plain ReportLab" else pages
        print(f"\n{who} ({shown} pages), ms: median (lowest)")
        for name, figures in [*report[who]["stages"].items(), ("total", report[who]["total"])]:
            print(f"  {name:48s} {figures['median_ms']:7.1f} ({figures['min_ms']:.1f})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
