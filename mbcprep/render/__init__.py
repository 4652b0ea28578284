"""Renderers: a plan in, the handout's bytes out, one module per format.

Each output format is one row of ``OUTPUT_FORMATS``: its name, file suffix,
media type and the renderer that draws it.  A renderer is a function
``render(plan) -> Rendered`` with one handler per part type; it is imported
only when its format is asked for, so listing concerns never loads
ReportLab or Jinja2.
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
    suffix: str
    media_type: str
    renderer: str  # "module:function", imported on first use


OUTPUT_FORMATS = {
    "pdf": OutputFormat("pdf", ".pdf", "application/pdf", "mbcprep.render.pdf:render_pdf"),
    "html": OutputFormat("html", ".html", "text/html; charset=utf-8", "mbcprep.render.html:render_html"),
    "txt": OutputFormat("txt", ".txt", "text/plain; charset=utf-8", "mbcprep.render.text:render_text"),
}


def renderer(fmt: str):
    """The render function of a format (``ValueError`` for an unknown one)."""
    try:
        module_name, function = OUTPUT_FORMATS[fmt].renderer.split(":")
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of {tuple(OUTPUT_FORMATS)}") from None
    return getattr(importlib.import_module(module_name), function)
