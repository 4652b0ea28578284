"""The story: the plan's parts as flowables, one method per part kind, in the plan's order.

``SheetStory`` decides how each part looks and where a page may break in
it; it never decides whether a part appears (the plan does).  Every string
comes from the plan and is drawn through ``para`` (escaped).

Form fields take the names the plan's parts carry (``mbcprep.model.form`` has
the scheme that ``mbcprep summary`` reads back); the story only reads them.

The story also makes the sheet's structure tree (``root``, for the tagged
PDF): a ``Sect`` per part, its nodes made with the flowables, in the plan's
order, and each flowable given its node (``tag``).  Headings: the title
``H1``, a part ``H2``, a concern or a question group ``H3``, a concern's
section ``H4``.
"""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Table, TableStyle

from mbcprep.model.plan import (
    HeaderPart,
    HowToUsePart,
    MedicinesPart,
    NotesPart,
    Part,
    QuestionFields,
    QuestionsPart,
    SourcesPart,
    SymptomLogPart,
    TopicsPart,
    TopQuestionsPart,
)
from mbcprep.render.pdf.document import logo_size
from mbcprep.render.pdf.flowables import FieldCell, FillLines, SheetParagraph, para
from mbcprep.render.pdf.icons import rating_scale
from mbcprep.render.pdf.kit import ACCENT, INK, TINT, markup
from mbcprep.render.pdf.layout import Beside, Box, Ending, Items, Stack, from_pack, lead_in
from mbcprep.render.pdf.notes import NotesStory
from mbcprep.render.pdf.panel import PanelStory
from mbcprep.render.pdf.structure import CONTINUED, ArtifactNode, Node
from mbcprep.render.pdf.tagging import Figure, table_artifacts

#: Where each part's words come from in a pack (file, key), named when a text is too tall for a page
#: (the concern notes name each concern's file and section themselves).
PART_SOURCES = {
    "header": ("pack.toml", "title"),
    "get_help_now": ("safety.toml", "signs"),
    "how_to_use": ("wording.toml", "labels"),
    "top_questions": ("wording.toml", "labels"),
    "topics": ("concerns/", "title"),
    "concern_notes": ("concerns/", ""),
    "questions": ("questions.toml", "groups"),
    "symptom_log": ("concerns/", "symptom_log"),
    "medicines": ("wording.toml", "labels"),
    "notes": ("wording.toml", "labels"),
    "sources": ("pack.toml", "sources"),
}
#: The top-3 box goes beside the steps only if it keeps this share of the width, to write in.
TOP_QUESTIONS_LEAST = 0.34
#: At most this many topics go beside the top-3 box (more go under it), in at most this share of the width.
TOPICS_BESIDE = 6
TOPICS_WIDEST = 0.48
#: Between two labelled details on one line of the header.
HEADER_SPACE = "\u00a0" * 6  # no-break spaces: ReportLab keeps their width (other spaces shrink to one)
#: Between a label and its value ("Visit  Thursday ...").
LABEL_SPACE = "\u00a0\u00a0"
#: A clinic logo that says nothing in words: not read.
LOGO = ArtifactNode("Layout")


