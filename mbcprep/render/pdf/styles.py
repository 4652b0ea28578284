"""The handout's look, in one place: measures and paragraph styles (the colours are the PDF kit's).

Two scales share one structure: the normal sheet (body 12 pt) and large
print (body 16 pt, nothing on the page under 14 pt).  Everything the story
sizes (tick boxes, writing lines, table rows, icons, margins) comes from
``Measures``, so the two scales stay in proportion.
"""

from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from mbcprep.render.pdf.fonts import FontPair

# The palette is the kit's (shared with the summary); the panel and the drawings take it from here too.
from mbcprep.render.pdf.kit import ACCENT, ALERT_INK, ALERT_TINT, CRISIS_TINT, INK, MUTED, PAPER, RULE, TINT  # noqa: F401


# NamedTuples rather than frozen dataclasses: the same use, less to import.
class Measures(NamedTuple):
    """Sizes in points for one scale of the sheet."""

    body: float  # body text size
    title: float  # the sheet's title: large print needs less extra size to stand out
    leading: float
    small: float  # smaller reading text: captions, sources, header labels
    why: float  # the reason under a sign in "Get help now": the smallest reading text
    furniture: float  # running head and footer (the smallest text on the page)
    margin_x: float  # left and right page margins (home printers need about 0.5 in)
    margin_top: float
    margin_bottom: float
    write_gap: float  # distance between ruled writing lines
    answer_gap: float  # the line under a question, for a short answer: a little closer
    write_line: float  # weight of a writing line (>= 1 pt: it must survive a photocopy)
    tick: float  # tick-box side
    table_row: float  # height of a blank row of the medicines table and symptom log
    field_font: float  # size of typed text in form fields
    icon: float  # side of a "get help now" action drawing, in its tab
    panel_border: float
    logo_height: float
    logo_width: float


NORMAL = Measures(body=12, title=20, leading=15, small=10.5, why=10, furniture=10, margin_x=0.5 * inch,
                  margin_top=0.4 * inch, margin_bottom=0.4 * inch, write_gap=22, answer_gap=20, write_line=1, tick=13,
                  table_row=20, field_font=11, icon=18, panel_border=2.5,
                  logo_height=0.6 * inch, logo_width=1.8 * inch)
LARGE = Measures(body=16, title=22, leading=20, small=14, why=14, furniture=14, margin_x=0.5 * inch,
                 margin_top=0.4 * inch, margin_bottom=0.4 * inch, write_gap=28, answer_gap=24, write_line=1.2, tick=17,
                 table_row=25, field_font=16, icon=24, panel_border=3,
                 logo_height=0.7 * inch, logo_width=2.0 * inch)


class Styles(NamedTuple):
    fonts: FontPair
    measures: Measures
    title: ParagraphStyle
    h1: ParagraphStyle  # a part's heading
    h2: ParagraphStyle  # a concern's title
    h3: ParagraphStyle  # a section heading, a question group's label
    body: ParagraphStyle
    bullet: ParagraphStyle
    step: ParagraphStyle  # a numbered step of "How to use this sheet"
    intro: ParagraphStyle  # short instructions under a heading
    box_label: ParagraphStyle  # the bold label at the top of a tinted box
    header_label: ParagraphStyle
    header_value: ParagraphStyle
    note: ParagraphStyle  # the person's own note, on a tinted ground
    panel_heading: ParagraphStyle
    panel_intro: ParagraphStyle
    sign: ParagraphStyle
    sign_why: ParagraphStyle
    advice: ParagraphStyle  # beside the numbers to call: what to do when no one answers, hospice, interpreter
    caption: ParagraphStyle  # under a drawing
    picture_caption: ParagraphStyle  # beside a section's picture: what it shows
    badge: ParagraphStyle  # the caption in an action's badge, white on black
    phone: ParagraphStyle
    question: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    sources: ParagraphStyle
    footer: ParagraphStyle
    page_label: ParagraphStyle
    running_head: ParagraphStyle


_cache: dict[tuple, Styles] = {}


def build_styles(fonts: FontPair, large_print: bool = False) -> Styles:
    """Every paragraph style of the sheet, at the normal or the large-print scale."""
    key = (fonts, large_print)
    styles = _cache.get(key)
    if styles is None:
        styles = _cache[key] = _build_styles(fonts, LARGE if large_print else NORMAL)
    return styles


#: How much smaller than body size the panel's signs are: the usual compact panel, then the tighter ones
#: tried in turn when it would not be whole on page 1.
PANEL_SHRINKS = (1.0, 1.5, 2.0)


