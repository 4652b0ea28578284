"""Containers that say where a page may break, for the rules platypus alone cannot express.

``keepWithNext`` and ``KeepTogether`` move a heading *and everything after
it* to the next page when the whole does not fit, which leaves pages half
empty, or leave a heading alone at the foot when what follows refuses a
split.  These containers keep exactly what must stay together:

- ``Stack``: never split (a small box, a sign and its reason).
- ``LeadIn``: headings and an intro kept with the first piece of what follows.
- ``Ending``: what closes the handout kept with the last piece before it.
- ``Items``: a list that breaks only between items; the part carried to
  the next page starts with its label again, e.g. "Bone pain (continued)".
- ``Beside``: a fixed column (a tick box, an icon) beside a column that may
  break; the fixed column is repeated on each piece.
- ``Around``: a picture at the top right with the opening words flowing round it.

``Columns`` (short items in balanced columns) is in ``mbcprep.render.pdf.columns``.

Each may draw a ``Box`` (background, border, bar down the left) around
itself, on each piece when it breaks.  Spacing between children is what a
frame would put there (the larger of one's ``spaceAfter`` and the next's
``spaceBefore``).
"""

from __future__ import annotations

import math
from typing import NamedTuple, Sequence

from reportlab.platypus import Flowable

from mbcprep.render.pdf.tagging import artifact


class Box(NamedTuple):
    """What a container draws around itself."""

    background: object = None  # a reportlab colour, or None
    border: object = None
    border_width: float = 0
    pad_x: float = 0
    pad_top: float = 0
    pad_bottom: float = 0
    bar: object = None  # colour of a bar down the left edge
    bar_width: float = 0
    rule: object = None  # colour of a rule along the top edge
    rule_width: float = 0


NO_BOX = Box()


def space_between(above: Flowable, below: Flowable) -> float:
    """The larger of the two: a frame lets the space after one and the space before the next overlap."""
    return max(above.getSpaceAfter(), below.getSpaceBefore())


