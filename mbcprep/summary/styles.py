"""The summary page's paragraph styles: DejaVu Sans, the handout's colours, sized for one dense page.

Body text is 9.5 pt (the handout's is 12): the summary is read by the care
team at a desk, and everything must fit one page.
"""

from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from mbcprep.render.pdf.fonts import FontPair
from mbcprep.render.pdf.kit import ACCENT, INK, MUTED


class Styles(NamedTuple):
    title: ParagraphStyle
    header: ParagraphStyle
    notice: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    group: ParagraphStyle
    question: ParagraphStyle
    answer: ParagraphStyle
    top: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_number: ParagraphStyle
    small: ParagraphStyle
    footer: ParagraphStyle


def build_styles(fonts: FontPair) -> Styles:
    regular, bold = fonts.regular.name, fonts.bold.name

    def style(name: str, size: float, leading: float, font: str = regular, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, textColor=kw.pop("color", INK),
                              bulletFontName=regular, bulletFontSize=size, **kw)

    return Styles(
        title=style("title", 15, 18, bold, color=ACCENT),
        header=style("header", 10, 13),
        notice=style("notice", 8.5, 11, color=MUTED, spaceBefore=3),
        heading=style("heading", 10.5, 13, bold, color=ACCENT, spaceBefore=8, spaceAfter=2),
        body=style("body", 9.5, 12),
        group=style("group", 8.5, 11, bold, color=MUTED, spaceBefore=2),
        question=style("question", 9.5, 12, leftIndent=12, bulletIndent=0),
        answer=style("answer", 9, 11.5, leftIndent=24, color=MUTED),
        top=style("top", 10, 13, leftIndent=14, bulletIndent=0, spaceAfter=1),
        cell=style("cell", 8.5, 10.5),
        cell_head=style("cell_head", 8, 10, bold),
        cell_number=style("cell_number", 8.5, 10.5, alignment=TA_CENTER),
        small=style("small", 8.5, 11, color=MUTED, spaceBefore=6),
        footer=style("footer", 8, 10, color=MUTED),
    )
