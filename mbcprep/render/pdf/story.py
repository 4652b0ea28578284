"""The story: the plan's parts as flowables, one method per part kind, in the plan's order.

``SheetStory`` decides how each part looks and where a page may break in
it; it never decides whether a part appears (the plan does).  Every string
comes from the plan and is drawn through ``para`` (escaped).

Form fields get stable names that ``mbcprep summary`` reads back:
``top_question_1..3``, ``ask_N`` (check box) and ``answer_N`` for the N-th
question in plan order, ``own_question_N``, ``symptom_R_D`` (row, day),
``medicine_R_C`` (row, column), ``notes``, ``phone_care_team`` and
``phone_after_hours``.
"""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable, Image, Table, TableStyle

from mbcprep.model.content import BulletList
from mbcprep.model.plan import (
    ConcernNotes,
    ConcernNotesPart,
    GetHelpNowPart,
    HeaderPart,
    HowToUsePart,
    MedicinesPart,
    NotesPart,
    Plan,
    PlannedSection,
    PlannedSign,
    QuestionsPart,
    SignGroup,
    SourcesPart,
    SymptomLogPart,
    TopicsPart,
    TopQuestionsPart,
)
from mbcprep.render.pdf.document import logo_size
from mbcprep.render.pdf.flowables import (
    FieldCell,
    FillLines,
    OutlineEntry,
    SheetParagraph,
    TickBox,
    WriteLines,
    markup,
    para,
)
from mbcprep.render.pdf.icons import ACTION_ICONS, rating_scale, thermometer
from mbcprep.render.pdf.layout import Beside, Box, Columns, Items, LeadIn, Stack
from mbcprep.render.pdf.styles import ACCENT, ALERT_INK, ALERT_TINT, CRISIS_TINT, INK, RULE, TINT, Styles

BULLET = "\u2022"
#: Names of the write-in phone lines, in the order of ``GetHelpNowPart.write_in``.
PHONE_FIELDS = ("phone_care_team", "phone_after_hours")
GROUP_TINTS = {"emergency": ALERT_TINT, "crisis": CRISIS_TINT}


def lead_in(lead: list[Flowable], chunks: list[Flowable]) -> list[Flowable]:
    """``lead`` (headings, an intro) kept with the first piece of ``chunks``."""
    return [LeadIn(lead, chunks[0]), *chunks[1:]] if chunks else [Stack(lead)]


