"""Summary -> a one-page PDF for the care team, whatever was typed.

The page draws the summary's parts in their order (``Summary.shown``), one
method of ``SummarySheet`` per part kind: who and when with the concerns,
the person's top 3 questions (boxed), the questions ticked under their
groups with any answers, their own questions, the symptom log as a small
table (high scores and rising rows marked), the medicines and the first
lines of the notes; then the line naming what was left empty.  The footer
says where it comes from and that it is not a clinical record.  The page
is the kit's (``mbcprep.render.pdf.kit``): the handout's paper, palette,
markup and document template.

One page, always.  The summary is laid out with the roomiest ``Budget`` (``budget.py``)
first; while it runs onto a second page, the next, tighter budget is tried
(fewer lines per entry, fewer rows and questions).  Whatever a budget cuts
ends with "…" or an "N more on the patient's sheet" line, and a notice under
the header says the summary was shortened.  If even the tightest budget
were too long (a custom pack with very many parts), the page is scaled down
to fit rather than spill.

The PDF is tagged (PDF/UA-1), as the handout is: each part a ``Sect``
with its heading, lists, paragraphs and tables, in the summary's order
(``SummarySheet.root``); boxes, grids and the footer are not read.
"""

from __future__ import annotations

import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (Flowable, Frame, KeepInFrame, KeepTogether, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle)
from reportlab.platypus.doctemplate import LayoutError

from mbcprep.formats import SUMMARY_FORMATS, Document
from mbcprep.render.pdf.fonts import FontPair, load_fonts, missing_characters
from mbcprep.render.pdf.kit import (ACCENT, ALERT_TINT, INK, MUTED, RULE, TINT, DocTemplate, footer_rule, hex_color,
                                    markup, page_size)
from mbcprep.render.pdf.structure import Node
from mbcprep.render.pdf.tagging import TaggedParagraph, artifact, table_artifacts
from mbcprep.summary.budget import BUDGETS, Budget
from mbcprep.summary.model import (ANSWERED, RISING, TICKED, Header, Medicines, Notes, OwnQuestions, Phones, Questions,
                                   Summary, SymptomLog, SymptomRow, TopQuestions)
from mbcprep.summary.styles import Styles, build_styles

MARGIN_X = 40
MARGIN_TOP = 34
MARGIN_BOTTOM = 30
FOOTER_GAP = 8
#: Drawn in place of a character the font cannot draw (the text and JSON summaries keep it exact).
NOT_DRAWN = "\ufffd"
ELLIPSIS = "\u2026"
NO_BREAK = "\u00a0"
#: The narrowest a printed character is, in ems (DejaVu Sans's narrowest letters and spaces are 0.27 and more).
NARROWEST = 0.25
#: The most characters of one header value shown (the sheet prints what the request gave, which may be long),
#: of a header label, and of a symptom-log day's label ("Day 1"), which is drawn on one line.
HEADER_VALUE = 80
HEADER_LABEL = 30
DAY_LABEL = 12


def render_pdf(summary: Summary) -> Document:
    """The summary on one page of the handout's paper (letter or A4)."""
    fonts = load_fonts()
    styles = build_styles(fonts)
    page_width, page_height = page_size(summary.paper)
    footer = Paragraph(markup(summary.footer), styles.footer)
    width = page_width - 2 * MARGIN_X
    footer_height = footer.wrap(width, page_height)[1]
    height = page_height - MARGIN_TOP - MARGIN_BOTTOM - footer_height - 2 * FOOTER_GAP
    for budget in BUDGETS:
        sheet = SummarySheet(summary, fonts, styles, width, budget)
        story = sheet.flowables()
        try:
            doc, data, pages = _build(summary, story, footer, height, fonts)
        except LayoutError:  # something too tall even for a page of its own: a tighter budget cuts it
            continue
        if pages == 1:
            return Document(doc.finish(data, sheet.root), SUMMARY_FORMATS["pdf"], 1)
    # Building consumed the story: the tightest budget's flowables again, scaled down to fit.
    sheet = SummarySheet(summary, fonts, styles, width, BUDGETS[-1], shrink=True)
    story = sheet.flowables()
    doc, data, pages = _build(summary, [KeepInFrame(width, height, story, mode="shrink")], footer, height, fonts)
    return Document(doc.finish(data, sheet.root), SUMMARY_FORMATS["pdf"], pages)


