"""The words and form fields of the sheet ``mbcprep generate`` makes, as JSON: the fair baseline's input.

``baseline_sheet.py`` draws the same sheet with plain ReportLab, so that
the cold-generate ratio measures only what mbcprep adds.  It must not run
any mbcprep code while it is timed, so this script, run once before the
timing (``run.py`` does), writes down everything it needs:

* ``story``: every text the sheet prints, part by part in the plan's order,
  each with the name of the mbcprep paragraph style it is printed in
  (headings, paragraphs, bullets, numbered steps, signs and their reasons,
  questions, table headings), and the sheet's form fields where they go
  (beside a label, under a question, in a table's cells);
* ``fields``' sizes, kinds, tooltips and flags read back from the PDF that
  mbcprep itself renders for the same request, so the baseline's fields
  are as many, as large and as typed-in as the sheet's;
* the page size, margins, fonts (the TTF files) and paragraph styles
  (sizes, leading, spacing, indents, colours) of the sheet;
* the running head, the footer and "Page N of M" as the sheet prints them;
* ``mbcprep``: the sheet's page and field counts, for the checks.

It is made from the current code each time (the request goes through
``mbcprep generate``'s own option parsing), so the baseline follows the
sheet when its words, parts or fields change.  A part kind this script
does not know is still dumped: every string in it, as paragraphs, and any
field it has at its end, so the words and the field count stay the same;
its test compares the baseline's words and fields with the sheet's.

    python benchmarks/sheet_dump.py --out sheet.json -- -c bones,brain --name "Ana Díaz"
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import math
import sys
from pathlib import Path, PurePath

#: A widget's field flags: the "multiline" bit of a text field.
MULTILINE = 1 << 12


def plan_and_pdf(options: list[str]):
    """The plan, PDF bytes and page count of ``mbcprep generate OPTIONS``.

    The command's own option parsing, then the library calls it makes.
    """
    from mbcprep.cli.common import given_request_values
    from mbcprep.cli.generate import generate
    from mbcprep.plan import plan_handout
    from mbcprep.render import render_handout
    from mbcprep.request.packs import PackShelf
    from mbcprep.request.values import read_request_file, request_from_values

    ctx = generate.make_context("generate", list(options))
    values = read_request_file(ctx.params["from_file"]) if ctx.params["from_file"] else {}
    values.update(given_request_values(ctx, ctx.params))
    values["format"] = "pdf"
    pack = PackShelf(ctx.params["pack_dir"]).pack_for(values.get("language"))
    plan = plan_handout(request_from_values(values, pack), pack)
    handout = render_handout(plan, "pdf")
    return plan, handout.data, handout.pages


def pdf_fields(data: bytes) -> dict[str, dict]:
    """Each AcroForm field of the PDF by name: kind, size, tooltip, multiline, page (from 1), in page order."""
    from pypdf import PdfReader

    fields: dict[str, dict] = {}
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, 1):
        for ref in page.get("/Annots") or ():
            widget = ref.get_object()
            if widget.get("/Subtype") != "/Widget" or "/T" not in widget:
                continue
            x0, y0, x1, y1 = (float(value) for value in widget["/Rect"])
            flags = int(widget.get("/Ff", 0))
            fields[str(widget["/T"])] = {
                "name": str(widget["/T"]), "kind": "check" if widget.get("/FT") == "/Btn" else "text",
                "width": round(abs(x1 - x0), 2), "height": round(abs(y1 - y0), 2),
                "tooltip": str(widget.get("/TU", "")), "multiline": bool(flags & MULTILINE), "page": number}
    return fields


def style_table(styles) -> dict[str, dict]:
    """mbcprep's paragraph styles as plain numbers: which face, size, leading, spacing, indents, colour."""
    bold = styles.fonts.bold.name
    table = {}
    for name, style in styles._asdict().items():
        if not hasattr(style, "fontSize"):
            continue  # the fonts and measures
        table[name] = {"font": "bold" if style.fontName == bold else "regular", "size": style.fontSize,
                       "leading": style.leading, "space_before": style.spaceBefore, "space_after": style.spaceAfter,
                       "left_indent": style.leftIndent, "bullet_indent": style.bulletIndent,
                       "alignment": style.alignment, "color": "#" + style.textColor.hexval()[2:]}
    return table


