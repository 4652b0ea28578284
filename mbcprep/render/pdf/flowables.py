"""The sheet's own flowables: text that breaks cleanly (escaped by the kit's ``markup``), and the places
a person writes or ticks.

The writing places draw their ruled lines or empty boxes on the page, so
the sheet works on paper, and, when the handout is fillable, lay an
AcroForm field exactly over them so the same space can be typed in on
screen.  Fields have no border or background of their own: printed empty,
only the drawn lines show.  Field names come from the plan's parts (stable
names that ``mbcprep summary`` reads back); ``None`` means paper only.

ReportLab facts these rely on (checked with ReportLab 5.1): a field made
inside ``draw()`` needs ``relative=True`` or it lands at the page origin,
and ZapfDingbats' "o" is a *filled* square, so empty boxes are drawn with
``rect``.
"""

from __future__ import annotations

from typing import NamedTuple

from reportlab.platypus import Flowable

from mbcprep.render.pdf.compat import CachedParagraph, shared_form
from mbcprep.render.pdf.fonts import clean_text
from mbcprep.render.pdf.kit import INK, RULE, markup
from mbcprep.render.pdf.structure import ArtifactNode, Node
from mbcprep.render.pdf.tagging import Marked, add_widget, artifact

# Typed text in form fields: PDF viewers only reliably draw form text with
# the standard fonts, and the field's own appearance is redrawn by the viewer.
FIELD_FONT = "Helvetica"
#: A paragraph with fewer lines than this is never split over two pages.
MIN_SPLIT_LINES = 5


class SheetParagraph(Marked, CachedParagraph):
    """A paragraph that is split over two pages only when it has five lines or more.

    A short paragraph split mid-sentence makes a tired reader turn the page
    for the last few words; it moves to the next page whole instead.
    Longer ones keep at least two lines on each side (no widows or orphans).

    A heading may carry an ``outline`` entry: the bookmark then lands on the
    heading itself, on whatever page it is drawn.  Its ``tag`` is its structure node (``tagging.Marked``).
    """

    outline: OutlineEntry | None = None
    #: Text flowing round a picture on its right (``layout.Around``): the first ``narrow_lines`` lines are
    #: ``narrow_by`` points shorter.
    narrow_lines: int = 0
    narrow_by: float = 0

    def breakLines(self, width):  # noqa: N802 (platypus's name)
        if self.narrow_lines and isinstance(width, list):
            first, later = width[0], width[-1]
            width = [first - self.narrow_by] + [later - self.narrow_by] * (self.narrow_lines - 1) + [later]
        return super().breakLines(width)

    def draw(self):
        if self.outline is not None:
            entry = self.outline
            self.canv.bookmarkHorizontal(entry.key, 0, self.height)
            self.canv.addOutlineEntry(clean_text(entry.title), entry.key, level=entry.level, closed=False)
        super().draw()

    def split(self, availWidth, availHeight):
        _, height = self.wrap(availWidth, availHeight)
        if round(height / self.style.leading) < MIN_SPLIT_LINES:
            return []
        return super().split(availWidth, availHeight)


def para(text: str, style, outline: OutlineEntry | None = None, tag: Node | ArtifactNode | None = None,
         **kw) -> SheetParagraph:
    """A paragraph of plain text: every string on the sheet is drawn through here, escaped; ``tag`` is its node."""
    paragraph = SheetParagraph(markup(text), style, **kw)
    paragraph.outline = outline
    paragraph.tag = tag
    return paragraph


def _text_field(canv, name, tooltip, x, y, width, height, font_size, multiline):
    shared_form(canv).textfield(
        name=name, tooltip=clean_text(tooltip), x=x, y=y, width=width, height=height, relative=True,
        fontName=FIELD_FONT, fontSize=font_size, textColor=INK, fillColor=None,
        borderColor=None, borderWidth=0, maxlen=0,
        fieldFlags="multiline doNotSpellCheck" if multiline else "doNotSpellCheck",
        annotationFlags="print",
    )


