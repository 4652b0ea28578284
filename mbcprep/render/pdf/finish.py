"""After ReportLab has saved: the structure tree and the PDF/UA-1 catalog entries written in (pikepdf).

Input: ReportLab's bytes, the root ``Node`` (story order, with the content
items drawing added), and the document's title and language.  Output: the
tagged PDF's bytes.  What it writes (ISO 32000-1 14.7, ISO 14289-1):

- ``/StructTreeRoot`` with ``/K`` (the ``Document`` element), ``/ParentTree``
  (a flat number tree: each page's array of elements by MCID, then one entry
  per widget) and ``/ParentTreeNextKey``;
- each element: ``/S``, ``/P``, ``/Pg`` and ``/K`` (its child elements in
  story order, then its own content in drawing order: an MCID on its page,
  an ``/MCR`` for a piece on another page, an ``/OBJR`` for a widget), and
  ``/Alt``, ``/Lang``, ``/A`` (a table header's scope) where given.
  Elements with nothing drawn are left out, except table rows and cells;
- every page: ``/StructParents`` and ``/Tabs /S`` (fields in the tree's
  order); every widget: ``/StructParent``; an empty text field loses its
  appearance stream (ReportLab's names Helvetica, never embedded, and is
  shared between fields: a viewer makes a field's own when it is typed in);
- the catalog: ``/MarkInfo /Marked true``, ``/Lang``, ``/ViewerPreferences
  /DisplayDocTitle true``, ``/PageMode /UseOutlines`` when there is an
  outline, and ``/Metadata``: XMP with the title (the sheet's, never the
  person's), the language and ``pdfuaid:part 1``, and no date, so the same
  input still gives the same bytes.

Saved with object streams (qpdf packs the tree's hundreds of small
dictionaries, and ReportLab's own, into compressed streams): a tagged sheet
is smaller than the untagged one was.  ``pikepdf`` is imported here only.
"""

from __future__ import annotations

import io
from html import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from mbcprep.render.pdf.structure import KEEP_EMPTY, Node


def finish(data: bytes, root: Node, title: str, lang: str) -> bytes:
    """ReportLab's ``data`` with the structure tree of ``root`` and the catalog entries of a tagged PDF."""
    pdf = pikepdf.open(io.BytesIO(data))
    pages = [page.obj for page in pdf.pages]
    widgets = _widgets_by_page(pdf)
    tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    by_mcid: list[list] = [[] for _ in pages]
    widget_keys: list = []

    def element(node: Node, parent) -> pikepdf.Object | None:
        if node.role not in KEEP_EMPTY and not node.has_content():
            return None
        elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent))
        kids: list = []
        for child in node.children:
            made = element(child, elem)
            if made is not None:
                kids.append(made)
        home = None
        for page, mcid in node.items:
            if home is None:
                home = page
                elem.Pg = pages[page - 1]
            kids.append(mcid if page == home else Dictionary(Type=Name.MCR, Pg=pages[page - 1], MCID=mcid))
            slots = by_mcid[page - 1]
            slots.extend([None] * (mcid + 1 - len(slots)))
            slots[mcid] = elem
        for page, name in node.widgets:
            annot = widgets[page - 1][name]
            if home is None:
                home = page
                elem.Pg = pages[page - 1]
            kids.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=pages[page - 1]))
            annot.StructParent = len(pages) + len(widget_keys)
            widget_keys.append(elem)
            if annot.get("/FT") == Name.Tx and "/AP" in annot and not str(annot.get("/V", "")):
                del annot["/AP"]
        if kids:
            elem.K = Array(kids) if len(kids) > 1 else kids[0]
        if node.alt:
            elem.Alt = String(node.alt)
        if node.lang:
            elem.Lang = String(node.lang)
        if node.scope:
            elem.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
        return elem

    tree_root.K = element(root, tree_root)
    nums: list = []
    for index, page in enumerate(pages):
        slots = by_mcid[index]
        if None in slots:  # a mark with no element: a bug in the drawing, not the reader's problem to find
            raise ValueError(f"page {index + 1}: marked content {slots.index(None)} belongs to no element")
        nums += [index, pdf.make_indirect(Array(slots))]
        page.StructParents = index
        page.Tabs = Name.S
    for key, elem in enumerate(widget_keys, len(pages)):
        nums += [key, elem]
    tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    tree_root.ParentTreeNextKey = len(pages) + len(widget_keys)

    catalog = pdf.Root
    catalog.StructTreeRoot = tree_root
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.Lang = String(lang)
    preferences = catalog.get("/ViewerPreferences", Dictionary())
    preferences.DisplayDocTitle = True
    catalog.ViewerPreferences = preferences
    if "/Outlines" in catalog:
        catalog.PageMode = Name.UseOutlines
    catalog.Metadata = pdf.make_stream(xmp(title, lang).encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML)

    out = io.BytesIO()
    # The same bytes for the same input: qpdf writes in a fixed order, and the /ID is a digest of the content.
    pdf.save(out, min_version="1.7", object_stream_mode=pikepdf.ObjectStreamMode.generate,
             compress_streams=True, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def _widgets_by_page(pdf: pikepdf.Pdf) -> list[dict]:
    found = []
    for page in pdf.pages:
        named = {}
        for annot in page.obj.get("/Annots", ()):
            if annot.get("/Subtype") == Name.Widget and "/T" in annot:
                named[str(annot.T)] = annot
        found.append(named)
    return found


def xmp(title: str, lang: str) -> str:
    """XMP: the title (the sheet's, never the person's name), the language and ``pdfuaid:part`` 1; no dates."""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title, quote=False)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{escape(lang, quote=False)}</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