def _build(summary: Summary, story: list[Flowable], footer: Paragraph, height: float,
           fonts: FontPair) -> tuple[DocTemplate, bytes, int]:
    """Lay the story out in a frame ``height`` tall under the top margin, the footer under it.

    Returns the document, its marked bytes (``DocTemplate.finish`` makes them a tagged PDF) and its pages.
    """
    out = io.BytesIO()
    doc = DocTemplate(out, summary.paper, title=str(summary.words["title"]), language=summary.language)
    page_width, page_height = doc.pagesize
    width = page_width - 2 * MARGIN_X
    frame = Frame(MARGIN_X, page_height - MARGIN_TOP - height, width, height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    pages = []

    def furniture(canv, doc) -> None:
        pages.append(canv.getPageNumber())
        _, footer_height = footer.wrap(width, page_height)
        with artifact(canv, "Pagination", "Footer"):
            footer.drawOn(canv, MARGIN_X, MARGIN_BOTTOM)
            footer_rule(canv, MARGIN_X, MARGIN_BOTTOM + footer_height + FOOTER_GAP / 2, width)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=furniture)])
    data = doc.build_marked(story, fonts.regular.name)
    return doc, data, len(pages)


class SummarySheet:
    """The summary's flowables for one budget; ``shortened`` says whether the budget cut anything."""

    def __init__(self, summary: Summary, fonts: FontPair, styles: Styles, width: float, budget: Budget,
                 shrink: bool = False):
        self.summary = summary
        self.shrink = shrink  # drawn inside a KeepInFrame, which draws its flowables as they are: none kept together
        self.words = summary.words
        self.fonts = fonts
        self.styles = styles
        self.width = width
        self.budget = budget
        self.shortened = False
        self.last_cut = False
        self.not_drawn = False
        self.root = Node("Document")  # the structure tree, in the summary's order
        self.section = self.root

    def flowables(self) -> list[Flowable]:
        """The shown parts' flowables in their order, then the closing line.

        The header is drawn last, in its place: it says whether the rest was shortened.
        """
        parts = self.summary.shown
        sections = [self.root.add("Sect") for _ in parts]
        drawn: dict[int, list[Flowable]] = {}
        for index in sorted(range(len(parts)), key=lambda index: parts[index].kind == "header"):
            self.section = sections[index]
            drawn[index] = getattr(self, parts[index].kind)(parts[index])
        self.section = self.root
        return [flowable for index in range(len(parts)) for flowable in drawn[index]] + self.closing()

    # -- helpers -------------------------------------------------------------

    def drawable(self, text: str) -> str:
        """``text`` with each character the font cannot draw replaced by a visible mark."""
        missing = missing_characters(text, self.fonts)
        if not missing:
            return text
        self.not_drawn = True
        return "".join(NOT_DRAWN if char in missing else char for char in text)

    def para(self, text: str, style: ParagraphStyle, lines: int | None = None, width: float | None = None,
             prefix: str = "", suffix: str = "", tag: Node | None = None, **kw) -> Paragraph:
        """A paragraph of the person's text (escaped), cut to ``lines`` lines at ``width`` with "…".

        ``tag`` is its structure node (a new ``P`` in the part if not given).

        ``prefix`` and ``suffix`` are markup drawn around the text, inside the
        same lines.  ``last_cut`` says whether this text was cut.  A text far
        longer than the lines could hold is cut to what they could hold first
        (no character is narrower than ``NARROWEST`` of the type size), so a
        long text costs no more to measure than one that fills the lines.
        """
        width = width if width is not None else self.width
        tag = tag if tag is not None else self.section.add("P")
        most = lines * max(1, int(width / (style.fontSize * NARROWEST))) if lines is not None else len(text)
        precut = len(text) > most
        text = self.drawable(text[:most])
        paragraph = TaggedParagraph(prefix + markup(text) + suffix, style, tag, **kw)
        self.last_cut = lines is not None and (precut or self._lines(paragraph, width) > lines)
        if lines is None or not self.last_cut:
            return paragraph
        self.shortened = True
        low, high = 0, len(text)
        while low < high:  # the longest start of the text that fits, with "…"
            middle = (low + high + 1) // 2
            trial = Paragraph(prefix + markup(text[:middle].rstrip() + ELLIPSIS) + suffix, style, **kw)
            if self._lines(trial, width) <= lines:
                low = middle
            else:
                high = middle - 1
        cut = text[:low]
        space = cut.rfind(" ", int(low * 0.75))
        cut = cut[:space] if space > 0 else cut
        return TaggedParagraph(prefix + markup(cut.rstrip() + ELLIPSIS) + suffix, style, tag, **kw)

    def together(self, flowables: list[Flowable]) -> list[Flowable]:
        """Flowables kept on one page (a heading with its table), or as they are inside a shrunk frame."""
        return flowables if self.shrink else [KeepTogether(flowables)]

    @staticmethod
    def _lines(paragraph: Paragraph, width: float) -> int:
        _, height = paragraph.wrap(width, 100_000)
        return round(height / paragraph.style.leading)

    def heading(self, key: str, legend: str = "") -> Paragraph:
        text = markup(str(self.words[key]))
        if legend:
            text += (f'<font name="{self.fonts.regular.name}" size="8.5" color="{hex_color(MUTED)}">'
                     f'\u2003{legend}</font>')
        return TaggedParagraph(text, self.styles.heading, self.section.add("H2"))

    def header_value(self, value: str, most: int = HEADER_VALUE) -> str:
        """A header value (a name, a visit, a clinic): at most ``most`` characters, on one line."""
        value = " ".join(self.drawable(value).split())
        if len(value) <= most:
            return value
        self.shortened = True
        return value[:most].rstrip() + ELLIPSIS

    def cell_font(self) -> tuple:
        """A table's cells in the sheet's font: ReportLab sets a cell's font before drawing it, Helvetica if not
        told, and Helvetica is never embedded."""
        return ("FONT", (0, 0), (-1, -1), self.fonts.regular.name, 8)

    def label(self, text: str) -> str:
        """Markup for a label in bold before its value."""
        return f'<font name="{self.fonts.bold.name}">{markup(text)}</font>'

    def more(self, count: int, style: ParagraphStyle) -> Paragraph:
        self.shortened = True
        return TaggedParagraph(markup(str(self.words["more"]).format(count=count)), style, self.section.add("P"))

    # -- the parts, one method per kind ---------------------------------------

    def header(self, part: Header) -> list[Flowable]:
        styles = self.styles
        title = TaggedParagraph(f'{markup(str(self.words["title"]))}<font name="{self.fonts.regular.name}" '
                                f'size="8.5" color="{hex_color(MUTED)}">\u2003{markup(str(self.words["subtitle"]))}'
                                '</font>', styles.title, self.section.add("H1"))
        rows: list[Flowable] = []
        if part.lines:
            # Each label with its value never breaks across lines (no-break spaces); the pairs may.
            rows.append(TaggedParagraph("\u2003 ".join(
                self.label(self.header_value(line.label, HEADER_LABEL).replace(" ", NO_BREAK)) + NO_BREAK
                + markup(self.header_value(line.value)).replace(" ", NO_BREAK) for line in part.lines),
                styles.header, self.section.add("P")))
        if part.concerns:
            rows.append(self.para("; ".join(part.concerns), styles.body, lines=3,
                                  prefix=self.label(str(self.words["concerns"])) + "\u2002"))
        flows: list[Flowable] = [title]
        if rows:
            box = Table([[row] for row in rows], colWidths=[self.width], renderCB=table_artifacts)
            box.setStyle(TableStyle([
                self.cell_font(),
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 4, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 4), ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
            ]))
            flows += [Spacer(0, 3), box]
        notices = [part.notice] if part.notice else []
        if self.shortened:
            notices.append(str(self.words["shortened"]))
        if self.not_drawn:
            notices.append(str(self.words["not_shown"]))
        if notices:
            flows.append(TaggedParagraph(markup(" ".join(notices)), styles.notice, self.section.add("P")))
        return flows

    def top_questions(self, part: TopQuestions) -> list[Flowable]:
        heading = self.heading("top_questions")
        listed = self.section.add("L")
        lines = [self.para(top.text, self.styles.top, self.budget.item_lines, self.width - 22,
                           bulletText=f"{top.number}.", tag=listed.list_item()) for top in part.questions]
        box = Table([[line] for line in lines], colWidths=[self.width], renderCB=table_artifacts)
        box.setStyle(TableStyle([
                self.cell_font(),
            ("BOX", (0, 0), (-1, -1), 1.2, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), 4), ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
        ]))
        return self.together([heading, box])

    def questions(self, part: Questions) -> list[Flowable]:
        groups = part.groups
        styles, budget = self.styles, self.budget
        total = sum(len(group.questions) for group in groups)
        flows: list[Flowable] = [self.heading("questions")]
        shown = 0
        for group in groups:
            if shown >= budget.questions:
                break
            flows.append(self.para(group.title, styles.group, 1, tag=self.section.add("H3")))
            listed = self.section.add("L")
            for asked in group.questions:
                if shown >= budget.questions:
                    break
                shown += 1
                mark = TICKED if asked.ticked else ANSWERED
                note = "" if asked.ticked else (f'<font color="{hex_color(MUTED)}">\u2002('
                                                f'{markup(str(self.words["answered_not_ticked"]))})</font>')
                item = listed.list_item()
                item.children[1].add("P")  # the question, after its mark; then its answer
                flows.append(self.para(asked.text, styles.question, budget.item_lines, bulletText=mark, suffix=note,
                                       tag=item))
                if asked.answer:
                    flows.append(self.para(asked.answer, styles.answer, budget.answer_lines,
                                           prefix=self.label(str(self.words["answer"])) + "\u2002",
                                           tag=item.children[1].add("P")))
        if shown < total:
            flows.append(self.more(total - shown, styles.answer))
        return flows

    def own_questions(self, part: OwnQuestions) -> list[Flowable]:
        own, budget = part.questions, self.budget
        flows: list[Flowable] = [self.heading("own_questions")]
        listed = self.section.add("L")
        flows += [self.para(text, self.styles.question, budget.item_lines, bulletText="\u2022",
                            tag=listed.list_item()) for text in own[:budget.own_questions]]
        if len(own) > budget.own_questions:
            flows.append(self.more(len(own) - budget.own_questions, self.styles.answer))
        return flows

    def symptom_log(self, log: SymptomLog) -> list[Flowable]:
        styles, words = self.styles, self.words
        head, cell, number = styles.cell_head, styles.cell, styles.cell_number
        days = [self.header_value(day, DAY_LABEL) for day in log.days]
        day_width = min(max([stringWidth(day, head.fontName, head.fontSize) + 8 for day in days] + [26]),
                        self.width * 0.6 / len(days))
        change_width = max(stringWidth(str(words["change"]), head.fontName, head.fontSize) + 10, 44)
        first = self.width - day_width * len(log.days) - change_width
        rows_shown = self.symptom_rows_shown(log.rows)
        bold = self.fonts.bold.name
        legend = (f'{markup(str(words["symptom_scale"]))}\u2003'
                  f'<font name="{bold}" backColor="{hex_color(ALERT_TINT)}">\u20077\u2007</font> '
                  f'{markup(str(words["high_legend"]))}\u2003{RISING} {markup(str(words["rise_legend"]))}')
        heading = self.heading("symptom_log", legend)
        grid = self.section.add("Table")
        head_row = grid.add("TR")
        table_rows: list[list] = [[TaggedParagraph(markup(text), head, head_row.add("TH", scope="Column"))
                                   for text in (str(words["symptom"]), *days, str(words["change"]))]]
        commands = [
            self.cell_font(),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), TINT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        for r, row in enumerate(rows_shown, 1):
            table_row = grid.add("TR")
            cells: list = [self.para(row.symptom, cell, 2, first - 6, tag=table_row.add("TH", scope="Row"))]
            for d, entry in enumerate(row.scores, 1):
                prefix, suffix = (f'<font name="{bold}">', "</font>") if entry.high else ("", "")
                cells.append(self.para(entry.text, number, 1, day_width - 6, prefix=prefix, suffix=suffix,
                                       tag=table_row.add("TD")))
                if entry.high:
                    commands.append(("BACKGROUND", (d, r), (d, r), ALERT_TINT))
            if row.rising:
                cells.append(TaggedParagraph(f'<font name="{bold}">{row.change} {RISING}</font>', number,
                                             table_row.add("TD")))
                commands.append(("BACKGROUND", (len(cells) - 1, r), (len(cells) - 1, r), ALERT_TINT))
            else:
                cells.append(TaggedParagraph(row.change, number, table_row.add("TD")))
            table_rows.append(cells)
        table = Table(table_rows, colWidths=[first] + [day_width] * len(log.days) + [change_width], repeatRows=1,
                      renderCB=table_artifacts)
        table.setStyle(TableStyle(commands))
        flows: list[Flowable] = self.together([heading, table])
        if len(log.rows) > len(rows_shown):
            flows.append(self.more(len(log.rows) - len(rows_shown), styles.small))
        return flows

    def symptom_rows_shown(self, rows: tuple[SymptomRow, ...]) -> tuple[SymptomRow, ...]:
        """The rows that fit the budget: marked rows first, then the others, each in the sheet's order."""
        limit = self.budget.symptom_rows
        if len(rows) <= limit:
            return rows
        marked = [row for row in rows if row.rising or any(entry.high for entry in row.scores)]
        kept = {id(row) for row in (marked + [row for row in rows if row not in marked])[:limit]}
        return tuple(row for row in rows if id(row) in kept)

    def medicines(self, medicines: Medicines) -> list[Flowable]:
        styles, budget = self.styles, self.budget
        count = len(medicines.columns)
        shares = (0.42, 0.22, 0.36) if count == 3 else (1 / count,) * count
        widths = [self.width * share for share in shares]
        rows_shown = medicines.rows[:budget.medicine_rows]
        heading = self.heading("medicines")
        grid = self.section.add("Table")
        head_row = grid.add("TR")
        table_rows: list[list] = [[self.para(column, styles.cell_head, 2, width - 6,
                                             tag=head_row.add("TH", scope="Column"))
                                   for column, width in zip(medicines.columns, widths)]]
        for row in rows_shown:
            table_row = grid.add("TR")
            table_rows.append([self.para(value, styles.cell, budget.cell_lines, width - 6, tag=table_row.add("TD"))
                               for value, width in zip(row, widths)])
        table = Table(table_rows, colWidths=widths, repeatRows=1, renderCB=table_artifacts)
        table.setStyle(TableStyle([
            self.cell_font(),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), TINT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]))
        flows: list[Flowable] = self.together([heading, table])
        if len(medicines.rows) > len(rows_shown):
            flows.append(self.more(len(medicines.rows) - len(rows_shown), styles.small))
        return flows

    def notes(self, notes: Notes) -> list[Flowable]:
        styles = self.styles
        heading = self.heading("notes")
        flows: list[Flowable] = [heading, self.para(notes.text, styles.body, self.budget.notes_lines)]
        if self.last_cut:  # the rest is whole in the text summary (and on the sheet)
            flows.append(TaggedParagraph(f'({markup(str(self.words["continued"]))})', styles.answer.clone(
                "continued", leftIndent=0), self.section.add("P")))
        return flows

    def phones(self, part: Phones) -> list[Flowable]:
        """Each number on a line of its own after its label in bold (at most 2 lines: a phone number is short,
        and whatever else was written on its line is whole in the text summary)."""
        return [self.heading("phones")] + [self.para(" ".join(line.value.split()), self.styles.body, 2,
                                                     prefix=self.label(f"{line.label}:") + " ")
                                           for line in part.lines]

    def closing(self) -> list[Flowable]:
        """The line that names the parts left empty: in bold, and lower, when nothing was entered at all."""
        summary = self.summary
        if not summary.closing:
            return []
        if summary.nothing_entered:
            return [TaggedParagraph(markup(summary.closing), self.styles.body.clone(
                "nothing", spaceBefore=10, fontName=self.fonts.bold.name), self.root.add("P"))]
        return [TaggedParagraph(markup(summary.closing), self.styles.small, self.root.add("P"))]
