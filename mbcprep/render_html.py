"""Plan -> HTML page and plain text, drawn by the Jinja2 templates in ``templates/``.

The HTML is the accessible version of the handout: one self-contained file
with semantic headings, real form controls and print CSS.  The text is for a
terminal or an email, wrapped at 78 columns.  Both draw the plan as it is, so
they carry the same parts, order and words as the PDF; every fixed word comes
from ``plan.labels``.  Jinja2 is imported only here, when a handout is drawn.
"""

from __future__ import annotations

import functools
import textwrap
from pathlib import Path

from mbcprep.resources import package_path
from mbcprep.model.plan import Plan

TEXT_WIDTH = 78
HTML_TEMPLATE = "handout.html.j2"
TEXT_TEMPLATE = "handout.txt.j2"
#: CSS ``@page`` sizes for the plan's paper names.
PAGE_SIZES = {"letter": "letter", "a4": "A4"}


def template_dir():
    """Where the templates are: inside the installed package, else the source checkout's ``templates/``.

    Wheels carry them as ``mbcprep/templates`` (see pyproject); a source
    checkout or editable install keeps them at the top level.
    """
    packaged = Path(package_path("templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


def render_html(plan: Plan) -> str:
    """The handout as one self-contained, accessible HTML page (autoescaped)."""
    template = _environment("html").get_template(HTML_TEMPLATE)
    return template.render(
        plan=plan,
        labels=plan.labels,
        page_size=PAGE_SIZES[plan.paper],
        logo=_logo_data_uri(plan.clinic_logo),
    )


def render_text(plan: Plan) -> str:
    """The handout as plain text wrapped at 78 columns."""
    template = _environment("txt").get_template(TEXT_TEMPLATE)
    text = template.render(plan=plan, labels=plan.labels, width=TEXT_WIDTH)
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=None)
def _environment(kind: str):
    import jinja2

    folder = template_dir()

    def load(name: str):
        source = folder / name
        if not source.is_file():
            return None
        return source.read_text(encoding="utf-8")

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=(kind == "html"),  # everything a person typed is escaped in the page
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(wrap=wrap, underline=underline, grid=grid, paragraphs=paragraphs)
    return env


def _logo_data_uri(logo) -> str | None:
    """The clinic logo inlined as a PNG or JPEG data: URI, so the page needs no other file.

    ``logo`` is the ``Logo`` checked when the clinic profile was read; a
    path (a ``Clinic`` made in code) is checked here the same way.
    """
    if logo is None:
        return None
    from mbcprep.logo import Logo, load_logo

    if not isinstance(logo, Logo):
        logo = load_logo(logo)
    return logo.data_uri()


# --------------------------------------------------------------------------
# Text filters: layout only, never words
# --------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Split a person's note into its non-empty lines, kept in order."""
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def wrap(text: str, width: int = TEXT_WIDTH, first: str = "", rest: str | None = None) -> str:
    """Wrap ``text`` with ``first`` before the first line and ``rest`` (default: spaces) before the others."""
    rest = " " * len(first) if rest is None else rest
    lines = textwrap.wrap(" ".join(str(text).split()), width=width, initial_indent=first,
                          subsequent_indent=rest, break_long_words=True, break_on_hyphens=False)
    return "\n".join(lines) if lines else first.rstrip()


def underline(text: str, char: str = "-", over: bool = False) -> str:
    """A heading with a rule under it (and over it), as long as its longest line."""
    wrapped = wrap(text)
    rule = char * min(TEXT_WIDTH, max(len(line) for line in wrapped.splitlines()))
    return f"{rule}\n{wrapped}\n{rule}" if over else f"{wrapped}\n{rule}"


def grid(headers, rows, even: bool = False, width: int = TEXT_WIDTH) -> str:
    """A ruled table of ``rows`` under ``headers``, fitting ``width`` columns.

    With ``even`` the columns share the width; otherwise every column but the
    first is as wide as its heading, and the first takes the rest (a symptom
    log: long symptom names, short day columns).
    """
    headers = [str(h) for h in headers]
    count = len(headers)
    space = width - (count + 1)  # one "|" between and around the columns
    if even:
        widths = [space // count] * count
        widths[0] += space - sum(widths)
    else:
        others = [max(len(h) + 2, 5) for h in headers[1:]]
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
