"""What hostile filled-in handouts cost ``mbcprep summary`` and the web page's ``/summary``: CPU and memory.

The files are the shapes of the adversarial review of 2026-12-07, made here
from a real handout:

* ``memory-bomb``: eight fields pointing at one stream that inflates to
  70 MB (the file is under 200 KB);
* ``cpu-bomb``: ten symptom-log cells pointing at one 1 MB stream;
* ``plain-1mb``: a notes field holding 1 MB of plain text;
* ``longest-labels``: a form description with every label as long as it may be;
* ``at-the-limits``: a handout filled up to what the reader takes (the
  costliest file that is read, not refused).

The files are made in a process of their own, so this one stays small (a
new process's peak memory, as ``os.wait4`` reports it, starts from its
parent's).  For the command, each file and format runs in a new process
(``python -m mbcprep summary``), and the process's own CPU time (user +
system) and peak memory come from ``os.wait4``.  For the web page, one
``mbcprep serve`` on a free loopback port gets each file (to show, and to
download as a PDF); its CPU time and peak memory come from ``/proc``, and
while eight of the files are being read at once another client asks for the
front page, which must be answered.  Target: under 5 s of CPU and 200 MB
for every run.

    python benchmarks/summary_bombs.py                 # every file, the command and the web page
    python benchmarks/summary_bombs.py --json bombs.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

CPU_TARGET = 5.0  # seconds
MEMORY_TARGET = 200  # MiB
EIGHT_FIELDS = ("top_question_1", "top_question_2", "answer_1", "answer_2", "own_question_1", "medicine_1_1",
                "medicine_1_2", "notes")
TEN_CELLS = tuple(f"symptom_{row}_{day}" for row in (1, 2) for day in range(1, 6))
FILES = ("memory-bomb", "cpu-bomb", "plain-1mb", "longest-labels", "at-the-limits")


# --------------------------------------------------------------------------
# The files
# --------------------------------------------------------------------------

def base_handout() -> bytes:
    from mbcprep.model.request import Request
    from mbcprep.pack import load_pack
    from mbcprep.plan import plan_handout
    from mbcprep.render import render_handout

    request = Request(concerns=("bones", "pain", "tiredness"), patient_name="Ana Díaz",
                      visit=dt.datetime(2026, 12, 3, 10, 30))
    return render_handout(plan_handout(request, load_pack()), "pdf").data


def _rewrite(data: bytes, change) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fields_holding(data: bytes, names, value) -> bytes:
    from pypdf.generic import NameObject

    def store(writer):
        shared = value(writer)
        for ref in writer._root_object["/AcroForm"]["/Fields"]:
            if ref.get_object().get("/T") in names:
                ref.get_object()[NameObject("/V")] = shared

    return _rewrite(data, store)


def _compressed(size: int):
    def add(writer):
        from pypdf.generic import EncodedStreamObject, NameObject

        stream = EncodedStreamObject()
        stream._data = zlib.compress(b"\xfe\xff" + b"\x00A" * (size // 2), 9)
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        return writer._add_object(stream)
    return add


def _description(data: bytes) -> dict:
    from pypdf import PdfReader

    return json.loads(PdfReader(io.BytesIO(data)).trailer["/Root"]["/MbcprepForm"].get_object().get_data())


def _fill(data: bytes, values: dict) -> bytes:
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)

    def fill(writer):
        for page in writer.pages:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    return _rewrite(data, fill)


def make_files(handout: bytes) -> dict[str, bytes]:
    """Each hostile file of the review, and the costliest file that is read, by name."""
    from pypdf.generic import NameObject, TextStringObject

    from mbcprep import limits
    from mbcprep.summary.description import HEADER_LINES, WORDS_CHARS

    def longest(writer):
        described = _description(handout)
        described["header"] = [{"label": "L" * WORDS_CHARS, "value": "V" * 300}] * HEADER_LINES
        for field in described["fields"]:
            for key in ("day_label", "column_label", "symptom", "group", "question", "label"):
                if key in field:
                    field[key] = "x " * (WORDS_CHARS // 2)
        writer._root_object[NameObject("/MbcprepForm")].get_object().set_data(json.dumps(described).encode())

    values, total = {}, 0
    for field in _description(handout)["fields"]:
        most = limits.FILLED_FIELD_CHARS.get(field["kind"])
        if most and total + most <= limits.FILLED_TEXT_CHARS:
            values[field["name"]] = ("word " * most)[:most]
            total += most
    return {
        "memory-bomb": _fields_holding(handout, EIGHT_FIELDS, _compressed(70_000_000)),
        "cpu-bomb": _fields_holding(handout, TEN_CELLS, _compressed(1_000_000)),
        "plain-1mb": _fields_holding(handout, ("notes",), lambda writer: TextStringObject("x" * 1_000_000)),
        "longest-labels": _fill(_rewrite(handout, longest), {"symptom_1_1": "8", "notes": "Sleeping badly"}),
        "at-the-limits": _fill(handout, values),
    }


# --------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------

def run_command(path: Path, fmt: str, out: Path) -> dict:
    """One ``mbcprep summary`` in a new process: its exit status, first line of output, CPU seconds, peak MiB."""
    process = subprocess.Popen([sys.executable, "-m", "mbcprep", "summary", str(path), "--format", fmt,
                                "-o", str(out), "--force"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"status": process.returncode, "said": output.strip().splitlines()[0] if output.strip() else "",
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "peak_mib": round(usage.ru_maxrss / 1024, 1)}


# --------------------------------------------------------------------------
# The web page
# --------------------------------------------------------------------------

def _proc_figures(pid: int) -> tuple[float, float]:
    """A process's CPU seconds so far and its peak memory in MiB, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    peak = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return cpu, int(peak.group(1)) / 1024 if peak else 0.0


