"""``Columns``: short items (signs, topics) in balanced columns, read down each column.

Apart from the other containers (``mbcprep.render.pdf.layout``) because
choosing the columns is a search of its own: the number of columns, the
share of the width each gets, and the cut points between items.
"""

from __future__ import annotations

from typing import Sequence

from reportlab.platypus import Flowable


class Columns(Flowable):
    """Short items in balanced columns, read down the first column, then the next.

    The number of columns is the one (up to ``most``, at least ``least``
    when there are that many items) that makes the shortest block, fewer
    when that is nearly as short.  Two columns may share the width
    unequally (``shares``: the first column's share of it) when that
    saves a line: long signs in the wider column stay on one line.
    Breaks between items, with at least ``keep`` items in each piece; each
    piece is balanced again.
    """

    #: A layout with fewer columns is kept unless more columns save this share of its height.
    FEWER_COLUMNS_BIAS = 0.15
    #: Unequal columns only when they are at least this much shorter than equal ones.
    UNEQUAL_SAVING = 4.0

    def __init__(self, items: Sequence[Flowable], most: int, gutter: float, gap: float, min_width: float = 0,
                 least: int = 1, shares: Sequence[float] = (0.5,), keep: int = 1,
                 _measured: dict[tuple[int, float, float], float] | None = None):
        super().__init__()
        self.items = list(items)
        self.most = max(1, min(most, len(self.items)))
        self.least = max(1, min(least, self.most))
        self.gutter = gutter
        self.gap = gap
        self.min_width = min_width  # no column narrower than this
        self.shares = sorted(shares, key=lambda share: abs(share - 0.5))  # equal first
        self.keep = keep  # items in each piece at least, when it breaks
        #: Each item's height at a width, shared with the pieces a split makes: finding where to break
        #: tries one piece after another, each a search over the same items at the same widths.
        self._measured = {} if _measured is None else _measured
        self._columns: list[list[tuple[Flowable, float]]] = []
        self._widths: list[float] = []

    def _height(self, heights: Sequence[float]) -> float:
        return sum(heights) + self.gap * max(len(heights) - 1, 0)

    def _layouts(self, avail_width: float):
        """Each way to lay the items out: the column widths, fewer columns and equal widths first."""
        for count in range(self.least, min(self.most, 3) + 1):
            inner = avail_width - (count - 1) * self.gutter
            if count == 2:
                for share in self.shares:
                    yield (inner * share, inner * (1 - share))
            else:
                yield (inner / count,) * count

    def _balance(self, heights: dict[float, list[float]], widths: Sequence[float]) -> tuple[float, float, list[int]]:
        """The cut points that split the items, in order, into columns of ``widths``.

        The lowest tallest column wins; among cuts as low as that, the one
        whose columns are shortest together (the fewest wrapped lines), then
        the one with the longer first column.
        Returns the tallest column's height, the columns' heights together, the cuts.
        """
        n = len(self.items)
        count = len(widths)
        if count == 1 or n < 2:
            tall = self._height(heights[widths[0]])
            return tall, tall, []
        # Later cuts first: of two as good, the one with the longer first column wins.
        if count == 2:
            cut_sets = ([a] for a in range(n - 1, 0, -1))
        else:
            cut_sets = ([a, b] for a in range(n - 2, 0, -1) for b in range(n - 1, a, -1))
        best: tuple[float, float, list[int]] | None = None
        for cuts in cut_sets:
            bounds = [0, *cuts, n]
            columns = [self._height(heights[widths[i]][bounds[i]:bounds[i + 1]]) for i in range(count)]
            tall, total = max(columns), sum(columns)
            if best is None or tall < best[0] - 1e-6 or (tall <= best[0] + 1e-6 and total < best[1] - 1e-6):
                best = (tall, total, cuts)
        assert best is not None  # two items or more in two columns or more: at least one cut
        return best

    def _heights(self, widths: list[float], avail_height: float) -> dict[float, list[float]]:
        """Each item's height at each of ``widths`` (sorted), wrapping as few times as it can.

        Greedy line breaking never needs more lines at a wider width, so an
        item as tall at two widths is that tall at every width between them:
        most signs are one line at all 18 widths and are wrapped twice, not 18 times.
        """
        heights = {width: [0.0] * len(self.items) for width in widths}
        measured = self._measured
        for index, item in enumerate(self.items):
            def height(width: float) -> float:
                key = (id(item), width, avail_height)
                if key not in measured:
                    measured[key] = item.wrap(width, avail_height)[1]
                return measured[key]

            def fill(low: int, high: int, low_h: float, high_h: float) -> None:
                if low_h == high_h:
                    for k in range(low, high + 1):
                        heights[widths[k]][index] = low_h
                    return
                if high - low <= 1:
                    heights[widths[low]][index], heights[widths[high]][index] = low_h, high_h
                    return
                middle = (low + high) // 2
                middle_h = height(widths[middle])
                fill(low, middle, low_h, middle_h)
                fill(middle, high, middle_h, high_h)

            last = len(widths) - 1
            fill(0, last, height(widths[0]), height(widths[last]) if last else height(widths[0]))
        return heights

    def _choose(self, avail_width: float, avail_height: float):
        """The layout: (tallest column, widths, cuts)."""
        layouts = [widths for widths in self._layouts(avail_width)
                   if not (len(widths) > self.least and min(widths) < self.min_width)]
        heights = self._heights(sorted({width for widths in layouts for width in widths}), avail_height)
        by_count: dict[int, list[tuple[float, float, int, tuple[float, ...], list[int]]]] = {}
        for rank, widths in enumerate(layouts):
            tall, total, cuts = self._balance(heights, widths)
            by_count.setdefault(len(widths), []).append((tall, total, rank, widths, cuts))
        choice = None
        for count in sorted(by_count):
            layouts = by_count[count]
            lowest = min(tall for tall, *_ in layouts)
            fewest = min(total for tall, total, *_ in layouts if tall <= lowest + 1e-6)
            # The first layout (equal widths first) within UNEQUAL_SAVING of the lowest, fewest lines.
            best = next(layout for layout in sorted(layouts, key=lambda layout: layout[2])
                        if layout[0] <= lowest + self.UNEQUAL_SAVING and layout[1] <= fewest + self.UNEQUAL_SAVING)
            if choice is None or best[0] < choice[0] * (1 - self.FEWER_COLUMNS_BIAS):
                choice = best
        assert choice is not None  # every item fits one column at least: there is a layout
        tall, _, _, widths, cuts = choice
        return tall, widths, cuts

    def wrap(self, avail_width, avail_height):
        # Platypus wraps a flowable several times at the same size (to measure it, to place it);
        # choosing the columns tries up to 18 widths, so the choice is kept for the size it was made at.
        key = (avail_width, avail_height)
        chosen = getattr(self, "_chosen", None)
        if chosen is None or chosen[0] != key:
            chosen = self._chosen = (key, self._choose(avail_width, avail_height))
        tall, widths, cuts = chosen[1]
        bounds = [0, *cuts, len(self.items)]
        self._columns = []
        for i, width in enumerate(widths):
            column = self.items[bounds[i]:bounds[i + 1]]
            self._columns.append([(item, item.wrap(width, avail_height)[1]) for item in column])
        self._widths = list(widths)
        self.width, self.height = avail_width, tall
        return self.width, self.height

    def draw(self):
        x = 0.0
        for column, width in zip(self._columns, self._widths):
            y = self.height
            for item, h in column:
                y -= h
                item.drawOn(self.canv, x, y)
                y -= self.gap
            x += width + self.gutter

    def _piece(self, items) -> Columns:
        return Columns(items, self.most, self.gutter, self.gap, self.min_width, self.least, self.shares, self.keep,
                       self._measured)

    def split(self, avail_width, avail_height):
        best = 0
        for size in range(self.keep, len(self.items) - self.keep + 1):
            if self._piece(self.items[:size]).wrap(avail_width, avail_height)[1] <= avail_height:
                best = size
            else:
                break
        if not best:
            return []
        return [self._piece(self.items[:best]), self._piece(self.items[best:])]
