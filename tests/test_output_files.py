"""Where handouts land: owner-only files, --force that never replaces a device or a pipe,
one writer per name even when two runs race, disk-full as one line, no stale temporary files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL_PACK

from mbcprep.cli import main
from mbcprep.errors import OutputError
from mbcprep.write.files import write_atomic

PACK = str(SMALL_PACK)
HEADER = "name,visit,provider,concerns,subtype,large_print,brief,note,file\n"


def generate(*args):
    result = CliRunner().invoke(main, ["generate", "--pack", PACK, "-c", "bones", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def batch(roster: Path, out: Path, *args):
    result = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(out), "--pack", PACK,
                                       "--jobs", "1", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def dead_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


# --- permissions ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "html", "pdf"])
def test_new_handouts_are_readable_by_their_owner_only(here, fmt):
    old = os.umask(0o022)
    try:
        assert generate("--format", fmt, "-o", f"sheet.{fmt}").exit_code == 0
    finally:
        os.umask(old)
    assert mode(here / f"sheet.{fmt}") == 0o600


def test_batch_files_and_error_report_are_owner_only(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(HEADER + "A,,,bones,,,,,\nB,,,bone,,,,,\n", encoding="utf-8")
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        assert batch(roster, out, "--format", "txt").exit_code == 1
    finally:
        os.umask(old)
    assert {p.name: mode(p) for p in out.iterdir()} == {"row-002.txt": 0o600, "batch-errors.csv": 0o600}


@pytest.mark.parametrize("old_mode", [0o600, 0o640])
def test_a_replaced_file_keeps_its_mode(here, old_mode):
    sheet = here / "sheet.txt"
    sheet.write_text("old")
    os.chmod(sheet, old_mode)
    assert generate("-o", "sheet.txt", "--force").exit_code == 0
    assert mode(sheet) == old_mode and "Bone pain" in sheet.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_force_run_by_root_keeps_the_owner_of_another_users_file(here):
    """Review m14: the handout became root's, so its owner could no longer write it."""
    sheet = here / "theirs.txt"
    sheet.write_text("old")
    os.chown(sheet, 65534, 65534)
    os.chmod(sheet, 0o644)
    assert generate("-o", "theirs.txt", "--force").exit_code == 0
    found = os.stat(sheet)
    assert (found.st_uid, found.st_gid, stat.S_IMODE(found.st_mode)) == (65534, 65534, 0o644)
    assert "Bone pain" in sheet.read_text(encoding="utf-8")


# --- --force and names that are not regular files ------------------------------------------


def test_force_writes_into_a_device_in_place_and_keeps_the_link(here):
    link = here / "sink.txt"
    link.symlink_to("/dev/null")
    result = generate("-o", "sink.txt", "--force")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_device_is_not_written_without_force(here):
    (here / "sink.txt").symlink_to("/dev/null")
    result = generate("-o", "sink.txt")
    assert result.exit_code == 1
    assert "sink.txt already exists; use --force to write to it" in result.output


def test_force_writes_into_a_fifo_in_place(here):
    fifo = here / "pipe.txt"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        result = generate("-o", "pipe.txt", "--force")
    finally:
        if reader.is_alive():  # unblock the reader if nothing was written
            with open(fifo, "wb"):
                pass
        reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"Bone pain" in received[0]


def test_force_replaces_a_link_to_a_regular_file_and_leaves_its_target(here):
    target = here / "elsewhere.txt"
    target.write_text("not mine to change")
    (here / "sheet.txt").symlink_to(target)
    assert generate("-o", "sheet.txt", "--force").exit_code == 0
    assert not (here / "sheet.txt").is_symlink()
    assert "Bone pain" in (here / "sheet.txt").read_text(encoding="utf-8")
    assert target.read_text() == "not mine to change"


@pytest.mark.parametrize("make, message", [
    (lambda p: p.symlink_to("nowhere"), "is a link to nothing"),
    (lambda p: p.symlink_to(p.parent), "is a folder"),
])
def test_force_refuses_what_is_neither_file_nor_stream(here, make, message):
    make(here / "odd.txt")
    result = generate("-o", "odd.txt", "--force")
    assert result.exit_code == 1 and message in result.output
    assert (here / "odd.txt").is_symlink()


# --- two runs, one name ------------------------------------------------------------------------


def test_a_name_taken_while_writing_is_never_overwritten(tmp_path, monkeypatch):
    """Another run finishes the same name between our check and our rename."""
    target = tmp_path / "sheet.txt"
    real_fsync = os.fsync

    def other_run_finishes(fd):
        real_fsync(fd)
        target.write_text("the other run's handout")
        monkeypatch.setattr(Path, "exists", lambda self: False)  # the window after any last check

    monkeypatch.setattr(os, "fsync", other_run_finishes)
    with pytest.raises(OutputError, match="already exists"):
        write_atomic(target, b"ours")
    monkeypatch.undo()
    assert target.read_text() == "the other run's handout"
    assert os.listdir(tmp_path) == ["sheet.txt"]


