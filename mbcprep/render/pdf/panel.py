"""The "Get help now" panel of the PDF: its title bar, the numbers to call, and each action's group of signs.

Part of ``SheetStory`` (``mbcprep.render.pdf.story``), kept apart because
the panel is the sheet's most drawn-over part: a tab per action (drawing
and caption), two columns of signs, the thermometer beside the fever sign,
and the phones or lines to write them on.  The plan decides which signs and
in what order; this only draws them.

To a screen reader (the tagged PDF) the panel is its heading, the numbers,
and each group as a heading (its caption: the drawing beside it says the
same, so it is not read), its intro and a list of its signs; a sign and its
reason are two paragraphs of one list item.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from mbcprep.model.plan import GetHelpNowPart, PlannedSign, SignGroup
from mbcprep.render.pdf.base import BULLET, COLUMN_SHARES, StoryBase
from mbcprep.render.pdf.columns import Columns
from mbcprep.render.pdf.flowables import OutlineEntry, para
from mbcprep.render.pdf.icons import ACTION_ICONS, thermometer
from mbcprep.render.pdf.kit import kept_together
from mbcprep.render.pdf.layout import Beside, Box, FirstThatFits, Items, Stack
from mbcprep.render.pdf.structure import CONTINUED, ArtifactNode, Node
from mbcprep.render.pdf.styles import (ALERT_INK, ALERT_TINT, CRISIS_TINT, PANEL_SHRINKS, PAPER, Styles,
                                         compact_panel)
from mbcprep.render.pdf.tagging import Figure

GROUP_TINTS = {"emergency": ALERT_TINT, "crisis": CRISIS_TINT}
#: Space between the panel's border and what is in it, left and right.
PANEL_PAD = 5
#: In large print, the groups that come before the numbers, so that page 1 holds them.
PAGE_ONE_LEVELS = ("emergency", "crisis", "call-now")
#: An action's drawing: its caption, beside it, says the same (the HTML names the drawing by it, read once).
ICON = ArtifactNode("Layout")


class PanelStory(StoryBase):
    """The panel's methods of ``SheetStory``."""

    def get_help_now(self, part: GetHelpNowPart) -> list[Flowable]:
        """The panel, whole on page 1 in the default size, its first groups on page 1 in large print.

        Every sheet carries about 30 signs.  In the default size they are
        drawn one point under body size (``compact_panel``): the panel is
        then whole on page 1 up to five symptom concerns, and page 1 still
        has room for the steps under it (the page budget).  In large print
        the panel cannot be whole on page 1: there the numbers and what
        goes with them follow the groups that must be on page 1 (911, 988,
        call right away), so that page holds every 911 sign and the fever
        sign; the rest goes on under "Get help now (continued)".
        """
        if self.plan.large_print:
            return [self._panel(part, self.styles)]
        return [FirstThatFits([self._panel(part, compact_panel(self.styles, shrink)) for shrink in PANEL_SHRINKS])]

    def _panel(self, part: GetHelpNowPart, styles: Styles) -> Items:
        def bar(text: str, tag, outline: OutlineEntry | None = None) -> Stack:
            return Stack([para(text, styles.panel_heading, outline=outline, tag=tag)],
                         box=Box(background=ALERT_INK, pad_x=PANEL_PAD + 5, pad_top=2, pad_bottom=4))

        label = bar(part.heading, self.section.add("H2"), self.outline(part.heading))
        # Made in the order they are drawn, which is the order they are read in.
        first = sum(group.level in PAGE_ONE_LEVELS for group in part.groups) if self.plan.large_print else 0
        blocks = [self._sign_group(group, styles) for group in part.groups[:first]]
        # The numbers come first in the default size: the whole panel is on page 1, and they are
        # what a reader looks for; in large print, after the groups that page 1 must hold.
        blocks.append(self._phones(part, styles))
        blocks += [self._sign_group(group, styles) for group in part.groups[first:]]
        panel = Items(blocks, label, bar(f"{part.heading} {part.continued}", CONTINUED), gap=0,
                      box=Box(border=ALERT_INK, border_width=styles.measures.panel_border))
        panel.space_before, panel.space_after = 0, 6
        return panel

    def _sign_group(self, group: SignGroup, styles: Styles) -> Items:
        """A group's action line (its tab, then what to do), then its signs across the panel's width.

        The tab (the drawing and its caption, white on black) hangs from the
        group's top rule at the start of the action line instead of taking a
        column of its own, so the signs get the whole width: two columns
        where most signs take one line.  A group carried to the next page
        starts with its action line again.
        """
        action = self._action_line(group, styles)
        listed = self.section.add("L")
        segments: list[Flowable] = []
        run: list[Flowable] = []
        for sign in group.signs:
            if sign.icon == "thermometer":
                if run:
                    segments.append(self._sign_columns(run))
                    run = []
                segments.append(self._thermometer_sign(sign, styles, listed.list_item()))
            else:
                run.append(self._sign(sign, styles, listed.list_item()))
        if run:
            segments.append(self._sign_columns(run))
        box = Box(background=GROUP_TINTS.get(group.level), pad_x=PANEL_PAD, pad_top=0, pad_bottom=2,
                  rule=ALERT_INK, rule_width=1.2)
        return Items(segments, action, action, gap=2, box=box)

    def _action_line(self, group: SignGroup, styles: Styles) -> Beside:
        """The tab, then the group's intro ("Call 911 or go to ... if you have:") on the same line.

        The caption goes on two lines in its tab when that makes the line
        shorter (the intro gets the room to keep to fewer lines).
        """
        measures = styles.measures
        caption_style, intro_style = styles.badge, styles.panel_intro
        tab_pad, icon_gap, intro_gap, tab_edges = 4, 4, 7, 3
        room = self.width - 2 * (measures.panel_border + PANEL_PAD)
        frame = measures.icon + icon_gap + 2 * tab_pad  # the tab without its caption

        def width(text: str) -> float:
            return stringWidth(text, caption_style.fontName, caption_style.fontSize) + 1

        one_line = width(group.caption)
        two_lines = two_line_width(group.caption, caption_style)

        def height(caption_width: float) -> tuple[float, float]:
            caption_h = para(group.caption, caption_style).wrap(caption_width, 10_000)[1]
            intro_h = para(group.intro, intro_style).wrap(room - frame - caption_width - intro_gap, 10_000)[1]
            return max(max(caption_h, measures.icon) + tab_edges, intro_h + 2.5), caption_h

        (_, caption_height), caption_width = min((height(w), w) for w in (one_line, two_lines))
        caption = para(group.caption, caption_style, tag=self.section.add("H3"))
        # The shorter of the drawing and the caption is centred on the taller.
        icon = Figure(ACTION_ICONS[group.icon](measures.icon, ink=PAPER, paper=ALERT_INK), ICON)
        lower_icon = max((caption_height - measures.icon) / 2, 0)
        lower_caption = max((measures.icon - caption_height) / 2, 0)
        tab = Beside(icon, Stack([caption], box=Box(pad_top=lower_caption)), measures.icon, icon_gap,
                     offset=lower_icon, box=Box(background=ALERT_INK, pad_x=tab_pad, pad_top=tab_edges / 2,
                                                pad_bottom=tab_edges / 2))
        intro = Stack([para(group.intro, intro_style, tag=self.section.add("P"))], box=Box(pad_top=2.5))
        return Beside(tab, intro, frame + caption_width, intro_gap)

    def _sign_columns(self, signs: list[Flowable]) -> Columns:
        """Two columns, read down: every group looks the same, and the panel stays short.

        The column with the longer signs may be the wider one, so that they keep to one line.
        """
        return Columns(signs, 2, gutter=10, gap=1, least=2, shares=COLUMN_SHARES)

    def _sign(self, sign: PlannedSign, styles: Styles, item: Node) -> Flowable:
        """The sign (its bullet the list ``item``'s label), then its reason: two paragraphs of the item's body."""
        body = item.children[1]
        text = para(sign.text, styles.sign, bulletText=BULLET, tag=item)
        body.add("P")  # the sign's words, after its bullet
        if not sign.why:
            return text
        return Stack([text, para(sign.why, styles.sign_why, tag=body.add("P"))], gap=1)

    def _thermometer_sign(self, sign: PlannedSign, styles: Styles, item: Node) -> Beside:
        """The sign, and beside it the thermometer: a figure in the item's body, named by its caption."""
        words = self._sign(sign, styles, item)
        drawing = thermometer(styles.sign.leading * 2.4)  # as tall as two lines of sign and a reason
        caption_style = styles.caption.clone("thermometer_caption", alignment=0)
        text = self.plan.labels["thermometer_caption"]
        figure = item.children[1].add("Figure", alt=text)  # the caption is its name: read once
        caption = para(text, caption_style, tag=figure)
        caption_width = two_line_width(text, caption_style)
        picture = Beside(Figure(drawing, figure), caption, drawing.width, 4, offset=0)
        return Beside(picture, words, drawing.width + 4 + caption_width, 10, fixed_right=True)

    def _phones(self, part: GetHelpNowPart, styles: Styles) -> Flowable:
        """The numbers to call (or lines to write them on), then the advice that goes with them.

        The numbers go side by side on one line if they fit, with no heading
        (their labels say what they are: "Clinic phone", "After hours"); where
        they do not, one under the other, the heading beside them.
        """
        box = Box(pad_x=PANEL_PAD + 5, pad_top=1, pad_bottom=2.5)
        room = self.width - 2 * (styles.measures.panel_border + box.pad_x)
        numbers = self._numbers(part, room, styles)
        advice = [para(line, styles.advice, tag=self.section.add("P")) for line in part.advice]
        return Stack([numbers, *advice], gap=1.5, box=box)

    def _numbers(self, part: GetHelpNowPart, room: float, styles: Styles) -> Flowable:
        measures = styles.measures
        style = styles.phone
        gutter = 16
        heading = para(part.phones_heading, styles.panel_intro, tag=self.section.add("H3"))
        heading_width = stringWidth(part.phones_heading, styles.panel_intro.fontName, styles.panel_intro.fontSize) + 2
        if part.phones:
            texts = [f"{line.label}: {line.value}" for line in part.phones]
            lines: list[Flowable] = [para(text, style, tag=self.section.add("P")) for text in texts]
            widths = [stringWidth(text, style.fontName, style.fontSize) + 1 for text in texts]
            paired = len(lines) > 1 and max(widths) <= (room - gutter) / 2
        else:
            lines = []
            widths = []
            for label, field in zip(part.write_in, part.write_in_fields):
                text = f"{label}:"
                width = stringWidth(text, style.fontName, style.fontSize) + 4
                label_text = para(text, style, tag=self.section.add("P"))
                line = self.write_line(field, label)
                lines.append(Beside(label_text, line, width, 4, offset=measures.write_gap - style.leading))
                widths.append(width + measures.body * 8)  # room to write a number
            paired = max(widths) <= (room - gutter) / 2
        if paired:
            return Columns(lines, 2, gutter=gutter, gap=4, least=2)
        stacked = Stack(lines, gap=2)
        if heading_width + 12 + max(widths) <= room:
            return Beside(heading, stacked, heading_width, 12, offset=style.fontSize - styles.panel_intro.fontSize)
        return Stack([heading, stacked], gap=0)


def two_line_width(text: str, style) -> float:
    """The narrowest width that holds ``text`` on two lines (its widest line when cut at the best place
    a paragraph may break it)."""
    def width(words: list[str]) -> float:
        return stringWidth(" ".join(words), style.fontName, style.fontSize) + 1

    words = kept_together(text)
    return min((max(width(words[:cut]), width(words[cut:])) for cut in range(1, len(words))), default=width(words))
