"""Measure mbcprep's speed against baselines taken in the same run.

Every figure is a ratio against something measured moments before or after
on the same machine, with the contenders interleaved so machine noise hits
both alike.  Not part of the test suite: timings never gate a test.

    python benchmarks/run.py --out results.json            # about 6 minutes (5,000-row --combined)
    python benchmarks/run.py --out results.json --quick    # smaller, for a smoke check
    python benchmarks/run.py --out cold.json --only cold   # the cold handout against its two baselines, 21 rounds
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIVE_CONCERNS = "bones,brain,tiredness,treatment-options,side-effects"
#: The cold handout's request, as ``mbcprep generate`` options (``sheet_dump.py`` parses the same ones).
COLD_OPTIONS = ("-c", FIVE_CONCERNS, "--name", "Ana Díaz", "--visit", "2026-12-03 10:30")
TARGETS = {
    "web_p95_ratio_max": 1.5,
    "startup_ratio_max": 1.5,
    "cold_generate_ratio_max": 1.5,
    "batch_speedup_min": 1.7,
    "pdf_bytes_max": 150_000,
}


def mbcprep_command() -> list[str]:
    """The installed ``mbcprep`` script (what people run); ``python -m mbcprep`` otherwise."""
    script = Path(sys.executable).parent / "mbcprep"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "mbcprep"]


# --------------------------------------------------------------------------
# Timing helpers
# --------------------------------------------------------------------------


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    q = statistics.quantiles(ordered, n=4) if len(ordered) >= 4 else [ordered[0], None, ordered[-1]]
    return {"median": statistics.median(ordered), "min": ordered[0], "max": ordered[-1],
            "q1": q[0], "q3": q[2], "n": len(ordered)}


def time_command(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock seconds, and the CPU seconds (user and system) the command and its children used.

    On a machine shared with other work the wall clock takes the others' load; the CPU time much less
    so, which is why both are kept.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(contenders: dict[str, list[str]], repeats: int, cwd: Path) -> dict[str, dict]:
    """Run each contender once per round, rounds repeated: noise lands on all alike.

    Each contender's summary is of the wall-clock times, with the CPU times' summary under "cpu".
    """
    for argv in contenders.values():  # warm the OS file cache once
        time_command(argv, cwd)
    walls: dict[str, list[float]] = {name: [] for name in contenders}
    cpus: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, argv in contenders.items():
            wall, cpu = time_command(argv, cwd)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {name: {**summary(walls[name]), "cpu": summary(cpus[name])} for name in contenders}


def compile_bytecode() -> None:
    """Compile mbcprep's modules to bytecode, as ``pip install`` does for every user.

    A checkout run with PYTHONDONTWRITEBYTECODE (as on the development machines) would otherwise
    compile mbcprep's own source in every timed process, about 25 ms of CPU, while ReportLab, installed
    by pip, has its bytecode: a cost no user pays.
    """
    import compileall

    import mbcprep

    compileall.compile_dir(str(Path(mbcprep.__file__).parent), quiet=1)


def tree_rss_kib(root_pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as handle:
                pages = int(handle.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_with_peak_memory(argv: list[str], cwd: Path, own: dict | None = None) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of a whole process tree.

    With ``own``, ``own["peak_kib"]`` is set to the peak of the first
    process alone (in a batch, the parent, which writes the combined file).
    """
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = own_peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kib(process.pid))
        if own is not None:
            own_peak = max(own_peak, process_rss_kib(process.pid))
        time.sleep(0.05)  # RSS changes slowly; polling /proc more often costs the run CPU
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(argv)}\n{process.stderr.read().decode()}")
    if own is not None:
        own["peak_kib"] = own_peak
    return elapsed, peak


def process_rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, IndexError, ValueError):
        return 0


# --------------------------------------------------------------------------
# The measurements
# --------------------------------------------------------------------------


def bench_startup(work: Path, repeats: int) -> dict:
    py = sys.executable
    results = interleaved({
        "import click (baseline)": [py, "-c", "import click"],
        "mbcprep --help": [*mbcprep_command(), "--help"],
        "mbcprep concerns": [*mbcprep_command(), "concerns"],
    }, repeats, work)
    base = results["import click (baseline)"]["median"]
    return {"results": results,
            "ratios": {name: r["median"] / base for name, r in results.items() if "baseline" not in name}}


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


