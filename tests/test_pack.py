"""Loading and validating content packs: every problem listed, file and key named."""

from __future__ import annotations

import datetime as dt

import pytest

from mbcprep.errors import PackInvalid
from mbcprep.model.content import BulletList, Paragraph
from mbcprep.pack import load_pack
from mbcprep.pack.tables import split_blocks


def problems(pack_dir) -> list[str]:
    with pytest.raises(PackInvalid) as info:
        load_pack(pack_dir)
    return [str(e) for e in info.value.errors]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_small_pack_loads_in_concern_order(small_pack):
    assert small_pack.concern_ids == ("bones", "treatment-options", "stopping-treatment")
    assert small_pack.meta.language == "en-US"
    assert small_pack.meta.last_reviewed == dt.date(2026, 11, 25)
    assert small_pack.concern("bones").category == "symptoms"
    assert small_pack.labels["page_footer"] == "Page {n} of {total}"


def test_builtin_pack_loads():
    pack = load_pack()
    assert "bones" in pack.concern_ids


def test_body_text_becomes_paragraphs_and_bullets():
    blocks = split_blocks("One line\ncontinues.\n\nIntro:\n- first\n- second\n  wraps\n\nLast.")
    assert blocks == (
        Paragraph("One line continues."),
        Paragraph("Intro:"),
        BulletList(("first", "second wraps")),
        Paragraph("Last."),
    )


def test_missing_question_text_names_file_and_index(pack_copy):
    edit(pack_copy / "concerns/bones.toml", 'text = "What activities are safe for me?"', 'priority = "normal"')
    assert 'concerns/bones.toml: questions[2]: missing "text"' in problems(pack_copy)


def test_unknown_key_suggests_the_right_one(pack_copy):
    edit(pack_copy / "concerns/bones.toml", "keywords =", "keywrods =")
    assert ('concerns/bones.toml: keywrods: unknown key "keywrods" (did you mean "keywords"?)'
            in problems(pack_copy))


def test_syntax_error_reports_line_number(pack_copy):
    edit(pack_copy / "concerns/bones.toml", 'title = "Bone pain', 'title "Bone pain')
    [message] = problems(pack_copy)
    assert message.startswith("concerns/bones.toml: TOML syntax error:")
    assert "line 2" in message


def test_wrong_type_is_named(pack_copy):
    edit(pack_copy / "concerns/bones.toml", 'category = "symptoms"', "category = 3")
    assert "concerns/bones.toml: category: must be text, not a whole number" in problems(pack_copy)


def test_sign_level_outside_allowed_set(pack_copy):
    edit(pack_copy / "safety.toml", 'level = "emergency"', 'level = "urgent"')
    assert ('safety.toml: signs[2].level: "urgent" is not one of: emergency, crisis, call-now, call-today'
            in problems(pack_copy))


def test_related_id_that_does_not_exist(pack_copy):
    edit(pack_copy / "concerns/bones.toml", 'related = ["treatment-options"]', 'related = ["treatment-option"]')
    assert ('concerns/bones.toml: related[0]: no concern has the id "treatment-option" '
            '(did you mean "treatment-options"?)' in problems(pack_copy))


def test_duplicate_id(pack_copy):
    text = (pack_copy / "concerns/bones.toml").read_text(encoding="utf-8")
    (pack_copy / "concerns/bones-copy.toml").write_text(text, encoding="utf-8")
    assert 'concerns/bones.toml: id: "bones" is already used by concerns/bones-copy.toml' in problems(pack_copy)


def test_id_must_match_file_name_and_be_hyphenated(pack_copy):
    edit(pack_copy / "concerns/bones.toml", 'id = "bones"', 'id = "Bones_1"')
    found = problems(pack_copy)
    assert any(m.startswith('concerns/bones.toml: id: "Bones_1" must be lower-case') for m in found)


def test_unknown_placeholder_is_an_error(pack_copy):
    edit(pack_copy / "concerns/stopping-treatment.toml", "{{ provider.name }}", "{{ provider.nmae }}")
    assert ('concerns/stopping-treatment.toml: sections[0].summary: unknown placeholder "provider.nmae" '
            '(did you mean "provider.name"?); known: patient.name, patient.first_name, clinic.name, '
            'clinic.phone, clinic.after_hours_phone, provider.name') in problems(pack_copy)