class SheetStory:
    """Flowables for each part of a plan; ``flowables()`` returns the whole story."""

    def __init__(self, plan: Plan, styles: Styles, width: float):
        self.plan = plan
        self.styles = styles
        self.measures = styles.measures
        self.width = width
        self.continued = plan.labels["continued"]
        self._outline_keys = 0
        self._questions = 0
        self._fill: list[FillLines] = []

    def flowables(self) -> list[Flowable]:
        story: list[Flowable] = []
        fill_at = None
        for part in self.plan.parts:
            story += getattr(self, part.kind)(part)
            if self._fill and fill_at is None:
                fill_at = len(story)
        if fill_at is not None:  # the notes lines leave room for what closes the handout
            reserve = sum(f.wrap(self.width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                          for f in story[fill_at:])
            for lines in self._fill:
                lines.reserve = reserve
        return story

    # -- small helpers -------------------------------------------------------

    def name(self, field: str) -> str | None:
        """A form field's name, or None on a paper-only sheet."""
        return field if self.plan.fillable else None

    def outline(self, title: str, level: int = 0) -> OutlineEntry:
        """A bookmark for a heading (each with its own key)."""
        self._outline_keys += 1
        return OutlineEntry(title, f"part{self._outline_keys}", level)

    def heading(self, text: str) -> list[Flowable]:
        """A part's heading, with its bookmark."""
        return [para(text, self.styles.h1, outline=self.outline(text))]

    def bullets(self, items, style=None) -> Items:
        style = style or self.styles.bullet
        return Items([para(item, style, bulletText=BULLET) for item in items], least=2)

    def write_line(self, name: str, tooltip: str, lines: int = 1, indent: float = 0) -> WriteLines:
        measures = self.measures
        return WriteLines(lines, measures.write_gap, self.name(name), tooltip, measures.field_font,
                          measures.write_line, indent)

    def numbered_line(self, number: int, name: str, tooltip: str) -> Beside:
        """"1. ________": a number sitting on a writing line."""
        label = para(f"{number}.", self.styles.question)
        width = stringWidth(f"{number}.", self.styles.fonts.regular.name, self.measures.body) + 6
        line = self.write_line(name, tooltip)
        return Beside(label, line, width, 2, offset=self.measures.write_gap - self.styles.question.leading)

    def tick_row(self, text: str, name: str) -> Beside:
        """A tick box beside the first line of a question."""
        measures, style = self.measures, self.styles.question
        ascent, descent = getAscentDescent(style.fontName, style.fontSize)
        middle = (ascent - descent) / 2  # of the first line's text, below the paragraph's top
        return Beside(TickBox(measures.tick, self.name(name), text), para(text, style), measures.tick + 9, 0,
                      offset=max(middle - measures.tick / 2, 0))

    def table_style(self, rows: int) -> TableStyle:
        """Ruled cells and a tinted header row; the header never leaves with fewer than two rows."""
        commands = [
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

    # -- the parts, one method per kind ---------------------------------------

    def header(self, part: HeaderPart) -> list[Flowable]:
        styles, measures = self.styles, self.measures
        title: Flowable = para(part.title, styles.title)
        if part.logo:
            w, h = logo_size(part.logo, measures.logo_width, measures.logo_height)
            image = Image(io.BytesIO(part.logo.data), width=w, height=h)
            title = Beside(image, title, w, 12, fixed_right=True)
        if not part.lines:
            return [title]
        cells = [self._labelled(line.label, line.value) for line in part.lines]
        details: Flowable = Stack(cells, gap=2)
        if not self.plan.large_print and len(cells) > 2:
            # Who and when on the left, as wide as its longest line allows; the clinic on the right.
            half = (len(cells) + 1) // 2
            inner = self.width - 4 - 2 * 9
            widest = max(self._labelled_width(line.label, line.value) for line in part.lines[:half])
            left = min(widest + 2, inner * 0.6)
            details = Beside(Stack(cells[:half], gap=2), Stack(cells[half:], gap=2), left, 14)
        box = Stack([details], box=Box(background=TINT, bar=ACCENT, bar_width=4, pad_x=9, pad_top=4,
                                       pad_bottom=5))
        box.space_after = 6
        return [title, box]

    def _labelled_width(self, label: str, value: str) -> float:
        label_style, value_style = self.styles.header_label, self.styles.header_value
        return (stringWidth(f"{label}\u2002", label_style.fontName, label_style.fontSize)
                + stringWidth(value, value_style.fontName, value_style.fontSize))

    def _labelled(self, label: str, value: str) -> Flowable:
        """"Visit  Thursday, ...": the label in its own smaller bold type, then the value."""
        label_style = self.styles.header_label
        text = (f'<font name="{label_style.fontName}" size="{label_style.fontSize}" '
                f'color="#{label_style.textColor.hexval()[2:]}">{markup(label)}</font>'
                f'\u2002{markup(value)}')
        return SheetParagraph(text, self.styles.header_value)

    def get_help_now(self, part: GetHelpNowPart) -> list[Flowable]:
        styles, measures = self.styles, self.measures

        def bar(text: str, outline: OutlineEntry | None = None) -> Stack:
            return Stack([para(text, styles.panel_heading, outline=outline)],
                         box=Box(background=ALERT_INK, pad_x=10, pad_top=3, pad_bottom=5))

        label = bar(part.heading, self.outline(part.heading))
        # The numbers first: whatever goes on to the next page, they are on page 1.
        blocks: list[Flowable] = [self._phones(part)]
        blocks += [self._sign_group(group) for group in part.groups]
        panel = Items(blocks, label, bar(f"{part.heading} {part.continued}"), gap=0,
                      box=Box(border=ALERT_INK, border_width=measures.panel_border))
        panel.space_before, panel.space_after = 2, 10
        return [panel]

    def _sign_group(self, group: SignGroup) -> Beside:
        styles, measures = self.styles, self.measures
        icon = ACTION_ICONS[group.icon](measures.icon)
        icon.hAlign = "CENTER"
        picture = Stack([icon, para(group.caption, styles.caption)], gap=2)
        segments: list[Flowable] = []
        run: list[Flowable] = []
        for sign in group.signs:
            if sign.icon == "thermometer":
                if run:
                    segments.append(self._sign_columns(run))
                    run = []
                segments.append(self._thermometer_sign(sign))
            else:
                run.append(self._sign(sign))
        if run:
            segments.append(self._sign_columns(run))
        intro = para(group.intro, styles.panel_intro)
        content = Items(segments, intro, intro, gap=2)
        box = Box(background=GROUP_TINTS.get(group.level), pad_x=8, pad_top=4, pad_bottom=5,
                  rule=ALERT_INK, rule_width=1.2)
        return Beside(picture, content, measures.icon_column, 8, box=box)

    def _sign_columns(self, signs: list[Flowable]) -> Columns:
        measures = self.measures
        return Columns(signs, measures.panel_columns, gutter=12, gap=2, min_width=measures.body * 11)

    def _sign(self, sign: PlannedSign) -> Flowable:
        styles = self.styles
        text = para(sign.text, styles.sign, bulletText=BULLET)
        return Stack([text, para(sign.why, styles.sign_why)], gap=1) if sign.why else text

    def _thermometer_sign(self, sign: PlannedSign) -> Beside:
        styles, measures = self.styles, self.measures
        drawing = thermometer(measures.body * 3.6)
        caption_style = styles.caption.clone("thermometer_caption", alignment=0)
        caption = para(self.plan.labels["thermometer_caption"], caption_style)
        caption_width = measures.small * 7
        picture = Beside(drawing, caption, drawing.width, 4, offset=0)
        return Beside(picture, self._sign(sign), drawing.width + 4 + caption_width, 10, fixed_right=True)

    def _phones(self, part: GetHelpNowPart) -> Stack:
        styles, measures = self.styles, self.measures
        count = 1 if self.plan.large_print else 2
        if part.phones:
            lines = [para(f"{line.label}: {line.value}", styles.phone) for line in part.phones]
        else:
            lines = []
            for label, field in zip(part.write_in, PHONE_FIELDS):
                text = f"{label}:"
                width = stringWidth(text, styles.phone.fontName, styles.phone.fontSize) + 4
                line = self.write_line(field, label)
                lines.append(Beside(para(text, styles.phone), line, width, 4,
                                    offset=measures.write_gap - styles.phone.leading))
        return Stack([para(part.phones_heading, styles.panel_intro), Columns(lines, count, gutter=16, gap=4)],
                     box=Box(pad_x=10, pad_top=3, pad_bottom=5))

    def how_to_use(self, part: HowToUsePart) -> list[Flowable]:
        steps = Stack([para(step, self.styles.step, bulletText=f"{n}.") for n, step in enumerate(part.steps, 1)])
        return lead_in(self.heading(part.heading), [steps])  # six short steps are read as one: never split

    def top_questions(self, part: TopQuestionsPart) -> list[Flowable]:
        lines = [self.numbered_line(n, f"top_question_{n}", f"{part.heading} {n}")
                 for n in range(1, part.lines + 1)]
        box = Stack([para(part.heading, self.styles.box_label, outline=self.outline(part.heading)), *lines], gap=0,
                    box=Box(border=INK, border_width=1.4, pad_x=10, pad_top=6, pad_bottom=8))
        box.space_before, box.space_after = 10, 4
        return [box]

    def topics(self, part: TopicsPart) -> list[Flowable]:
        topics = self.bullets(part.topics)
        topics.continued = para(f"{part.heading} {self.continued}", self.styles.h3)  # a long list carried over
        flows = lead_in(self.heading(part.heading), [topics])
        if part.note:
            flows += lead_in([para(part.note_label, self.styles.box_label)], [para(part.note, self.styles.note)])
        return flows

    def concern_notes(self, part: ConcernNotesPart) -> list[Flowable]:
        flows: list[Flowable] = []
        for index, concern in enumerate(part.concerns):
            lead = [para(concern.title, self.styles.h2, outline=self.outline(concern.title, 1))]
            if index == 0:
                lead = [*self.heading(part.heading), *lead]
            flows += lead_in(lead, self._concern(concern, part))
        return flows

    def _concern(self, concern: ConcernNotes, part: ConcernNotesPart) -> list[Flowable]:
        styles = self.styles
        chunks: list[Flowable] = []
        if concern.key_points:
            label = para(part.key_points_heading, styles.box_label)
            continued = para(f"{part.key_points_heading} {self.continued}", styles.box_label)
            box = Items([para(point, styles.bullet, bulletText=BULLET) for point in concern.key_points], label,
                        continued, box=Box(background=TINT, bar=ACCENT, bar_width=4, pad_x=9, pad_top=6,
                                           pad_bottom=6), least=2)
            box.space_after = 6
            chunks.append(box)
        for section in concern.sections:
            chunks += self._section(section, part)
        return chunks

    def _section(self, section: PlannedSection, part: ConcernNotesPart) -> list[Flowable]:
        styles = self.styles
        chunks: list[Flowable] = [para(section.summary, styles.body)] if section.summary else []
        chunks += self._blocks(section.body)
        if section.report_signs:
            chunks += lead_in([para(part.report_intro, styles.body)], [self.bullets(section.report_signs)])
        if section.subtype_text:
            box = Stack([para(part.subtype_heading, styles.box_label), para(section.subtype_text, styles.body)],
                        box=Box(background=TINT, bar=ACCENT, bar_width=4, pad_x=9, pad_top=6, pad_bottom=2))
            box.space_before, box.space_after = 2, 8
            chunks.append(box)
        return lead_in([para(section.heading, styles.h3)], chunks)

    def _blocks(self, body) -> list[Flowable]:
        """Paragraphs and lists; a paragraph just before a list is its intro and never ends a page."""
        chunks: list[Flowable] = []
        index = 0
        while index < len(body):
            block = body[index]
            following = body[index + 1] if index + 1 < len(body) else None
            if isinstance(block, BulletList):
                chunks.append(self.bullets(block.items))
            elif isinstance(following, BulletList):
                chunks += lead_in([para(block.text, self.styles.body)], [self.bullets(following.items)])
                index += 1
            else:
                chunks.append(para(block.text, self.styles.body))
            index += 1
        return chunks

    def questions(self, part: QuestionsPart) -> list[Flowable]:
        styles = self.styles
        lines = [self.write_line(f"own_question_{n}", f"{part.own_heading} {n}") for n in range(1, part.own_lines + 1)]
        own = Stack([para(part.own_heading, styles.h3), *lines], gap=0)
        chunks: list[Flowable] = []
        for number, group in enumerate(part.groups, 1):
            items: list[Flowable] = [self._question(question, part) for question in group.questions]
            least = 1
            if number == len(part.groups):
                # The person's own questions never go on to a page of their own: the last
                # question goes with them (under its group's label, "continued").
                items.append(own)
                least = 2
            continued = para(f"{group.title} {part.continued}", styles.h3)
            chunks.append(Items(items, para(group.title, styles.h3), continued, least=least))
        if not part.groups:
            chunks.append(own)
        return lead_in([*self.heading(part.heading), para(part.intro, styles.intro)], chunks)

    def _question(self, question: str, part: QuestionsPart) -> Stack:
        self._questions += 1
        n = self._questions
        answer = self.write_line(f"answer_{n}", part.answer_label.format(question=question), part.answer_lines,
                                 indent=self.measures.tick + 9)
        item = Stack([self.tick_row(question, f"ask_{n}"), answer], gap=0)
        item.space_after = 4 * self.measures.body / 12
        return item

    def symptom_log(self, part: SymptomLogPart) -> list[Flowable]:
        styles, measures = self.styles, self.measures
        fonts = styles.fonts
        head = styles.table_head
        day_width = max(stringWidth(day, head.fontName, head.fontSize) for day in part.days) + 10
        first = self.width - day_width * len(part.days)
        rows: list[list] = [[para(part.column, head), *(para(day, head) for day in part.days)]]
        heights: list[float | None] = [None]
        for r, item in enumerate(part.items, 1):
            label = para(item, styles.table_cell)
            # A symptom that wraps makes its row taller: the fields fill the whole row.
            height = max(measures.table_row, label.wrap(first - 8, 10_000)[1] + 4)
            rows.append([label, *(FieldCell(height, self.name(f"symptom_{r}_{d}"), f"{item}, {day}",
                                            measures.field_font)
                                  for d, day in enumerate(part.days, 1))])
            heights.append(height)
        table = Table(rows, colWidths=[first] + [day_width] * len(part.days), rowHeights=heights, repeatRows=1)
        table.setStyle(self.table_style(len(part.items)))
        scale = Stack([rating_scale(self.width, measures.body, fonts.regular.name, fonts.bold.name, part.scale_low,
                                    part.scale_high, number_size=styles.table_head.fontSize)])
        scale.space_before, scale.space_after = 0, 4
        return lead_in([*self.heading(part.heading), para(part.intro, styles.intro), scale], [table])

    def medicines(self, part: MedicinesPart) -> list[Flowable]:
        styles, measures = self.styles, self.measures
        shares = (0.42, 0.22, 0.36) if len(part.columns) == 3 else (1 / len(part.columns),) * len(part.columns)
        rows: list[list] = [[para(column, styles.table_head) for column in part.columns]]
        for r in range(1, part.rows + 1):
            rows.append([FieldCell(measures.table_row, self.name(f"medicine_{r}_{c}"), f"{column} {r}",
                                   measures.field_font)
                         for c, column in enumerate(part.columns, 1)])
        table = Table(rows, colWidths=[self.width * share for share in shares], repeatRows=1)
        table.setStyle(self.table_style(part.rows))
        table.spaceAfter = 4
        return lead_in([*self.heading(part.heading), para(part.intro, styles.intro)], [table])

    def notes(self, part: NotesPart) -> list[Flowable]:
        measures = self.measures
        lines = FillLines(part.min_lines, measures.write_gap, self.name("notes"), part.heading,
                          measures.field_font, measures.write_line)
        self._fill.append(lines)
        return lead_in(self.heading(part.heading), [lines])

    def sources(self, part: SourcesPart) -> list[Flowable]:
        styles = self.styles
        heading = styles.sources.clone("sources_heading", fontName=styles.fonts.bold.name, spaceBefore=0)
        text = styles.sources.clone("sources_text", spaceBefore=0)
        closing = Stack([para(part.heading, heading), para(part.text, text)], gap=0)
        closing.space_before = styles.sources.spaceBefore
        return [closing]