def post_file(url: str, content: bytes, action: str, timeout: float = 120) -> tuple[int, float]:
    """POST a file to /summary as the page's form does: the status and the seconds it took."""
    import http.client
    from urllib.parse import urlsplit

    boundary = "mbcprep-bench-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n{action}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"handout\"; filename=\"f.pdf\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("POST", "/summary", body=body, headers={
            "Origin": url.rstrip("/"), "Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def get_front_page(url: str, timeout: float = 30) -> int:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def start_server(log: Path):
    process = subprocess.Popen([sys.executable, "-m", "mbcprep", "serve", "--port", "0"], stdout=subprocess.PIPE,
                               stderr=open(log, "w"), text=True)
    found = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline())
    if not found:
        process.kill()
        raise SystemExit(f"mbcprep serve did not start: {log.read_text()}")
    return process, found.group(0)


def run_web(files: dict[str, bytes], folder: Path) -> list[dict]:
    """Each file to one server (shown, then as a PDF); then eight at once while another client opens the page."""
    import signal

    process, url = start_server(folder / "serve.log")
    rows = []
    try:
        get_front_page(url)  # warm
        for name, content in files.items():
            for action in ("html", "pdf"):
                cpu_before, _ = _proc_figures(process.pid)
                status, seconds = post_file(url, content, action)
                cpu_after, peak = _proc_figures(process.pid)
                rows.append({"file": name, "where": f"web {action}", "status": status,
                             "cpu_s": round(cpu_after - cpu_before, 2), "peak_mib": round(peak, 1),
                             "wall_s": round(seconds, 2)})
        meanwhile = run_eight_at_once(url, files["memory-bomb"])
        cpu, peak = _proc_figures(process.pid)
        rows.append({"file": "memory-bomb x8", "where": "web html, 8 at once", "status": meanwhile["statuses"],
                     "front_page": meanwhile["front_page"], "cpu_s": None, "peak_mib": round(peak, 1),
                     "wall_s": meanwhile["seconds"]})
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    return rows


def run_eight_at_once(url: str, content: bytes) -> dict:
    """Eight uploads at once (as many as the server's threads), and the front page asked for meanwhile."""
    statuses: list[int] = []
    started = time.perf_counter()
    threads = [threading.Thread(target=lambda: statuses.append(post_file(url, content, "html")[0]))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    front = get_front_page(url)
    for thread in threads:
        thread.join(180)
    return {"statuses": sorted(statuses), "front_page": front, "seconds": round(time.perf_counter() - started, 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-web", action="store_true", help="the command only")
    parser.add_argument("--make-files", type=Path, help=argparse.SUPPRESS)  # the files' own process
    options = parser.parse_args(argv)
    if options.make_files:
        for name, content in make_files(base_handout()).items():
            (options.make_files / f"{name}.pdf").write_bytes(content)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        subprocess.run([sys.executable, __file__, "--make-files", str(folder)], check=True)
        files = {name: (folder / f"{name}.pdf").read_bytes() for name in FILES}
        rows = []
        for name, content in files.items():
            path = folder / f"{name}.pdf"
            for fmt in ("pdf", "txt", "json"):
                rows.append({"file": name, "size_kib": round(len(content) / 1024), "where": f"command {fmt}",
                             **run_command(path, fmt, folder / f"out.{fmt}")})
        if not options.no_web:
            rows += run_web(files, folder)
    print(f"{'file':<16} {'where':<22} {'status':<10} {'CPU s':>6} {'peak MiB':>9}  said")
    for row in rows:
        cpu = "" if row.get("cpu_s") is None else f"{row['cpu_s']:.2f}"
        print(f"{row['file']:<16} {row['where']:<22} {str(row['status']):<10} {cpu:>6} {row['peak_mib']:>9.1f}  "
              f"{row.get('said', '') or row.get('front_page', '')}")
    measured = [row for row in rows if row.get("cpu_s") is not None]
    met = all(row["cpu_s"] < CPU_TARGET and row["peak_mib"] < MEMORY_TARGET for row in rows
              if row.get("cpu_s") is not None)
    print(f"Target (under {CPU_TARGET:g} s CPU and {MEMORY_TARGET} MiB each): {'met' if met else 'NOT met'} "
          f"({len(measured)} runs); the most: {max(r['cpu_s'] for r in measured):.2f} s, "
          f"{max(r['peak_mib'] for r in rows):.1f} MiB")
    if options.json:
        options.json.write_text(json.dumps(rows, indent=2))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