def compact_panel(styles: Styles, shrink: float = PANEL_SHRINKS[0]) -> Styles:
    """The styles with the "Get help now" signs, numbers and advice one point smaller, and its drawings
    a little smaller: the panel of the default size, which holds about 30 signs on every sheet.

    A larger ``shrink`` (``PANEL_SHRINKS``), with less space between lines, is for the few sheets
    whose panel would otherwise go on to page 2 (five concerns that each add signs): whole on page 1
    matters more than a point.  Large print never goes under 16 pt; 11 pt DejaVu Sans reads like
    12 pt in most fonts, 10 pt like 11.
    """
    key = (styles.fonts, styles.measures, "compact", shrink)
    compact = _cache.get(key)
    if compact is None:
        size = styles.measures.body - shrink
        leading = 1.08 if shrink == PANEL_SHRINKS[0] else 1.03
        compact = _cache[key] = styles._replace(
            measures=styles.measures._replace(icon=styles.measures.icon - 2),
            sign=styles.sign.clone("sign_compact", fontSize=size, bulletFontSize=size, leading=size * leading,
                                   leftIndent=styles.sign.leftIndent - 1),
            sign_why=styles.sign_why.clone("sign_why_compact", leftIndent=styles.sign.leftIndent - 1),
            advice=styles.advice.clone("advice_compact", fontSize=size, leading=size * leading),
            phone=styles.phone.clone("phone_compact", fontSize=size, leading=size * 1.2),
        )
    return compact


def _build_styles(fonts: FontPair, measures: Measures) -> Styles:
    regular, bold = fonts.regular.name, fonts.bold.name
    size, lead, small = measures.body, measures.leading, measures.small
    scale = size / 12.0  # indents grow with the text
    space = 1.0  # space between blocks does not grow: large print is large text, not air

    def style(name, **kw) -> ParagraphStyle:
        base = dict(fontName=regular, fontSize=size, leading=lead, textColor=INK, bulletFontName=bold,
                    bulletFontSize=size, alignment=TA_LEFT, splitLongWords=1, allowWidows=0, allowOrphans=0)
        base.update(kw)
        return ParagraphStyle(name, **base)

    def heading(name, larger, before, after, color=ACCENT):
        """Headings are bold, coloured and this much larger than body text at both scales."""
        heading_size = size + larger
        return style(name, fontName=bold, fontSize=heading_size, leading=heading_size * 1.18, textColor=color,
                     spaceBefore=before * space, spaceAfter=after * space)

    # A bulleted style's leftIndent is at least bulletIndent + the bullet's width + 0.6 x its size (the
    # gap ReportLab puts after a bullet): less, and the first line starts right of the lines under it.
    return Styles(
        fonts=fonts,
        measures=measures,
        title=style("title", fontName=bold, fontSize=measures.title, leading=measures.title * 1.2, textColor=ACCENT,
                    spaceAfter=3 * space),
        h1=heading("h1", 4, 8, 3),
        h2=heading("h2", 2, 7, 3, color=INK),
        h3=heading("h3", 1, 6, 2),
        body=style("body", spaceAfter=3.5 * space),
        bullet=style("bullet", leftIndent=19 * scale, bulletIndent=4 * scale, spaceAfter=2 * space),
        step=style("step", leading=size * 1.12, leftIndent=20 * scale, bulletIndent=2 * scale),
        intro=style("intro", textColor=MUTED, spaceAfter=4 * space),
        box_label=style("box_label", fontName=bold, textColor=ACCENT, spaceAfter=2 * space),
        header_label=style("header_label", fontName=bold, fontSize=small, leading=size * 1.2, textColor=MUTED),
        header_value=style("header_value", leading=size * 1.2),
        note=style("note", backColor=TINT, borderPadding=(4 * space, 6 * scale, 5 * space, 6 * scale),
                   leftIndent=6 * scale, rightIndent=6 * scale, spaceBefore=4 * space, spaceAfter=8 * space),
        panel_heading=style("panel_heading", fontName=bold, fontSize=size + 4, leading=(size + 4) * 1.2,
                            textColor=PAPER),
        panel_intro=style("panel_intro", fontName=bold, leading=size * 1.12, textColor=ALERT_INK, spaceAfter=2 * space),
        sign=style("sign", leading=size * 1.08, leftIndent=15 * scale, bulletIndent=0, textColor=ALERT_INK),
        sign_why=style("sign_why", fontSize=measures.why, leading=measures.why * 1.1, leftIndent=15 * scale,
                       textColor=MUTED),
        advice=style("advice", leading=size * 1.08, textColor=ALERT_INK),
        caption=style("caption", fontName=bold, fontSize=small, leading=small * 1.15, textColor=ALERT_INK,
                      alignment=1),
        picture_caption=style("picture_caption", fontSize=small, leading=small * 1.15, textColor=INK),
        badge=style("badge", fontName=bold, fontSize=small, leading=small * 1.15, textColor=PAPER),
        phone=style("phone", fontName=bold, fontSize=size, leading=size * 1.2, textColor=ALERT_INK),
        question=style("question", leading=size * 1.25),
        table_head=style("table_head", fontName=bold, fontSize=max(small, 12), leading=max(small, 12) * 1.2),
        table_cell=style("table_cell", leading=size * 1.12),
        # A long web address breaks at a slash rather than leaving most of a line empty.
        sources=style("sources", fontSize=small, leading=small * 1.25, textColor=MUTED, spaceBefore=6 * space,
                      uriWasteReduce=0.3),
        footer=style("footer", fontSize=measures.furniture, leading=measures.furniture * 1.15, textColor=INK),
        page_label=style("page_label", fontName=bold, fontSize=measures.furniture,
                         leading=measures.furniture * 1.15, textColor=INK, alignment=2),
        running_head=style("running_head", fontSize=measures.furniture, leading=measures.furniture * 1.2,
                           textColor=MUTED),
    )
