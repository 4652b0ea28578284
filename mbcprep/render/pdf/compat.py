"""Everything that depends on ReportLab's private attributes or global settings, in one place.

Checked with the ReportLab versions in ``CHECKED_WITH``;
``tests/test_reportlab_compat.py`` pins them and shows each assumption
still holds, so an upgrade that breaks one fails there and not as an odd
page in a handout.

- ``CachedParagraph`` reads the paragraph's line-break layout (``blPara``).
- ``shared_form`` replaces three methods of the canvas' ``AcroForm``
  (``makeFont``, ``checkboxAP``, ``txAP``) on that one form object.
- ``binary_streams`` sets the global ``rl_config.useA85`` once, at import.
- ``after_bullets`` wraps the module function ``paragraph._drawBullet`` once,
  so tagging can end a list item's label after its bullet.
- ``set_catalog_entry`` adds a key of our own to the document catalog, which
  ``Canvas.setCatalogEntry`` stores but the catalog only writes for the keys in
  its private ``__NoDefault__`` list.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as paragraph_module

#: ReportLab versions this module was checked with.
CHECKED_WITH = ("5.1.0",)


def binary_streams() -> None:
    """Write PDF streams as binary, never ASCII85: smaller, and faster to write.

    ``useA85`` is a process-wide setting that ReportLab reads while it
    writes each stream, so changing it around one render would race with
    another render in another thread (the web app renders in threads).
    It is set once, when the PDF renderer is imported, and never changed
    back; mbcprep is the only ReportLab user in its process.  ASCII85 only
    matters for 7-bit transports, which PDFs no longer travel over.
    """
    rl_config.useA85 = 0


binary_streams()


class CachedParagraph(Paragraph):
    """A Paragraph that remembers its line breaks for the width it was last wrapped at.

    Platypus wraps most paragraphs more than once at the same width (a
    container or table measures them, then the frame places them), and
    breaking lines is the costly part.  The remembered layout is used only
    while it is still the paragraph's own (``split`` may drop it).
    """

    #: (width, line breaks, size) of the last wrap.
    _last_wrap: tuple[float, object, tuple[float, float]] | None = None

    def wrap(self, availWidth, availHeight):
        last = self._last_wrap
        if last is not None and last[0] == availWidth and self.__dict__.get("blPara") is last[1]:
            self.width, self.height = last[2]
            return last[2]
        size = super().wrap(availWidth, availHeight)
        layout = self.__dict__.get("blPara")
        self._last_wrap = (availWidth, layout, size) if layout is not None else None
        return size


def shared_form(canv):
    """The canvas' AcroForm, with shared font objects and field appearances.

    ReportLab 5.1 writes a new (identical) font object for every text field,
    and because each appearance stream names its own copy, identical
    appearances are not shared either; remembering the first reference per
    font keeps a handout with a hundred fields tens of kilobytes smaller.

    It also draws every field's appearance streams afresh (six per check box,
    the slow part of a question page), only to find most of them identical
    to an earlier field's and reuse that field's objects.  Remembering each
    stream by its arguments skips the drawing; the output is byte for byte
    the same.  Only this canvas' form is changed, so renders in other
    threads are not affected.
    """
    form = canv.acroForm
    if not getattr(form, "_mbcprep_shared", False):
        make_font = form.makeFont
        made: dict = {}

        def shared_font(font_name):
            if font_name not in made:
                made[font_name] = make_font(font_name)
            return made[font_name]

        form.makeFont = shared_font
        form.checkboxAP = _remembered(form.checkboxAP)
        form.txAP = _remembered(form.txAP)
        form._mbcprep_shared = True
    return form


def _remembered(make_stream):
    """``make_stream`` (an appearance-stream method), returning the same stream for the same arguments."""
    made: dict = {}

    def remembered(*args, **kw):
        # Colours compare by value, so the class is part of the key: RGB is never CMYK.
        key = (*((type(a).__name__, a) for a in args),
               *sorted((k, type(v).__name__, v) for k, v in kw.items()))
        try:
            stream = made.get(key)
        except TypeError:  # an unhashable argument (a list of choices): not remembered
            return make_stream(*args, **kw)
        if stream is None:
            stream = made[key] = make_stream(*args, **kw)
        return stream

    return remembered


def set_catalog_entry(canv, key: str, value) -> None:
    """Put ``key`` (not one of the PDF standard's catalog keys) in the document catalog.

    ``PDFCatalog.format`` writes only the keys named in its class attribute
    ``__NoDefault__``; this catalog, and no other, gets its own list with
    ``key`` added.  ``value`` is a ReportLab PDF object (an object that is
    only ever referenced, such as a stream, is written as a reference).
    """
    catalog = canv._doc.Catalog
    known = list(getattr(catalog, "__NoDefault__"))
    if key not in known:
        setattr(catalog, "__NoDefault__", [*known, key])
    setattr(catalog, key, value)


def after_bullets(hook) -> None:
    """Call ``hook(canvas)`` each time a paragraph has drawn its bullet (``bulletText``), once installed.

    ReportLab draws a paragraph's bullet with the module function
    ``reportlab.platypus.paragraph._drawBullet`` in the middle of the
    paragraph's own text; tagging needs that moment, to end the list item's
    label (``Lbl``) and begin its body (``LBody``).  The function is wrapped
    once, for the whole process; the wrapper only calls ``hook`` after it,
    and ``hook`` does nothing on a canvas that is not tagged.
    """
    _bullet_hook[0] = hook
    if getattr(paragraph_module._drawBullet, "_mbcprep_wrapped", False):
        return
    draw_bullet = paragraph_module._drawBullet

    def drawn_bullet(canvas, offset, cur_y, bulletText, style, rtl):  # noqa: N803 (ReportLab's names)
        result = draw_bullet(canvas, offset, cur_y, bulletText, style, rtl)
        _bullet_hook[0](canvas)
        return result

    setattr(drawn_bullet, "_mbcprep_wrapped", True)
    paragraph_module._drawBullet = drawn_bullet


#: The hook ``after_bullets`` installed (one for the process).
_bullet_hook: list = [lambda canvas: None]