#: Rounds of the cold handout with ``--only cold``: about 20 seconds, and steadier than the 7 of a whole run.
COLD_ALONE_ROUNDS = 21
MBCPREP_COLD = "mbcprep generate (5 concerns)"
FAIR_BASELINE = "same sheet, plain ReportLab"
PAGES_BASELINE = "same pages of filler, ReportLab"


def bench_cold_generate(work: Path, repeats: int) -> dict:
    """The cold handout against two plain ReportLab scripts, interleaved.

    The fair baseline (``baseline_sheet.py``) draws the same words and
    form fields, read from a dump of the sheet that ``sheet_dump.py`` makes
    with the current mbcprep before the timing; its ratio is the one with
    a target.  The page-count baseline (``baseline_reportlab.py``) only
    writes as many pages of filler text: the floor any ReportLab program pays.
    """
    py = sys.executable
    handout = work / "cold.pdf"
    generate = [*mbcprep_command(), "generate", *COLD_OPTIONS, "-o", str(handout), "--force"]
    subprocess.run(generate, cwd=work, check=True, capture_output=True)
    pages = pdf_pages(handout)
    sheet, fair_pdf = work / "sheet.json", work / "fair.pdf"
    subprocess.run([py, str(HERE / "sheet_dump.py"), "--out", str(sheet), "--", *COLD_OPTIONS], cwd=work,
                   check=True, capture_output=True)
    contenders = {
        FAIR_BASELINE: [py, str(HERE / "baseline_sheet.py"), "--sheet", str(sheet), "--out", str(fair_pdf)],
        PAGES_BASELINE: [py, str(HERE / "baseline_reportlab.py"), "--pages", str(pages), "--out",
                         str(work / "pages.pdf")],
        MBCPREP_COLD: generate,
    }
    results = interleaved(contenders, repeats, work)
    mbcprep = results[MBCPREP_COLD]

    def ratios(baseline: str) -> dict:
        return {"median": mbcprep["median"] / results[baseline]["median"],
                "lowest": mbcprep["min"] / results[baseline]["min"],
                "cpu_median": mbcprep["cpu"]["median"] / results[baseline]["cpu"]["median"]}

    from pypdf import PdfReader

    return {"pages": pages, "fair_baseline_pages": pdf_pages(fair_pdf),
            "fields": len(PdfReader(handout).get_fields() or {}),
            "fair_baseline_fields": len(PdfReader(fair_pdf).get_fields() or {}),
            "results": results, "ratio": ratios(FAIR_BASELINE)["median"], "ratios": ratios(FAIR_BASELINE),
            "page_count_ratios": ratios(PAGES_BASELINE), "pdf_bytes": handout.stat().st_size}


def bench_warm(repeats: int) -> dict:
    from mbcprep import load_pack, plan_handout, render_handout
    from mbcprep.model.request import Request

    def build_handout(request, pack):
        return render_handout(plan_handout(request, pack), "pdf")

    pack = load_pack()
    cases = {"1 concern": ("bones",), "5 concerns": tuple(FIVE_CONCERNS.split(",")),
             f"all {len(pack.concerns)} concerns": pack.concern_ids}
    build_handout(Request(concerns=("bones",)), pack)  # fonts registered, modules imported
    results = {}
    for name, concerns in cases.items():
        request = Request(concerns=concerns, patient_name="Ana Díaz", provider="Dr. Okafor")
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            build_handout(request, pack)
            samples.append(time.perf_counter() - start)
        results[name] = summary(samples)
    return results


WEB_FORM = {"concerns": ["bones", "brain", "treatment-options"], "name": "Ana Díaz", "visit_date": "2026-12-03",
            "visit_time": "10:30", "provider": "Dr. Okafor", "action": "pdf"}


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


