"""What ``mbcprep.render.pdf.compat`` assumes about ReportLab's insides, checked on the installed version.

When ReportLab is upgraded, this is where a broken assumption shows: check
the private attributes below still behave, then add the version to
``compat.CHECKED_WITH``.
"""

from __future__ import annotations

import reportlab
from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from mbcprep.render.pdf import compat


def test_reportlab_is_a_version_this_module_was_checked_with():
    assert reportlab.Version in compat.CHECKED_WITH, (
        f"ReportLab {reportlab.Version}: check mbcprep/render/pdf/compat.py against it, "
        "then add it to CHECKED_WITH")


def test_paragraph_line_breaks_live_on_blPara_and_are_reused_only_for_the_same_width():
    paragraph = compat.CachedParagraph("plenty of words to break " * 40, ParagraphStyle("t", fontSize=10, leading=12))
    wide = paragraph.wrap(300, 1000)
    layout = paragraph.blPara
    assert paragraph.wrap(300, 50) == wide and paragraph.blPara is layout
    narrow = paragraph.wrap(200, 1000)
    assert narrow[1] > wide[1] and paragraph.blPara is not layout
    assert paragraph.wrap(300, 1000) == wide
    del paragraph.blPara  # as Paragraph.split does when it gives up
    assert paragraph.wrap(300, 1000) == wide and paragraph.blPara is not None


def test_a_split_paragraph_does_not_reuse_the_whole_paragraphs_layout():
    paragraph = compat.CachedParagraph("plenty of words to break " * 40, ParagraphStyle("t", fontSize=10, leading=12))
    _, height = paragraph.wrap(300, 1000)
    first, rest = paragraph.split(300, height / 2)
    assert first.wrap(300, 1000)[1] + rest.wrap(300, 1000)[1] == height


def test_acroform_builds_fields_with_the_methods_shared_form_replaces():
    canvas = Canvas(None)
    form = compat.shared_form(canvas)
    assert form is canvas.acroForm and compat.shared_form(canvas) is form
    for name in ("makeFont", "checkboxAP", "txAP"):
        assert callable(getattr(form, name))
    form.textfield(name="a", x=10, y=10, width=100, height=20, fontName="Helvetica", fontSize=11)
    form.textfield(name="b", x=10, y=40, width=100, height=20, fontName="Helvetica", fontSize=11)
    form.checkbox(name="c", x=10, y=70, size=12)
    form.checkbox(name="d", x=10, y=90, size=12)


def test_shared_fonts_and_appearances_make_a_smaller_file_with_the_same_fields():
    from conftest import pdf_reader

    def page(shared: bool) -> bytes:
        canvas = Canvas(None, invariant=1)
        form = compat.shared_form(canvas) if shared else canvas.acroForm
        for n in range(3):
            form.textfield(name=f"t{n}", x=10, y=10 + 30 * n, width=100, height=20, fontName="Helvetica",
                           fontSize=11, borderWidth=0, fillColor=None, borderColor=None)
            form.checkbox(name=f"c{n}", x=150, y=10 + 30 * n, size=12, borderWidth=0, fillColor=None,
                          borderColor=None)
        canvas.showPage()
        return canvas.getpdfdata()

    plain, shared = page(False), page(True)
    assert set(pdf_reader(shared).get_fields()) == set(pdf_reader(plain).get_fields()) == {
        "t0", "t1", "t2", "c0", "c1", "c2"}
    assert len(shared) < len(plain)


def test_binary_streams_is_set_once_when_the_renderer_is_imported():
    assert rl_config.useA85 == 0
    compat.binary_streams()  # idempotent: nothing ever sets it back
    assert rl_config.useA85 == 0


def test_a_catalog_entry_of_our_own_is_written_for_that_canvas_only():
    from conftest import pdf_reader
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream

    canvas = Canvas(None, invariant=1)
    compat.set_catalog_entry(canvas, "MbcprepTest", PDFStream(PDFDictionary({"Type": PDFName("Test")}), b"data"))
    compat.set_catalog_entry(canvas, "MbcprepTest", PDFStream(PDFDictionary({"Type": PDFName("Test")}), b"again"))
    canvas.showPage()
    root = pdf_reader(canvas.getpdfdata()).trailer["/Root"]
    assert root["/MbcprepTest"].get_object().get_data() == b"again"  # a reference to the stream, set once
    other = Canvas(None, invariant=1)
    other.showPage()
    assert "/MbcprepTest" not in pdf_reader(other.getpdfdata()).trailer["/Root"]


def test_the_bullet_hook_runs_after_each_bullet_and_between_label_and_words():
    """``after_bullets``: ReportLab still draws a paragraph's bullet with ``paragraph._drawBullet``, before the
    paragraph's words; the hook runs once per bullet, with the canvas, after the bullet's text is written."""
    import io

    from reportlab.platypus import Paragraph

    from mbcprep.render.pdf import tagging  # noqa: F401 (tagging installs its hook)

    seen = []

    def hook(canvas):
        seen.append(len(canvas._code))  # how much of the page was written so far (PRIVATE _code)

    previous = compat._bullet_hook[0]
    compat.after_bullets(hook)
    try:
        canvas = Canvas(io.BytesIO())
        style = ParagraphStyle("b", leftIndent=20, bulletIndent=0)
        for text in ("one", "two"):
            item = Paragraph(f"WORDS{text}", style, bulletText="BULLET")
            item.wrap(200, 100)
            item.drawOn(canvas, 0, 0)
        code = "\n".join(canvas._code)
        assert len(seen) == 2
        first = "\n".join(canvas._code[:seen[0]])
        assert "BULLET" in first and "WORDSone" not in first and "WORDSone" in code
    finally:
        compat.after_bullets(previous)
