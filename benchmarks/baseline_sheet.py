"""The fair baseline for the cold-generate benchmark: the same sheet, drawn with plain ReportLab.

``mbcprep generate`` divided by this is what mbcprep adds to drawing its
sheet: its command line, the request checks, loading the pack, planning,
its layout decisions and the form description it stores in the PDF.

What it does, reading the JSON ``sheet_dump.py`` wrote from the current
mbcprep (run before the timing; no mbcprep code runs here):

* registers the sheet's two TTF fonts (DejaVu Sans, regular and bold);
* builds one platypus story with the same words in the same order: every
  heading, paragraph, bullet, numbered step, sign and its reason, question,
  table heading and label, one ``Paragraph`` each, in paragraph styles with
  the sheet's sizes, leading, spacing, indents and colours;
* draws the same AcroForm fields, as many, of the same kinds and sizes,
  with the same names and tooltips (``canvas.acroForm.textfield`` and
  ``checkbox``), each over a ruled line or an empty box as the sheet has
  them: beside their labels, under their questions, in the cells of the
  symptom log and medicines tables;
* on the same page size and margins, every page gets the running head, the
  footer and "Page N of M", as the sheet's pages do.

What it does not do, because it is what mbcprep adds and the ratio is
there to measure it: no command line, request or pack, no plan; no layout
decisions beyond platypus's own (no search for balanced columns: a group of
signs goes in two plain columns of equal width, the first half of its signs
on the left; no headings kept with what follows, no lists that repeat
their label when carried over, no parts side by side, no boxes, tints or
rules around parts); no drawings (the action tabs, thermometer, section
pictures, rating scale: their words are printed as paragraphs); no
bookmarks, no form description in the PDF.  "Page N of M" uses the
sheet's page count from the JSON rather than a second layout pass.

It is fair because it pays for what any ReportLab program printing this
sheet pays: the imports, the fonts, breaking the same words into lines,
splitting them over about as many pages, and the same fields.

    python benchmarks/baseline_sheet.py --sheet sheet.json --out /tmp/baseline.pdf
"""

from __future__ import annotations

import argparse
import json
from html import escape

from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

FONTS = {"regular": "Sheet", "bold": "Sheet-Bold"}
#: Between ruled writing lines in a field several lines tall.
LINE_GAP = 22
INK = HexColor("#1a1a1a")
RULE = HexColor("#595959")


def read_sheet(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def register_fonts(sheet: dict) -> None:
    for face, name in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, sheet["fonts"][face]))


class FieldBox(Flowable):
    """An AcroForm field over what it is drawn on paper: ruled lines for a text field, an empty box to tick."""

    def __init__(self, field: dict):
        super().__init__()
        self.field = field
        self.width, self.height = field["width"], field["height"]

    def wrap(self, avail_width, avail_height):
        self.width = min(self.field["width"], avail_width)
        return self.width, self.height

    def draw(self):
        canv, field = self.canv, self.field
        canv.setStrokeColor(RULE)
        if field["kind"] == "check":
            canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
            canv.acroForm.checkbox(name=field["name"], tooltip=field["tooltip"], x=0, y=0, size=self.height,
                                   relative=True, checked=False, buttonStyle="check", shape="square",
                                   textColor=INK, fillColor=None, borderColor=None, borderWidth=0,
                                   annotationFlags="print")
            return
        for n in range(max(1, round(self.height / LINE_GAP))):
            canv.line(0, n * LINE_GAP, self.width, n * LINE_GAP)
        canv.acroForm.textfield(name=field["name"], tooltip=field["tooltip"], x=0, y=0, width=self.width,
                                height=self.height, relative=True, fontName="Helvetica", fontSize=11,
                                textColor=INK, fillColor=None, borderColor=None, borderWidth=0, maxlen=0,
                                fieldFlags="multiline" if field["multiline"] else "", annotationFlags="print")


def paragraph_styles(sheet: dict) -> dict[str, ParagraphStyle]:
    styles = {}
    for name, style in sheet["styles"].items():
        color = HexColor(style["color"])
        styles[name] = ParagraphStyle(
            name, fontName=FONTS[style["font"]], fontSize=style["size"], leading=style["leading"],
            spaceBefore=style["space_before"], spaceAfter=style["space_after"], leftIndent=style["left_indent"],
            bulletIndent=style["bullet_indent"], alignment=style["alignment"], bulletFontName=FONTS["bold"],
            textColor=color, backColor=black if color == white else None)  # white words go on black, as on the sheet
    return styles


def flowables(blocks: list[dict], styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """The blocks ``sheet_dump.py`` describes as platypus flowables."""
    flows: list[Flowable] = []
    for block in blocks:
        if "text" in block:
            flows.append(Paragraph(escape(block["text"], quote=False), styles[block["style"]],
                                   bulletText=block.get("bullet")))
        elif "field" in block:
            flows.append(FieldBox(block["field"]))
        elif "row" in block:
            cells = [flowables([cell], styles, cell_width) for cell, cell_width in zip(block["row"], block["widths"])]
            flows.append(plain_table([cells], block["widths"]))
        elif "columns" in block:
            half = width / 2
            flows.append(plain_table([[flowables(column, styles, half) for column in block["columns"]]],
                                     [half, half]))
        elif "table" in block:
            table = block["table"]
            rows = [[flowables([cell], styles, cell_width) for cell, cell_width in zip(row, table["widths"])]
                    for row in table["rows"]]
            grid = Table(rows, colWidths=table["widths"], rowHeights=table["heights"], repeatRows=1)
            grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 1, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                      ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
            flows.append(grid)
    return flows


def plain_table(rows: list[list], widths: list[float]) -> Table:
    """Cells side by side, no padding or rules."""
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def build(sheet: dict, out: str) -> None:
    page = sheet["page"]
    styles = paragraph_styles(sheet)
    width = page["width"] - 2 * page["margin_x"]
    head = Paragraph(escape(sheet["running_head"], quote=False), styles["running_head"])
    head_height = head.wrap(width, page["height"])[1]
    footer = Paragraph(escape(sheet["footer"], quote=False), styles["footer"])
    footer_height = footer.wrap(width, page["height"])[1]
    total = sheet["mbcprep"]["pages"]

    top = page["height"] - page["margin_top"]
    bottom = page["margin_bottom"] + footer_height + 10

    def on_page(canv, doc):
        number = canv.getPageNumber()
        if number > 1:
            head.drawOn(canv, page["margin_x"], top - head_height)
        label = Paragraph(escape(sheet["page_label"].format(n=number, total=total), quote=False), styles["page_label"])
        label.wrap(width, page["height"])
        label.drawOn(canv, page["margin_x"], top - label.height)
        footer.drawOn(canv, page["margin_x"], page["margin_bottom"])

    # Page 1 has no running head, so its frame starts higher (as the sheet's does).
    first = Frame(page["margin_x"], bottom, width, top - bottom, id="first", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    later = Frame(page["margin_x"], bottom, width, top - head_height - 10 - bottom, id="later", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc = BaseDocTemplate(out, pagesize=(page["width"], page["height"]), invariant=1)
    doc.addPageTemplates([PageTemplate(id="first", frames=[first], onPage=on_page, autoNextPageTemplate="later"),
                          PageTemplate(id="later", frames=[later], onPage=on_page)])
    doc.build(flowables(sheet["story"], styles, width))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sheet", required=True, help="The JSON sheet_dump.py wrote.")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    sheet = read_sheet(args.sheet)
    register_fonts(sheet)
    build(sheet, args.out)


if __name__ == "__main__":
    main()
