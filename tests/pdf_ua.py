"""What ``pdfua`` cannot check, checked here; and the structure tree dumped in reading order.

Run:  .venv/bin/python checks.py out/tagged.pdf [--dump]

``problems(path)`` returns a list of strings, empty when the file passes:

- every painting operator (text, paths, images, XObjects, shadings) of
  every page is inside exactly one marked-content sequence; tagged
  sequences are never nested, nor an artifact inside tagged content or the
  reverse (ISO 14289-1 7.1, veraPDF 7.1-1..3);
- every MCID on a page is owned by exactly one element, and the page's
  /ParentTree array says the same element (ISO 32000-1 14.7.4.4);
- every widget has /TU, /StructParent and a /Form element holding an
  /OBJR to it; no two widgets share an appearance stream object;
- every page has /StructParents, and /Tabs /S when it has annotations;
- every font used (a Tf in any page, form XObject or appearance stream) is
  embedded (ISO 14289-1 7.21.4.1), and no font is left in a page's resources unused;
- element nesting: LI in L, Lbl/LBody in LI, TR in Table, TH/TD in TR,
  Figure with /Alt, TH with /Scope, headings start at H1 and never skip a level;
- catalog: /MarkInfo /Marked true, /Lang, /DisplayDocTitle, XMP with
  pdfuaid:part 1 and dc:title equal to the Info title, an outline shown on open.

``reading_order(path)`` walks the tree and returns (depth, role, text) rows,
the text of each content item taken from pdfplumber's characters by
(page, MCID): what a screen reader reads, in its order.
"""

from __future__ import annotations

import sys
from collections import defaultdict

import pdfplumber
import pikepdf
from pikepdf import Name

PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI", "INLINE IMAGE"}
LEVELS = {"H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "H6": 6}
PARENTS = {"LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"}, "TR": {"Table", "THead", "TBody", "TFoot"},
           "TH": {"TR"}, "TD": {"TR"}, "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"}}


