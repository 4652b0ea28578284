"""Plan -> PDF bytes, with ReportLab platypus.

The renderer draws a ``Plan`` and decides nothing about content: every word
comes from the plan (and its ``labels``), in the plan's order.  It does decide
how things look: one stylesheet (``pdf_styles``), page furniture drawn in the
page callback, headings kept with what follows, tables that repeat their
header row when they split.

"Page N of M" needs the page count before the first page is finished, so the
page furniture is drawn as form XObjects that each page uses by name and the
canvas defines when it saves, once the count is known: one layout pass.

Every string that reaches a ``Paragraph`` goes through ``_markup``, which
escapes it: ReportLab's paragraph markup would otherwise embed local files
(``<img src=...>``), make links (``<a href=...>``) or fail (``x < y``).
"""

from __future__ import annotations

import io
import re
from html import escape  # not xml.sax.saxutils: that one imports urllib, http and email

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from mbcprep import __version__
from mbcprep.errors import RequestError
from mbcprep.fonts import check_coverage, clean_text, embedding_problem, load_fonts
from mbcprep.model.content import BulletList
from mbcprep.model.plan import Plan
from mbcprep.pdf_fields import FieldCell, FieldNames, FillLines, OutlineEntry, TickBox, WriteLines
from mbcprep.pdf_styles import (
    ACCENT,
    ALERT_INK,
    ALERT_TINT,
    INK,
    LIGHT_RULE,
    PAGE_SIZES,
    RULE,
    TINT,
    Styles,
    build_styles,
)

BULLET = "\u2022"


def render_pdf(plan: Plan) -> bytes:
    """Draw the plan as a printable (and, when ``plan.fillable``, fillable) PDF.

    Raises ``FontCoverageError`` when some text has characters the font
    cannot draw, rather than printing empty boxes.
    """
    return render_pdf_counted(plan)[0]


def render_pdf_counted(plan: Plan) -> tuple[bytes, int]:
    """Like ``render_pdf``, and also the number of pages (saves re-reading the PDF)."""
    fonts = load_fonts(plan.font, plan.font_bold)
    check_coverage(plan_text_fields(plan), fonts)
    styles = build_styles(fonts, plan.large_print)
    try:
        return _build(plan, styles)
    except Exception as exc:
        problem = embedding_problem(exc, plan.font, plan.font_bold)
        if problem is None:
            raise
        raise problem from None


def plan_text_fields(plan: Plan):
    """Every string the PDF prints, as ``(where, text)`` pairs, for the glyph check."""
    for line in plan.header:
        yield line.label, line.value
        yield "wording", line.label
    yield "title", plan.title
    for topic in plan.topics:
        yield "concern title", topic
    yield "note", plan.patient_note
    if plan.red_flags:
        for group in plan.red_flags.groups:
            yield "red flags", group.intro
            for sign in group.signs:
                yield "red flags", sign.text
                yield "red flags", sign.why
        for line in plan.red_flags.phone_lines:
            yield line.label, line.value
    for part in plan.concern_parts:
        where = f"concern {part.id}"
        for section in part.sections:
            yield where, section.heading
            yield where, section.summary
            yield where, section.subtype_text
            for block in section.body:
                for text in (block.items if isinstance(block, BulletList) else (block.text,)):
                    yield where, text
    for group in plan.question_groups:
        yield "questions", group.title
        for question in group.questions:
            yield "questions", question
    for item in plan.symptom_log_items:
        yield "symptom log", item
    yield "review date", plan.review_line
    yield "disclaimer", plan.disclaimer
    for key, text in plan.labels.items():
        yield f"wording {key}", text


def _markup(text: str) -> str:
    """Plain text -> safe paragraph markup: escaped, line breaks kept."""
    return escape(clean_text(text), quote=False).replace("\n", "<br/>")


