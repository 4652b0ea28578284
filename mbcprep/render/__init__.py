"""The render stage of a handout: a plan in, the handout's bytes out (``render_handout``), one module per format.

Each format is a row of ``mbcprep.formats.FORMATS`` (the handout's rows are
``OUTPUT_FORMATS`` here): its name, file suffixes, media type and the
renderer that draws it.  A renderer is a function ``(plan) -> (bytes,
pages)`` with one handler per part type; it is imported only when its
format is asked for, so listing concerns never loads ReportLab or Jinja2.
Where the bytes go is the writer's business (``mbcprep.write``).
"""

from __future__ import annotations

from mbcprep.formats import HANDOUT, HANDOUT_FORMATS, Document, render

#: The handout's formats, by name (rows of ``mbcprep.formats.FORMATS``).
OUTPUT_FORMATS = HANDOUT_FORMATS


def render_handout(plan, fmt: str = "pdf") -> Document:
    """Draw a plan (``mbcprep.plan.plan_handout``) in one of the ``OUTPUT_FORMATS`` (``ValueError`` for another)."""
    return render(HANDOUT, plan, fmt)
