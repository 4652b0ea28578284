"""Marked content: every piece a PDF page paints is either tagged (part of a structure element) or an artifact.

ReportLab has no tagging API, but its public ``Canvas.addLiteral`` writes
operators into the page (or form) being drawn, so each flowable that knows
its structure node (``tag``, a ``structure.Node``) brackets its own drawing
with ``/Role <</MCID n>> BDC … EMC``, and what only decorates (box
backgrounds and borders, writing lines, table grids, the page furniture)
with ``/Artifact … BDC … EMC``.  ``finish`` then writes the tree.

The rules the marks keep (ISO 14289-1 7.1, ISO 32000-1 14.6 and 14.7.4):
a marked sequence never holds another one and never crosses a page, and
everything painted is inside exactly one.  ``Tagger.begin`` raises
``NestedMarkError`` when a mark would nest, so a container that marks its
children inside its own mark fails in the tests, not in a validator.

- A flowable split over two pages keeps its node (``Marked.split``): one
  paragraph, read as one, with content on two pages.
- The same flowable drawn a second time (a table's repeated header row,
  a group's action line heading its part on the next page) is an artifact
  the second time: its words are read once.
- A list item's bullet goes in its ``Lbl``, its words in its ``LBody``
  (the bullet hook in ``compat``).

On a canvas with no tagger (``tagger_of`` is None) nothing is marked.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Paragraph

from mbcprep.render.pdf import compat
from mbcprep.render.pdf.structure import ArtifactNode, Node


class NestedMarkError(RuntimeError):
    """A marked-content sequence would open inside another: a drawing bug, caught while drawing."""


class Tagger:
    """One per canvas: hands out marked-content ids page by page and records which node each belongs to.

    ``font`` is the canvas' first font (an embedded one), which drawings
    start from instead of ReportLab's Helvetica.
    """

    def __init__(self, font: str):
        self.font = font
        self.open: object | None = None  # the node (or "Artifact") whose sequence is open
        self.page_mcids: dict[int, int] = {}  # page number -> MCIDs handed out on it
        self.pending_body: Node | None = None  # a list item's words, marked after its bullet

    def begin(self, canv, node: Node) -> None:
        if self.open is not None:
            raise NestedMarkError(f"{node.role} inside {getattr(self.open, 'role', self.open)}")
        page = canv.getPageNumber()
        mcid = self.page_mcids.get(page, 0)
        self.page_mcids[page] = mcid + 1
        node.items.append((page, mcid))
        canv.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")
        self.open = node

    def begin_artifact(self, canv, kind: str = "Layout", subtype: str | None = None) -> None:
        if self.open is not None:
            raise NestedMarkError(f"an artifact inside {getattr(self.open, 'role', self.open)}")
        extra = f" /Subtype /{subtype}" if subtype else ""
        canv.addLiteral(f"/Artifact <</Type /{kind}{extra}>> BDC")
        self.open = "Artifact"

    def end(self, canv) -> None:
        canv.addLiteral("EMC")
        self.open = None
        self.pending_body = None

    def after_bullet(self, canv) -> None:
        """A list item's bullet is drawn: its words go on in the item's body."""
        body = self.pending_body
        if body is not None:
            self.end(canv)
            self.begin(canv, body)

    @contextmanager
    def drawing(self, canv, flowable: Flowable) -> Iterator[None]:
        """Brackets one flowable's drawing with the mark its ``tag`` asks for."""
        node = flowable.tag
        if isinstance(node, ArtifactNode) or getattr(flowable, "_tag_drawn", False):
            kind = node.kind if isinstance(node, ArtifactNode) else "Pagination"
            self.begin_artifact(canv, kind, getattr(node, "subtype", None))
        else:
            flowable._tag_drawn = True
            if node.role == "LI":
                label, body = node.children[0], node.children[1]
                words = body.children[0] if body.children else body  # a sign's words, then its reason
                if getattr(flowable, "bulletText", None):
                    self.begin(canv, label)
                    self.pending_body = words
                else:  # the part of a split item carried to the next page: no bullet
                    self.begin(canv, words)
            else:
                self.begin(canv, node)
        try:
            yield
        finally:
            self.end(canv)

    def add_widget(self, canv, node: Node, name: str) -> None:
        """A form field drawn on this page belongs to ``node`` (a ``Form``)."""
        node.widgets.append((canv.getPageNumber(), name))


