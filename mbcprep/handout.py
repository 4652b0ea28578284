"""The library's front door: one request in, one finished handout out (no Click here)."""

from __future__ import annotations

from dataclasses import dataclass

from mbcprep.model.content import Pack
from mbcprep.model.plan import Plan
from mbcprep.model.request import Request


@dataclass(frozen=True)
class Handout:
    """A finished handout: its bytes, format, and (for PDF) the page count.

    The page count comes from the renderer, so callers that report it need
    not import pypdf to read the PDF back.
    """

    data: bytes
    fmt: str
    pages: int | None = None


def render(plan: Plan, fmt: str = "pdf") -> Handout:
    """Draw a plan in one of the output formats (``mbcprep.render.OUTPUT_FORMATS``)."""
    from mbcprep.render import renderer

    data, pages = renderer(fmt)(plan)
    return Handout(data, fmt, pages)


def make_handout(request: Request, pack: Pack | None = None, fmt: str = "pdf") -> Handout:
    """Plan and render one handout; the built-in pack when ``pack`` is None.

    Raises ``RequestError`` (bad request, text over its limit, characters the font cannot print)
    or ``PackInvalid`` (the pack has problems), each with a one-line message.
    """
    from mbcprep.pack import load_pack
    from mbcprep.plan import plan_handout

    pack = pack if pack is not None else load_pack()
    return render(plan_handout(request, pack), fmt)


def build_handout(request: Request, pack: Pack | None = None, fmt: str = "pdf") -> bytes:
    """The handout's bytes: ``make_handout(...).data``."""
    return make_handout(request, pack, fmt).data
