"""The care team's page's door into the library: read a filled-in handout back and draw its summary.

Beside ``handouts.py`` (the patient's and the nurse's pages) and kept to
the same rule: the page hands this module an upload's bytes and gets back
the library's ``Summary``, a file to send, or a ``SummaryProblem`` naming
the page's own words for what went wrong.  Nothing is written to disk.
"""

from __future__ import annotations

import datetime as dt

from mbcprep.errors import FilledFormError
from mbcprep.formats import SUMMARY, output_format
from mbcprep.summary import render_summary
from mbcprep.summary.model import ANSWERED, HIGH, RISING, TICKED, Summary, plan_summary
from mbcprep.summary.model import change_text as library_change_text
from mbcprep.summary.read import MAX_BYTES as SUMMARY_MAX_BYTES
from mbcprep.summary.read import read_filled_form
from mbcprep.web.handouts import WebFile
from mbcprep.write.summaries import summary_stem

#: A filled-in handout: as large as ``mbcprep summary`` reads (20 MB; a filled handout is about 100 KB).
SUMMARY_BYTES = SUMMARY_MAX_BYTES
#: Why the library could not read a filled-in handout -> its message in ``words/web.toml``.
#: ("missing" is a path that is not there: an upload always has its bytes.)
SUMMARY_PROBLEMS = {reason: f"error_summary_{reason}" for reason in FilledFormError.REASONS if reason != "missing"}


class SummaryProblem(Exception):
    """A filled-in handout the library cannot read; ``key`` is its message in ``words/web.toml``."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def read_summary(data: bytes, today: dt.date | None = None) -> Summary:
    """The library's ``Summary`` of a filled-in handout held in memory: what every format of it shows.

    ``SummaryProblem`` when the file cannot be read back (too large, not a
    PDF, encrypted, damaged, flattened, not a handout, ...): the library's
    reason, as the key of the page's own words for it.  The library's
    messages never quote the file; neither does the key.
    """
    try:
        filled = read_filled_form(data)
    except FilledFormError as exc:
        raise SummaryProblem(SUMMARY_PROBLEMS.get(exc.reason, SUMMARY_PROBLEMS["damaged"])) from None
    return plan_summary(filled, today or dt.date.today())


def summary_file(summary: Summary, fmt: str = "pdf") -> WebFile:
    """The summary as ``mbcprep summary`` draws it (``pdf`` or ``txt``), named as it names a day's summaries.

    The name is the visit's date and time (``visit-summary-2026-12-08-0930``; the day the summary was made
    when the sheet names no visit), without the counter: one download at a time.  Never the person's name.
    """
    document = render_summary(summary, fmt)
    name = summary_stem(summary.visit, summary.made_on) + output_format(SUMMARY, fmt).suffix
    return WebFile(document.data, document.media_type, name)


def change_text(rise: float | None) -> str:
    """A symptom row's change over the week as the summary prints it ("+5", "-2", "0"; empty for none)."""
    return library_change_text(rise)


def summary_marks() -> dict[str, str]:
    """The marks the summary draws: a ticked question, one only answered, a high score, a rising row."""
    return {"ticked": TICKED, "answered": ANSWERED, "high": HIGH, "rising": RISING}
