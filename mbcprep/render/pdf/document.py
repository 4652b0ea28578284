"""The handout's document: its frames, the furniture on every page, one layout pass (on the kit's template).

Page 1 has no running head, so its frame starts higher; later pages carry
the running head (whose sheet this is, if a page gets loose).  "Page N of M"
is at the top right of every page (beside the title on page 1, which keeps
that corner free), and every page has the footer: the disclaimer and the
review lines in one short paragraph.

"Page N of M" needs the page count before the first page is finished, so
the furniture is drawn as form XObjects that each page uses by name and the
canvas defines when it saves, once the count is known: one layout pass.
The running head and the footer text, the same on every page, are laid
out and stored once.
"""

from __future__ import annotations

import io
from typing import NamedTuple

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFStreamFilterZCompress, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import LayoutError

from mbcprep.errors import PackError, PackInvalid
from mbcprep.model.form import CATALOG_KEY, EMBEDDED_FILE, EMBEDDED_FILE_DESCRIPTION, describe_form, encode_description
from mbcprep.model.plan import Plan
from mbcprep.render.pdf.compat import set_catalog_entry
from mbcprep.render.pdf.kit import DocTemplate, footer_rule, markup, page_size
from mbcprep.render.pdf.structure import Node
from mbcprep.render.pdf.styles import Styles
from mbcprep.render.pdf.tagging import artifact

HEAD_FORM = "mbcprepHead"
FOOT_FORM = "mbcprepFoot"
#: Space between the page furniture and the text frame.
FURNITURE_GAP = 5
#: What the running head's parts are joined with (``mbcprep.plan``).
HEAD_SEPARATOR = " \u00b7 "
#: A labelled part of the running head ("Date of birth: November 2, 1958") no longer than this stays on one line.
KEPT_TOGETHER_CHARS = 60


class PageGeometry(NamedTuple):
    page_width: float
    page_height: float
    x: float
    width: float
    bottom: float  # the frames' bottom edge, above the footer
    first_height: float  # page 1: no running head
    later_height: float


class Furniture:
    """Running head (from page 2), "Page N of M" at the top right, and the footer, drawn as forms."""

    def __init__(self, plan: Plan, styles: Styles):
        self.plan = plan
        self.styles = styles
        measures = styles.measures
        self.page_width, self.page_height = page_size(plan.paper)
        self.x = measures.margin_x
        self.width = self.page_width - 2 * measures.margin_x
        self.pages_seen = 0
        footer = plan.footer
        widest = footer.page_label.format(n=88, total=88)
        self.label_width = stringWidth(widest, styles.fonts.bold.name, measures.furniture) + measures.furniture
        review = " \u00b7 ".join(t for t in (footer.review_line, footer.not_reviewed_line) if t)
        # One paragraph: the disclaimer and the review lines share lines, so the footer is as short as it can be.
        self.footer = Paragraph(markup(f"{footer.disclaimer} {review}"), styles.footer)
        self.footer_height = self.footer.wrap(self.width, 10_000)[1]
        self.head = Paragraph(head_markup(plan.running_head), styles.running_head)
        self.head_height = self.head.wrap(self.width - self.label_width, 10_000)[1]

    def geometry(self) -> PageGeometry:
        measures = self.styles.measures
        bottom = measures.margin_bottom + self.footer_height + 2 * FURNITURE_GAP
        first_top = self.page_height - measures.margin_top
        later_top = first_top - self.head_height - 2 * FURNITURE_GAP
        return PageGeometry(self.page_width, self.page_height, self.x, self.width, bottom,
                            first_top - bottom, later_top - bottom)

    @staticmethod
    def page_form(n: int) -> str:
        return f"mbcprepPage{n}"

    def on_later_page(self, canv, doc):
        """The running head, before the page's content (it reads first); page furniture is not read."""
        with artifact(canv, "Pagination", "Header"):
            canv.doForm(HEAD_FORM)

    def on_page_end(self, canv, doc):
        """The footer and "Page N of M", after the page's content: the page number is the last text on it."""
        self.pages_seen = max(self.pages_seen, canv.getPageNumber())
        with artifact(canv, "Pagination", "Footer"):
            canv.doForm(FOOT_FORM)
            canv.doForm(self.page_form(canv.getPageNumber()))

    def draw_forms(self, canv) -> None:
        """Define the forms the pages use; the page count is known now."""
        measures, total = self.styles.measures, self.pages_seen
        top = self.page_height - measures.margin_top
        if total > 1:
            canv.beginForm(HEAD_FORM)
            y = top - self.head_height
            self.head.drawOn(canv, self.x, y)
            self._rule(canv, y - FURNITURE_GAP / 2)
            canv.endForm()
        canv.beginForm(FOOT_FORM)
        self._rule(canv, measures.margin_bottom + self.footer_height + FURNITURE_GAP)
        self.footer.drawOn(canv, self.x, measures.margin_bottom)
        canv.endForm()
        for n in range(1, total + 1):
            canv.beginForm(self.page_form(n))
            label = Paragraph(markup(self.plan.footer.page_label.format(n=n, total=total)),
                              self.styles.page_label)
            _, h = label.wrap(self.label_width, 10_000)
            label.drawOn(canv, self.x + self.width - self.label_width, top - h)
            canv.endForm()

    def _rule(self, canv, y: float) -> None:
        footer_rule(canv, self.x, y, self.width)


