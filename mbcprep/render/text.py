"""Plan -> plain text, 78 columns (``templates/handout.txt.j2``): for a terminal, an email or a screen reader.

The same parts in the same order with the same words as the PDF and the
HTML; drawings become their captions and the 0-10 scale its words.  The
filters below do layout only (wrapping, rules, boxes, tables), never words.
"""

from __future__ import annotations

import functools
import re
import textwrap

from mbcprep.formats import HANDOUT_FORMATS, Document
from mbcprep.model.plan import Plan
from mbcprep.render.templating import environment

TEMPLATE = "handout.txt.j2"
TEXT_WIDTH = 78


def render_text(plan: Plan) -> Document:
    """The handout as UTF-8 text: no line longer than ``TEXT_WIDTH`` (but for a web address longer than that,
    which is never cut), no trailing spaces."""
    text = _template().render(plan=plan, labels=plan.labels, width=TEXT_WIDTH)
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return Document(("\n".join(lines) + "\n").encode("utf-8"), HANDOUT_FORMATS["txt"])


@functools.cache
def _template():
    env = environment(autoescape=False, filters={"wrap": wrap, "underline": underline, "grid": grid,
                                                 "boxed": boxed, "spread": spread, "note_lines": note_lines})
    return env.get_template(TEMPLATE)


def note_lines(text: str) -> list[str]:
    """A person's note as its non-empty lines, in order (they may have typed several)."""
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def wrap(text: str, width: int = TEXT_WIDTH, first: str = "", rest: str | None = None) -> str:
    """Wrap ``text`` with ``first`` before its first line and ``rest`` (default: as many spaces) before the others.

    A web address is never broken: the brackets and stops around it may go
    on other lines, the address itself stays whole on one.
    """
    rest = " " * len(first) if rest is None else rest
    wrapper = _AddressKeepingWrapper(width=width, initial_indent=first, subsequent_indent=rest,
                                     break_long_words=True, break_on_hyphens=False)
    lines = wrapper.wrap(" ".join(str(text).split()))
    return "\n".join(lines) if lines else first.rstrip()


class _AddressKeepingWrapper(textwrap.TextWrapper):
    """Splits a word that holds a web address from the stops after it ("(https://...", ");"), and from
    the bracket before it too where the two do not fit on a line: a line may end next to an address,
    never inside it."""

    _ADDRESS = re.compile(r"(https?://[^\s()<>]*[^\s()<>.,;:!?])")

    def _split(self, text):
        room = self.width - max(len(self.initial_indent), len(self.subsequent_indent))
        chunks = []
        for chunk in super()._split(text):
            if "://" not in chunk:
                chunks.append(chunk)
                continue
            before, address, *after = self._ADDRESS.split(chunk, maxsplit=1)
            opening = [before + address] if len(before + address) <= room else [before, address]
            chunks += [piece for piece in [*opening, *after] if piece]
        return chunks

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        """An address longer than a line gets a line of its own, whole, rather than being cut."""
        if "://" not in reversed_chunks[-1]:
            super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())


def spread(items, width: int = TEXT_WIDTH, gap: int = 3, indent: str = "  ") -> str:
    """Items on a line with ``gap`` spaces between them, wrapped between items (the 0-10 scale in words)."""
    lines: list[str] = []
    line = indent
    for item in (" ".join(str(item).split()) for item in items):
        if line.strip() and len(line) + gap + len(item) > width:
            lines.append(line)
            line = indent
        line += (" " * gap if line.strip() else "") + item
    lines.append(line)
    return "\n".join(lines)


def underline(text: str, char: str = "-", over: bool = False, width: int = TEXT_WIDTH) -> str:
    """A heading with a rule under it (and over it), as long as its longest line."""
    wrapped = wrap(text, width)
    rule = char * max(len(line) for line in wrapped.splitlines())
    return f"{rule}\n{wrapped}\n{rule}" if over else f"{wrapped}\n{rule}"


def boxed(text: str, width: int = TEXT_WIDTH) -> str:
    """Lines already wrapped to ``width - 4`` drawn inside a ruled box ``width`` wide."""
    rule = "+" + "-" * (width - 2) + "+"
    inner = width - 4
    body = [f"| {line:<{inner}} |" for line in str(text).strip("\n").splitlines()]
    return "\n".join([rule, *body, rule])


def grid(headers, rows, even: bool = False, width: int = TEXT_WIDTH) -> str:
    """A ruled table of ``rows`` under ``headers``, fitting ``width`` columns.

    With ``even`` (or when the headings leave the first column too little) the
    columns share the width; otherwise every column but the first is as wide
    as its heading, and the first takes the rest (a symptom log: long symptom
    names, short day columns).
    """
    headers = [str(h) for h in headers]
    count = len(headers)
    space = width - (count + 1)  # one "|" between and around the columns
    others = [max(len(h) + 2, 5) for h in headers[1:]]
    if even or space - sum(others) < 12:
        widths = [space // count] * count
        widths[0] += space - sum(widths)
    else:
        widths = [max(12, space - sum(others))] + others
    rule = "+" + "+".join("-" * w for w in widths) + "+"

    def row_lines(cells) -> list[str]:
        wrapped = [textwrap.wrap(str(cell), width=max(1, w - 2)) or [""] for cell, w in zip(cells, widths)]
        height = max(len(c) for c in wrapped)
        return ["|" + "|".join(f" {(col[i] if i < len(col) else ''):<{w - 2}} " for col, w in zip(wrapped, widths))
                + "|" for i in range(height)]

    lines = [rule, *row_lines(headers), rule.replace("-", "=")]
    for cells in rows:
        lines += row_lines(cells)
        lines.append(rule)
    return "\n".join(lines)
