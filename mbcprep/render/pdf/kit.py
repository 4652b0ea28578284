"""What every PDF mbcprep writes shares: the palette, text made safe for paragraph markup, the paper,
one document template, and the footer's rule.

The handout (``mbcprep.render.pdf``) and the visit summary
(``mbcprep.summary.pdf``) are both drawn with these, so they look like one
family and keep the same promises: the paper from the one table
(``constants.PAPERS``, which the HTML handout reads too), no author in the
metadata (never the person), mbcprep as the creator, the document's
language, and the same bytes for the same input (``invariant``).

Colours are chosen for a tired reader and a photocopier: near-black text,
one deep blue for structure, and nothing that depends on colour alone.
Contrast on white (WCAG): INK 17:1, MUTED 12.6:1, ACCENT 8.9:1, RULE 7:1.
"""

from __future__ import annotations

import re
from html import escape  # not xml.sax.saxutils: that one imports urllib, http and email

from reportlab.lib.colors import HexColor, white
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate

from mbcprep import __version__
from mbcprep.constants import PAPERS
from mbcprep.render.pdf.finish import finish
from mbcprep.render.pdf.fonts import clean_text
from mbcprep.render.pdf.structure import Node
from mbcprep.render.pdf.tagging import tag_canvas

INK = HexColor("#1a1a1a")
MUTED = HexColor("#333333")  # secondary text: still 12.6:1 on white
ACCENT = HexColor("#1d4f73")
RULE = HexColor("#595959")  # writing lines and table grids: 7:1, survives a photocopy
LIGHT_RULE = HexColor("#767676")  # hairlines of the page furniture: 4.5:1
TINT = HexColor("#eef3f7")
ALERT_INK = HexColor("#000000")
ALERT_TINT = HexColor("#fbe6e6")
CRISIS_TINT = HexColor("#f1edf7")
PAPER = white
#: The weight of the hairline between the page's text and its footer.
FURNITURE_RULE = 0.75

NUMBER_AND_DEGREES = re.compile(r"(\d) (°[CF]?)")
SHORT_LAST_WORD = re.compile(r" (\S{1,5})$", re.MULTILINE)


def kept_together(text: str) -> list[str]:
    """The pieces of ``text`` a paragraph (``markup``) may break a line between: "38 °C" is one piece."""
    text = SHORT_LAST_WORD.sub("\u00a0\\1", NUMBER_AND_DEGREES.sub("\\1\u00a0\\2", text))
    return [piece.replace("\u00a0", " ") for piece in text.split(" ") if piece]


def markup(text: str) -> str:
    """Plain text -> safe paragraph markup: escaped, line breaks kept, short words kept with their neighbour.

    ReportLab's paragraph markup would otherwise embed local files
    (``<img src=...>``), make links (``<a href=...>``) or fail (``x < y``).
    """
    text = NUMBER_AND_DEGREES.sub("\\1\u00a0\\2", clean_text(text))  # "38 °C" never breaks between them
    text = SHORT_LAST_WORD.sub("\u00a0\\1", text)  # "vitamin D." never leaves "D." alone on a line
    return escape(text, quote=False).replace("\n", "<br/>")


def hex_color(color) -> str:
    """A colour as paragraph markup writes it in ``<font color="#...">``."""
    return "#" + color.hexval()[2:]


def page_size(paper: str) -> tuple[float, float]:
    """A paper's width and height in points (``constants.PAPERS``)."""
    found = PAPERS[paper]
    return found.width, found.height


class DocTemplate(BaseDocTemplate):
    """ReportLab's document as every mbcprep PDF has it (ReportLab's ``SimpleDocTemplate`` move).

    The paper by name, the title and subject as drawn (``clean_text``), no
    author, "mbcprep <version>" as the creator, the language, compressed
    pages and ``invariant`` output: no date or random id, so the same input
    gives the same bytes.  Page templates, frames and furniture are the
    caller's; anything else ReportLab takes passes through.

    ``build_tagged`` makes a tagged PDF (PDF/UA-1): the story's flowables
    mark what they draw (``tagging``), and the structure tree is written
    once ReportLab has saved (``finish``).
    """

    def __init__(self, out, paper: str, title: str, language: str, subject: str = "", **settings):
        width, height = page_size(paper)
        super().__init__(out, pagesize=(width, height), title=clean_text(title), subject=clean_text(subject),
                         author="", creator=f"mbcprep {__version__}", lang=language, invariant=1, pageCompression=1,
                         displayDocTitle=1, **settings)

    def build_tagged(self, story: list, root: Node, font: str, canvasmaker=Canvas) -> bytes:
        """Lay ``story`` out and return the tagged PDF's bytes (the template's ``out`` must be a ``BytesIO``).

        ``root`` is the story's structure tree; ``font`` (an embedded font)
        is every page's first font, so ReportLab names no Helvetica, which
        is never embedded.
        """
        return self.finish(self.build_marked(story, font, canvasmaker), root)

    def build_marked(self, story: list, font: str, canvasmaker=Canvas) -> bytes:
        """Lay ``story`` out with its marks, and return ReportLab's bytes, not yet ``finish``-ed."""

        def tagged_canvas(*args, **kw):
            canv = canvasmaker(*args, **kw)
            tag_canvas(canv, font)
            return canv

        self.initialFontName = font  # a public setting of the template, passed to its canvas
        self.build(story, canvasmaker=tagged_canvas)
        return self.filename.getvalue()

    def finish(self, data: bytes, root: Node) -> bytes:
        """``data`` (from ``build_marked``) with the structure tree of ``root``: a tagged PDF."""
        return finish(data, root, self.title, self.lang)


def footer_rule(canv, x: float, y: float, width: float) -> None:
    """The hairline that sets the footer (or the running head) apart from the page's text."""
    canv.saveState()
    canv.setStrokeColor(LIGHT_RULE)
    canv.setLineWidth(FURNITURE_RULE)
    canv.line(x, y, x + width, y)
    canv.restoreState()
