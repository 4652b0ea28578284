"""Pack format 2: signs defined once with one action, clashes caught, words explained, labels safe."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from mbcprep.cli import main
from mbcprep.errors import PackInvalid
from mbcprep.pack import load_pack
from mbcprep.pack.references import clashing_sign, sign_keys


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(pack_dir) -> list[str]:
    with pytest.raises(PackInvalid) as info:
        load_pack(pack_dir)
    return [str(e) for e in info.value.errors]


def check(pack_dir):
    return CliRunner().invoke(main, ["content", "check", str(pack_dir)])


def test_a_sign_joined_to_others_by_together_is_rejected(pack_copy):
    edit(pack_copy / "safety.toml", 'text = "New back or neck pain, even with no other signs"',
         'text = "Thirst, confusion and drowsiness together"')
    assert any('safety.toml: signs[4].text: joins several signs with "together"' in p for p in problems(pack_copy))


def test_the_same_sign_under_two_ids_is_rejected(pack_copy):
    with open(pack_copy / "safety.toml", "a", encoding="utf-8") as file:
        file.write('\n[[signs]]\nid = "limb-numbness-again"\nlevel = "call-today"\n'
                   'text = "new numbness, weakness or tingling in your arms or legs."\n')
    assert any("signs[5].text: is the same sign as signs[3]" in p for p in problems(pack_copy))


def test_a_concern_naming_a_missing_sign_is_rejected_with_a_hint(pack_copy):
    edit(pack_copy / "concerns/bones.toml", '"new-back-pain"]', '"new-back-pian"]')
    assert ('concerns/bones.toml: red_flags[1]: no sign in safety.toml has the id "new-back-pian" '
            '(did you mean "new-back-pain"?)') in problems(pack_copy)


def test_old_style_red_flag_tables_get_a_message_that_says_what_changed(pack_copy):
    edit(pack_copy / "concerns/bones.toml", 'red_flags = ["limb-numbness", "new-back-pain"]\n', "")
    with open(pack_copy / "concerns/bones.toml", "a", encoding="utf-8") as file:
        file.write('\n[[red_flags]]\nlevel = "emergency"\ntext = "New weakness"\n')
    assert any("red_flags: signs are defined once in safety.toml now" in p for p in problems(pack_copy))


def test_a_routine_sign_that_names_an_urgent_one_is_a_clash(pack_copy):
    edit(pack_copy / "concerns/bones.toml", '"swelling"]', '"numbness in your feet"]')
    [problem] = [p for p in problems(pack_copy) if "clash" in p]
    assert problem.startswith("concerns/bones.toml: sections[0].report_signs[1]: clash:")
    assert "limb-numbness" in problem and "emergency" in problem
    assert check(pack_copy).exit_code == 1


def test_the_clash_check_matches_whole_words_and_phrases():
    from mbcprep.model.content import Sign

    signs = sign_keys((Sign("chest", "emergency", "Chest pain", key_words=("chest pain",)),
                       Sign("fever", "call-now", "A fever", key_words=("fever",))))
    assert clashing_sign("mild chest pain when you cough", signs).id == "chest"
    assert clashing_sign("pain in your chest wall", signs) is None
    assert clashing_sign("feverish feeling", signs) is None
    assert clashing_sign("a fever.", signs).id == "fever"


def test_every_sheet_signs_and_levels_load(small_pack):
    every = [s.id for s in small_pack.signs if s.every_sheet]
    assert every == ["fever", "thoughts-of-suicide", "chest-pain"]
    assert small_pack.sign("fever").icon == "thermometer"
    assert small_pack.sign("thoughts-of-suicide").level == "crisis"


@pytest.mark.parametrize("label, problem", [
    ("Page {n} of {total", "has a { or } that does not belong to a field"),
    ("Page {n} of {total}}", "has a { or } that does not belong to a field"),
    ("Page {n:>99999999} of {total}", 'field "{n}" must be written plainly'),
    ("Page {n:{total}} of {total}", 'field "{n}" must be written plainly'),
    ("Page {n!r} of {total}", 'field "{n}" must be written plainly'),
    ("Page {n.real} of {total}", 'unknown field "{n.real}"'),
    ("Page {0} of {total}", 'unknown field "{0}"'),
    ("Page {} of {total}", 'unknown field "{}"'),
    ("Page {name} of {total}", 'unknown field "{name}"'),
])
def test_labels_that_would_crash_or_exhaust_memory_are_rejected(pack_copy, label, problem):
    edit(pack_copy / "wording.toml", 'page_footer = "Page {n} of {total}"', f'page_footer = "{label}"')
    found = problems(pack_copy)
    assert any(p.startswith("wording.toml: labels.page_footer: ") and problem in p for p in found), found
    result = check(pack_copy)
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_doubled_braces_print_a_brace(pack_copy):
    edit(pack_copy / "wording.toml", 'page_footer = "Page {n} of {total}"', 'page_footer = "{{{n}}} of {total}"')
    assert load_pack(pack_copy).labels["page_footer"].format(n=1, total=2) == "{1} of 2"


def test_content_check_lists_unexplained_words_long_signs_and_missing_key_points(pack_copy):
    edit(pack_copy / "glossary.toml", 'needs_explaining = ["metastatic", "radiation"]',
         'needs_explaining = ["metastatic", "radiation", "biopsy"]')
    edit(pack_copy / "safety.toml", 'text = "New back or neck pain, even with no other signs"',
         'text = "New back or neck pain, even with no other signs at all, on any day of any week"')
    edit(pack_copy / "concerns/treatment-options.toml", "key_points", "# key_points")
    result = check(pack_copy)
    assert result.exit_code == 0, result.output
    out = result.output
    assert 'glossary.toml: "biopsy" is used in concerns/treatment-options.toml but has no [[terms]] entry' in out
    assert "safety.toml: signs[4] (new-back-pain): 18 words; keep a sign to 15 or fewer" in out
    assert "concerns/treatment-options.toml: key_points: missing" in out


def test_content_check_grades_every_printed_part_and_shows_dale_chall(small_pack_dir):
    pytest.importorskip("textstat")
    out = check(small_pack_dir).output
    for where in ("concerns/bones.toml: key_points", "concerns/bones.toml: questions", "safety.toml: signs",
                  "questions.toml: groups[0]", "wording.toml: labels"):
        assert where in out, where
    assert "bones: Dale-Chall" in out
