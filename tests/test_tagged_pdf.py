"""The tagged PDF (PDF/UA-1, issue 28): read back by tools nobody here wrote.

``pdfua`` (the machine-checkable part of PDF/UA-1, on pikepdf) checks the
handouts of the page-budget table (``test_pdf_layout.py``) and a summary;
``tests/pdf_ua.py`` checks what it does not (marks, the parent tree,
fields, fonts, nesting, headings); the tree is read back in reading order
and compared with the plan; pdf.js (Firefox's viewer) opens a handout.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pdf_ua import problems, reading_order
from pdfua import validate
from pypdf import PdfReader, PdfWriter

from mbcprep.cli import main
from mbcprep.model.form import form_fields
from mbcprep.model.request import Request
from mbcprep.plan import plan_handout
from mbcprep.render.pdf import render_pdf

PDFJS = Path(__file__).parent / "pdfjs"
FIVE = ("bones", "brain", "tiredness", "treatment-options", "side-effects")


def pdfua_findings(data: bytes, folder: Path) -> list[str]:
    path = folder / "checked.pdf"
    path.write_bytes(data)
    return [f"{finding.rule_id} {finding.message}" for finding in validate(str(path)).findings]


@pytest.fixture(scope="module")
def sheet(builtin_pack, clinic_profile, tmp_path_factory):
    """(plan, PDF bytes, path) of a handout, each made once for the module."""
    made = {}
    folder = tmp_path_factory.mktemp("tagged")

    def make(concerns=FIVE, **fields):
        key = (concerns, tuple(sorted(fields.items())))
        if key not in made:
            request = Request(concerns=concerns, patient_name="Ana Díaz", visit=dt.datetime(2026, 12, 3, 10, 30),
                              provider="Dr. Lee", clinic=clinic_profile, **fields)
            plan = plan_handout(request, builtin_pack)
            data = render_pdf(plan).data
            path = folder / f"sheet{len(made)}.pdf"
            path.write_bytes(data)
            made[key] = plan, data, path
        return made[key]

    return make


SHEETS = [dict(), dict(large_print=True, paper="a4"), dict(fillable=False), dict(brief=True)]


@pytest.mark.parametrize("fields", SHEETS)
def test_what_pdfua_does_not_check_holds(sheet, fields):
    """Every painting operator in one mark, no nesting, the parent tree right, every field in a Form element,
    /Tabs /S, every font embedded, lists and tables nested as the standard says, headings never skip a level."""
    _, _, path = sheet(**fields)
    assert problems(str(path)) == []


def test_pdfua_finds_an_untagged_pdf(sheet, tmp_path):
    """The checker can fail: the same handout without its tree and marks is reported."""
    _, data, _ = sheet()
    pdf = pikepdf.open(io.BytesIO(data))
    del pdf.Root["/StructTreeRoot"]
    del pdf.Root["/MarkInfo"]
    out = io.BytesIO()
    pdf.save(out)
    assert {finding.split()[0] for finding in pdfua_findings(out.getvalue(), tmp_path)} >= {"UA-01-005"}


def test_the_tree_reads_in_the_plans_order(sheet):
    plan, _, path = sheet()
    rows = reading_order(str(path))
    roles = [role.split(" ")[0] for _, role, _ in rows]
    assert roles[0] == "Document" and roles.count("H1") == 1
    headings = [text for _, role, text in rows if role == "H2"]
    assert headings == [part.heading for part in plan.parts if part.kind not in ("header", "sources")]
    panel, questions = plan.part("get_help_now"), plan.part("questions")
    captions = [group.caption.replace(" ", "") for group in panel.groups]
    titles = [concern.title for concern in plan.part("concern_notes").concerns]
    groups = [group.title for group in questions.groups]
    third = [text for _, role, text in rows if role == "H3"]
    assert [text.replace(" ", "") for text in third[:len(captions)]] == captions  # a caption may wrap
    assert third[len(captions):] == [*titles, *groups, *([questions.own_heading] if questions.own_fields else [])]
    # Every field, once, in the order the plan names them: the keyboard's order too (/Tabs /S).
    fields = [text.split(":")[0].removeprefix("[field ") for _, role, text in rows if role == "Form"]
    assert fields == [str(field["name"]) for field in form_fields(plan)]


def test_every_picture_is_a_figure_named_in_words(sheet):
    plan, _, path = sheet()
    figures = [role for _, role, _ in reading_order(str(path)) if role.startswith("Figure")]
    log = plan.part("symptom_log")
    expected = [plan.labels["thermometer_caption"], plan.part("concern_notes").concerns[0].sections[0].picture.caption,
                f"{log.scale_low} \u2026 {log.scale_high}"]
    assert [figure.removeprefix("Figure (Alt=").removesuffix(")") for figure in figures] == expected


def test_a_sign_and_its_reason_are_two_paragraphs_of_one_list_item(sheet):
    plan, _, path = sheet()
    rows = reading_order(str(path))
    sign = next(sign for group in plan.part("get_help_now").groups for sign in group.signs if sign.why)
    at = next(index for index, (_, role, text) in enumerate(rows) if role == "P" and text == sign.text)
    depth = rows[at][0]
    assert rows[at - 1][1] == "LBody" and rows[at - 2][1] == "Lbl" and rows[at - 3][1] == "LI"
    assert rows[at + 1] == (depth, "P", sign.why)


def test_headings_carried_to_the_next_page_are_not_read_again(sheet):
    plan, _, path = sheet(concerns=tuple(c for c in FIVE), large_print=True)
    pages = len(pikepdf.open(path).pages)
    assert pages > 2
    text = " ".join(text for _, _, text in reading_order(str(path)))
    assert plan.labels["continued"] not in text


def test_a_paragraph_split_over_two_pages_is_one_element():
    """One P with its content on two pages (the second an /MCR): a reader hears one paragraph, not two halves."""
    from reportlab.platypus import Frame, PageTemplate

    from mbcprep.render.pdf.flowables import para
    from mbcprep.render.pdf.fonts import load_fonts
    from mbcprep.render.pdf.kit import DocTemplate
    from mbcprep.render.pdf.structure import Node
    from mbcprep.render.pdf.styles import build_styles

    fonts = load_fonts()
    styles = build_styles(fonts)
    root = Node("Document")
    story = [para("Filler. " * 300, styles.body, tag=root.add("P")) for _ in range(3)]
    out = io.BytesIO()
    doc = DocTemplate(out, "letter", title="Split", language="en-US")
    doc.addPageTemplates([PageTemplate(id="page", frames=[Frame(72, 72, 468, 648)])])
    pdf = pikepdf.open(io.BytesIO(doc.build_tagged(story, root, fonts.regular.name)))
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)}
    spread = []
    for elem in pdf.Root.StructTreeRoot.K.K:
        kids = list(elem.K) if isinstance(elem.K, pikepdf.Array) else [elem.K]
        spread.append(sorted({pages[elem.Pg.objgen]} | {pages[kid.Pg.objgen] for kid in kids
                                                         if isinstance(kid, pikepdf.Dictionary)}))
    assert len(pdf.pages) >= 2 and any(len(on) == 2 for on in spread)


def test_catalog_metadata_and_title_never_name_the_person(sheet):
    plan, data, _ = sheet()
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    assert bool(root.MarkInfo.Marked) and str(root.Lang) == plan.language
    assert bool(root.ViewerPreferences.DisplayDocTitle) and root.PageMode == "/UseOutlines"
    xmp = root.Metadata.read_bytes().decode("utf-8")
    assert f"<rdf:li xml:lang=\"x-default\">{plan.document_title}</rdf:li>" in xmp and "pdfuaid:part>1<" in xmp
    assert "Ana" not in xmp and "Díaz" not in str(pdf.docinfo.get("/Title"))


def test_no_font_is_left_unembedded(sheet):
    _, _, path = sheet()
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and "Helvetica" not in fonts
    assert all(row.split()[-5] == "yes" for row in rows)  # the "emb" column


def test_tagged_output_is_deterministic(builtin_pack, clinic_profile):
    request = Request(concerns=("bones",), patient_name="Ana Díaz", clinic=clinic_profile)
    plan = plan_handout(request, builtin_pack)
    assert render_pdf(plan).data == render_pdf(plan).data


def test_a_summary_is_tagged_and_passes_pdfua(sheet, tmp_path):
    _, data, _ = sheet()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    values = {"top_question_1": "Can I keep working?", "answer_1": "Yes.", "symptom_1_1": "7",
              "medicine_1_1": "Letrozole", "notes": "Tired in the evenings."}
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    filled = tmp_path / "filled.pdf"
    with filled.open("wb") as out:
        writer.write(out)
    summary = tmp_path / "summary.pdf"
    result = CliRunner().invoke(main, ["summary", str(filled), "-o", str(summary)])
    assert result.exit_code == 0, result.output
    assert pdfua_findings(summary.read_bytes(), tmp_path) == []
    assert problems(str(summary)) == []
    rows = reading_order(str(summary))
    assert ("TD" in [role for _, role, _ in rows]) and any(text == "Letrozole" for _, _, text in rows)


def _pdfjs_ready() -> bool:
    return shutil.which("node") is not None and (PDFJS / "node_modules" / "pdfjs-dist").is_dir()


@pytest.mark.skipif(not _pdfjs_ready() and os.environ.get("CI") != "true",
                    reason="pdf.js: node and tests/pdfjs/node_modules (npm ci --prefix tests/pdfjs); CI installs them")
def test_pdfjs_reads_the_tree_the_fields_and_the_outline(sheet, tmp_path):
    plan, _, path = sheet()
    subprocess.run(["node", str(PDFJS / "struct.mjs"), str(path), str(tmp_path / "seen.json")], capture_output=True,
                   check=True, timeout=120)
    seen = json.loads((tmp_path / "seen.json").read_text(encoding="utf-8"))
    assert seen["markInfo"]["Marked"] is True and seen["pageMode"] == "UseOutlines"
    assert seen["title"] == seen["xmpTitle"] == plan.document_title
    assert seen["outline"] == [part.heading for part in plan.parts if part.kind not in ("header", "sources")]
    first = json.dumps(seen["pages"][0]["structTree"], ensure_ascii=False)
    for role in ("Document", "H1", "H2", "H3", "L", "LI", "Lbl", "LBody", "Figure"):
        assert f'"role": "{role}"' in first, role
    assert f'"alt": "{plan.labels["thermometer_caption"]}"' in first
    assert plan.part("get_help_now").heading in first  # the text layer joined to the tree
    every = json.dumps([page["structTree"] for page in seen["pages"]], ensure_ascii=False)
    assert '"role": "Form"' in every and '"annotation":' in every  # the fields, in the tree
    names = [annotation["alternativeText"] for page in seen["pages"] for annotation in page["annotations"]]
    assert len(names) == len(list(form_fields(plan))) and all(names)
    tables = [page for page in seen["pages"] if '"role": "TH"' in json.dumps(page["structTree"])]
    assert tables