class SheetDump:
    """The plan's parts as blocks the baseline draws, one ``part_<kind>`` method per part kind (as ``SheetStory``).

    A block is a paragraph ``{"style", "text"[, "bullet"]}``, a field
    ``{"field": {...}}``, a ``{"row": [blocks], "widths": [...]}`` of
    things side by side, ``{"columns": [[blocks], [blocks]]}`` (two
    columns, the first half of the items on the left), or a ``{"table":
    {"widths", "heights", "rows"}}`` whose cells are paragraphs or fields.
    """

    def __init__(self, plan, fields: dict[str, dict], styles, width: float):
        self.plan = plan
        self.fields = fields
        self.styles = styles
        self.width = width
        self.placed: set[str] = set()
        self.asked = 0

    def story(self) -> list[dict]:
        blocks: list[dict] = []
        for part in self.plan.parts:
            blocks += getattr(self, f"part_{part.kind}", self.part_unknown)(part)
        left = [name for name in self.fields if name not in self.placed]
        blocks += [self.field(name) for name in left]  # a field of a kind this script does not place yet
        return blocks

    # -- pieces ------------------------------------------------------------------

    @staticmethod
    def para(style: str, text: str, bullet: str | None = None) -> dict:
        block = {"style": style, "text": text}
        if bullet:
            block["bullet"] = bullet
        return block

    def bullets(self, items, style: str = "bullet") -> list[dict]:
        return [self.para(style, item, "\u2022") for item in items]

    def text_width(self, style: str, text: str) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        style = getattr(self.styles, style)
        return stringWidth(text, style.fontName, style.fontSize)

    def field(self, name: str) -> dict:
        if name not in self.fields:
            raise SystemExit(f"sheet_dump.py: the sheet has no form field {name!r}: "
                             "SheetDump needs the sheet's new field names")
        self.placed.add(name)
        return {"field": self.fields[name]}

    def labelled(self, label: dict, name: str) -> dict:
        """A label and a field on one row; the label gets what the field leaves."""
        spec = self.field(name)
        return {"row": [label, spec], "widths": [self.width - spec["field"]["width"], spec["field"]["width"]]}

    def tick_row(self, name: str, text: str) -> dict:
        width = self.styles.measures.tick + 9
        return {"row": [self.field(name), self.para("question", text)], "widths": [width, self.width - width]}

    def table(self, head: list[str], rows: list[list[dict]], labelled: bool = False) -> dict:
        """A table of field rows under a heading row; ``labelled``: each row starts with a label (it gets the rest)."""
        fields = [cell["field"] for cell in rows[0] if "field" in cell]
        widths = [field["width"] for field in fields]
        if labelled:
            widths.insert(0, self.width - sum(widths))
        heights = [None] + [max(cell["field"]["height"] for cell in row if "field" in cell) for row in rows]
        return {"table": {"widths": widths, "heights": heights,
                          "rows": [[self.para("table_head", text) for text in head], *rows]}}

    # -- the parts, one method per kind -----------------------------------------

    def part_header(self, part) -> list[dict]:
        return [self.para("title", part.title),
                *(self.para("header_value", f"{line.label}  {line.value}") for line in part.lines)]

    def part_get_help_now(self, part) -> list[dict]:
        from mbcprep.model.form import PHONE_FIELDS

        blocks = [self.para("panel_heading", part.heading)]  # on paper the numbers' labels say what they are
        blocks += [self.para("phone", f"{line.label}: {line.value}") for line in part.phones]
        if not part.phones:
            blocks += [self.labelled(self.para("phone", f"{label}:"), name)
                       for label, name in zip(part.write_in, PHONE_FIELDS)]
        blocks += [self.para("phone", line) for line in part.advice]
        for group in part.groups:
            badge = self.text_width("badge", group.caption) + 6
            blocks.append({"row": [self.para("badge", group.caption), self.para("panel_intro", group.intro)],
                           "widths": [badge, self.width - badge]})
            signs = []
            for sign in group.signs:
                signs.append([self.para("sign", sign.text, "\u2022")]
                             + ([self.para("sign_why", sign.why)] if sign.why else [])
                             + ([self.para("caption", self.plan.labels["thermometer_caption"])]
                                if sign.icon == "thermometer" else []))
            half = math.ceil(len(signs) / 2)
            blocks.append({"columns": [[b for sign in signs[:half] for b in sign],
                                       [b for sign in signs[half:] for b in sign]]})
        return blocks

    def part_how_to_use(self, part) -> list[dict]:
        return [self.para("h1", part.heading),
                *(self.para("step", step, f"{n}.") for n, step in enumerate(part.steps, 1))]

    def part_top_questions(self, part) -> list[dict]:
        return [self.para("box_label", part.heading),
                *(self.labelled(self.para("question", f"{n}."), f"top_question_{n}") for n in range(1, part.lines + 1))]

    def part_topics(self, part) -> list[dict]:
        blocks = [self.para("h1", part.heading), *self.bullets(part.topics)]
        if part.note:
            blocks += [self.para("box_label", part.note_label), self.para("note", part.note)]
        return blocks

    def part_concern_notes(self, part) -> list[dict]:
        from mbcprep.model.content import BulletList

        blocks = [self.para("h1", part.heading)]
        for concern in part.concerns:
            blocks.append(self.para("h2", concern.title))
            if concern.key_points:
                blocks += [self.para("box_label", part.key_points_heading), *self.bullets(concern.key_points)]
            for section in concern.sections:
                blocks.append(self.para("h3", section.heading))
                if section.picture is not None:
                    blocks.append(self.para("picture_caption", section.picture.caption))
                if section.summary:
                    blocks.append(self.para("body", section.summary))
                blocks += self.body_blocks(section.body)
                if section.report_signs:
                    blocks += [self.para("body", part.report_intro), *self.bullets(section.report_signs)]
                if section.subtype:
                    blocks += [self.para("box_label", part.subtype_heading), *self.body_blocks(section.subtype)]
        return blocks

    def body_blocks(self, body) -> list[dict]:
        from mbcprep.model.content import BulletList

        blocks: list[dict] = []
        for block in body:
            blocks += (self.bullets(block.items) if isinstance(block, BulletList)
                       else [self.para("body", block.text)])
        return blocks

    def part_questions(self, part) -> list[dict]:
        blocks = [self.para("h1", part.heading), self.para("intro", part.intro)]
        for group in part.groups:
            blocks.append(self.para("h3", group.title))
            for question in group.questions:
                self.asked += 1
                blocks += [self.tick_row(f"ask_{self.asked}", question), self.field(f"answer_{self.asked}")]
        blocks.append(self.para("h3", part.own_heading))
        blocks += [self.field(f"own_question_{n}") for n in range(1, part.own_lines + 1)]
        return blocks

    def part_symptom_log(self, part) -> list[dict]:
        scale = " ".join([part.scale_low, *(str(n) for n in range(11)), part.scale_high])
        rows = [[self.para("table_cell", item),
                 *(self.field(f"symptom_{r}_{d}") for d in range(1, len(part.days) + 1))]
                for r, item in enumerate(part.items, 1)]
        return [self.para("h1", part.heading), self.para("intro", part.intro), self.para("table_head", scale),
                self.table([part.column, *part.days], rows, labelled=True)]

    def part_medicines(self, part) -> list[dict]:
        rows = [[self.field(f"medicine_{r}_{c}") for c in range(1, len(part.columns) + 1)]
                for r in range(1, part.rows + 1)]
        return [self.para("h1", part.heading), self.para("intro", part.intro), self.table(list(part.columns), rows)]

    def part_notes(self, part) -> list[dict]:
        return [self.para("h1", part.heading), self.field("notes")]

    def part_sources(self, part) -> list[dict]:
        return [self.para("sources", f"{part.heading}  {part.text}")]

    def part_unknown(self, part) -> list[dict]:
        """A part kind added after this script: its strings as paragraphs, the first as its heading."""
        texts = [text for text in strings(part) if text.strip()]
        return [self.para("h1", text) if n == 0 else self.para("body", text) for n, text in enumerate(texts)]


