"""The Spanish pack says what the English one says: same concerns, signs, questions and placeholders."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from mbcprep.cli import main
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.review.translation import translation_problems


def test_the_spanish_pack_matches_the_english_one_part_for_part():
    assert translation_problems(load_pack(builtin_pack_path("en")), load_pack(builtin_pack_path("es"))) == []


def test_the_spanish_pack_reads_easily_by_a_spanish_formula():
    from mbcprep.review import readability

    pytest.importorskip("textstat")
    spanish = load_pack(builtin_pack_path("es"))
    scale = readability.scale_for(spanish.meta.language)
    assert scale.name == "Fernandez-Huerta"
    parts = list(readability.iter_text(spanish))
    hard = [(p.where, scale.score(p.text)) for p in parts if scale.too_hard(scale.score(p.text), scale.part_limit)]
    assert hard == []
    assert scale.score("\n".join(p.text for p in parts)) >= 75
    assert [s for p in parts for s in readability.long_sentences(p.text)] == []


def test_a_dropped_sign_or_question_or_placeholder_is_reported(tmp_path):
    import shutil

    copy = tmp_path / "es"
    shutil.copytree(builtin_pack_path("es"), copy)
    bones = copy / "concerns/bones.toml"
    text = bones.read_text(encoding="utf-8")
    bones.write_text(text.replace(', "pain-new-place"]', ']', 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["content", "check", str(copy), "--compare-with", "en"])
    assert "concerns/bones.toml: red_flags:" in result.output
    assert "the original has" in result.output
