"""Read a filled-in handout back and give the care team a one-page visit summary.

The stages, one verb each, as for handouts:

- read: ``read_filled_form(path or bytes) -> FilledForm`` (``read``): the
  form description the handout carries (``mbcprep.model.form``) and the values of
  its fields, wherever the viewer put them; every problem is a
  ``FilledFormError`` with one fixed line;
- plan: ``plan_summary(filled, today) -> Summary`` (``model``): everything
  the summary shows, decided once, as an ordered list of typed parts;
- render: ``render_summary(summary, fmt) -> Document``: PDF (one page,
  ``pdf``), plain text (``text``) or JSON (``data``), each a row of
  ``mbcprep.formats.FORMATS`` (the summary's rows are ``SUMMARY_FORMATS``),
  each with one handler per part;
- write: ``mbcprep.write.handout.write_document``, as for handouts (the
  default name is ``visit-summary-<day>``, never the person's name).

The summary's own words are data: each language's ``words/summary.toml`` (``mbcprep.languages``).
Renderers are imported only when their format is asked for.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mbcprep.formats import SUMMARY, SUMMARY_FORMATS, Document, render
from mbcprep.summary.model import plan_summary
from mbcprep.summary.read import read_filled_form

__all__ = ["SUMMARY_FORMATS", "render_summary", "summarise"]


def render_summary(summary, fmt: str = "pdf") -> Document:
    """Draw a summary in one of ``SUMMARY_FORMATS`` (``ValueError`` for another)."""
    return render(SUMMARY, summary, fmt)


def summarise(source: str | Path | bytes, fmt: str = "pdf", today: dt.date | None = None) -> Document:
    """Read a filled-in handout and draw its summary: the library's front door for ``mbcprep summary``.

    Raises ``FilledFormError`` (one fixed line, never the person's words)
    when the file cannot be read back.
    """
    return render_summary(plan_summary(read_filled_form(source), today), fmt)