def tagger_of(canv) -> Tagger | None:
    return getattr(canv, "tagger", None)


def tag_canvas(canv, font: str) -> Tagger:
    """Give ``canv`` a tagger; it must have been made with ``initialFontName=font`` (no Helvetica preamble)."""
    canv.tagger = Tagger(font)
    return canv.tagger


@contextmanager
def artifact(canv, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
    """What is drawn inside is not read (a rule, a box, the furniture); nothing is marked without a tagger."""
    tagger = tagger_of(canv)
    if tagger is None:
        yield
        return
    tagger.begin_artifact(canv, kind, subtype)
    try:
        yield
    finally:
        tagger.end(canv)


def add_widget(canv, node: Node | None, name: str | None) -> None:
    """The field ``name`` just made belongs to ``node`` (a ``Form``), when the canvas is tagged."""
    tagger = tagger_of(canv)
    if tagger is not None and node is not None and name:
        tagger.add_widget(canv, node, name)


class Marked(Flowable):
    """Mixin for a flowable that knows its structure node (``tag``); first in the bases.

    ``tag`` is a ``Node``, an ``ArtifactNode``, or None: drawn unmarked,
    for a flowable that paints nothing itself (a container whose children
    mark themselves).
    """

    tag: Node | ArtifactNode | None = None

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 (platypus's name)
        tagger = tagger_of(canvas)
        if tagger is None or self.tag is None:
            return super().drawOn(canvas, x, y, _sW)
        with tagger.drawing(canvas, self):
            return super().drawOn(canvas, x, y, _sW)

    def split(self, availWidth, availHeight):  # noqa: N803 (platypus's names)
        """The pieces keep the node: one element, content on two pages."""
        pieces = super().split(availWidth, availHeight)
        for piece in pieces:
            if piece is not self:
                piece.tag = self.tag
        return pieces


class TaggedParagraph(Marked, Paragraph):
    """A plain ReportLab paragraph with a structure node (the summary's)."""

    def __init__(self, text, style, tag: Node | ArtifactNode | None = None, **kw):
        super().__init__(text, style, **kw)
        self.tag = tag


class Figure(Marked, Flowable):
    """A drawing or an image, read as one ``Figure`` with its alt text (the node's ``alt``).

    A ReportLab drawing starts from Helvetica, which is never embedded: it
    starts from the tagger's font instead.
    """

    def __init__(self, content: Flowable, node: Node | ArtifactNode):
        super().__init__()
        self.content = content
        self.tag = node
        self.hAlign = getattr(content, "hAlign", "LEFT")

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.content.wrap(avail_width, avail_height)
        return self.width, self.height

    def draw(self):
        tagger = tagger_of(self.canv)
        if tagger is not None and isinstance(self.content, Drawing):
            self.content.initialFontName = tagger.font
        self.content.drawOn(self.canv, 0, 0)

    def split(self, avail_width, avail_height):
        return []


def table_artifacts(table, command: str, *args) -> None:
    """``Table(renderCB=table_artifacts)``: the table's backgrounds and grid are artifacts; cells mark themselves."""
    tagger = tagger_of(table.canv)
    if tagger is None:
        return
    if command in ("startBG", "startLines"):
        tagger.begin_artifact(table.canv)
    elif command in ("endBG", "endLines"):
        tagger.end(table.canv)


def _after_bullet(canvas) -> None:
    tagger = tagger_of(canvas)
    if tagger is not None:
        tagger.after_bullet(canvas)


compat.after_bullets(_after_bullet)