def problems(path: str) -> list[str]:
    found: list[str] = []
    pdf = pikepdf.open(path)
    root = pdf.Root
    page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}

    # -- catalog -----------------------------------------------------------------------
    if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
        found.append("catalog: /MarkInfo /Marked is not true")
    if not str(root.get("/Lang", "")):
        found.append("catalog: no /Lang")
    if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
        found.append("catalog: /DisplayDocTitle is not true")
    if "/Outlines" in root and root.get("/PageMode") != Name.UseOutlines:
        found.append("catalog: the outline is not shown on open (/PageMode)")
    title = str(pdf.docinfo.get("/Title", ""))
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        if meta.get("pdfuaid:part") != "1":
            found.append("XMP: pdfuaid:part is not 1")
        if not title or meta.get("dc:title") != title:
            found.append(f"XMP: dc:title {meta.get('dc:title')!r} is not the Info title {title!r}")

    # -- structure tree: owners of MCIDs and OBJRs, nesting ---------------------------------
    tree = root.get("/StructTreeRoot")
    if tree is None:
        return found + ["no /StructTreeRoot"]
    owners: dict[tuple[int, int], list] = defaultdict(list)  # (page index, mcid) -> elements
    objr_owner: dict[tuple, pikepdf.Object] = {}
    headings: list[int] = []

    def visit(elem, parent_role: str) -> None:
        role = str(elem.S)[1:]
        if role in PARENTS and parent_role not in PARENTS[role]:
            found.append(f"structure: {role} inside {parent_role}")
        if role == "Figure" and not str(elem.get("/Alt", "")).strip():
            found.append("structure: Figure without /Alt")
        if role == "TH" and "/Scope" not in elem.get("/A", {}):
            found.append("structure: TH without /Scope")
        if role in LEVELS:
            headings.append(LEVELS[role])
        page = elem.get("/Pg")
        kids = elem.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        for kid in kids:
            if isinstance(kid, int):
                owners[(page_index[page.objgen], int(kid))].append(elem)
            elif kid.get("/Type") == Name.MCR:
                owners[(page_index[kid.get("/Pg", page).objgen], int(kid.MCID))].append(elem)
            elif kid.get("/Type") == Name.OBJR:
                objr_owner[kid.Obj.objgen] = elem
                if role != "Form" and kid.Obj.get("/Subtype") == Name.Widget:
                    found.append(f"structure: a widget under {role}, not Form")
            else:
                visit(kid, role)

    top = tree.K
    for elem in (list(top) if isinstance(top, pikepdf.Array) else [top]):
        visit(elem, "StructTreeRoot")
    if headings and headings[0] != 1:
        found.append(f"structure: the first heading is H{headings[0]}")
    for before, after in zip(headings, headings[1:]):
        if after > before + 1:
            found.append(f"structure: H{before} followed by H{after}")

    nums = list(tree.ParentTree.get("/Nums", []))
    parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}

    # -- pages: marked content, parent tree, tabs ----------------------------------------
    for index, page in enumerate(pdf.pages):
        where = f"page {index + 1}"
        key = page.obj.get("/StructParents")
        if key is None:
            found.append(f"{where}: no /StructParents")
            continue
        if "/Annots" in page.obj and page.obj.get("/Tabs") != Name.S:
            found.append(f"{where}: annotations but no /Tabs /S")
        mcids = _check_marks(page, where, found)
        slots = list(parent_tree.get(int(key), []))
        if len(slots) != len(mcids):
            found.append(f"{where}: {len(mcids)} MCIDs in the content, {len(slots)} in /ParentTree")
        for mcid in mcids:
            elems = owners.get((index, mcid), [])
            if len(elems) != 1:
                found.append(f"{where}: MCID {mcid} has {len(elems)} elements")
            elif mcid < len(slots) and slots[mcid].objgen != elems[0].objgen:
                found.append(f"{where}: MCID {mcid}: /ParentTree names another element")
        for (i, mcid) in owners:
            if i == index and mcid not in mcids:
                found.append(f"{where}: the tree names MCID {mcid}, not in the content")
        _check_fonts(page, where, found)

    # -- widgets ---------------------------------------------------------------------------
    seen_ap: dict[tuple, str] = {}
    for index, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != Name.Widget:
                continue
            name = str(annot.get("/T", "?"))
            if not str(annot.get("/TU", "")).strip():
                found.append(f"widget {name}: no /TU")
            key = annot.get("/StructParent")
            owner = objr_owner.get(annot.objgen)
            if key is None or owner is None:
                found.append(f"widget {name}: not in the structure tree")
            elif parent_tree.get(int(key)) is None or parent_tree[int(key)].objgen != owner.objgen:
                found.append(f"widget {name}: /StructParent does not lead to its Form element")
            normal = annot.get("/AP", {}).get("/N")
            if normal is not None and normal.is_indirect:
                other = seen_ap.setdefault(normal.objgen, name)
                if other != name:
                    found.append(f"widget {name}: shares its appearance stream with {other}")
    return found


def _check_marks(page, where: str, found: list[str]) -> set[int]:
    """Painting outside marks, and nesting; returns the page's MCIDs."""
    stack: list[str] = []  # "mcid", "artifact" or "other" for each open sequence
    mcids: set[int] = set()
    unmarked = 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if op == "BDC" else None
            if tag == "/Artifact":
                kind = "artifact"
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                kind = "mcid"
                mcid = int(props.MCID)
                if mcid in mcids:
                    found.append(f"{where}: MCID {mcid} used twice")
                mcids.add(mcid)
            else:
                kind = "other"
            if kind in ("mcid", "artifact") and any(k in ("mcid", "artifact") for k in stack):
                found.append(f"{where}: {kind} sequence nested in {stack}")
            stack.append(kind)
        elif op == "EMC":
            if not stack:
                found.append(f"{where}: EMC without BDC")
            else:
                stack.pop()
        elif op in PAINT and not any(k in ("mcid", "artifact") for k in stack):
            unmarked += 1
    if stack:
        found.append(f"{where}: {len(stack)} sequences left open")
    if unmarked:
        found.append(f"{where}: {unmarked} painting operators outside any marked content")
    return mcids


