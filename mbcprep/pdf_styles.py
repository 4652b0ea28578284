"""The handout's look, in one place: paragraph styles, colours and measures.

Two scales share one structure: the normal sheet (body 12 pt, readable at
arm's length) and large print (body 16 pt, headings larger, more room to
write).  Everything the renderer sizes (tick boxes, writing lines, table
rows, margins) comes from here, so the two scales stay in proportion.
"""

from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from mbcprep.fonts import FontPair

PAGE_SIZES = {"letter": LETTER, "a4": A4}

# Calm and high-contrast: near-black text, one deep blue for structure.
# Nothing depends on colour alone; everything still reads in black and white.
INK = HexColor("#1a1a1a")
ACCENT = HexColor("#1d4f73")
MUTED = HexColor("#454545")
RULE = HexColor("#8a8a8a")
LIGHT_RULE = HexColor("#b8b8b8")
TINT = HexColor("#eef3f7")
ALERT_INK = HexColor("#000000")
ALERT_TINT = HexColor("#fbecec")
WHITE = white


# Immutable records as NamedTuples, not frozen dataclasses: the same use,
# and about a millisecond less to import (this module loads on every PDF).
class Measures(NamedTuple):
    body: float  # body text size, pt
    leading: float
    margin_x: float  # left and right page margins (home printers need >= 0.6 in)
    margin_top: float
    margin_bottom: float
    write_gap: float  # distance between ruled writing lines
    answer_lines: int  # ruled lines under each question
    tick: float  # tick-box side
    table_row: float  # height of a blank row in the medicines table / symptom log
    field_font: float  # size of typed text in form fields
    logo_height: float
    logo_width: float
    panel_border: float  # the "Get help now" border weight


class Styles(NamedTuple):
    fonts: FontPair
    m: Measures
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h2_first: ParagraphStyle  # a concern title straight under the part heading
    h3: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    intro: ParagraphStyle  # short instructions under a heading
    label: ParagraphStyle  # small bold labels ("My note", header labels)
    note_label: ParagraphStyle  # "My note", above the note
    value: ParagraphStyle  # header values
    note: ParagraphStyle  # the person's own note, on a tinted ground
    panel_heading: ParagraphStyle
    panel_intro: ParagraphStyle
    panel_item: ParagraphStyle
    panel_phone: ParagraphStyle
    question: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    footer: ParagraphStyle
    footer_page: ParagraphStyle
    running_head: ParagraphStyle


NORMAL = Measures(body=12, leading=17, margin_x=0.75 * inch, margin_top=0.7 * inch,
                  margin_bottom=0.6 * inch, write_gap=26, answer_lines=2, tick=13,
                  table_row=0.42 * inch, field_font=11, logo_height=0.8 * inch,
                  logo_width=2.0 * inch, panel_border=3)
LARGE = Measures(body=16, leading=22.5, margin_x=0.7 * inch, margin_top=0.7 * inch,
                 margin_bottom=0.6 * inch, write_gap=34, answer_lines=2, tick=17,
                 table_row=0.55 * inch, field_font=14, logo_height=0.9 * inch,
                 logo_width=2.2 * inch, panel_border=3.5)


def build_styles(fonts: FontPair, large_print: bool = False) -> Styles:
    """Every paragraph style of the handout, scaled for normal or large print."""
    m = LARGE if large_print else NORMAL
    regular, bold = fonts.regular.name, fonts.bold.name
    b, lead = m.body, m.leading
    scale = b / 12.0

    def style(name, **kw) -> ParagraphStyle:
        base = dict(fontName=regular, fontSize=b, leading=lead, textColor=INK, bulletFontSize=b,
                    alignment=TA_LEFT, splitLongWords=1, allowWidows=0, allowOrphans=0)
        base.update(kw)
        return ParagraphStyle(name, **base)

    body = style("body", spaceAfter=7 * scale)
    heading = dict(fontName=bold, keepWithNext=1)
    small = b - 1 if not large_print else b  # large print keeps all reading text >= 16 pt
    return Styles(
        fonts=fonts,
        m=m,
        title=style("title", fontName=bold, fontSize=24 * scale, leading=29 * scale, textColor=ACCENT),
        h1=style("h1", fontSize=18 * scale, leading=23 * scale, textColor=ACCENT,
                 spaceBefore=16 * scale, spaceAfter=3 * scale, **heading),
        h2=style("h2", fontSize=15.5 * scale, leading=20 * scale,
                 spaceBefore=12 * scale, spaceAfter=5 * scale, **heading),
        h2_first=style("h2_first", fontSize=15.5 * scale, leading=20 * scale,
                       spaceBefore=2 * scale, spaceAfter=5 * scale, **heading),
        h3=style("h3", fontSize=13 * scale, leading=17.5 * scale, textColor=ACCENT,
                 spaceBefore=9 * scale, spaceAfter=4 * scale, **heading),
        body=body,
        bullet=style("bullet", leftIndent=18 * scale, bulletIndent=5 * scale,
                     bulletFontName=bold, spaceAfter=3 * scale),
        intro=style("intro", fontSize=small, leading=small * 1.38, textColor=MUTED, spaceAfter=8 * scale),
        label=style("label", fontName=bold, fontSize=small, leading=small * 1.3, textColor=MUTED),
        note_label=style("note_label", fontName=bold, fontSize=small, leading=small * 1.3,
                         textColor=MUTED, spaceBefore=6 * scale, spaceAfter=2),
        value=style("value", leading=b * 1.3),
        note=style("note", backColor=TINT, borderPadding=(6 * scale, 8 * scale, 7 * scale, 8 * scale),
                   leftIndent=8 * scale, rightIndent=8 * scale, spaceBefore=6 * scale, spaceAfter=12 * scale),
        panel_heading=style("panel_heading", fontName=bold, fontSize=17 * scale, leading=21 * scale,
                            textColor=WHITE),
        panel_intro=style("panel_intro", fontName=bold, leading=lead, textColor=ALERT_INK),
        panel_item=style("panel_item", leftIndent=16 * scale, bulletIndent=3 * scale,
                         bulletFontName=bold, textColor=ALERT_INK),
        panel_phone=style("panel_phone", fontName=bold, fontSize=b + 1, leading=(b + 1) * 1.35,
                          textColor=ALERT_INK),
        question=style("question", leading=b * 1.3),
        table_head=style("table_head", fontName=bold, fontSize=small, leading=small * 1.2),
        table_cell=style("table_cell", leading=b * 1.25),
        footer=style("footer", fontSize=12 if large_print else 8.5,
                     leading=15 if large_print else 11, textColor=MUTED),
        footer_page=style("footer_page", fontName=bold, fontSize=12 if large_print else 9.5,
                          leading=15 if large_print else 11.5, textColor=INK, alignment=TA_RIGHT),
        running_head=style("running_head", fontSize=11 if large_print else 8.5,
                           leading=14 if large_print else 11, textColor=MUTED),
    )
