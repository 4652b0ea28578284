"""The render stage: a plan in, the handout's bytes out (``render_handout``), one module per format.

Each output format is one row of ``OUTPUT_FORMATS``: its name, file
suffixes, media type and the renderer that draws it.  A renderer is a
function ``(plan) -> Rendered`` with one handler per part type; it is
imported only when its format is asked for, so listing concerns never loads
ReportLab or Jinja2.  Where the bytes go is the writer's business
(``mbcprep.write``).
"""

from __future__ import annotations

import importlib
from typing import NamedTuple


class Rendered(NamedTuple):
    """A drawn handout: its bytes, and the page count when the format has pages."""

    data: bytes
    pages: int | None = None


class OutputFormat(NamedTuple):
    name: str
    suffixes: tuple[str, ...]  # the first is the one written; any of them names the format (report.htm)
    media_type: str
    renderer: str  # "module:function", imported on first use

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


OUTPUT_FORMATS = {
    "pdf": OutputFormat("pdf", (".pdf",), "application/pdf", "mbcprep.render.pdf:render_pdf"),
    "html": OutputFormat("html", (".html", ".htm"), "text/html; charset=utf-8", "mbcprep.render.html:render_html"),
    "txt": OutputFormat("txt", (".txt",), "text/plain; charset=utf-8", "mbcprep.render.text:render_text"),
}


class Handout(NamedTuple):
    """A finished handout: its bytes, its format, and (for PDF) the page count.

    The page count comes from the renderer, so callers that report it need
    not import pypdf to read the PDF back.
    """

    data: bytes
    format: str
    pages: int | None = None

    @property
    def media_type(self) -> str:
        return OUTPUT_FORMATS[self.format].media_type


def render_handout(plan, fmt: str = "pdf") -> Handout:
    """Draw a plan (``mbcprep.plan.plan_handout``) in one of the ``OUTPUT_FORMATS``."""
    data, pages = renderer(fmt)(plan)
    return Handout(data, fmt, pages)


def renderer(fmt: str):
    """The render function of a format (``ValueError`` for an unknown one)."""
    try:
        module_name, function = OUTPUT_FORMATS[fmt].renderer.split(":")
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of {tuple(OUTPUT_FORMATS)}") from None
    return getattr(importlib.import_module(module_name), function)
