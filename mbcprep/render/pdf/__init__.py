"""Plan -> PDF: a printable, fillable handout drawn with ReportLab platypus.

The renderer draws a ``Plan`` and decides nothing about content: every word
comes from the plan, in the plan's order.  It decides how things look and
where pages may break:

- ``styles``: colours, measures and paragraph styles (normal and large print);
- ``story``: one method per part kind, returning flowables (the "Get help
  now" panel's in ``panel``, the concern notes' in ``notes``);
- ``layout``: containers for the page-break rules (headings kept with what
  follows, lists that repeat their label with "(continued)");
- ``flowables``: escaped text, tick boxes, writing lines and form fields;
- ``icons``: the vector drawings;
- ``document``: pages, running head and footer, metadata, one layout pass;
- ``structure``, ``tagging`` and ``finish``: the tagged PDF (PDF/UA-1): the
  structure tree the story makes, the marks the flowables draw, and the
  tree written into the saved file (docs/tagged-pdf.md);
- ``compat``: everything that depends on ReportLab's private attributes.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePath
from typing import Iterator

from mbcprep.formats import HANDOUT_FORMATS, Document
from mbcprep.model.plan import FieldName, Plan
from mbcprep.render.pdf.document import Furniture, build_document
from mbcprep.render.pdf.fonts import check_coverage, embedding_problem, load_fonts
from mbcprep.render.pdf.story import SheetStory
from mbcprep.render.pdf.styles import build_styles


def render_pdf(plan: Plan) -> Document:
    """Draw the plan as a printable (and, when ``plan.fillable``, fillable) PDF.

    Raises ``FontCoverageError`` when some text has characters the font
    cannot draw, rather than printing empty boxes.
    """
    fonts = load_fonts(plan.font, plan.font_bold)
    check_coverage(printed_strings(plan), fonts)
    styles = build_styles(fonts, plan.large_print)
    furniture = Furniture(plan, styles)
    sheet = SheetStory(plan, styles, furniture.geometry().width, corner=furniture.label_width)
    story = sheet.flowables()
    try:
        data, pages = build_document(plan, furniture, story, sheet.root)
    except Exception as exc:  # a chosen font that loaded but cannot be embedded: the person's to fix
        problem = embedding_problem(exc, plan.font, plan.font_bold)
        if problem is None:
            raise
        raise problem from None
    return Document(data, HANDOUT_FORMATS["pdf"], pages)


def printed_strings(plan: Plan) -> Iterator[tuple[str, str]]:
    """Every string the PDF may print, as ``(where, text)`` pairs, for the glyph check.

    Walks every field of every part, so a new part or field is checked
    without a change here; form field names are never printed.
    """
    yield "title", plan.title
    yield "running head", plan.running_head
    for part in plan.parts:
        where = part.kind.replace("_", " ")
        for text in _strings(part):
            yield where, text
    for text in _strings(plan.footer):
        yield "footer", text
    for key, text in plan.labels.items():
        yield f"wording {key}", text


def _strings(value) -> Iterator[str]:
    if isinstance(value, FieldName):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, (type, PurePath)):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