def start_web_server() -> tuple[subprocess.Popen, str]:
    """A real ``mbcprep serve`` on a free loopback port; its address from the first line it prints."""
    import re

    process = subprocess.Popen([*mbcprep_command(), "serve", "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())
    if not found:
        process.kill()
        raise SystemExit("mbcprep serve did not start")
    return process, found.group(1)


def post_form(port: str, form: dict) -> bytes:
    """One POST of the patient form over loopback, on a fresh connection as a browser tab makes it."""
    import http.client
    import urllib.parse

    connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
    try:
        connection.request("POST", "/", body=urllib.parse.urlencode(form, doseq=True),
                           headers={"Origin": f"http://127.0.0.1:{port}",
                                    "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200 or not body.startswith(b"%PDF"):
            raise RuntimeError(f"status {response.status}")
        return body
    finally:
        connection.close()


def bench_web(repeats: int, concurrent_requests: int = 200, clients: int = 8) -> dict:
    """A warm server against the in-process build of the same 3-concern request, interleaved; then 8 clients.

    Requests go to 127.0.0.1 only and stop after a fixed count.
    """
    import datetime as dt
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from mbcprep import load_pack, plan_handout, render_handout
    from mbcprep.model.request import Request

    def build_handout(request, pack) -> bytes:
        return render_handout(plan_handout(request, pack), "pdf").data

    pack = load_pack()
    request = Request(concerns=("bones", "brain", "treatment-options"), patient_name="Ana Díaz",
                      visit=dt.datetime(2026, 12, 3, 10, 30), provider="Dr. Okafor")
    process, port = start_web_server()
    try:
        expected = build_handout(request, pack)
        for _ in range(5):  # warm both: fonts, modules, the server's threads
            assert post_form(port, WEB_FORM) == expected
        served, in_process = [], []
        for _ in range(repeats):
            start = time.perf_counter()
            build_handout(request, pack)
            in_process.append(time.perf_counter() - start)
            start = time.perf_counter()
            post_form(port, WEB_FORM)
            served.append(time.perf_counter() - start)

        peak = [process_rss_kib(process.pid)]
        done = threading.Event()

        def watch_memory() -> None:
            while not done.wait(0.05):
                peak[0] = max(peak[0], process_rss_kib(process.pid))

        def one(_) -> bool:
            try:
                return post_form(port, WEB_FORM) == expected
            except Exception:
                return False

        watcher = threading.Thread(target=watch_memory, daemon=True)
        watcher.start()
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            outcomes = list(pool.map(one, range(concurrent_requests)))
        elapsed = time.perf_counter() - start
        done.set()
        watcher.join()
    finally:
        process.terminate()
        process.wait()
    return {
        "served": {**summary(served), "p95": p95(served)},
        "in_process": {**summary(in_process), "p95": p95(in_process)},
        "p95_ratio": p95(served) / p95(in_process),
        "median_ratio": statistics.median(served) / statistics.median(in_process),
        "concurrent": {"clients": clients, "requests": concurrent_requests, "errors": outcomes.count(False),
                       "seconds": elapsed, "requests_per_second": concurrent_requests / elapsed,
                       "server_peak_rss_mib": peak[0] / 1024},
    }


def write_roster(path: Path, rows: int) -> None:
    from mbcprep import load_pack

    ids = load_pack().concern_ids
    lines = ["name,visit,provider,concerns,subtype,large_print,brief,note"]
    for i in range(rows):
        chosen = ";".join(ids[(i + k * 3) % len(ids)] for k in range(1 + i % 5))
        lines.append(f"Person {i},2026-12-03 {8 + i % 9:02d}:{(i * 7) % 60:02d},Dr. Okafor,{chosen},"
                     f",{'yes' if i % 7 == 0 else 'no'},{'yes' if i % 5 == 0 else 'no'},Note {i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bench_batch(work: Path, sizes: tuple[int, int]) -> dict:
    small, large = sizes
    results: dict = {}
    for rows in (small, large):
        roster = work / f"roster-{rows}.csv"
        write_roster(roster, rows)
        for jobs in (1, 2):
            out = work / f"out-{rows}-{jobs}"
            elapsed, peak = run_with_peak_memory(
                [*mbcprep_command(), "batch", str(roster), "--out-dir", str(out), "--jobs", str(jobs), "--force"],
                work)
            results[f"{rows} rows, --jobs {jobs}"] = {
                "seconds": elapsed, "handouts_per_second": rows / elapsed, "peak_rss_mib": peak / 1024}
    one = results[f"{large} rows, --jobs 1"]
    two = results[f"{large} rows, --jobs 2"]
    return {
        "runs": results,
        "speedup_jobs2": two["handouts_per_second"] / one["handouts_per_second"],
        "memory_growth_jobs2": two["peak_rss_mib"] / results[f"{small} rows, --jobs 2"]["peak_rss_mib"],
        "memory_growth_jobs1": one["peak_rss_mib"] / results[f"{small} rows, --jobs 1"]["peak_rss_mib"],
    }


def bench_combined(work: Path, sizes: tuple[int, ...]) -> dict:
    """Peak memory of ``batch --combined`` for a small and a large roster: the print file is streamed,
    so the parent's memory (which writes it) must not grow with the roster."""
    results: dict = {}
    for rows in sizes:
        roster = work / f"roster-{rows}.csv"
        if not roster.exists():
            write_roster(roster, rows)
        out = work / f"combined-{rows}"
        parent: dict = {}
        elapsed, peak = run_with_peak_memory(
            [*mbcprep_command(), "batch", str(roster), "--out-dir", str(out), "--jobs", "2", "--force",
             "--combined", str(out / "print-all.pdf")], work, own=parent)
        results[f"{rows} rows"] = {"seconds": elapsed, "peak_rss_mib": peak / 1024,
                                   "parent_peak_rss_mib": parent["peak_kib"] / 1024,
                                   "pages": pdf_pages(out / "print-all.pdf"),
                                   "combined_mib": (out / "print-all.pdf").stat().st_size / 2**20}
        shutil.rmtree(out)
    small, large = (results[f"{rows} rows"] for rows in (sizes[0], sizes[-1]))
    return {"runs": results, "memory_growth": large["peak_rss_mib"] / small["peak_rss_mib"],
            "parent_memory_growth": large["parent_peak_rss_mib"] / small["parent_peak_rss_mib"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="Where to write the figures as JSON.")
    parser.add_argument("--quick", action="store_true", help="Fewer repeats and a smaller roster.")
    parser.add_argument("--only", choices=("web", "cold"),
                        help="Measure only this part: the web server, or the cold handout against its baselines.")
    args = parser.parse_args()
    repeats = 5 if args.quick else 15
    sizes = (20, 100) if args.quick else (100, 500)

    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="mbcprep-bench-") as tmp:
        work = Path(tmp)
        report = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "quick": args.quick,
                  "targets": TARGETS}
        if args.only == "cold":
            print("Cold generate ...", flush=True)
            report["cold_generate"] = bench_cold_generate(work, 7 if args.quick else COLD_ALONE_ROUNDS)
            args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
            print(print_cold(report["cold_generate"]))
            return
        print("Web server (mbcprep serve) ...", flush=True)
        report["web"] = bench_web(40 if args.quick else 100)
        if args.only == "web":
            args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
            print_web(report["web"])
            return
        print("Start-up ...", flush=True)
        report["startup"] = bench_startup(work, repeats)
        print("Cold generate ...", flush=True)
        report["cold_generate"] = bench_cold_generate(work, max(5, repeats // 2))
        print("Warm plan_handout + render_handout ...", flush=True)
        report["warm"] = bench_warm(repeats)
        print(f"Batch ({sizes[0]} and {sizes[1]} rows) ...", flush=True)
        report["batch"] = bench_batch(work, sizes)
        combined_sizes = (100, 500) if args.quick else (500, 5000)
        print(f"Batch --combined ({combined_sizes[0]} and {combined_sizes[1]} rows; the larger takes minutes) ...",
              flush=True)
        report["combined"] = bench_combined(work, combined_sizes)

    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print_table(report)
    print(f"\nFigures written to {args.out}")


def print_table(report: dict) -> None:
    ms = lambda s: f"{s * 1000:7.1f} ms"  # noqa: E731
    out = io.StringIO()
    out.write("\nStart-up (median of new processes)\n")
    for name, r in report["startup"]["results"].items():
        ratio = report["startup"]["ratios"].get(name)
        out.write(f"  {name:<34}{ms(r['median'])}  (q1 {ms(r['q1'])}, q3 {ms(r['q3'])})"
                  + (f"  x{ratio:.2f} (target <= {TARGETS['startup_ratio_max']})" if ratio else "") + "\n")
    cold = report["cold_generate"]
    out.write(print_cold(cold))
    out.write("\nOne handout, warm (in-process plan_handout + render_handout)\n")
    for name, r in report["warm"].items():
        out.write(f"  {name:<34}{ms(r['median'])}  (min {ms(r['min'])}, max {ms(r['max'])})\n")
    batch = report["batch"]
    out.write("\nBatch\n")
    for name, r in batch["runs"].items():
        out.write(f"  {name:<34}{r['handouts_per_second']:7.1f} handouts/s  {r['seconds']:6.1f} s  "
                  f"peak {r['peak_rss_mib']:6.1f} MiB\n")
    out.write(f"  speed-up --jobs 2 vs 1: x{batch['speedup_jobs2']:.2f} (target >= {TARGETS['batch_speedup_min']})\n")
    out.write(f"  peak memory, large vs small roster: x{batch['memory_growth_jobs1']:.2f} (--jobs 1), "
              f"x{batch['memory_growth_jobs2']:.2f} (--jobs 2)\n")
    combined = report["combined"]
    out.write("\nBatch --combined (--jobs 2)\n")
    for name, r in combined["runs"].items():
        out.write(f"  {name:<34}{r['seconds']:6.1f} s  {r['pages']:6d} pages  {r['combined_mib']:7.1f} MiB file  "
                  f"peak {r['peak_rss_mib']:6.1f} MiB (parent {r['parent_peak_rss_mib']:6.1f} MiB)\n")
    out.write(f"  peak memory, large vs small roster: x{combined['memory_growth']:.2f} "
              f"(parent x{combined['parent_memory_growth']:.2f})\n")
    out.write(f"\nSize: 5-concern PDF {cold['pdf_bytes'] / 1024:.1f} KiB "
              f"(target < {TARGETS['pdf_bytes_max'] / 1000:.0f} KB)\n")
    print(out.getvalue())
    print_web(report["web"])


def print_cold(cold: dict) -> str:
    """The cold handout against both baselines: times, then the ratios (only the same-sheet one has a target)."""
    ms = lambda s: f"{s * 1000:7.1f} ms"  # noqa: E731
    out = io.StringIO()
    out.write(f"\nOne handout, cold ({cold['pages']} pages, {cold['fields']} fields; the same sheet in plain "
              f"ReportLab: {cold['fair_baseline_pages']} pages, {cold['fair_baseline_fields']} fields)\n")
    for name, r in cold["results"].items():
        out.write(f"  {name:<34}{ms(r['median'])}  (q1 {ms(r['q1'])}, q3 {ms(r['q3'])}, lowest {ms(r['min'])})\n")
    fair, pages = cold["ratios"], cold["page_count_ratios"]
    out.write(f"  ratio to the same sheet        x{fair['median']:.2f} (lowest x{fair['lowest']:.2f}, "
              f"CPU time x{fair['cpu_median']:.2f}) (target <= {TARGETS['cold_generate_ratio_max']})\n")
    out.write(f"  ratio to the pages of filler   x{pages['median']:.2f} (lowest x{pages['lowest']:.2f}, "
              f"CPU time x{pages['cpu_median']:.2f}) (no target)\n")
    return out.getvalue()


def print_web(web: dict) -> None:
    ms = lambda s: f"{s * 1000:7.1f} ms"  # noqa: E731
    print("Web server, 3-concern PDF (warm; over loopback vs the in-process build, interleaved)")
    for name in ("served", "in_process"):
        r = web[name]
        print(f"  {name:<34}median {ms(r['median'])}  p95 {ms(r['p95'])}  (n {r['n']})")
    print(f"  p95 ratio x{web['p95_ratio']:.2f} (target <= {TARGETS['web_p95_ratio_max']}), "
          f"median ratio x{web['median_ratio']:.2f}")
    c = web["concurrent"]
    print(f"  {c['clients']} clients, {c['requests']} requests: {c['errors']} errors, "
          f"{c['requests_per_second']:.1f} requests/s, server peak {c['server_peak_rss_mib']:.1f} MiB")


if __name__ == "__main__":
    main()