class _Container(Flowable):
    """Box drawing and the space around, shared by every container."""

    box: Box = NO_BOX
    space_before: float | None = None  # None: the first child's
    space_after: float | None = None  # None: the last child's

    def _children(self) -> Sequence[Flowable]:
        raise NotImplementedError

    def getSpaceBefore(self):
        if self.space_before is not None:
            return self.space_before
        children = self._children()
        return children[0].getSpaceBefore() if children else 0

    def getSpaceAfter(self):
        if self.space_after is not None:
            return self.space_after
        children = self._children()
        return children[-1].getSpaceAfter() if children else 0

    def _inner(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        box = self.box
        return (avail_width - 2 * box.pad_x - box.bar_width,
                avail_height - box.pad_top - box.pad_bottom)

    def wrap(self, avail_width, avail_height):
        inner_w, inner_h = self._inner(avail_width, avail_height)
        self.width = avail_width
        self.height = self._wrap_inner(inner_w, inner_h) + self.box.pad_top + self.box.pad_bottom
        return self.width, self.height

    def _wrap_inner(self, width: float, avail_height: float) -> float:
        raise NotImplementedError

    def draw(self):
        """The box (an artifact: it is not read), then the children, which mark themselves."""
        canv, box = self.canv, self.box
        if box != NO_BOX and (box.background, box.bar, box.rule) != (None, None, None):
            with artifact(canv):
                canv.saveState()
                if box.background is not None:
                    canv.setFillColor(box.background)
                    canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
                if box.bar is not None:
                    canv.setFillColor(box.bar)
                    canv.rect(0, 0, box.bar_width, self.height, stroke=0, fill=1)
                if box.rule is not None:
                    canv.setStrokeColor(box.rule)
                    canv.setLineWidth(box.rule_width)
                    canv.line(0, self.height - box.rule_width / 2, self.width, self.height - box.rule_width / 2)
                canv.restoreState()
        self._draw_inner(box.bar_width + box.pad_x, self.height - box.pad_top)
        if box.border is not None:
            with artifact(canv):
                canv.saveState()
                canv.setStrokeColor(box.border)
                canv.setLineWidth(box.border_width)
                half = box.border_width / 2
                canv.rect(half, half, self.width - box.border_width, self.height - box.border_width,
                          stroke=1, fill=0)
                canv.restoreState()

    def _draw_inner(self, x: float, top: float) -> None:
        raise NotImplementedError


class Stack(_Container):
    """Flowables one under another, never split."""

    def __init__(self, children: Sequence[Flowable], box: Box = NO_BOX, gap: float | None = None):
        super().__init__()
        self.children = list(children)
        self.box = box
        self.gap = gap  # a fixed gap between children instead of their own spacing
        self._placed: list[tuple[Flowable, float, float]] = []
        self._width = 0.0

    def _children(self):
        return self.children

    def _wrap_inner(self, width, avail_height):
        y = 0.0
        self._placed = []
        self._width = width
        for index, child in enumerate(self.children):
            if index:
                y += self.gap if self.gap is not None else space_between(self.children[index - 1], child)
            w, h = child.wrap(width, max(avail_height - y, 0))
            y += h
            self._placed.append((child, w, y))
        return y

    def _draw_inner(self, x, top):
        for child, w, bottom in self._placed:
            align = getattr(child, "hAlign", "LEFT")
            shift = {"CENTER": (self._width - w) / 2, "RIGHT": self._width - w}.get(align, 0)
            child.drawOn(self.canv, x + shift, top - bottom)

    def split(self, avail_width, avail_height):
        return []


class LeadIn(Stack):
    """Headings (and an intro) kept with the first piece of what follows them.

    The lead never ends a page: if not even the first piece of the body fits
    under it, the whole moves on.
    """

    def __init__(self, lead: Sequence[Flowable], body: Flowable):
        super().__init__([*lead, body])
        self.lead = list(lead)
        self.body = body

    def split(self, avail_width, avail_height):
        lead = Stack(self.lead)
        _, lead_h = lead.wrap(avail_width, avail_height)
        room = avail_height - lead_h - space_between(self.lead[-1], self.body)
        if room <= 0:
            return []
        pieces = self.body.split(avail_width, room)
        if len(pieces) < 2:
            return []
        first = LeadIn(self.lead, pieces[0])
        first.space_before, first.space_after = self.space_before, None
        return [first, *pieces[1:]]


def lead_in(lead: list[Flowable], chunks: list[Flowable]) -> list[Flowable]:
    """``lead`` (headings, an intro) kept with the first piece of ``chunks`` (and named as it is, ``from_pack``)."""
    if not chunks:
        return [Stack(lead)]
    first = LeadIn(lead, chunks[0])
    if getattr(chunks[0], "pack_item", None) is not None:
        first.pack_item = chunks[0].pack_item
    return [first, *chunks[1:]]


def from_pack(flows: list[Flowable], file: str, key: str) -> list[Flowable]:
    """Mark each flowable not yet marked with the pack item its words come from (``pack_item``: file, key).

    A text too tall for any page is then named by the item, in one line
    (``document.build_document``), rather than as ReportLab's LayoutError.
    """
    for flow in flows:
        if getattr(flow, "pack_item", None) is None:
            flow.pack_item = (file, key)
    return flows


class Ending(Stack):
    """What closes a handout (the sources), kept with the last piece of what comes before it.

    It never goes on to a page of its own: when the two do not fit, the
    body breaks and its last piece goes on with the closing.
    """

    def __init__(self, body: Flowable, closing: Flowable):
        super().__init__([body, closing])
        self.body = body
        self.closing = closing

    def split(self, avail_width, avail_height):
        pieces = self.body.split(avail_width, avail_height)
        if len(pieces) < 2:  # the body fits, but not with the closing: its last piece goes on with it
            closing = self.closing.wrap(avail_width, avail_height)[1] + space_between(self.body, self.closing)
            pieces = self.body.split(avail_width, avail_height - closing)
        if len(pieces) < 2:
            return []
        last = Ending(pieces[-1], self.closing)
        last.space_after = self.space_after
        return [*pieces[:-1], last]


class Items(Stack):
    """A list that breaks only between items (or inside an item that may break itself).

    ``label`` heads the list; ``continued`` heads each part carried to a
    later page.  A part never holds only its label, and never fewer than
    ``least`` items (2 for bullets: no bullet alone at the foot or the top
    of a page).
    """

    def __init__(self, items: Sequence[Flowable], label: Flowable | None = None,
                 continued: Flowable | None = None, box: Box = NO_BOX, gap: float | None = None,
                 least: int = 1):
        super().__init__(([label] if label is not None else []) + list(items), box, gap)
        self.items = list(items)
        self.label = label
        self.continued = continued if continued is not None else label
        self.least = least

    def _gap(self, above: Flowable, below: Flowable) -> float:
        return self.gap if self.gap is not None else space_between(above, below)

    def split(self, avail_width, avail_height):
        width, room = self._inner(avail_width, avail_height)
        used, previous = 0.0, None
        if self.label is not None:
            used = self.label.wrap(width, room)[1]
            previous = self.label
        first: list[Flowable] = []
        rest: list[Flowable] = []
        for index, item in enumerate(self.items):
            gap = self._gap(previous, item) if previous is not None else 0
            height = item.wrap(width, max(room - used - gap, 0))[1]
            if used + gap + height <= room + 1e-6:
                first.append(item)
                used += gap + height
                previous = item
                continue
            pieces = item.split(width, room - used - gap) if room - used - gap > 0 else []
            if len(pieces) >= 2:
                first.append(pieces[0])
                rest = [*pieces[1:], *self.items[index + 1:]]
            else:
                rest = self.items[index:]
            break
        if len(first) < self.least and len(rest) > 0:  # too few here: give the ones that fit back
            rest, first = first + rest, []
        if len(rest) < self.least and first:
            moved = self.least - len(rest)
            first, rest = first[:-moved] if moved < len(first) else [], first[-moved:] + rest
        if len(first) < self.least or not rest:
            return []
        head = Items(first, self.label, self.continued, self.box, self.gap, self.least)
        tail = Items(rest, self.continued, self.continued, self.box, self.gap, self.least)
        head.space_before, tail.space_after = self.space_before, self.space_after
        return [head, tail]


class FirstThatFits(Flowable):
    """The first of several drawings of the same thing that fits where it stands; when none does, the
    first, which then splits as it would alone.

    The "Get help now" panel of the default size is whole on page 1 up to five concerns; with the five
    concerns that add the most signs it is a few lines too tall, and a tighter drawing of it fits.
    Only the chosen drawing is drawn.
    """

    def __init__(self, options: Sequence[Flowable]):
        super().__init__()
        self.options = list(options)
        self.chosen = self.options[0]

    def getSpaceBefore(self):
        return self.chosen.getSpaceBefore()

    def getSpaceAfter(self):
        return self.chosen.getSpaceAfter()

    def wrap(self, avail_width, avail_height):
        for option in self.options:
            width, height = option.wrap(avail_width, avail_height)
            if height <= avail_height + 1e-6:
                self.chosen = option
                break
        else:
            self.chosen = self.options[0]
            width, height = self.chosen.wrap(avail_width, avail_height)
        self.width, self.height = width, height
        return width, height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        return self.chosen.split(avail_width, avail_height)

    def draw(self):
        self.chosen._drawOn(self.canv)  # in place: no saved state of its own around it


class Beside(_Container):
    """A fixed-width column beside one that takes the rest of the width.

    ``offset`` lowers the fixed column (e.g. a tick box to the middle of the
    first line).  When the wide column breaks, the fixed one is drawn again
    beside each piece (the icon of a group of signs on every page).
    """

    def __init__(self, fixed: Flowable, wide: Flowable, fixed_width: float, gap: float,
                 offset: float = 0, fixed_right: bool = False, box: Box = NO_BOX):
        super().__init__()
        self.fixed = fixed
        self.wide = wide
        self.fixed_width = fixed_width
        self.gap = gap
        self.offset = offset
        self.fixed_right = fixed_right
        self.box = box

    def _children(self):
        return [self.wide]

    def _wrap_inner(self, width, avail_height):
        self._fixed_h = self.fixed.wrap(self.fixed_width, avail_height)[1]
        self._wide_w = width - self.fixed_width - self.gap
        self._wide_h = self.wide.wrap(self._wide_w, avail_height)[1]
        return max(self._fixed_h + self.offset, self._wide_h)

    def _draw_inner(self, x, top):
        fixed_x, wide_x = x, x + self.fixed_width + self.gap
        if self.fixed_right:
            fixed_x, wide_x = x + self._wide_w + self.gap, x
        self.fixed.drawOn(self.canv, fixed_x, top - self.offset - self._fixed_h)
        self.wide.drawOn(self.canv, wide_x, top - self._wide_h)

    def split(self, avail_width, avail_height):
        width, room = self._inner(avail_width, avail_height)
        if self.fixed.wrap(self.fixed_width, room)[1] + self.offset > room:
            return []
        pieces = self.wide.split(width - self.fixed_width - self.gap, room)
        if len(pieces) < 2:
            return []
        rest = pieces[1] if len(pieces) == 2 else Items(pieces[1:])
        made = [Beside(self.fixed, piece, self.fixed_width, self.gap, self.offset, self.fixed_right, self.box)
                for piece in (pieces[0], rest)]
        made[0].space_before, made[1].space_after = self.space_before, self.space_after
        return made


class Around(_Container):
    """Paragraphs (a heading, a summary) flowing round a picture at the top right: the lines beside it
    are shorter, the lines under it take the whole width.  ``figures`` are ways to draw the picture
    (e.g. taller and narrower, shorter and wider), best first: the first that makes the whole least tall
    is drawn.  Never split: what flows round the picture is short and belongs together.
    """

    def __init__(self, figures: Sequence[Flowable], paragraphs: Sequence[Flowable], gutter: float,
                 box: Box = NO_BOX):
        super().__init__()
        self.figures = list(figures)
        self.paragraphs = list(paragraphs)
        self.gutter = gutter
        self.box = box
        self.figure = self.figures[0]

    def _children(self):
        return self.paragraphs

    def _flow(self, figure: Flowable, width: float, avail_height: float) -> tuple[float, list[float]]:
        figure_w, figure_h = figure.wrap(width, avail_height)
        cut = figure_w + self.gutter
        top, tops = 0.0, []
        for index, paragraph in enumerate(self.paragraphs):
            if index:
                top += space_between(self.paragraphs[index - 1], paragraph)
            beside = figure_h - top
            lines = math.ceil(beside / paragraph.style.leading) if beside > 0 else 0
            if (lines, cut) != (paragraph.narrow_lines, paragraph.narrow_by):
                paragraph.narrow_lines, paragraph.narrow_by = lines, cut
                paragraph._last_wrap = None  # its remembered line breaks were for other widths
            tops.append(top)
            top += paragraph.wrap(width, avail_height)[1]
        return max(top, figure_h), tops

    def _wrap_inner(self, width, avail_height):
        self._width_inner = width
        heights = [self._flow(figure, width, avail_height)[0] for figure in self.figures]
        self.figure = self.figures[heights.index(min(heights))]
        height, self._tops = self._flow(self.figure, width, avail_height)
        return height

    def _draw_inner(self, x, top):
        figure = self.figure
        figure.drawOn(self.canv, x + self._width_inner - figure.width, top - figure.height)
        for paragraph, offset in zip(self.paragraphs, self._tops):
            paragraph.drawOn(self.canv, x, top - offset - paragraph.height)

    def split(self, avail_width, avail_height):
        return []
