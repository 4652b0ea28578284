"""The library's front door: one request in, one finished handout out (no Click here)."""

from __future__ import annotations

from mbcprep.model import FORMATS, Pack, Plan, Request


def render(plan: Plan, fmt: str = "pdf") -> bytes:
    """Draw a plan in one of the output formats. Renderers are imported on demand."""
    if fmt == "pdf":
        from mbcprep.render_pdf import render_pdf

        return render_pdf(plan)
    if fmt == "html":
        from mbcprep.render_html import render_html

        return render_html(plan).encode("utf-8")
    if fmt == "txt":
        from mbcprep.render_html import render_text

        return render_text(plan).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")


def build_handout(request: Request, pack: Pack | None = None, fmt: str = "pdf") -> bytes:
    """Plan and render one handout; the built-in pack when ``pack`` is None.

    Raises ``RequestError`` (bad request, characters the font cannot print)
    or ``PackInvalid`` (the pack has problems), each with a one-line message.
    """
    from mbcprep.pack import load_pack
    from mbcprep.plan import plan_handout

    if fmt == "pdf":
        from mbcprep.fonts import check_request_fonts

        check_request_fonts(request)
    pack = pack if pack is not None else load_pack()
    return render(plan_handout(request, pack), fmt)