class _Paragraph(Paragraph):
    """A Paragraph that remembers its line breaks for the width it was last wrapped at.

    Platypus wraps most paragraphs more than once at the same width (a
    keep-together or table measures them, then the frame places them), and
    breaking lines is the costly part.  The remembered layout is used only
    while it is still the paragraph's own (``split`` may drop it).
    """

    _last_wrap = None

    def wrap(self, availWidth, availHeight):
        last = self._last_wrap
        if last is not None and last[0] == availWidth and self.__dict__.get("blPara") is last[1]:
            self.width, self.height = last[2]
            return last[2]
        size = super().wrap(availWidth, availHeight)
        layout = self.__dict__.get("blPara")
        self._last_wrap = (availWidth, layout, size) if layout is not None else None
        return size


def _p(text: str, style, **kw) -> Paragraph:
    return _Paragraph(_markup(text), style, **kw)


def note_paragraphs(text: str, style) -> list[Paragraph]:
    """A person's note as one paragraph per line, laid out as one paragraph with line breaks.

    A single paragraph is laid out again, whole, for every page it runs
    over, and ReportLab's line breaking slows down with the paragraph's
    length: rendering time grew with the square of a note's length.  A
    paragraph per line keeps it linear.  The lines share the note's tinted
    ground without gaps: only the first keeps the space and padding above,
    only the last the space and padding below; a blank line goes in front
    of the line after it.
    """
    chunks: list[str] = []
    blank = ""
    for line in text.split("\n"):
        if line.strip():
            chunks.append(blank + line)
            blank = ""
        else:
            blank += "\n"
    if len(chunks) <= 1:
        return [_p(text, style)]
    pad = style.borderPadding
    top, right, bottom, left = pad if isinstance(pad, (tuple, list)) else (pad,) * 4
    first = style.clone(f"{style.name}_first", spaceAfter=0, borderPadding=(top, right, 0, left))
    inner = style.clone(f"{style.name}_line", spaceBefore=0, spaceAfter=0, borderPadding=(0, right, 0, left))
    last = style.clone(f"{style.name}_last", spaceBefore=0, borderPadding=(0, right, bottom, left))
    styles = [first] + [inner] * (len(chunks) - 2) + [last]
    return [_p(chunk, line_style) for chunk, line_style in zip(chunks, styles)]


def _metadata_text(text: str, plan: Plan) -> str:
    """Metadata must never carry the person's name, even if the pack's title includes it.

    The name can only get into the title through the ``{{ patient.name }}`` and
    ``{{ patient.first_name }}`` placeholders, so the full name and its first
    word are looked for as whole words; when found, the field is left empty.
    """
    patient_label = plan.labels.get("patient")
    folded = clean_text(text).casefold()
    for line in plan.header:
        if line.label != patient_label:
            continue
        name = clean_text(line.value).strip().casefold()
        for part in {name, *name.split()[:1]}:
            if part and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", folded):
                return ""
    return clean_text(text)


# --------------------------------------------------------------------------
# Document and page furniture
# --------------------------------------------------------------------------