def test_two_processes_writing_the_same_name_one_wins(tmp_path):
    code = ("import sys, time\n"
            "from mbcprep.errors import OutputError\n"
            "from mbcprep.write.files import write_atomic\n"
            "start = float(sys.argv[2])\n"
            "while time.time() < start: pass\n"
            "try:\n"
            "    write_atomic(sys.argv[1], sys.argv[3].encode() * 100_000)\n"
            "    print('wrote')\n"
            "except OutputError as exc:\n"
            "    print('refused')\n")
    import time

    for round_ in range(6):
        target = tmp_path / f"sheet-{round_}.txt"
        start = str(time.time() + 0.3)
        runs = [subprocess.Popen([sys.executable, "-c", code, str(target), start, who], stdout=subprocess.PIPE,
                                 text=True) for who in "ab"]
        outcomes = sorted(run.communicate()[0].strip() for run in runs)
        assert outcomes == ["refused", "wrote"], outcomes
        content = target.read_bytes()
        assert content in (b"a" * 100_000, b"b" * 100_000)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".mbcprep-")]


# --- disk full ---------------------------------------------------------------------------------


def test_disk_full_while_writing_a_handout_is_one_line(here):
    (here / "full.txt").symlink_to("/dev/full")
    result = generate("-o", "full.txt", "--force")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: cannot write full.txt: No space left on device"


def test_disk_full_on_standard_output_is_one_line(tmp_path):
    with open("/dev/full", "wb") as full:
        process = subprocess.run([sys.executable, "-m", "mbcprep", "generate", "--pack", PACK, "-c", "bones",
                                  "--format", "txt", "-o", "-"], stdout=full, stderr=subprocess.PIPE,
                                 text=True, cwd=tmp_path)
    assert process.returncode == 1
    assert process.stderr.strip() == ("Error: cannot write the handout to standard output: "
                                      "No space left on device")


def test_disk_full_for_a_batch_row_and_the_error_report(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(HEADER + "A,,,bones,,,,,full\nB,,,bone,,,,,\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "full.txt").symlink_to("/dev/full")
    result = batch(roster, out, "--format", "txt", "--force")
    assert result.exit_code == 1
    assert "row 2: cannot write its file: No space left on device" in result.output
    assert "this is a bug" not in result.output
    (out / "batch-errors.csv").unlink()
    (out / "batch-errors.csv").symlink_to("/dev/full")
    result = batch(roster, out, "--format", "txt", "--force")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write ")
    assert result.output.strip().endswith("batch-errors.csv: No space left on device")


# --- temporary files -------------------------------------------------------------------------------


def test_temporary_files_name_their_process(tmp_path, monkeypatch):
    seen = []
    real_fsync = os.fsync

    def look(fd):
        seen.extend(os.listdir(tmp_path))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", look)
    write_atomic(tmp_path / "a.txt", b"x")
    (temp,) = seen
    assert temp.startswith(f".mbcprep-{os.getpid()}-") and temp.endswith(".part")


def test_stale_temporary_files_of_dead_runs_are_removed_and_nothing_else(here):
    stale = here / f".mbcprep-{dead_pid()}-abc123.part"
    live = here / f".mbcprep-{os.getppid()}-def456.part"
    unknown = here / ".mbcprep-x9y8z7.part"
    other = here / "notes.part"
    for path in (stale, live, unknown, other):
        path.write_text("x")
    assert generate("--format", "txt", "-o", "sheet.txt").exit_code == 0
    assert not stale.exists()
    assert live.exists() and unknown.exists() and other.exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_stale_temporary_files_of_other_users_are_kept(tmp_path):
    from mbcprep.write.files import remove_stale_temps

    theirs = tmp_path / f".mbcprep-{dead_pid()}-abc123.part"
    theirs.write_text("x")
    os.chown(theirs, 12345, 12345)
    assert remove_stale_temps(tmp_path) == []
    assert theirs.exists()


def test_batch_removes_stale_temporary_files_in_its_folder(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(HEADER + "A,,,bones,,,,,\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".mbcprep-{dead_pid()}-abc123.part"
    stale.write_text("a complete handout someone killed before it was renamed")
    assert batch(roster, out, "--format", "txt").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["row-002.txt"]


@pytest.mark.parametrize("signum, status", [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_stop_signal_while_writing_leaves_no_file(here, monkeypatch, signum, status):
    """A real signal to this process mid-write: the temporary file goes, the exit status says which.

    (Not run against the base commit: there SIGTERM ends the test process itself.)
    """
    import signal as signals

    real_fsync = os.fsync

    def signalled(fd):
        real_fsync(fd)
        os.kill(os.getpid(), getattr(signals, signum))

    monkeypatch.setattr(os, "fsync", signalled)
    result = generate("--format", "txt", "-o", "sheet.txt")
    assert result.exit_code == status
    assert f"Stopped by {signum}; nothing was written." in result.output
    assert list(here.iterdir()) == []


def test_no_status_line_goes_into_a_stream_target(tmp_path):
    """Review m8: ``-o /dev/stdout --force`` ended the PDF with "Wrote /dev/stdout (3 pages)"."""
    import subprocess
    import sys

    for fmt, end in (("pdf", b"%%EOF"), ("txt", b"")):
        done = subprocess.run([sys.executable, "-m", "mbcprep", "generate", "-c", "bones", "--format", fmt,
                               "-o", "/dev/stdout", "--force"], capture_output=True, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert b"Wrote" not in done.stdout and done.stdout.rstrip().endswith(end)


def test_a_file_still_gets_its_status_line(tmp_path):
    from click.testing import CliRunner

    from mbcprep.cli import main

    result = CliRunner().invoke(main, ["generate", "-c", "bones", "-o", str(tmp_path / "a.pdf")])
    assert result.exit_code == 0 and result.output.startswith(f"Wrote {tmp_path / 'a.pdf'} (")