def _check_fonts(page, where: str, found: list[str]) -> None:
    """Fonts set with Tf in the page, its form XObjects and its widgets' appearances are embedded."""
    def used(stream_owner, resources, label, depth=0):
        fonts = resources.get("/Font", {}) if resources is not None else {}
        xobjects = resources.get("/XObject", {}) if resources is not None else {}
        names = set()
        for operands, operator in pikepdf.parse_content_stream(stream_owner):
            op = str(operator)
            if op == "Tf":
                names.add(str(operands[0]))
            elif op == "Do" and depth < 8:
                xobject = xobjects.get(str(operands[0]))
                if xobject is not None and xobject.get("/Subtype") == Name.Form:
                    used(xobject, xobject.get("/Resources", resources), f"{label} {operands[0]}", depth + 1)
        for name in names:
            font = fonts.get(name)
            if font is None:
                found.append(f"{where}: {label} uses font {name}, not in its resources")
            elif not _embedded(font):
                found.append(f"{where}: {label} uses {font.get('/BaseFont')}, not embedded")

    used(page, page.obj.get("/Resources"), "content")
    for annot in page.obj.get("/Annots", []):
        for state in annot.get("/AP", {}).values():
            if isinstance(state, pikepdf.Stream):
                used(state, state.get("/Resources"), f"appearance of {annot.get('/T')}")


def _fonts_of_forms(xobjects) -> set[str]:
    """ReportLab's form XObjects share the page's font resources: names used inside them count as used."""
    names = set()
    for xobject in xobjects.values():
        if xobject.get("/Subtype") == Name.Form:
            for operands, operator in pikepdf.parse_content_stream(xobject):
                if str(operator) == "Tf":
                    names.add(str(operands[0]))
    return names


def _embedded(font) -> bool:
    if font.get("/Subtype") == Name.Type0:
        font = font.DescendantFonts[0]
    if font.get("/Subtype") == Name.Type3:
        return True
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


# -- reading order ------------------------------------------------------------------------

def reading_order(path: str) -> list[tuple[int, str, str]]:
    """(depth, role, text) for every element, in the structure tree's order."""
    texts: dict[tuple[int, int], str] = defaultdict(str)
    with pdfplumber.open(path) as plumbed:
        for index, page in enumerate(plumbed.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    texts[(index, char["mcid"])] += char["text"]
    pdf = pikepdf.open(path)
    page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    rows: list[tuple[int, str, str]] = []

    def visit(elem, depth):
        role = str(elem.S)[1:]
        page = elem.get("/Pg")
        kids = elem.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        own, extra = [], []
        for kid in kids:
            if isinstance(kid, int):
                own.append(texts[(page_index[page.objgen], int(kid))])
            elif kid.get("/Type") == Name.MCR:
                own.append(texts[(page_index[kid.Pg.objgen], int(kid.MCID))])
            elif kid.get("/Type") == Name.OBJR:
                own.append(f"[field {kid.Obj.get('/T')}: {kid.Obj.get('/TU')}]")
        label = role
        for key in ("/Alt", "/Lang"):
            if key in elem:
                extra.append(f"{key[1:]}={elem[key]}")
        if "/A" in elem and "/Scope" in elem.A:
            extra.append(f"Scope={str(elem.A.Scope)[1:]}")

        rows.append((depth, label + (f" ({', '.join(extra)})" if extra else ""), " | ".join(own)))
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in (Name.MCR, Name.OBJR):
                visit(kid, depth + 1)

    top = pdf.Root.StructTreeRoot.K
    for elem in (list(top) if isinstance(top, pikepdf.Array) else [top]):
        visit(elem, 0)
    return rows


if __name__ == "__main__":
    target = sys.argv[1]
    issues = problems(target)
    for issue in issues:
        print("FAIL", issue)
    print(f"{target}: {len(issues)} problem(s)")
    if "--dump" in sys.argv:
        for depth, role, text in reading_order(target):
            print("  " * depth + role + (": " + text[:90] if text else ""))
    sys.exit(1 if issues else 0)
