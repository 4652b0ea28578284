"""Plan -> one self-contained, accessible HTML page (``templates/handout.html.j2``).

The page is the screen and screen-reader version of the handout: semantic
headings, real form controls with names, inline SVG drawings with text
alternatives, and print CSS so it prints cleanly from a browser.  It loads
nothing else (the clinic logo is inlined as a data URI) and runs no script.
Every word comes from the plan; everything a person typed is escaped.
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup

from mbcprep.constants import PAPERS
from mbcprep.formats import HANDOUT_FORMATS, Document
from mbcprep.model.plan import Plan
from mbcprep.render.templating import environment

TEMPLATE = "handout.html.j2"


def render_html(plan: Plan) -> Document:
    """The handout as one HTML page, UTF-8."""
    page = _template().render(plan=plan, labels=plan.labels, page_size=PAPERS[plan.paper].css)
    return Document(page.encode("utf-8"), HANDOUT_FORMATS["html"])


@functools.cache
def _template():
    env = environment(autoescape=True, filters={"css_string": css_string, "css_page_counter": css_page_counter,
                                                "tel_links": tel_links})
    env.globals.update(clinic_logo=clinic_logo)
    return env.get_template(TEMPLATE)


#: A number to call in the handout's words: 911, 988, or a phone number of 7 digits or more ("(555) 010-4477").
CALLABLE = re.compile(r"(?<![\w.(])(?:911|988|\+?\(?\d[\d ().-]{5,}\d)(?![\w])")


def tel_links(text: str) -> Markup:
    """``text``, escaped, with each number to call a ``tel:`` link: a tap on a phone calls it."""
    def link(found: re.Match) -> str:
        number = found.group(0)
        digits = re.sub(r"[^\d+]", "", number)
        if len(digits) not in (3, *range(7, 16)):
            return number
        return f'<a href="tel:{digits}">{number}</a>'

    return Markup(CALLABLE.sub(link, str(Markup.escape(text))))


def css_string(text: str) -> Markup:
    """A quoted CSS string that no text can break out of: every character but ASCII letters and digits escaped.

    For the running head printed in the page margin, which holds the person's name.
    """
    return Markup('"' + "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in str(text)) + '"')


def css_page_counter(label: str) -> Markup:
    """A page label such as "Page {n} of {total}" as CSS ``content``: words quoted, numbers as page counters."""
    counters = {"{n}": "counter(page)", "{total}": "counter(pages)"}
    pieces = re.split(r"(\{n\}|\{total\})", label)
    return Markup(" ".join(counters.get(piece) or css_string(piece) for piece in pieces if piece))


def clinic_logo(logo) -> str | None:
    """The clinic logo (checked by the planner) as a ``data:`` URI, so the page needs no other file."""
    return logo.data_uri() if logo is not None else None