class TickBox(Flowable):
    """An empty square to tick; an AcroForm check box over it when fillable."""

    def __init__(self, size: float, name: str | None, tooltip: str = "", line_width: float = 1.3,
                 form: Node | None = None):
        super().__init__()
        self.form = form  # the field's structure node
        self.size = size
        self.name = name
        self.tooltip = tooltip
        self.line_width = line_width

    def wrap(self, avail_width, avail_height):
        return self.size, self.size

    def draw(self):
        canv = self.canv
        with artifact(canv):
            canv.saveState()
            canv.setStrokeColor(INK)
            canv.setLineWidth(self.line_width)
            canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
            canv.restoreState()
        if self.name:
            shared_form(canv).checkbox(
                name=self.name, tooltip=clean_text(self.tooltip), x=0, y=0, size=self.size, relative=True,
                checked=False, buttonStyle="check", shape="square", textColor=INK,
                fillColor=None, borderColor=None, borderWidth=0, fieldFlags="",
                annotationFlags="print",
            )
            add_widget(canv, self.form, self.name)


class WriteLines(Flowable):
    """Ruled lines to write on, the full available width; one text field over them when fillable."""

    def __init__(self, lines: int, gap: float, name: str | None, tooltip: str = "",
                 font_size: float = 11, line_width: float = 1, indent: float = 0, color=RULE,
                 form: Node | None = None):
        super().__init__()
        self.form = form  # the field's structure node
        self.indent = indent
        self.lines = max(1, lines)
        self.gap = gap
        self.name = name
        self.tooltip = tooltip
        self.font_size = font_size
        self.line_width = line_width
        self.color = color
        self.width = 0

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.lines * self.gap

    def draw(self):
        canv = self.canv
        with artifact(canv):
            canv.saveState()
            canv.setStrokeColor(self.color)
            canv.setLineWidth(self.line_width)
            for i in range(self.lines):
                y = i * self.gap + 1
                canv.line(self.indent, y, self.width, y)
            canv.restoreState()
        if self.name:
            _text_field(canv, self.name, self.tooltip, self.indent, 2, self.width - self.indent,
                        self.lines * self.gap - 3, self.font_size, multiline=self.lines > 1)
            add_widget(canv, self.form, self.name)


class FillLines(WriteLines):
    """Ruled lines that fill what is left of the page, at least ``min_lines``.

    ``reserve`` is kept free below them for what closes the handout.  When
    fewer than ``min_lines`` fit above it, the lines say they are too tall
    for this page (their height counts the reserve) and move on whole, so
    what closes the handout never ends up alone on a page of its own.
    """

    def __init__(self, min_lines: int, gap: float, name: str | None, tooltip: str = "",
                 font_size: float = 11, line_width: float = 1, reserve: float = 0, form: Node | None = None):
        super().__init__(min_lines, gap, name, tooltip, font_size, line_width, form=form)
        self.min_lines = max(1, min_lines)
        self.reserve = reserve

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        fits = int((avail_height - self.reserve) // self.gap)
        self.lines = max(self.min_lines, fits)
        if fits < self.min_lines:
            return avail_width, self.lines * self.gap + self.reserve
        return avail_width, self.lines * self.gap


class FieldCell(Flowable):
    """A blank table cell that can be typed in: the table draws the grid, this only the field."""

    def __init__(self, height: float, name: str | None, tooltip: str = "", font_size: float = 11,
                 form: Node | None = None):
        super().__init__()
        self.form = form  # the field's structure node
        self.height = height
        self.name = name
        self.tooltip = tooltip
        self.font_size = font_size
        self.width = 0

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.height

    def draw(self):
        if self.name:
            _text_field(self.canv, self.name, self.tooltip, 0, 0, self.width, self.height,
                        self.font_size, multiline=False)
            add_widget(self.canv, self.form, self.name)


class OutlineEntry(NamedTuple):
    """A bookmark (document outline entry) that a heading adds at its top edge when drawn."""

    title: str
    key: str
    level: int = 0
