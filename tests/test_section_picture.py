"""A section's picture (PEMAT-P item 15): the bones sheet's spine drawing, in each format, and its pack keys.

The pack names a drawing with ``picture = "spine"`` and says what it shows with ``picture_caption``; the
plan carries both on full sheets (the picture illustrates the section's body, which a brief sheet leaves out).
"""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from conftest import checked_request, handout_bytes, squash

from mbcprep.errors import PackInvalid
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.plan import plan_handout

#: Issue 22: the caption says it is the cancer, in a bone of the spine, that presses on the cord (not "a bone").
CAPTION = "The spinal cord runs inside the backbone. The circle: cancer in a bone of the spine, pressing on the cord."


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(pack_dir) -> list[str]:
    with pytest.raises(PackInvalid) as info:
        load_pack(pack_dir)
    return [str(e) for e in info.value.errors]


@pytest.fixture(scope="module")
def spanish_pack():
    return load_pack(builtin_pack_path("es"))


def bones_picture(plan):
    [section] = [s for c in plan.part("concern_notes").concerns for s in c.sections if s.picture is not None]
    return section, section.picture


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_full_bones_sheet_plans_the_spine_picture_with_its_caption(builtin_pack, spanish_pack, language):
    pack = builtin_pack if language == "en" else spanish_pack
    section, picture = bones_picture(plan_handout(checked_request(pack), pack))
    assert picture.name == "spine"
    assert picture.caption.strip() and picture.caption != section.summary
    if language == "en":
        assert picture.caption == CAPTION


def test_a_brief_sheet_has_no_picture(builtin_pack):
    plan = plan_handout(checked_request(builtin_pack, brief=True), builtin_pack)
    assert all(s.picture is None for c in plan.part("concern_notes").concerns for s in c.sections)
    assert "spinal cord runs" not in handout_bytes(checked_request(builtin_pack, brief=True), builtin_pack,
                                                   "txt").decode()


@pytest.mark.parametrize("large_print", [False, True])
def test_pdf_draws_the_spine_beside_the_bones_sections_opening_with_its_caption(builtin_pack, large_print):
    request = checked_request(builtin_pack, large_print=large_print)
    section, picture = bones_picture(plan_handout(request, builtin_pack))
    with pdfplumber.open(io.BytesIO(handout_bytes(request, builtin_pack))) as pdf:
        [page] = [p for p in pdf.pages if section.heading in squash(p.extract_text())]
        heading = page.search(section.heading)[0]
        # The drawing: on the right half, level with the section's first lines.
        top, bottom = heading["top"] - 2, heading["top"] + 100
        shapes = [s for s in page.curves + page.rects
                  if s["x0"] > page.width / 2 and top <= s["top"] and s["bottom"] <= bottom]
        assert len(shapes) >= 8, shapes  # five vertebrae, their arches, the cord, the ring
        # The caption, whole, beside the drawing (the page's text interleaves it with the summary's lines).
        left = min(s["x0"] for s in shapes)
        caption_words = page.crop((left, top, page.width, bottom)).extract_words()
        assert " ".join(w["text"] for w in caption_words).startswith(squash(picture.caption))
        # The summary flows on the left, beside it.
        summary = page.search(" ".join(section.summary.split()[:3]))[0]  # its first words: the line may break after
        assert summary["x1"] < left and summary["top"] < bottom


@pytest.mark.parametrize("language", ["en", "es"])
def test_html_draws_the_spine_as_an_svg_named_by_its_figcaption(builtin_pack, spanish_pack, language):
    pack = builtin_pack if language == "en" else spanish_pack
    request = checked_request(pack)
    _, picture = bones_picture(plan_handout(request, pack))
    page = handout_bytes(request, pack, "html").decode()
    figure = re.search(r'<figure class="section-picture">(.*?)</figure>', page, re.S)
    assert figure, "no figure"
    svg = re.search(r'<svg class="picture"[^>]*>', figure.group(1)).group(0)
    assert 'role="img"' in svg
    label = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
    caption = re.search(rf'<figcaption id="{re.escape(label)}"[^>]*>(.*?)</figcaption>', figure.group(1), re.S)
    assert caption and squash(caption.group(1)) == squash(picture.caption.replace("'", "&#39;"))
    # Beside the summary: the figure comes right after the section's heading, before its summary.
    section_at = page.index(figure.group(0))
    assert page.rindex("<h4>", 0, section_at) < section_at < page.index("<p>", section_at)


@pytest.mark.parametrize("language", ["en", "es"])
def test_text_leaves_the_picture_and_its_caption_out(builtin_pack, spanish_pack, language):
    """Plain text has no drawing, so a caption about "the circle" would describe nothing (issue 22)."""
    pack = builtin_pack if language == "en" else spanish_pack
    request = checked_request(pack)
    section, picture = bones_picture(plan_handout(request, pack))
    output = squash(handout_bytes(request, pack, "txt").decode())
    assert section.heading in output and squash(section.summary) in output
    assert squash(picture.caption) not in output and picture.caption.split(".")[-2].strip() not in output


def test_an_unknown_picture_is_a_pack_error_with_a_suggestion(pack_copy):
    edit(pack_copy / "concerns/bones.toml", "[[sections]]\n",
         '[[sections]]\npicture = "spinal"\npicture_caption = "The backbone."\n')
    assert any('concerns/bones.toml: sections[0].picture: "spinal" is not a picture mbcprep can draw' in p
               and 'did you mean "spine"' in p for p in problems(pack_copy)), problems(pack_copy)


def test_a_picture_needs_a_caption_and_a_caption_a_picture(pack_copy):
    edit(pack_copy / "concerns/bones.toml", "[[sections]]\n", '[[sections]]\npicture = "spine"\n')
    assert any("picture_caption" in p for p in problems(pack_copy)), problems(pack_copy)
    edit(pack_copy / "concerns/bones.toml", 'picture = "spine"\n', 'picture_caption = "The backbone."\n')
    assert any("caption with no picture" in p for p in problems(pack_copy)), problems(pack_copy)
