"""Read a filled-in handout back and give the care team a one-page visit summary.

The stages, one verb each, as for handouts:

- read: ``read_filled_form(path or bytes) -> FilledForm`` (``read``): the
  form description the handout carries (``mbcprep.form``) and the values of
  its fields, wherever the viewer put them; every problem is a
  ``FilledFormError`` with one fixed line;
- plan: ``plan_summary(filled, today) -> Summary`` (``model``): everything
  the summary shows, decided once;
- render: ``render_summary(summary, fmt) -> Rendered``: PDF (one page,
  ``pdf``), plain text (``text``) or JSON (``data``), looked up in
  ``SUMMARY_FORMATS``;
- write: the caller's (the CLI writes atomically, never over a file without --force).

The summary's own words are data: ``mbcprep/summary/words/<language>.toml``.
Renderers are imported only when their format is asked for.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import NamedTuple


class SummaryFormat(NamedTuple):
    name: str
    suffix: str
    media_type: str
    renderer: str  # "module:function", imported on first use


SUMMARY_FORMATS = {
    "pdf": SummaryFormat("pdf", ".pdf", "application/pdf", "mbcprep.summary.pdf:render_pdf"),
    "txt": SummaryFormat("txt", ".txt", "text/plain; charset=utf-8", "mbcprep.summary.text:render_text"),
    "json": SummaryFormat("json", ".json", "application/json", "mbcprep.summary.data:render_json"),
}


def render_summary(summary, fmt: str = "pdf"):
    """Draw a summary in one of ``SUMMARY_FORMATS`` (``ValueError`` for another)."""
    try:
        module_name, function = SUMMARY_FORMATS[fmt].renderer.split(":")
    except KeyError:
        raise ValueError(f"unknown summary format {fmt!r}; expected one of {tuple(SUMMARY_FORMATS)}") from None
    return getattr(importlib.import_module(module_name), function)(summary)


def summarise(source: str | Path | bytes, fmt: str = "pdf", today: dt.date | None = None):
    """Read a filled-in handout and draw its summary: the library's front door for ``mbcprep summary``.

    Raises ``FilledFormError`` (one fixed line, never the person's words)
    when the file cannot be read back.
    """
    from mbcprep.summary.model import plan_summary
    from mbcprep.summary.read import read_filled_form

    return render_summary(plan_summary(read_filled_form(source), today), fmt)