class _Page:
    """Page furniture: running head (from page 2) and the footer on every page.

    The furniture is drawn as form XObjects: each page names them where they
    belong in its content, and ``draw_forms`` defines them when the document
    is saved.  So "Page N of M" is written once M is known, in one layout
    pass, and the running head and the disclaimer (the same on every page)
    are laid out and stored once.
    """

    HEAD = "mbcprepHead"
    FOOT = "mbcprepFoot"

    def __init__(self, plan: Plan, st: Styles, page_size, frame_box):
        self.plan = plan
        self.st = st
        self.page_w, self.page_h = page_size
        self.x0, self.width = frame_box
        self.pages_seen = 0
        self.left_w = self.width * 0.74
        text = _markup(plan.disclaimer) + "<br/>" + _markup(plan.review_line)
        self.footer_left = Paragraph(text, st.footer)
        self.footer_h = self.footer_left.wrap(self.left_w, 10_000)[1]
        patient_label = plan.labels.get("patient")
        names = [line.value for line in plan.header if line.label == patient_label]
        self.running = " \u00b7 ".join([plan.title, *names])

    @staticmethod
    def page_form(n: int) -> str:
        return f"mbcprepPage{n}"

    def head(self, canv, doc):
        """Running head on pages after the first, drawn before the page's content."""
        n = canv.getPageNumber()
        self.pages_seen = max(self.pages_seen, n)
        if n > 1:
            canv.doForm(self.HEAD)

    def foot(self, canv, doc):
        """Footer, drawn after the content so it also comes last in the text order:
        a hairline, the disclaimer and review date, "Page N of M" at the right."""
        canv.doForm(self.FOOT)
        canv.doForm(self.page_form(canv.getPageNumber()))

    def draw_forms(self, canv) -> None:
        """Define the forms the pages use; the page count is known now."""
        st, m = self.st, self.st.m
        total = self.pages_seen
        if total > 1:
            canv.beginForm(self.HEAD)
            head = Paragraph(_markup(self.running), st.running_head)
            head.wrap(self.width, 10_000)
            head_y = self.page_h - m.margin_top + 8
            head.drawOn(canv, self.x0, head_y)
            canv.setStrokeColor(LIGHT_RULE)
            canv.setLineWidth(0.6)
            canv.line(self.x0, head_y - 3, self.x0 + self.width, head_y - 3)
            canv.endForm()
        y_top = m.margin_bottom + self.footer_h
        canv.beginForm(self.FOOT)
        canv.setStrokeColor(LIGHT_RULE)
        canv.setLineWidth(0.6)
        canv.line(self.x0, y_top + 6, self.x0 + self.width, y_top + 6)
        self.footer_left.drawOn(canv, self.x0, y_top - self.footer_h)
        canv.endForm()
        label = self.plan.labels["page_footer"]
        for n in range(1, total + 1):
            canv.beginForm(self.page_form(n))
            right = Paragraph(_markup(label.format(n=n, total=total)), st.footer_page)
            _, rh = right.wrap(self.width - self.left_w, 10_000)
            right.drawOn(canv, self.x0 + self.left_w, y_top - rh)
            canv.endForm()


class _Canvas(Canvas):
    """A canvas that draws the page furniture's forms just before it saves."""

    furniture: _Page | None = None

    def save(self) -> None:
        if self.furniture is not None:
            self.furniture.draw_forms(self)
        super().save()


def _build(plan: Plan, st: Styles) -> tuple[bytes, int]:
    m = st.m
    page_size = PAGE_SIZES[plan.paper]
    page_w, page_h = page_size
    width = page_w - 2 * m.margin_x
    page = _Page(plan, st, page_size, (m.margin_x, width))
    bottom = m.margin_bottom + page.footer_h + 16
    top = m.margin_top + 10  # room for the running head on later pages
    frame_height = page_h - top - bottom
    frame = Frame(m.margin_x, bottom, width, frame_height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=page_size,
        leftMargin=m.margin_x,
        rightMargin=m.margin_x,
        topMargin=top,
        bottomMargin=bottom,
        title=_metadata_text(plan.title, plan),
        subject=_metadata_text(plan.subject, plan),
        author="",
        creator=f"mbcprep {__version__}",
        lang=plan.language,
        invariant=1,
        pageCompression=1,
        displayDocTitle=1,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page.head,
                                             onPageEnd=page.foot)])
    story = _Story(plan, st, width, frame_height).build()

    def canvasmaker(*args, **kw) -> _Canvas:
        canv = _Canvas(*args, **kw)
        canv.furniture = page
        return canv

    # Binary streams: ReportLab's ASCII85 encoder is pure Python (slow) and
    # makes streams a quarter bigger; it only matters for 7-bit transports.
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc.build(story, canvasmaker=canvasmaker)
    finally:
        rl_config.useA85 = a85
    return out.getvalue(), page.pages_seen


