"""The nurse page against ``mbcprep batch --jobs 2``: the same 40-row roster, the same machine, interleaved.

The web figure is what a nurse waits for: from sending the roster to
having the zip (the upload, the rows made in the background of the
server, the status page asked every 0.2 s until it offers the zip, the
download).  The server is started once, as a clinic runs it, and stopped
with SIGTERM at the end.  The batch figure is the whole command, as a nurse
runs it: ``batch --jobs 2`` (the issue's baseline) and, since the web zip
holds a print file too, ``batch --jobs 2 --combined``.  Not part of the test
suite: timings never gate a test.

    python benchmarks/web_roster.py                      # 7 interleaved rounds, about 3 minutes
    python benchmarks/web_roster.py --rounds 3 --out web.json
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
ROWS = 40
TARGET_RATIO = 1.3


def mbcprep_command() -> list[str]:
    script = Path(sys.executable).parent / "mbcprep"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "mbcprep"]


def write_roster(path: Path, rows: int = ROWS) -> None:
    """``rows`` rows from the example roster, over and over, every other one in Spanish."""
    with open(EXAMPLES / "roster.csv", encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source)
        examples = list(reader)
        columns = reader.fieldnames
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns)
        writer.writeheader()
        for index in range(rows):
            row = dict(examples[index % len(examples)])
            row["name"] = f"Patient {index + 1:02d}"
            row["language"] = "es" if index % 2 else "en"
            row["file"] = ""
            writer.writerow(row)


class Server:
    """``mbcprep serve --port 0``, started once; its address read from its first line."""

    def __init__(self):
        self.process = subprocess.Popen([*mbcprep_command(), "serve", "--port", "0"], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        found = re.search(r"(http://[^ ]+/)", line)
        if not found:
            self.stop()
            raise SystemExit(f"the server did not start: {line!r}")
        self.url = found.group(1).rstrip("/")

    def request(self, path: str, data: bytes | None = None, content_type: str | None = None):
        headers = {"Origin": self.url}
        if content_type:
            headers["Content-Type"] = content_type
        return urllib.request.urlopen(urllib.request.Request(self.url + path, data=data, headers=headers))

    def roster_zip(self, roster: bytes) -> bytes:
        """Upload the roster, ask for its status page until it offers the zip, download the zip."""
        boundary = "mbcprep-benchmark-boundary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"clinic\"\r\n\r\nnone\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"day.csv\"\r\n"
                "Content-Type: text/csv\r\n\r\n").encode() + roster + f"\r\n--{boundary}--\r\n".encode()
        page = self.request("/roster?lang=en", body, f"multipart/form-data; boundary={boundary}")
        html = page.read().decode("utf-8")  # urllib follows the 303 to the status page
        status_url = page.geturl().removeprefix(self.url)
        while "data-job-state" in html:
            time.sleep(0.2)
            html = self.request(status_url).read().decode("utf-8")
        token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        return self.request("/roster/download", f"token={token}".encode(),
                            "application/x-www-form-urlencoded").read()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(60)


def time_batch(roster: Path, out: Path, combined: bool) -> float:
    argv = [*mbcprep_command(), "batch", str(roster), "--out-dir", str(out), "--jobs", "2", "--force"]
    if combined:
        argv += ["--combined", str(out / "print-all.pdf")]
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        roster = Path(folder) / "day.csv"
        write_roster(roster)
        data = roster.read_bytes()
        server = Server()
        try:
            archive = zipfile.ZipFile(io.BytesIO(server.roster_zip(data)))  # a first roster: as warm as batch's
            handouts = [name for name in archive.namelist() if name.startswith("handouts/")]
            assert len(handouts) == ROWS, archive.namelist()
            web, batch, combined = [], [], []
            for _ in range(options.rounds):
                batch.append(time_batch(roster, Path(folder) / "out", combined=False))
                start = time.perf_counter()
                server.roster_zip(data)
                web.append(time.perf_counter() - start)
                combined.append(time_batch(roster, Path(folder) / "out", combined=True))
        finally:
            server.stop()
    figures = {"rows": ROWS, "rounds": options.rounds, "web_median_s": statistics.median(web),
               "batch_jobs2_median_s": statistics.median(batch),
               "batch_jobs2_combined_median_s": statistics.median(combined),
               "web_samples_s": web, "batch_samples_s": batch, "batch_combined_samples_s": combined}
    figures["ratio_vs_batch"] = figures["web_median_s"] / figures["batch_jobs2_median_s"]
    figures["ratio_vs_batch_combined"] = figures["web_median_s"] / figures["batch_jobs2_combined_median_s"]
    print(f"{ROWS} rows, medians of {options.rounds} interleaved rounds:")
    print(f"  web page (upload to zip):        {figures['web_median_s']:.2f} s")
    print(f"  batch --jobs 2:                  {figures['batch_jobs2_median_s']:.2f} s "
          f"(web/batch {figures['ratio_vs_batch']:.2f}x; target at most {TARGET_RATIO}x)")
    print(f"  batch --jobs 2 --combined:       {figures['batch_jobs2_combined_median_s']:.2f} s "
          f"(web/batch {figures['ratio_vs_batch_combined']:.2f}x)")
    if options.out:
        options.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