@pytest.mark.parametrize("code", ["{% for x in y %}", "{{ ''.__class__ }}", "{# note #}", "{{ patient.name | upper }}"])
def test_template_code_is_not_a_placeholder(pack_copy, code):
    edit(pack_copy / "concerns/bones.toml", "Not every ache", f"{code} Not every ache")
    [message] = problems(pack_copy)
    assert message.startswith("concerns/bones.toml: sections[0].body: ")
    assert "is not a placeholder" in message


def test_label_with_unknown_field(pack_copy):
    edit(pack_copy / "wording.toml", 'page_footer = "Page {n} of {total}"', 'page_footer = "Page {page} of {total}"')
    assert ('wording.toml: labels.page_footer: unknown field "{page}" (fields allowed here: {n}, {total})'
            in problems(pack_copy))


def test_missing_label(pack_copy):
    edit(pack_copy / "wording.toml", 'notes_heading = "Notes"\n', "")
    assert 'wording.toml: labels: missing "notes_heading"' in problems(pack_copy)


def test_pack_loads_from_a_path_or_a_string(pack_copy):
    from_path, from_text = load_pack(pack_copy), load_pack(str(pack_copy))
    assert from_path == from_text
    assert from_path.root == str(pack_copy)


def test_only_visible_toml_files_are_concerns(pack_copy):
    """Editor and OS leftovers (``._bones.toml`` from macOS, notes) are not read as concerns."""
    concerns = pack_copy / "concerns"
    (concerns / "._bones.toml").write_bytes(b"\x00\x05\x16\x07 not toml")
    (concerns / "notes.txt").write_text("to do", encoding="utf-8")
    (concerns / "old.toml").mkdir()
    assert load_pack(pack_copy).concern_ids == ("bones", "treatment-options", "stopping-treatment")


def test_no_concern_files(pack_copy):
    for path in (pack_copy / "concerns").iterdir():
        path.unlink()
    assert "concerns/: no concern files found; add at least one concerns/<id>.toml" in problems(pack_copy)


def test_missing_file(pack_copy):
    (pack_copy / "questions.toml").unlink()
    assert "questions.toml: file not found" in problems(pack_copy)


def test_not_a_folder(tmp_path):
    [message] = problems(tmp_path / "nope")
    assert "is not a folder" in message


def test_broken_pack_lists_every_problem_at_once(pack_copy):
    """A pack with a syntax error, an unknown key, a missing field and a bad reference."""
    edit(pack_copy / "concerns/treatment-options.toml", 'title = "My treatment', 'title = My treatment')
    edit(pack_copy / "concerns/bones.toml", "keywords =", "keywrods =")
    edit(pack_copy / "concerns/bones.toml", 'description = "New aches', 'summary = "New aches')
    edit(pack_copy / "concerns/stopping-treatment.toml", 'related = ["treatment-options"]', 'related = ["bone"]')
    found = problems(pack_copy)
    assert any(m.startswith("concerns/treatment-options.toml: TOML syntax error:") and "line 2" in m for m in found)
    assert any(m.startswith('concerns/bones.toml: keywrods: unknown key') for m in found)
    assert '(top level): missing "description"' in " ".join(found)
    assert any(m.startswith('concerns/stopping-treatment.toml: related[0]: no concern has the id "bone"')
               for m in found)
    assert len(found) >= 5


def test_symptom_log_only_for_symptom_concerns(pack_copy):
    edit(pack_copy / "concerns/stopping-treatment.toml", 'related = ["treatment-options"]',
         'related = ["treatment-options"]\nsymptom_log = ["Pain"]')
    assert ('concerns/stopping-treatment.toml: symptom_log: only concerns with category = "symptoms" '
            'have a symptom log') in problems(pack_copy)


def test_dates_need_seven_weekdays(pack_copy):
    edit(pack_copy / "wording.toml", '"Monday", ', "")
    assert "wording.toml: dates.weekdays: must list 7 days, Monday first (found 6)" in problems(pack_copy)


def test_visit_date_is_written_out(small_pack):
    when = dt.datetime(2026, 12, 1, 10, 30)
    assert small_pack.dates.format_visit(when) == "Tuesday, December 1, 2026, 10:30 AM"
    assert small_pack.dates.format_visit(dt.datetime(2026, 12, 1, 0, 5)) == "Tuesday, December 1, 2026, 12:05 AM"
    assert small_pack.dates.format_visit(dt.date(2026, 12, 1)) == "Tuesday, December 1, 2026"