class _TickRow(Flowable):
    """A tick box in a gutter, beside a paragraph: one row, never split.

    Laid out exactly as a one-row, two-column ``Table`` with no padding but
    ``box_top`` above the box, both cells aligned to the top; it only skips
    the table machinery, which costs more than the row's own drawing.
    """

    def __init__(self, box: Flowable, text: Paragraph, gutter: float, width: float, box_top: float):
        super().__init__()
        self.box = box
        self.text = text
        self.gutter = gutter
        self.width = width
        self.box_top = box_top
        self.hAlign = "LEFT"

    def wrap(self, avail_width, avail_height):
        _, box_h = self.box.wrap(self.gutter, avail_height)
        _, text_h = self.text.wrap(self.width - self.gutter, avail_height)
        self.box_h, self.text_h = box_h, text_h
        self.height = max(box_h + self.box_top, text_h)
        return self.width, self.height

    def draw(self):
        canv, h = self.canv, self.height
        self.box.drawOn(canv, 0, h - self.box_top - self.box_h)
        self.text.drawOn(canv, self.gutter, h - self.text_h)


# --------------------------------------------------------------------------
# The story: the handout's parts, in the plan's order
# --------------------------------------------------------------------------


class _Story:
    def __init__(self, plan: Plan, st: Styles, width: float, frame_height: float):
        self.plan = plan
        self.frame_height = frame_height
        self.st = st
        self.m = st.m
        self.width = width
        self.labels = plan.labels
        self.names = FieldNames() if plan.fillable else (lambda kind: None)
        self.flow: list = []
        self._outline_keys = 0

    def build(self) -> list:
        plan = self.plan
        self.header()
        if plan.topics or plan.patient_note:
            self.topics()
        if plan.red_flags:
            self.red_flags()
        if plan.concern_parts:
            self.concerns()
        if plan.question_groups or plan.own_question_lines:
            self.questions()
        if plan.symptom_log_items:
            self.symptom_log()
        if plan.show_medicines:
            self.medicines()
        if plan.show_notes:
            self.notes()
        return self.flow

    # -- helpers -----------------------------------------------------------

    def outline_key(self) -> str:
        self._outline_keys += 1
        return f"part{self._outline_keys}"

    def outline(self, title: str, level: int = 0) -> None:
        self.flow.append(OutlineEntry(clean_text(title), self.outline_key(), level))

    def room_for(self, *styles, lines: int = 3) -> None:
        """Move on to the next page unless these headings and a few body lines fit.

        ``keepWithNext`` alone can still leave a heading at the foot of a
        page when the paragraph after it refuses a one-line split (orphan
        control), so headings ask for their room up front.
        """
        height = sum(s.spaceBefore + s.leading + s.spaceAfter for s in styles)
        self.flow.append(CondPageBreak(height + lines * self.st.body.leading))

    def h1(self, text: str, outline: bool = True, room: bool = True) -> None:
        if room:
            self.room_for(self.st.h1)
        if outline:
            self.outline(text, 0)
        self.flow.append(_p(text, self.st.h1))
        rule = HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=2, spaceAfter=8)
        rule.keepWithNext = 1
        self.flow.append(rule)

    def tick_row(self, text: str, name: str | None, tooltip: str) -> _TickRow:
        """A tick box beside a wrapped line of text."""
        m = self.m
        return _TickRow(TickBox(m.tick, name, tooltip), _p(text, self.st.question), gutter=m.tick + 10,
                        width=self.width, box_top=(self.st.question.leading - m.tick) / 2 - 1)

    # -- parts ---------------------------------------------------------------

    def header(self) -> None:
        plan, st, m = self.plan, self.st, self.m
        title = _p(plan.title, st.title)
        logo = self.logo()
        if logo is not None:
            top = Table([[title, logo]], colWidths=[self.width - m.logo_width, m.logo_width])
            top.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]))
            self.flow.append(top)
        else:
            self.flow.append(title)
        self.flow.append(Spacer(1, 8))
        if plan.header:
            label_w = min(self.width * 0.3, 1.6 * (m.body / 12) * 72)
            rows = [[_p(line.label, st.label), _p(line.value, st.value)] for line in plan.header]
            table = Table(rows, colWidths=[label_w, self.width - label_w], splitInRow=1)
            table.setStyle(TableStyle([
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 4, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                # The label's smaller type sits on the value's first baseline.
                ("TOPPADDING", (0, 0), (0, -1), 2.5 + (st.value.leading - st.label.leading) * 0.6),
                ("TOPPADDING", (0, 0), (0, 0), 8 + (st.value.leading - st.label.leading) * 0.6),
            ]))
            table.hAlign = "LEFT"
            self.flow.append(table)

    def logo(self):
        """The clinic logo, from the bytes checked when the clinic profile was read."""
        logo = self.plan.clinic_logo
        if not logo:
            return None
        from mbcprep.logo import Logo, load_logo

        if not isinstance(logo, Logo):  # a Clinic made in code with a path: checked here
            try:
                logo = load_logo(logo)
            except RequestError as exc:
                raise RequestError(f"the logo {exc.problem}", field="clinic") from None
        m = self.m
        scale = min(m.logo_height / logo.height, m.logo_width / logo.width)
        image = Image(io.BytesIO(logo.data), width=logo.width * scale, height=logo.height * scale)
        image.hAlign = "RIGHT"
        return image

    def topics(self) -> None:
        plan, st, m, labels = self.plan, self.st, self.m, self.labels
        self.h1(labels["topics_heading"])
        for topic in plan.topics:
            self.flow.append(_p(topic, st.bullet, bulletText=BULLET))
        if plan.patient_note:
            self.room_for(st.note_label, lines=3)
            self.flow.append(_p(labels["patient_note"], st.note_label))
            self.flow.extend(note_paragraphs(plan.patient_note, st.note))
        # "My top 3 questions": a boxed set of three numbered write-in lines.
        pad = 12
        num_w = m.body * 1.8
        inner_w = self.width - 2 * pad - 2
        rows = []
        for i in range(1, 4):
            rows.append([_p(f"{i}.", st.question),
                         WriteLines(1, m.write_gap, self.names("top_question"),
                                    f'{labels["top_questions_heading"]} {i}', m.field_font)])
        lines = Table(rows, colWidths=[num_w, inner_w - num_w])
        lines.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        heading = _p(labels["top_questions_heading"], st.h3.clone("box_h3", spaceBefore=0))
        box = Table([[[heading, lines]]], colWidths=[self.width - 1])
        box.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 1.2, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 9),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ]))
        box.spaceBefore = 10
        self.flow.append(box)

    def red_flags(self) -> None:
        """The "Get help now" panel: a thick black border and a black heading band,
        emergency signs first on a tinted ground, then a rule, then call-your-team signs.

        The panel may continue on the next page, but only between its blocks
        (emergency, call, phone numbers), and the heading band repeats there.
        """
        panel, st, labels, m = self.plan.red_flags, self.st, self.labels, self.m
        heading = labels["red_flags_heading"]
        rows: list = [[[OutlineEntry(clean_text(heading), self.outline_key(), 0),
                        _p(heading, st.panel_heading)]]]
        cmds = [
            ("BOX", (0, 0), (-1, -1), m.panel_border, ALERT_INK),
            # When the panel goes on over a page, close the box at the split too.
            ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), m.panel_border, ALERT_INK),
            ("BACKGROUND", (0, 0), (-1, 0), ALERT_INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 14),
            ("RIGHTPADDING", (0, 0), (-1, -1), 14),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("TOPPADDING", (0, 0), (-1, 0), 6),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 7),
        ]
        text_w = self.width - 28

        def keep_rows(first: int, last: int) -> None:
            """Keep a block unsplit unless it is too tall to ever fit on one page."""
            height = sum(cell[0].wrap(text_w, 10_000)[1] + 3 for cell in rows[first:last + 1]
                         if isinstance(cell[0], Paragraph))
            if height < self.frame_height * 0.6:
                cmds.append(("NOSPLIT", (0, first), (-1, last)))

        def block(intro: str, items, tinted: bool, rule_above: bool):
            first = len(rows)
            rows.append([_p(intro, st.panel_intro)])
            rows.extend([_p(item, st.panel_item, bulletText=BULLET)] for item in items)
            last = len(rows) - 1
            cmds.append(("TOPPADDING", (0, first), (-1, first), 8))
            cmds.append(("BOTTOMPADDING", (0, first), (-1, first), 3))
            cmds.append(("BOTTOMPADDING", (0, last), (-1, last), 8))
            if tinted:
                cmds.append(("BACKGROUND", (0, first), (-1, last), ALERT_TINT))
            if rule_above:
                cmds.append(("LINEABOVE", (0, first), (-1, first), 1.5, ALERT_INK))
            keep_rows(0 if first == 1 else first, last)  # the first block stays with the heading

        for index, group in enumerate(panel.groups):
            items = [f"{sign.text}. {sign.why}" if sign.why else sign.text for sign in group.signs]
            block(group.intro, items, tinted=group.level == "emergency", rule_above=index > 0)
        if panel.phone_lines:
            first = len(rows)
            rows.append([_p(labels["phones_intro"], st.panel_intro)])
            for line in panel.phone_lines:
                rows.append([_p(f"{line.label}: {line.value}", st.panel_phone)])
            cmds += [("LINEABOVE", (0, first), (-1, first), 0.8, RULE),
                     ("TOPPADDING", (0, first), (-1, first), 7),
                     ("BOTTOMPADDING", (0, -1), (-1, -1), 9)]
            keep_rows(first, len(rows) - 1)
        table = Table(rows, colWidths=[self.width], repeatRows=1, splitInRow=1)
        table.setStyle(TableStyle(cmds))
        table.spaceBefore = 12
        table.spaceAfter = 4
        self.flow.append(table)

    def concerns(self) -> None:
        plan, st, labels = self.plan, self.st, self.labels
        # Each page-break check sits before a whole run of headings: a check
        # between a heading and the next would break its keepWithNext chain.
        self.room_for(st.h1, st.h2, st.h3)
        self.h1(labels["concerns_heading"], room=False)
        for index, part in enumerate(plan.concern_parts):
            if index:
                self.room_for(st.h2, st.h3)
            self.outline(part.title, 1)
            self.flow.append(_p(part.title, st.h2 if index else st.h2_first))
            for number, section in enumerate(part.sections):
                if number:
                    self.room_for(st.h3)
                self.flow.append(_p(section.heading, st.h3))
                self.flow.append(_p(section.summary, st.body))
                for block in section.body:
                    if isinstance(block, BulletList):
                        for item in block.items:
                            self.flow.append(_p(item, st.bullet, bulletText=BULLET))
                        self.flow.append(Spacer(1, 4))
                    else:
                        self.flow.append(_p(block.text, st.body))
                if section.subtype_text:
                    self.flow.append(KeepTogether([self.subtype_box(section.subtype_text)]))

    def subtype_box(self, text: str) -> Table:
        st = self.st
        table = Table([[_p(self.labels["subtype_heading"], st.label)], [_p(text, st.body)]],
                      colWidths=[self.width], splitInRow=1)
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), TINT),
            ("LINEBEFORE", (0, 0), (0, -1), 4, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 12),
            ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ("TOPPADDING", (0, 0), (-1, 0), 7),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
            ("TOPPADDING", (0, 1), (-1, 1), 0),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 2),
        ]))
        table.spaceBefore = 2
        table.spaceAfter = 10
        return table

    def questions(self) -> None:
        plan, st, m, labels = self.plan, self.st, self.m, self.labels
        # Start questions on a fresh page unless a good part of one is left.
        self.flow.append(CondPageBreak(m.write_gap * 9))
        # Headings travel inside the first question's KeepTogether: platypus'
        # keepWithNext cannot bind a heading to a KeepTogether that follows it.
        lead = self.take(lambda: (self.h1(labels["questions_heading"]),
                                  self.flow.append(_p(labels["questions_intro"], st.intro))))
        gutter = m.tick + 10
        for group in plan.question_groups:
            lead.append(_p(group.title, st.h3))
            for question in group.questions:
                row = self.tick_row(question, self.names("ask"), question)
                answer = WriteLines(m.answer_lines, m.write_gap, self.names("answer"),
                                    f'{labels["answer_label"]}: {question}', m.field_font,
                                    indent=gutter)
                self.flow.append(KeepTogether([*lead, row, answer, Spacer(1, 10)]))
                lead = []
        if plan.own_question_lines:
            if not lead:
                h3 = st.h3.spaceBefore + st.h3.leading + st.h3.spaceAfter
                self.flow.append(CondPageBreak(h3 + plan.own_question_lines * m.write_gap + 12))
            lines = [WriteLines(1, m.write_gap, self.names("own_question"),
                                f'{labels["own_questions_heading"]} {i + 1}', m.field_font)
                     for i in range(plan.own_question_lines)]
            self.flow.append(KeepTogether([*lead, _p(labels["own_questions_heading"], st.h3), *lines]))
        elif lead:
            self.flow.extend(lead)

    def take(self, add) -> list:
        """Run ``add`` (which appends to the story) and return what it appended, removed."""
        mark = len(self.flow)
        add()
        taken = self.flow[mark:]
        del self.flow[mark:]
        return taken

    def symptom_log(self) -> None:
        plan, st, m, labels = self.plan, self.st, self.m, self.labels
        days = plan.symptom_log_days
        heading_w = self.width * (0.3 if m.body <= 12 else 0.27)
        day_w = (self.width - heading_w) / days
        head = [_p(labels["symptom_column"], st.table_head)]
        head += [_p(labels["symptom_log_day"].format(n=d), st.table_head) for d in range(1, days + 1)]
        rows = [head]
        cell_h = m.table_row - 4
        for item in plan.symptom_log_items:
            row = [_p(item, st.table_cell)]
            for d in range(1, days + 1):
                tip = f'{item}, {labels["symptom_log_day"].format(n=d)}'
                row.append(FieldCell(cell_h, self.names("symptom"), tip, m.field_font))
            rows.append(row)
        table = Table(rows, colWidths=[heading_w] + [day_w] * days, repeatRows=1,
                      rowHeights=[None] + [None] * len(plan.symptom_log_items))
        table.setStyle(_write_in_table_style(
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (1, 1), (-1, -1), 2),
            ("RIGHTPADDING", (1, 1), (-1, -1), 2),
        ))
        self.flow.append(KeepTogether(self.take(lambda: (
            self.h1(labels["symptom_log_heading"]),
            self.flow.append(_p(labels["symptom_log_intro"], st.intro)),
            self.flow.append(table)))))

    def medicines(self) -> None:
        plan, st, m, labels = self.plan, self.st, self.m, self.labels
        widths = [self.width * 0.42, self.width * 0.22, self.width * 0.36]
        keys = ("medicine_name", "medicine_dose", "medicine_when")
        rows = [[_p(labels[k], st.table_head) for k in keys]]
        for r in range(1, plan.medicine_rows + 1):
            rows.append([FieldCell(m.table_row - 4, self.names(k), f"{labels[k]} {r}", m.field_font)
                         for k in keys])
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(_write_in_table_style(
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ))
        self.flow.append(KeepTogether(self.take(lambda: (
            self.h1(labels["medicines_heading"]), self.flow.append(table)))))

    def notes(self) -> None:
        m, labels = self.m, self.labels
        # Notes fill the rest of the last page when a good part of it is free,
        # otherwise a page of their own.
        self.flow.append(CondPageBreak(m.write_gap * 12))
        self.outline(labels["notes_heading"], 0)
        self.flow.append(_p(labels["notes_heading"], self.st.h1))
        self.flow.append(HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=2,
                                    spaceAfter=m.write_gap * 0.5))
        self.flow.append(FillLines(m.write_gap, self.names("notes"), labels["notes_heading"],
                                   m.field_font))


def _write_in_table_style(*paddings) -> TableStyle:
    """The grid of the symptom log and medicines table: ruled cells, a tinted header row.

    ``paddings`` set each table's cell padding; the header row always gets
    more room above and below.
    """
    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.75, RULE),
        ("BOX", (0, 0), (-1, -1), 1.2, INK),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        *paddings,
        ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
    ])
