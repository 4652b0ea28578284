"""What every part of the PDF's story shares: the plan, its styles and width, and the helpers parts draw with.

``SheetStory`` (``story``) draws the parts, one method per kind; the concern
notes' methods (``NotesStory``, ``notes``) and the panel's (``PanelStory``,
``panel``) live in modules of their own and are mixed into it.  All three
are ``StoryBase``: its attributes and helpers are the whole contract between
them, declared here, typed, and checked by mypy.

The story also makes the sheet's structure tree (``root``, for the tagged
PDF): a ``Sect`` per part (``section``), its nodes made with the
flowables, in the plan's order, and each flowable given its node (``tag``).
Headings: the title ``H1``, a part ``H2``, a concern or a question group
``H3``, a concern's section ``H4``.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable, TableStyle

from mbcprep.model.plan import Plan
from mbcprep.render.pdf.columns import Columns
from mbcprep.render.pdf.flowables import FillLines, OutlineEntry, TickBox, WriteLines, para
from mbcprep.render.pdf.kit import INK, RULE, TINT
from mbcprep.render.pdf.layout import Beside, Items
from mbcprep.render.pdf.structure import CONTINUED, Node
from mbcprep.render.pdf.styles import Measures, Styles

BULLET = "\u2022"
#: Between the two columns of a list of short items.
LIST_GUTTER = 16
#: The first column's share of the width, for two columns of signs or of a list's items.
COLUMN_SHARES = (0.34, 0.38, 0.42, 0.46, 0.5, 0.54, 0.58, 0.62, 0.66)


class StoryBase:
    """The plan being drawn, its styles and measures, the width of the page's frame, and the helpers."""

    def __init__(self, plan: Plan, styles: Styles, width: float, corner: float = 0):
        self.plan = plan
        self.styles = styles
        self.measures: Measures = styles.measures
        self.width = width
        self.corner = corner  # kept free at the top right of page 1, for "Page 1 of N"
        self.continued = plan.labels["continued"]  # heads a part carried over to the next page
        self._outline_keys = 0
        self._fill: list[FillLines] = []
        self.root = Node("Document")  # the structure tree (the tagged PDF's), in the plan's order
        self.section = self.root  # the part being made: its nodes go in it

    def name(self, field: str) -> str | None:
        """A form field's name (from the plan), or None on a paper-only sheet."""
        return str(field) if self.plan.fillable else None

    def outline(self, title: str, level: int = 0) -> OutlineEntry:
        """A bookmark for a heading (each with its own key)."""
        self._outline_keys += 1
        return OutlineEntry(title, f"part{self._outline_keys}", level)

    def heading(self, text: str) -> list[Flowable]:
        """A part's heading, with its bookmark."""
        return [para(text, self.styles.h1, outline=self.outline(text), tag=self.section.add("H2"))]

    def continued_label(self, text: str, style) -> Flowable:
        """"Questions (continued)": a label repeating a heading on the next page, not read again."""
        return para(f"{text} {self.continued}", style, tag=CONTINUED)

    def bullets(self, items, continued: Flowable | None = None, columns: bool = True,
                parent: Node | None = None) -> Items:
        """A bulleted list; three or more short items go in two columns, read down.

        Short: each fits on one line of the wider of two columns (the list's
        columns may share the width unequally, see ``Columns``).  Never one
        bullet alone at the foot or the top of a page; ``continued`` heads
        the part carried over, if any.
        """
        style = self.styles.bullet
        tree_list = (parent or self.section).add("L")
        paragraphs = [para(item, style, bulletText=BULLET, tag=tree_list.list_item()) for item in items]
        widest = (self.width - LIST_GUTTER) * max(COLUMN_SHARES) - style.leftIndent - 1
        if columns and len(items) >= 3 and all(stringWidth(item, style.fontName, style.fontSize) <= widest
                                               for item in items):
            two = Columns(paragraphs, 2, gutter=LIST_GUTTER, gap=style.spaceAfter, least=2, shares=COLUMN_SHARES,
                          keep=2)
            listed = Items([two], continued=continued)
            listed.space_after = style.spaceAfter
            return listed
        return Items(paragraphs, continued=continued, least=2)

    def write_line(self, name: str, tooltip: str, lines: int = 1, indent: float = 0,
                   gap: float | None = None, parent: Node | None = None) -> WriteLines:
        """Lines to write on; their field is a ``Form`` in ``parent`` (the part, if not given)."""
        measures = self.measures
        return WriteLines(lines, gap or measures.write_gap, self.name(name), tooltip, measures.field_font,
                          measures.write_line, indent, form=(parent or self.section).add("Form"))

    def numbered_line(self, number: int, name: str, tooltip: str, listed: Node) -> Beside:
        """"1. ________": a number sitting on a writing line (an item of ``listed``, its number the label)."""
        item = listed.list_item()
        label = para(f"{number}.", self.styles.question, tag=item.children[0])
        width = stringWidth(f"{number}.", self.styles.fonts.regular.name, self.measures.body) + 6
        line = self.write_line(name, tooltip, parent=item.children[1])
        return Beside(label, line, width, 2, offset=self.measures.write_gap - self.styles.question.leading)

    def tick_row(self, text: str, name: str, item: Node) -> Beside:
        """A tick box beside the first line of a question (the list ``item``'s label, the question its body)."""
        measures, style = self.measures, self.styles.question
        ascent, descent = getAscentDescent(style.fontName, style.fontSize)
        middle = (ascent - descent) / 2  # of the first line's text, below the paragraph's top
        box = TickBox(measures.tick, self.name(name), text, form=item.children[0].add("Form"))
        return Beside(box, para(text, style, tag=item.children[1].add("P")), measures.tick + 9, 0,
                      offset=max(middle - measures.tick / 2, 0))

    def table_style(self, rows: int) -> TableStyle:
        """Ruled cells and a tinted header row; the header never leaves with fewer than two rows.

        Each cell's font is the sheet's: ReportLab sets a cell's font before
        drawing it, Helvetica if not told, and Helvetica is never embedded.
        """
        commands = [
            ("FONT", (0, 0), (-1, -1), self.styles.fonts.regular.name, self.measures.body),
            ("GRID", (0, 0), (-1, -1), 1, RULE),
            ("BOX", (0, 0), (-1, -1), 1.4, INK),
            ("LINEBELOW", (0, 0), (-1, 0), 1.4, INK),
            ("BACKGROUND", (0, 0), (-1, 0), TINT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 4),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
            ("LEFTPADDING", (1, 1), (-1, -1), 0),
            ("RIGHTPADDING", (1, 1), (-1, -1), 0),
            ("NOSPLIT", (0, 0), (-1, min(2, rows))),
        ]
        if rows >= 2:
            commands.append(("NOSPLIT", (0, rows - 1), (-1, rows)))
        return TableStyle(commands)