class FurnitureCanvas(Canvas):
    """A canvas that defines the page furniture's forms just before it saves."""

    furniture: Furniture | None = None

    def save(self) -> None:
        if self.furniture is not None:
            self.furniture.draw_forms(self)
        super().save()


class SheetDocTemplate(DocTemplate):
    """The kit's document, but a flowable too tall for any page is a ``PackInvalid`` naming the pack item
    its words come from (``layout.from_pack``), in one line, rather than a LayoutError traceback.

    Pieces ReportLab splits off a flowable carry no mark: they are named as
    the last marked flowable was.
    """

    pack_item: tuple[str, str] | None = None

    def handle_flowable(self, flowables):
        if flowables and getattr(flowables[0], "pack_item", None) is not None:
            self.pack_item = flowables[0].pack_item
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            file, key = self.pack_item or ("the content pack", "")
            raise PackInvalid([PackError(file, key, "is too long to fit on one page of the handout; "
                                                    "shorten its texts")]) from None


def build_document(plan: Plan, furniture: Furniture, story: list, root: Node) -> tuple[bytes, int]:
    """Lay the story out on the pages and return the tagged PDF's bytes and its page count.

    ``root`` is the story's structure tree (``SheetStory.root``).
    """
    geometry = furniture.geometry()
    frames = {
        name: Frame(geometry.x, geometry.bottom, geometry.width, height, id=name,
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        for name, height in (("first", geometry.first_height), ("later", geometry.later_height))
    }
    out = io.BytesIO()
    doc = SheetDocTemplate(
        out,
        plan.paper,
        title=plan.document_title,
        subject=plan.subject,
        language=plan.language,
        leftMargin=geometry.x,
        rightMargin=geometry.x,
        topMargin=geometry.page_height - geometry.bottom - geometry.first_height,
        bottomMargin=geometry.bottom,
    )
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[frames["first"]], onPageEnd=furniture.on_page_end,
                     autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[frames["later"]], onPage=furniture.on_later_page,
                     onPageEnd=furniture.on_page_end),
    ])

    def canvasmaker(*args, **kw) -> FurnitureCanvas:
        canv = FurnitureCanvas(*args, **kw)
        canv.furniture = furniture
        attach_form_description(canv, plan)
        return canv

    data = doc.build_tagged(story, root, furniture.styles.fonts.regular.name, canvasmaker=canvasmaker)
    return data, furniture.pages_seen


def logo_size(logo, max_width: float, max_height: float) -> tuple[float, float]:
    """The clinic logo's drawn size: as large as fits the box, its shape kept."""
    scale = min(max_height / logo.height, max_width / logo.width)
    return logo.width * scale, logo.height * scale


def attach_form_description(canv, plan: Plan) -> None:
    """Store the form description (``mbcprep.model.form``) where viewers keep it when they save a filled form.

    One compressed JSON stream, named twice: as the catalog's own
    ``/MbcprepForm`` key, and as the embedded file ``mbcprep-form.json`` (the
    standard place for attachments, which viewers that rewrite the catalog
    keep).  ``mbcprep summary`` looks in both.
    """
    data = encode_description(describe_form(plan))
    stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"),
                                      "Subtype": "/application#2Fjson",  # a name with "/" in it, written as is
                                      "Params": PDFDictionary({"Size": len(data)})}),
                       data, filters=[PDFStreamFilterZCompress()])
    spec = PDFDictionary({"Type": PDFName("Filespec"), "F": PDFString(EMBEDDED_FILE),
                          "UF": PDFString(EMBEDDED_FILE), "Desc": PDFString(EMBEDDED_FILE_DESCRIPTION),
                          "AFRelationship": PDFName("Data"), "EF": PDFDictionary({"F": stream})})
    canv.setCatalogEntry("Names", PDFDictionary({"EmbeddedFiles": PDFDictionary(
        {"Names": PDFArray([PDFString(EMBEDDED_FILE), spec])})}))
    set_catalog_entry(canv, CATALOG_KEY, stream)


def head_markup(running_head: str) -> str:
    """The running head as markup, each short labelled identifier on one line.

    "Date of birth: November 2, 1958" split after "November 2," would be
    misread on a loose page, so its spaces are no-break ones (added after
    ``markup``, which makes every space plain).  The title and the name wrap
    as any text does.
    """
    parts = running_head.split(HEAD_SEPARATOR)
    return HEAD_SEPARATOR.join(
        markup(part).replace(" ", "\u00a0") if ": " in part and len(part) <= KEPT_TOGETHER_CHARS else markup(part)
        for part in parts)