class SheetStory(NotesStory, PanelStory):
    """Flowables for each part of a plan; ``flowables()`` returns the whole story.

    What the part methods share (the plan, the styles, the width, the helpers) is ``StoryBase``.
    """

    def flowables(self) -> list[Flowable]:
        story: list[Flowable] = []
        fill_at = None
        previous: Part | None = None
        for part in self.plan.parts:
            self.section = self.root.add("Sect")
            flows = from_pack(getattr(self, part.kind)(part), *PART_SOURCES[part.kind])
            beside = self._side_by_side(previous, story[-1], part, flows) if previous is not None else None
            if beside is not None:  # the row replaces the previous part's flowable; it pairs no further
                story[-1], flows = beside, []
            story += flows
            previous = part if beside is None else None
            if self._fill and fill_at is None:
                fill_at = len(story)
        if fill_at is not None:  # the notes lines leave room for what closes the handout
            reserve = sum(f.wrap(self.width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                          for f in story[fill_at:])
            for lines in self._fill:
                lines.reserve = reserve
        elif len(story) >= 2:  # what closes the handout never goes on to a page of its own
            story[-2:] = [Ending(story[-2], story[-1])]
        return story

    def _side_by_side(self, previous, drawn: Flowable, part, flows: list[Flowable]) -> Flowable | None:
        """Two short parts on one row, when both fit it: the steps beside the top-3 box, or failing
        that the top-3 box beside the topics.  Side by side they take the height of one.
        """
        if previous.kind == "how_to_use" and part.kind == "top_questions":
            return self._top_questions_beside_steps(previous, drawn, flows[0])
        if previous.kind == "top_questions" and part.kind == "topics":
            return self._topics_beside_top_questions(drawn, part)
        return None

    def _top_questions_beside_steps(self, how_to: HowToUsePart, steps: Flowable, box: Flowable) -> Flowable | None:
        """The steps on the left, as wide as the longest step (none wraps), the top-3 box on the right.

        None when that would leave the box too narrow to write a question in.
        """
        styles = self.styles
        step, h1 = styles.step, styles.h1
        needed = max([stringWidth(how_to.heading, h1.fontName, h1.fontSize)]
                     + [step.leftIndent + stringWidth(text, step.fontName, step.fontSize)
                        for text in how_to.steps]) + 2
        gap = 16
        if self.width - needed - gap < self.width * TOP_QUESTIONS_LEAST:
            return None
        row = Beside(steps, box, needed, gap)
        row.space_before, row.space_after = steps.getSpaceBefore(), max(box.getSpaceAfter(), steps.getSpaceAfter())
        return row

    def _topics_beside_top_questions(self, box: Flowable, part: TopicsPart) -> Flowable | None:
        """The top-3 box with the topics beside it, when the topics are a short list of short titles.

        The box keeps most of the width for writing.  None when the topics need more room than that.
        """
        styles = self.styles
        h1, bullet = styles.h1, styles.bullet
        room = self.width * TOPICS_WIDEST
        titles = max(bullet.leftIndent + stringWidth(topic, bullet.fontName, bullet.fontSize)
                     for topic in part.topics) + 2
        needed = max(titles, stringWidth(part.heading, h1.fontName, h1.fontSize) + 2)
        if needed > room:
            needed = titles  # the heading may go on two lines; each title keeps to one
        gap = 16
        if len(part.topics) > TOPICS_BESIDE or needed > room:
            return None
        topics = Stack(self._topics(part, columns=False))  # one column: it is narrow
        row = Beside(box, topics, self.width - needed - gap, gap)
        row.space_before, row.space_after = box.getSpaceBefore(), max(box.getSpaceAfter(), topics.getSpaceAfter())
        return row

    # -- the parts, one method per kind ---------------------------------------

    def header(self, part: HeaderPart) -> list[Flowable]:
        styles, measures = self.styles, self.measures
        corner = self.corner + 8 if self.corner else 0
        heading = self.section.add("H1")
        if part.logo:  # the logo on the right, under the corner
            w, h = logo_size(part.logo, measures.logo_width, measures.logo_height)
            style = styles.title.clone("title_beside_logo", rightIndent=max(corner - w - 12, 0))
            below = self.measures.furniture * 1.3 if corner else 0
            logo = Figure(Image(io.BytesIO(part.logo.data), width=w, height=h),
                          self.section.add("Figure", alt=part.logo_text) if part.logo_text else LOGO)
            title: Flowable = Beside(logo, para(part.title, style, tag=heading), w, 12, offset=below,
                                     fixed_right=True)
        else:
            title = para(part.title, styles.title.clone("title_beside_corner", rightIndent=corner), tag=heading)
        if not part.lines:
            return [title]
        box = Box(background=TINT, bar=ACCENT, bar_width=4, pad_x=9, pad_top=3, pad_bottom=4)
        room = self.width - box.bar_width - 2 * box.pad_x
        rows = [self._labelled(row) for row in self._header_rows(part.lines, room)]
        details = Stack(rows, gap=1, box=box)
        details.space_after = 5
        return [title, details]

    def _header_rows(self, lines, room: float) -> list[list]:
        """Who, when and where, in order, as many to a line as fit whole: short ones share a line.

        A short detail may join the first line ahead of a long one that needs a line of its own
        ("Name Ana Díaz   Seeing Dr. Lee", then the visit), never any other.
        """
        space = stringWidth(HEADER_SPACE, self.styles.header_value.fontName, self.styles.header_value.fontSize)
        widths = [self._labelled_width(line.label, line.value) for line in lines]
        rows: list[list[int]] = []
        used = 0.0
        pulled = None
        for index, width in enumerate(widths):
            if index == pulled:
                continue
            if rows and used + space + width <= room:
                rows[-1].append(index)
                used += space + width
            elif len(rows) == 1 and index + 1 < len(widths) and used + space + widths[index + 1] <= room:
                pulled = index + 1  # the next detail joins the first line; this one starts the next
                rows[0].append(pulled)
                rows.append([index])
                used = width
            else:
                rows.append([index])
                used = width
        return [[lines[index] for index in row] for row in rows]

    def _labelled_width(self, label: str, value: str) -> float:
        label_style, value_style = self.styles.header_label, self.styles.header_value
        return (stringWidth(f"{label}{LABEL_SPACE}", label_style.fontName, label_style.fontSize)
                + stringWidth(value, value_style.fontName, value_style.fontSize))

    def _labelled(self, lines) -> Flowable:
        """"Visit  Thursday, ...": each label in its own smaller bold type, then its value; a wide space between."""
        label_style = self.styles.header_label
        label_font = (f'<font name="{label_style.fontName}" size="{label_style.fontSize}" '
                      f'color="#{label_style.textColor.hexval()[2:]}">')
        text = HEADER_SPACE.join(f"{label_font}{markup(line.label)}</font>{LABEL_SPACE}{markup(line.value)}"
                                 for line in lines)
        paragraph = SheetParagraph(text, self.styles.header_value)
        paragraph.tag = self.section.add("P")
        return paragraph

    def how_to_use(self, part: HowToUsePart) -> list[Flowable]:
        heading = self.heading(part.heading)
        listed = self.section.add("L")
        steps = Stack([para(step, self.styles.step, bulletText=f"{n}.", tag=listed.list_item())
                       for n, step in enumerate(part.steps, 1)])
        return lead_in(heading, [steps])  # seven short steps are read as one: never split

    def top_questions(self, part: TopQuestionsPart) -> list[Flowable]:
        heading = para(part.heading, self.styles.box_label, outline=self.outline(part.heading),
                       tag=self.section.add("H2"))
        listed = self.section.add("L")
        lines = [self.numbered_line(n, name, f"{part.heading} {n}", listed) for n, name in enumerate(part.fields, 1)]
        box = Stack([heading, *lines], gap=0,
                    box=Box(border=INK, border_width=1.4, pad_x=10, pad_top=5, pad_bottom=6))
        box.space_before, box.space_after = 10, 4
        return [box]

    def topics(self, part: TopicsPart) -> list[Flowable]:
        return self._topics(part)

    def _topics(self, part: TopicsPart, columns: bool = True) -> list[Flowable]:
        heading = self.heading(part.heading)
        continued = self.continued_label(part.heading, self.styles.h3)  # a long list carried over
        topics = self.bullets(part.topics, continued, columns=columns)
        flows = lead_in(heading, [topics])
        if part.note:
            flows += lead_in([para(part.note_label, self.styles.box_label, tag=self.section.add("P"))],
                             [para(part.note, self.styles.note, tag=self.section.add("P"))])
        return flows

    def questions(self, part: QuestionsPart) -> list[Flowable]:
        styles = self.styles
        lead = [*self.heading(part.heading), para(part.intro, styles.intro, tag=self.section.add("P"))]
        groups: list[tuple[Flowable, list[Flowable], Flowable]] = []
        for group in part.groups:
            label = para(group.title, styles.h3, tag=self.section.add("H3"))
            listed = self.section.add("L")
            items: list[Flowable] = [self._question(question, fields, part, listed.list_item())
                                     for question, fields in zip(group.questions, group.fields)]
            groups.append((label, items, para(f"{group.title} {part.continued}", styles.h3, tag=CONTINUED)))
        own: list[Flowable] = []
        if part.own_fields:
            own_heading = para(part.own_heading, styles.h3, tag=self.section.add("H3"))
            lines = [self.write_line(name, f"{part.own_heading} {n}") for n, name in enumerate(part.own_fields, 1)]
            own = [Stack([own_heading, *lines], gap=0)]
        if groups and own:
            # The person's own questions never go on to a page of their own: the last
            # question goes with them (under its group's label, "continued").
            groups[-1][1][-1] = Stack([groups[-1][1][-1], *own])
        chunks: list[Flowable] = [Items(items, label, continued) for label, items, continued in groups]
        if not part.groups:
            chunks += own
        return lead_in(lead, chunks)

    def _question(self, question: str, fields: QuestionFields, part: QuestionsPart, listed: Node) -> Stack:
        """A question to tick (the item's label) and the line for its answer (in the item's body)."""
        row = self.tick_row(question, fields.tick, listed)
        answer = self.write_line(fields.answer, part.answer_label.format(question=question), part.answer_lines,
                                 indent=self.measures.tick + 9, gap=self.measures.answer_gap,
                                 parent=listed.children[1])
        item = Stack([row, answer], gap=0)
        item.space_after = 3 * self.measures.body / 12
        return item

    def symptom_log(self, part: SymptomLogPart) -> list[Flowable]:
        styles, measures = self.styles, self.measures
        fonts = styles.fonts
        head = styles.table_head
        # A day's column is as narrow as its label allows (3 pt each side, 1 spare): the symptoms get the room.
        day_width = max(stringWidth(day, head.fontName, head.fontSize) for day in part.days) + 7
        first = self.width - day_width * len(part.days)
        lead = [*self.heading(part.heading), para(part.intro, styles.intro, tag=self.section.add("P"))]
        drawing = rating_scale(self.width, measures.body, fonts.regular.name, fonts.bold.name, part.scale_low,
                               part.scale_high, number_size=styles.table_head.fontSize)
        scale = Stack([Figure(drawing, self.section.add("Figure", alt=f"{part.scale_low} … {part.scale_high}"))])
        scale.space_before, scale.space_after = 0, 4
        grid = self.section.add("Table")
        head_row = grid.add("TR")
        rows: list[list] = [[para(text, head, tag=head_row.add("TH", scope="Column"))
                             for text in (part.column, *part.days)]]
        heights: list[float | None] = [None]
        for item, names in zip(part.items, part.fields):
            row = grid.add("TR")
            label = para(item, styles.table_cell, tag=row.add("TH", scope="Row"))
            # A symptom that wraps makes its row taller: the fields fill the whole row.
            height = max(measures.table_row, label.wrap(first - 8, 10_000)[1] + 4)
            rows.append([label, *(FieldCell(height, self.name(name), f"{item}, {day}", measures.field_font,
                                            form=row.add("TD").add("Form"))
                                  for day, name in zip(part.days, names))])
            heights.append(height)
        table = Table(rows, colWidths=[first] + [day_width] * len(part.days), rowHeights=heights, repeatRows=1,
                      renderCB=table_artifacts)
        table.setStyle(self.table_style(len(part.items)))
        table.setStyle(TableStyle([("LEFTPADDING", (1, 0), (-1, 0), 3)]))
        return lead_in([*lead, scale], [table])

    def medicines(self, part: MedicinesPart) -> list[Flowable]:
        styles, measures = self.styles, self.measures
        shares = (0.42, 0.22, 0.36) if len(part.columns) == 3 else (1 / len(part.columns),) * len(part.columns)
        lead = [*self.heading(part.heading), para(part.intro, styles.intro, tag=self.section.add("P"))]
        grid = self.section.add("Table")
        head_row = grid.add("TR")
        rows: list[list] = [[para(column, styles.table_head, tag=head_row.add("TH", scope="Column"))
                             for column in part.columns]]
        for r, names in enumerate(part.fields, 1):
            row = grid.add("TR")
            rows.append([FieldCell(measures.table_row, self.name(name), f"{column} {r}", measures.field_font,
                                   form=row.add("TD").add("Form"))
                         for column, name in zip(part.columns, names)])
        table = Table(rows, colWidths=[self.width * share for share in shares], repeatRows=1,
                      renderCB=table_artifacts)
        table.setStyle(self.table_style(part.rows))
        table.spaceAfter = 4
        return lead_in(lead, [table])

    def notes(self, part: NotesPart) -> list[Flowable]:
        measures = self.measures
        heading = self.heading(part.heading)
        lines = FillLines(part.min_lines, measures.write_gap, self.name(part.field), part.heading,
                          measures.field_font, measures.write_line, form=self.section.add("Form"))
        self._fill.append(lines)
        return lead_in(heading, [lines])

    def sources(self, part: SourcesPart) -> list[Flowable]:
        """"Sources" in bold, then the organisations, in one small paragraph."""
        heading = f'<font name="{self.styles.fonts.bold.name}">{markup(part.heading)}</font>'
        paragraph = SheetParagraph(f"{heading}{LABEL_SPACE}{markup(part.text)}", self.styles.sources)
        paragraph.tag = self.section.add("P")
        return [paragraph]
