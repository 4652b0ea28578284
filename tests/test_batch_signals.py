"""``mbcprep batch --jobs 2`` stopped by real signals: an honest summary, nothing half-written, no orphans.

Each test runs mbcprep in a process of its own and signals it as a shell, a
service manager or a closed terminal would. The deadlines only bound how
long a test waits for something that must happen; nothing here is timed.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SMALL_PACK

PACK = str(SMALL_PACK)
ROWS = 120

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc") or not hasattr(signal, "SIGHUP"),
                                reason="needs POSIX signals and /proc")


def write_roster(folder: Path) -> Path:
    roster = folder / "roster.csv"
    lines = ["name,visit,concerns,note"]
    lines += [f"Person {i},2026-12-03 09:00,bones;treatment-options;stopping-treatment,Note {i}" for i in range(ROWS)]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return roster


def start_batch(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen, Path]:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "mbcprep", "batch", str(write_roster(tmp_path)), "--out-dir", str(out),
         "--pack", PACK, "--jobs", "2", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    return process, out


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def handouts(out: Path) -> list[Path]:
    return sorted(out.glob("row-*.pdf")) if out.is_dir() else []


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (an exited process nobody has reaped yet counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def stop_everything(process: subprocess.Popen, workers: list[int]) -> None:
    """Check the workers exit by themselves (10 s at most), then make sure nothing is left running.

    A failing run must not leave orphans behind, so whatever still runs is
    killed (by its pid) before the check fails.
    """
    if process.poll() is None and process.returncode is None:
        try:
            process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    gone = wait_for(lambda: not any(running(pid) for pid in workers), 10)
    for pid in workers:
        if running(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    assert gone, "a worker process outlived the batch"


def temp_files(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.startswith(".mbcprep-")] if out.is_dir() else []


def strike_mid_batch(tmp_path: Path, strike) -> tuple[subprocess.Popen, Path, str, str]:
    """Start a batch, and once it has written two handouts, ``strike(process, workers)``.

    Returns the finished process, the out-dir and its output. Whatever happens, no
    process is left running (``stop_everything``), and the workers must have exited
    by themselves.
    """
    process, out = start_batch(tmp_path)
    workers: list[int] = []
    try:
        assert wait_for(lambda: len(handouts(out)) >= 2), "the batch never started writing"
        workers = children(process.pid)
        assert workers, "no worker processes found"
        strike(process, workers)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        stop_everything(process, workers)
    return process, out, stdout, stderr


def error_rows(out: Path) -> list[list[str]]:
    with open(out / "batch-errors.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))[1:]


@pytest.mark.parametrize("signum, status, whom", [
    (signal.SIGTERM, 143, "parent"),
    (signal.SIGHUP, 129, "parent"),
    (signal.SIGTERM, 143, "group"),
])
def test_stop_signal_gives_an_honest_summary_and_leaves_nothing_half_done(tmp_path, signum, status, whom):
    def strike(process, workers):
        if whom == "parent":
            os.kill(process.pid, signum)
        else:  # as a terminal or service manager does: every process of the group
            os.killpg(process.pid, signum)

    process, out, stdout, stderr = strike_mid_batch(tmp_path, strike)
    assert process.returncode == status, stderr
    assert "Traceback" not in stderr
    assert "Stopped after" in stdout, stdout + stderr
    assert temp_files(out) == []
    written, rows = handouts(out), error_rows(out)
    assert rows and all(reason.startswith("not made:") for _, reason in rows)
    # Every row is either written or listed as not made, and the summary says so.
    assert len(written) + len(rows) == ROWS
    assert f"{len(written)} written, 0 failed, {len(rows)} not made." in stdout
    for handout in written:
        assert handout.read_bytes().rstrip().endswith(b"%%EOF")  # whole files only


def test_workers_exit_when_the_parent_is_killed(tmp_path):
    # SIGKILL cannot be caught: the workers must notice by themselves (strike_mid_batch checks).
    _, out, _, _ = strike_mid_batch(tmp_path, lambda process, workers: os.kill(process.pid, signal.SIGKILL))
    assert temp_files(out) == []


def test_a_worker_killed_mid_batch_costs_its_rows_not_the_run(tmp_path):
    """A worker killed outright (as the out-of-memory killer does): every row is still accounted for."""
    process, out, _, stderr = strike_mid_batch(tmp_path, lambda process, workers: os.kill(workers[0], signal.SIGKILL))
    assert process.returncode == 1, stderr
    assert "Traceback" not in stderr
    rows = error_rows(out)
    assert rows and all("a worker process stopped unexpectedly" in reason for _, reason in rows)
    assert len(handouts(out)) + len(rows) == ROWS
    assert temp_files(out) == []
