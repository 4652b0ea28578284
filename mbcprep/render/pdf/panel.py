"""The "Get help now" panel of the PDF: its title bar, the numbers to call, and each action's group of signs.

Part of ``SheetStory`` (``mbcprep.render.pdf.story``), kept apart because
the panel is the sheet's most drawn-over part: a tab per action (drawing
and caption), two columns of signs, the thermometer beside the fever sign,
and the phones or lines to write them on.  The plan decides which signs and
in what order; this only draws them.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from mbcprep.model.plan import GetHelpNowPart, PlannedSign, SignGroup
from mbcprep.render.pdf.flowables import OutlineEntry, para
from mbcprep.render.pdf.icons import ACTION_ICONS, thermometer
from mbcprep.render.pdf.columns import Columns
from mbcprep.render.pdf.layout import Beside, Box, Items, Stack
from mbcprep.render.pdf.styles import ALERT_INK, ALERT_TINT, CRISIS_TINT, PAPER

BULLET = "\u2022"
GROUP_TINTS = {"emergency": ALERT_TINT, "crisis": CRISIS_TINT}
#: Space between the panel's border and what is in it, left and right.
PANEL_PAD = 5
#: The first column's share of the width, for two columns of signs.
COLUMN_SHARES = (0.34, 0.38, 0.42, 0.46, 0.5, 0.54, 0.58, 0.62, 0.66)


class PanelStory:
    """The panel's methods of ``SheetStory`` (which provides ``plan``, ``styles``, ``width``, ``outline``, ``write_line``)."""

    def get_help_now(self, part: GetHelpNowPart) -> list[Flowable]:
        styles, measures = self.styles, self.measures

        def bar(text: str, outline: OutlineEntry | None = None) -> Stack:
            return Stack([para(text, styles.panel_heading, outline=outline)],
                         box=Box(background=ALERT_INK, pad_x=PANEL_PAD + 5, pad_top=2, pad_bottom=4))

        label = bar(part.heading, self.outline(part.heading))
        # The numbers first: whatever goes on to the next page, they are on page 1.
        blocks: list[Flowable] = [self._phones(part)]
        blocks += [self._sign_group(group) for group in part.groups]
        panel = Items(blocks, label, bar(f"{part.heading} {part.continued}"), gap=0,
                      box=Box(border=ALERT_INK, border_width=measures.panel_border))
        panel.space_before, panel.space_after = 0, 8
        return [panel]

    def _sign_group(self, group: SignGroup) -> Items:
        """A group's action line (its tab, then what to do), then its signs across the panel's width.

        The tab (the drawing and its caption, white on black) hangs from the
        group's top rule at the start of the action line instead of taking a
        column of its own, so the signs get the whole width: two columns
        where most signs take one line.  A group carried to the next page
        starts with its action line again.
        """
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
        action = self._action_line(group)
        box = Box(background=GROUP_TINTS.get(group.level), pad_x=PANEL_PAD, pad_top=0, pad_bottom=3,
                  rule=ALERT_INK, rule_width=1.2)
        return Items(segments, action, action, gap=2, box=box)

    def _action_line(self, group: SignGroup) -> Beside:
        """The tab, then the group's intro ("Call 911 or go to ... if you have:") on the same line.

        The caption goes on two lines in its tab when that makes the line
        shorter (the intro gets the room to keep to fewer lines).
        """
        styles, measures = self.styles, self.measures
        caption_style, intro_style = styles.badge, styles.panel_intro
        tab_pad, icon_gap, intro_gap, tab_edges = 4, 4, 7, 3
        room = self.width - 2 * (measures.panel_border + PANEL_PAD)
        frame = measures.icon + icon_gap + 2 * tab_pad  # the tab without its caption

        def width(text: str) -> float:
            return stringWidth(text, caption_style.fontName, caption_style.fontSize) + 1

        words = group.caption.split()
        one_line = width(group.caption)
        two_lines = min((max(width(" ".join(words[:cut])), width(" ".join(words[cut:])))
                         for cut in range(1, len(words))), default=one_line)

        def height(caption_width: float) -> tuple[float, float]:
            caption_h = para(group.caption, caption_style).wrap(caption_width, 10_000)[1]
            intro_h = para(group.intro, intro_style).wrap(room - frame - caption_width - intro_gap, 10_000)[1]
            return max(max(caption_h, measures.icon) + tab_edges, intro_h + 2.5), caption_h

        (_, caption_height), caption_width = min((height(w), w) for w in (one_line, two_lines))
        caption = para(group.caption, caption_style)
        # The shorter of the drawing and the caption is centred on the taller.
        icon = ACTION_ICONS[group.icon](measures.icon, ink=PAPER, paper=ALERT_INK)
        lower_icon = max((caption_height - measures.icon) / 2, 0)
        lower_caption = max((measures.icon - caption_height) / 2, 0)
        tab = Beside(icon, Stack([caption], box=Box(pad_top=lower_caption)), measures.icon, icon_gap,
                     offset=lower_icon, box=Box(background=ALERT_INK, pad_x=tab_pad, pad_top=tab_edges / 2,
                                                pad_bottom=tab_edges / 2))
        intro = Stack([para(group.intro, intro_style)], box=Box(pad_top=2.5))
        return Beside(tab, intro, frame + caption_width, intro_gap)

    def _sign_columns(self, signs: list[Flowable]) -> Columns:
        """Two columns, read down: every group looks the same, and the panel stays short.

        The column with the longer signs may be the wider one, so that they keep to one line.
        """
        return Columns(signs, 2, gutter=10, gap=1.5, least=2, shares=COLUMN_SHARES)

    def _sign(self, sign: PlannedSign) -> Flowable:
        styles = self.styles
        text = para(sign.text, styles.sign, bulletText=BULLET)
        return Stack([text, para(sign.why, styles.sign_why)], gap=1) if sign.why else text

    def _thermometer_sign(self, sign: PlannedSign) -> Beside:
        styles, measures = self.styles, self.measures
        drawing = thermometer(measures.body * 3.2)
        caption_style = styles.caption.clone("thermometer_caption", alignment=0)
        caption = para(self.plan.labels["thermometer_caption"], caption_style)
        caption_width = measures.small * 7
        picture = Beside(drawing, caption, drawing.width, 4, offset=0)
        return Beside(picture, self._sign(sign), drawing.width + 4 + caption_width, 10, fixed_right=True)

    def _phones(self, part: GetHelpNowPart) -> Flowable:
        """The numbers to call (or lines to write them on), side by side under their heading if they fit.

        Where they do not, they go one under the other, the heading beside
        them: two lines either way.
        """
        styles, measures = self.styles, self.measures
        style = styles.phone
        box = Box(pad_x=PANEL_PAD + 5, pad_top=1.5, pad_bottom=3)
        room = self.width - 2 * (measures.panel_border + box.pad_x)
        gutter = 16
        heading = para(part.phones_heading, styles.panel_intro)
        heading_width = stringWidth(part.phones_heading, styles.panel_intro.fontName, styles.panel_intro.fontSize) + 2
        if part.phones:
            texts = [f"{line.label}: {line.value}" for line in part.phones]
            lines: list[Flowable] = [para(text, style) for text in texts]
            widths = [stringWidth(text, style.fontName, style.fontSize) + 1 for text in texts]
            paired = len(lines) > 1 and max(widths) <= (room - gutter) / 2
        else:
            lines = []
            widths = []
            for label, field in zip(part.write_in, part.write_in_fields):
                text = f"{label}:"
                width = stringWidth(text, style.fontName, style.fontSize) + 4
                line = self.write_line(field, label)
                lines.append(Beside(para(text, style), line, width, 4, offset=measures.write_gap - style.leading))
                widths.append(width + measures.body * 8)  # room to write a number
            paired = max(widths) <= (room - gutter) / 2
        if paired:
            return Stack([heading, Columns(lines, 2, gutter=gutter, gap=4, least=2)], gap=0, box=box)
        stacked = Stack(lines, gap=2)
        if heading_width + 12 + max(widths) <= room:
            return Beside(heading, stacked, heading_width, 12, offset=style.fontSize - styles.panel_intro.fontSize,
                          box=box)
        return Stack([heading, stacked], gap=0, box=box)

