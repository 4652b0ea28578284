"""Baseline for the cold-start benchmark: the floor any ReportLab-based tool pays.

Imports ReportLab, registers the same TTF font mbcprep embeds, and writes a
plain platypus document with the requested number of pages of text.  No
mbcprep code runs here, so ``mbcprep generate`` divided by this is the cost
of everything mbcprep adds.

    python benchmarks/baseline_reportlab.py --pages 6 --out /tmp/baseline.pdf
"""

from __future__ import annotations

import argparse
from importlib import resources

from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

FILLER = ("Bring this sheet to your visit. Write down your questions and the answers you get. "
          "Tell your care team about any new or changing symptoms. ") * 3


def register_fonts() -> None:
    fonts = resources.files("mbcprep") / "fonts"
    pdfmetrics.registerFont(TTFont("Base", str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("Base-Bold", str(fonts / "DejaVuSans-Bold.ttf")))


def build(pages: int, out: str) -> None:
    body = ParagraphStyle("body", fontName="Base", fontSize=12, leading=16, spaceAfter=8)
    heading = ParagraphStyle("heading", fontName="Base-Bold", fontSize=16, leading=20, spaceAfter=8)
    story = []
    for page in range(pages):
        story.append(Paragraph(f"Part {page + 1}", heading))
        story.extend(Paragraph(FILLER, body) for _ in range(4))
        if page + 1 < pages:
            story.append(PageBreak())
    SimpleDocTemplate(out, pagesize=letter, invariant=1).build(story)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    register_fonts()
    build(args.pages, args.out)


if __name__ == "__main__":
    main()