def strings(value):
    """Every string in a plan value (dataclasses, tuples), in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, (type, PurePath)):
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name))


def dump_sheet(options: list[str]) -> dict:
    """Everything ``baseline_sheet.py`` needs to draw the sheet of ``mbcprep generate OPTIONS``, JSON-ready."""
    from mbcprep.render.pdf.fonts import load_fonts
    from mbcprep.render.pdf.kit import page_size
    from mbcprep.render.pdf.styles import build_styles

    plan, data, pages = plan_and_pdf(options)
    fonts = load_fonts(plan.font, plan.font_bold)
    styles = build_styles(fonts, plan.large_print)
    measures = styles.measures
    page_width, page_height = page_size(plan.paper)
    width = page_width - 2 * measures.margin_x
    fields = pdf_fields(data)
    story = SheetDump(plan, fields, styles, width).story()
    footer = plan.footer
    review = " \u00b7 ".join(text for text in (footer.review_line, footer.not_reviewed_line) if text)
    return {
        "options": list(options),
        "page": {"width": page_width, "height": page_height, "margin_x": measures.margin_x,
                 "margin_top": measures.margin_top, "margin_bottom": measures.margin_bottom},
        "fonts": {"regular": str(fonts.regular.path), "bold": str(fonts.bold.path)},
        "styles": style_table(styles),
        "running_head": plan.running_head,
        "footer": f"{footer.disclaimer} {review}",
        "page_label": footer.page_label,
        "story": story,
        "mbcprep": {"pages": pages, "fields": len(fields), "paragraphs": count_paragraphs(story)},
    }


def count_paragraphs(blocks: list[dict]) -> int:
    """How many paragraphs the blocks hold, in rows, columns and tables too."""
    total = 0
    for block in blocks:
        if "text" in block:
            total += 1
        elif "row" in block:
            total += count_paragraphs(block["row"])
        elif "columns" in block:
            total += sum(count_paragraphs(column) for column in block["columns"])
        elif "table" in block:
            total += sum(count_paragraphs(row) for row in block["table"]["rows"])
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="Where to write the JSON.")
    parser.add_argument("options", nargs="*", help="mbcprep generate's options, after '--'.")
    args = parser.parse_args()
    sheet = dump_sheet(args.options)
    args.out.write_text(json.dumps(sheet, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{args.out}: {sheet['mbcprep']['paragraphs']} paragraphs, {sheet['mbcprep']['fields']} fields, "
          f"{sheet['mbcprep']['pages']} pages", file=sys.stderr)


if __name__ == "__main__":
    main()
