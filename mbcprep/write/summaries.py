"""A clinic day's visit summaries: one file each, named by the visit and a short counter, and a print file.

A summary's default name is ``visit-summary-<visit date>-<HHMM>-<N>``
(the visit's date and time as the handout kept them; the day it was made
for a sheet that names no visit) with the smallest counter ``N`` that no
other summary of this run and no file in the folder has taken: two
summaries of the same day never collide, and a name never holds the
person's name.  ``--force`` replaces what is there, from 1 again.  The
print file puts every PDF summary in one file (each on a fresh sheet), as
``batch --combined`` does for handouts, marked as a print file so that
``mbcprep summary`` says so when it is given one.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mbcprep.formats import SUMMARY, output_format
from mbcprep.write.files import open_output
from mbcprep.write.handout import FILE_NAME_STARTS
from mbcprep.write.print_file import PrintFile

#: The print file's title and the kind its catalog names.
PRINT_TITLE = "mbcprep visit summaries"
PRINT_KIND = "summaries"


def summary_stem(visit: dt.date | dt.datetime | None, made_on: dt.date) -> str:
    """``visit-summary-2026-12-08-0930`` (a visit with a time), ``visit-summary-2026-12-08`` (a date alone, or
    the day the summary was made when the sheet names no visit)."""
    start = FILE_NAME_STARTS[SUMMARY]
    if isinstance(visit, dt.datetime):
        return f"{start}-{visit.strftime('%Y-%m-%d-%H%M')}"
    return f"{start}-{(visit or made_on).isoformat()}"


class SummaryNames:
    """Names for one run's summaries in ``folder``: each new, within the run and in the folder (unless ``force``)."""

    def __init__(self, folder: Path, force: bool = False):
        self.folder = folder
        self.force = force
        self.taken: set[str] = set()

    def name(self, visit: dt.date | dt.datetime | None, made_on: dt.date, fmt: str) -> Path:
        stem, suffix = summary_stem(visit, made_on), output_format(SUMMARY, fmt).suffix
        counter = 1
        while True:
            name = f"{stem}-{counter}{suffix}"
            if name.casefold() not in self.taken and (self.force or not os.path.lexists(self.folder / name)):
                self.taken.add(name.casefold())
                return self.folder / name
            counter += 1


def handouts_in(paths: list[Path]) -> list[Path]:
    """The filled-in handouts named: each file as given, and every ``.pdf`` file directly in each folder, by name."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted((child for child in path.iterdir() if child.suffix.lower() == ".pdf" and child.is_file()),
                            key=lambda child: child.name)
        else:
            found.append(path)
    return found


def write_print_file(summaries: list[tuple[str, bytes]], target: Path, force: bool = False) -> tuple[Path, int]:
    """One PDF with every summary (title, bytes), each on a fresh sheet: the day's summaries to print."""
    with open_output(target, force) as stream:
        print_file = PrintFile(stream, title=PRINT_TITLE, kind=PRINT_KIND)
        for title, data in summaries:
            print_file.add_handout(data, title=title)
        print_file.finish()
    return Path(target), print_file.page_count
