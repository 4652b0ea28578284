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

One page, always.  The summary is laid out with the roomiest ``Budget``
first; while it runs onto a second page, the next, tighter budget is tried
(fewer lines per entry, fewer rows and questions).  Whatever a budget cuts
ends with "…" or an "N more on the patient's sheet" line, and a notice under
the header says the summary was shortened.  If even the tightest budget
were too long (a custom pack with very many parts), the page is scaled down
to fit rather than spill.
"""

from __future__ import annotations

import io
from typing import NamedTuple

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (Flowable, Frame, KeepInFrame, KeepTogether, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle)
from reportlab.platypus.doctemplate import LayoutError

from mbcprep.formats import SUMMARY_FORMATS, Document
from mbcprep.render.pdf.fonts import FontPair, load_fonts, missing_characters
from mbcprep.render.pdf.kit import (ACCENT, ALERT_TINT, INK, MUTED, RULE, TINT, DocTemplate, footer_rule, hex_color,
                                    markup, page_size)
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


class Budget(NamedTuple):
    """How much of each entry one page may show; the first budget that fits one page is used."""

    item_lines: int  # a top question, a question, an own question
    answer_lines: int
    notes_lines: int
    questions: int  # ticked or answered questions, in all
    own_questions: int
    symptom_rows: int
    medicine_rows: int
    cell_lines: int  # a medicines cell


#: Tried in order until the summary fits one page; the first differs from the second only in the notes,
#: so long notes are kept whole when the rest leaves room for them.
BUDGETS = (
    Budget(6, 6, 40, 60, 20, 30, 30, 3),
    Budget(6, 6, 14, 60, 20, 30, 30, 3),
    Budget(3, 3, 9, 24, 8, 20, 20, 2),
    Budget(2, 2, 6, 14, 5, 14, 12, 2),
    Budget(2, 1, 4, 10, 4, 10, 8, 1),
    Budget(1, 1, 3, 7, 3, 8, 6, 1),
    Budget(1, 1, 2, 5, 2, 6, 5, 1),
    Budget(1, 1, 2, 4, 2, 5, 4, 1),
)


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
        story = SummarySheet(summary, fonts, styles, width, budget).flowables()
        try:
            data, pages = _build(summary, story, footer, height)
        except LayoutError:  # something too tall even for a page of its own: a tighter budget cuts it
            continue
        if pages == 1:
            return Document(data, SUMMARY_FORMATS["pdf"], 1)
    # Building consumed the story: the tightest budget's flowables again, scaled down to fit.
    story = SummarySheet(summary, fonts, styles, width, BUDGETS[-1], shrink=True).flowables()
    data, pages = _build(summary, [KeepInFrame(width, height, story, mode="shrink")], footer, height)
    return Document(data, SUMMARY_FORMATS["pdf"], pages)


def _build(summary: Summary, story: list[Flowable], footer: Paragraph, height: float) -> tuple[bytes, int]:
    """Lay the story out in a frame ``height`` tall under the top margin, the footer under it; bytes and pages."""
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
        footer.drawOn(canv, MARGIN_X, MARGIN_BOTTOM)
        footer_rule(canv, MARGIN_X, MARGIN_BOTTOM + footer_height + FOOTER_GAP / 2, width)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=furniture)])
    doc.build(story)
    return out.getvalue(), len(pages)


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

    def flowables(self) -> list[Flowable]:
        """The shown parts' flowables in their order, then the closing line.

        The header is drawn last, in its place: it says whether the rest was shortened.
        """
        parts = self.summary.shown
        drawn: dict[int, list[Flowable]] = {}
        for index in sorted(range(len(parts)), key=lambda index: parts[index].kind == "header"):
            drawn[index] = getattr(self, parts[index].kind)(parts[index])
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
             prefix: str = "", suffix: str = "", **kw) -> Paragraph:
        """A paragraph of the person's text (escaped), cut to ``lines`` lines at ``width`` with "…".

        ``prefix`` and ``suffix`` are markup drawn around the text, inside the
        same lines.  ``last_cut`` says whether this text was cut.  A text far
        longer than the lines could hold is cut to what they could hold first
        (no character is narrower than ``NARROWEST`` of the type size), so a
        long text costs no more to measure than one that fills the lines.
        """
        width = width if width is not None else self.width
        most = lines * max(1, int(width / (style.fontSize * NARROWEST))) if lines is not None else len(text)
        precut = len(text) > most
        text = self.drawable(text[:most])
        paragraph = Paragraph(prefix + markup(text) + suffix, style, **kw)
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
        return Paragraph(prefix + markup(cut.rstrip() + ELLIPSIS) + suffix, style, **kw)

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
        return Paragraph(text, self.styles.heading)

    def header_value(self, value: str, most: int = HEADER_VALUE) -> str:
        """A header value (a name, a visit, a clinic): at most ``most`` characters, on one line."""
        value = " ".join(self.drawable(value).split())
        if len(value) <= most:
            return value
        self.shortened = True
        return value[:most].rstrip() + ELLIPSIS

    def label(self, text: str) -> str:
        """Markup for a label in bold before its value."""
        return f'<font name="{self.fonts.bold.name}">{markup(text)}</font>'

    def more(self, count: int, style: ParagraphStyle) -> Paragraph:
        self.shortened = True
        return Paragraph(markup(str(self.words["more"]).format(count=count)), style)

    # -- the parts, one method per kind ---------------------------------------

    def header(self, part: Header) -> list[Flowable]:
        styles = self.styles
        title = Paragraph(f'{markup(str(self.words["title"]))}<font name="{self.fonts.regular.name}" size="8.5" '
                          f'color="{hex_color(MUTED)}">\u2003{markup(str(self.words["subtitle"]))}</font>',
                          styles.title)
        rows: list[Flowable] = []
        if part.lines:
            # Each label with its value never breaks across lines (no-break spaces); the pairs may.
            rows.append(Paragraph("\u2003 ".join(
                self.label(self.header_value(line.label, HEADER_LABEL).replace(" ", NO_BREAK)) + NO_BREAK
                + markup(self.header_value(line.value)).replace(" ", NO_BREAK) for line in part.lines),
                styles.header))
        if part.concerns:
            rows.append(self.para("; ".join(part.concerns), styles.body, lines=3,
                                  prefix=self.label(str(self.words["concerns"])) + "\u2002"))
        flows: list[Flowable] = [title]
        if rows:
            box = Table([[row] for row in rows], colWidths=[self.width])
            box.setStyle(TableStyle([
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
            flows.append(Paragraph(markup(" ".join(notices)), styles.notice))
        return flows

    def top_questions(self, part: TopQuestions) -> list[Flowable]:
        lines = [self.para(top.text, self.styles.top, self.budget.item_lines, self.width - 22,
                           bulletText=f"{top.number}.") for top in part.questions]
        box = Table([[line] for line in lines], colWidths=[self.width])
        box.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 1.2, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), 4), ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
        ]))
        return self.together([self.heading("top_questions"), box])

    def questions(self, part: Questions) -> list[Flowable]:
        groups = part.groups
        styles, budget = self.styles, self.budget
        total = sum(len(group.questions) for group in groups)
        flows: list[Flowable] = [self.heading("questions")]
        shown = 0
        for group in groups:
            if shown >= budget.questions:
                break
            flows.append(self.para(group.title, styles.group, 1))
            for asked in group.questions:
                if shown >= budget.questions:
                    break
                shown += 1
                mark = TICKED if asked.ticked else ANSWERED
                note = "" if asked.ticked else (f'<font color="{hex_color(MUTED)}">\u2002('
                                                f'{markup(str(self.words["answered_not_ticked"]))})</font>')
                flows.append(self.para(asked.text, styles.question, budget.item_lines, bulletText=mark, suffix=note))
                if asked.answer:
                    flows.append(self.para(asked.answer, styles.answer, budget.answer_lines,
                                           prefix=self.label(str(self.words["answer"])) + "\u2002"))
        if shown < total:
            flows.append(self.more(total - shown, styles.answer))
        return flows

    def own_questions(self, part: OwnQuestions) -> list[Flowable]:
        own, budget = part.questions, self.budget
        flows: list[Flowable] = [self.heading("own_questions")]
        flows += [self.para(text, self.styles.question, budget.item_lines, bulletText="\u2022")
                  for text in own[:budget.own_questions]]
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
        table_rows: list[list] = [[Paragraph(markup(str(words["symptom"])), head),
                                   *(Paragraph(markup(day), head) for day in days),
                                   Paragraph(markup(str(words["change"])), head)]]
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), TINT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        bold = self.fonts.bold.name
        for r, row in enumerate(rows_shown, 1):
            cells: list = [self.para(row.symptom, cell, 2, first - 6)]
            for d, entry in enumerate(row.scores, 1):
                prefix, suffix = (f'<font name="{bold}">', "</font>") if entry.high else ("", "")
                cells.append(self.para(entry.text, number, 1, day_width - 6, prefix=prefix, suffix=suffix))
                if entry.high:
                    commands.append(("BACKGROUND", (d, r), (d, r), ALERT_TINT))
            if row.rising:
                cells.append(Paragraph(f'<font name="{bold}">{row.change} {RISING}</font>', number))
                commands.append(("BACKGROUND", (len(cells) - 1, r), (len(cells) - 1, r), ALERT_TINT))
            else:
                cells.append(Paragraph(row.change, number))
            table_rows.append(cells)
        table = Table(table_rows, colWidths=[first] + [day_width] * len(log.days) + [change_width], repeatRows=1)
        table.setStyle(TableStyle(commands))
        legend = (f'{markup(str(words["symptom_scale"]))}\u2003'
                  f'<font name="{bold}" backColor="{hex_color(ALERT_TINT)}">\u20077\u2007</font> '
                  f'{markup(str(words["high_legend"]))}\u2003{RISING} {markup(str(words["rise_legend"]))}')
        flows: list[Flowable] = self.together([self.heading("symptom_log", legend), table])
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
        table_rows: list[list] = [[self.para(column, styles.cell_head, 2, width - 6)
                                   for column, width in zip(medicines.columns, widths)]]
        for row in rows_shown:
            table_rows.append([self.para(value, styles.cell, budget.cell_lines, width - 6)
                               for value, width in zip(row, widths)])
        table = Table(table_rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), TINT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]))
        flows: list[Flowable] = self.together([self.heading("medicines"), table])
        if len(medicines.rows) > len(rows_shown):
            flows.append(self.more(len(medicines.rows) - len(rows_shown), styles.small))
        return flows

    def notes(self, notes: Notes) -> list[Flowable]:
        styles = self.styles
        flows: list[Flowable] = [self.heading("notes"), self.para(notes.text, styles.body, self.budget.notes_lines)]
        if self.last_cut:  # the rest is whole in the text summary (and on the sheet)
            flows.append(Paragraph(f'({markup(str(self.words["continued"]))})', styles.answer.clone(
                "continued", leftIndent=0)))
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
            return [Paragraph(markup(summary.closing), self.styles.body.clone(
                "nothing", spaceBefore=10, fontName=self.fonts.bold.name))]
        return [Paragraph(markup(summary.closing), self.styles.small)]
