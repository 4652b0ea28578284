"""Every document mbcprep makes, in every format: one table, and the one type a drawn document has.

Two kinds of document come out of mbcprep: the ``handout`` (drawn from a
``Plan``) and the visit ``summary`` (drawn from a ``Summary``).  Each
format of each is one row of ``FORMATS``: the kind, the format's name, its
file suffixes, its media type and the renderer that draws it.  Every list
of choices (``--format`` of ``generate`` and ``summary``, the web pages,
the format a file name implies, the tests that compare formats) is read
from this table, so a new format is one row and one renderer.

A renderer is a function ``(plan or summary) -> Document`` (its bytes, its
row of this table, its page count), named here as ``"module:function"`` and
imported only when its format is asked for, so listing concerns or
``--help`` never loads ReportLab or Jinja2.  A format that cannot print
every character (the PDF draws with its fonts, which may lack a letter of a
name) names the function that says which of a request's own texts it
cannot print (``unprintable``): the request layer asks it, by the format's
row, so the problem names the field the person typed before anything is
drawn.  A ``Document`` is what every
writer takes (``mbcprep.write``, the web's responses).

Only ``typing`` and ``importlib`` here: the command line reads this table on
its start-up path.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, NamedTuple

#: The kinds of document: a handout to fill in, a visit summary of a filled-in one.
HANDOUT = "handout"
SUMMARY = "summary"


class OutputFormat(NamedTuple):
    document: str  # HANDOUT or SUMMARY: what the renderer draws
    name: str
    suffixes: tuple[str, ...]  # the first is the one written; any of them names the format (report.htm)
    media_type: str
    renderer: str  # "module:function", imported on first use
    printable: str = ""  # "module:function": which of a request's own texts the format cannot print; "" all

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


FORMATS = (
    OutputFormat(HANDOUT, "pdf", (".pdf",), "application/pdf", "mbcprep.render.pdf:render_pdf",
                 "mbcprep.render.pdf.fonts:unprintable_texts"),
    OutputFormat(HANDOUT, "html", (".html", ".htm"), "text/html; charset=utf-8", "mbcprep.render.html:render_html"),
    OutputFormat(HANDOUT, "txt", (".txt",), "text/plain; charset=utf-8", "mbcprep.render.text:render_text"),
    OutputFormat(SUMMARY, "pdf", (".pdf",), "application/pdf", "mbcprep.summary.pdf:render_pdf"),
    OutputFormat(SUMMARY, "txt", (".txt",), "text/plain; charset=utf-8", "mbcprep.summary.text:render_text"),
    OutputFormat(SUMMARY, "json", (".json",), "application/json", "mbcprep.summary.data:render_json"),
    OutputFormat(SUMMARY, "fhir", (".fhir.json",), "application/fhir+json", "mbcprep.summary.fhir:render_fhir"),
)


def formats_of(document: str) -> dict[str, OutputFormat]:
    """The formats of one kind of document, by name, in the table's order (the first is the default)."""
    return {entry.name: entry for entry in FORMATS if entry.document == document}


HANDOUT_FORMATS = formats_of(HANDOUT)
SUMMARY_FORMATS = formats_of(SUMMARY)


def default_format(document: str) -> str:
    """A kind of document's first format in the table: what is made when nothing names one (pdf)."""
    return next(iter(formats_of(document)))


def output_format(document: str, name: str) -> OutputFormat:
    """The row for this kind of document and format name (``ValueError`` for a format it does not have)."""
    found = formats_of(document).get(name)
    if found is None:
        raise ValueError(f"unknown {document} format {name!r}; expected one of {tuple(formats_of(document))}")
    return found


def format_for_suffix(document: str, suffix: str) -> str | None:
    """The format a file suffix names for this kind of document (".htm": "html"), or None."""
    suffix = suffix.lower()
    return next((entry.name for entry in FORMATS if entry.document == document and suffix in entry.suffixes), None)


def format_for_name(document: str, name: str) -> str | None:
    """The format a file's name names by its ending, the longest that matches ("a.fhir.json": "fhir")."""
    name = name.lower()
    ends = [(len(suffix), entry.name) for entry in FORMATS if entry.document == document
            for suffix in entry.suffixes if name.endswith(suffix)]
    return max(ends)[1] if ends else None


class Document(NamedTuple):
    """A drawn document: its bytes, its row of ``FORMATS``, and its page count when the format has pages.

    The page count comes from the renderer, so callers that report it need
    not import pypdf to read the PDF back.
    """

    data: bytes
    format: OutputFormat
    pages: int | None = None

    @property
    def media_type(self) -> str:
        return self.format.media_type


def _imported(name: str) -> Callable:
    """A function named as ``"module:function"``, its module imported now."""
    module_name, function = name.split(":")
    return getattr(importlib.import_module(module_name), function)


def renderer(entry: OutputFormat) -> Callable[[Any], Document]:
    """The render function of a row, imported now."""
    return _imported(entry.renderer)


def unprintable(document: str, name: str, request) -> list:
    """The request's own texts this format cannot print, one ``RequestError`` for each field; none for a
    format that prints every character."""
    entry = output_format(document, name)
    return _imported(entry.printable)(request) if entry.printable else []


def render(document: str, model, name: str) -> Document:
    """Draw a plan (``HANDOUT``) or a summary (``SUMMARY``) in the named format (``ValueError`` for another)."""
    return renderer(output_format(document, name))(model)
