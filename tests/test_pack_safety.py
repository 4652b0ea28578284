"""Pack format 2: signs defined once with one action, clashes caught, words explained, labels safe."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from mbcprep.cli import main
from mbcprep.errors import PackInvalid
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.pack.clash import SignFinder


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

    finder = SignFinder((Sign("chest", "emergency", "Chest pain", key_words=("chest pain",)),
                         Sign("fever", "call-now", "A fever", key_words=("fever",))))
    assert finder.find("mild chest pain when you cough").sign.id == "chest"
    assert finder.find("pain in your chest wall") is None
    assert finder.find("feverish feeling") is None
    assert finder.find("a fever.").sign.id == "fever"


def test_a_meaning_is_every_group_of_one_set_in_any_order_case_and_accents():
    from mbcprep.model.content import Sign

    night = Sign("night-pain", "call-today", "Pain at night", means=(("pain", "night"),))
    finder = SignFinder([night], {"pain": ("pain", "ache", "dolor"), "night": ("night", "wakes you", "noche")})
    assert finder.find("An ACHE that wakes you").how == "its meaning: pain + night"
    assert finder.find("DOLOR de nóche").sign is night  # accents folded on both sides
    assert finder.find("pain in the evening") is None  # one group of the two is not enough
    assert finder.find("wakes up painless") is None  # whole words: "painless" is not "pain"
    assert finder.find("you wake, then the ache") is None  # a phrase's words in a row: "wakes you"


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


# --------------------------------------------------------------------------
# Size limits on every text and file (review m10), controls and bidi (review m11)
# --------------------------------------------------------------------------


def test_a_heading_over_the_limit_is_reported_by_content_check_and_refused_by_generate(pack_copy):
    from mbcprep.limits import PACK_LINE_CHARS

    edit(pack_copy / "concerns/bones.toml", 'heading = "When cancer is in the bones"',
         f'heading = "{"x" * 6000}"')
    expected = (f"concerns/bones.toml: sections[0].heading: is 6,000 characters long; the limit is "
                f"{PACK_LINE_CHARS:,} characters")
    assert expected in problems(pack_copy)
    result = check(pack_copy)
    assert result.exit_code == 1 and f"Error: {expected}" in result.output
    result = CliRunner().invoke(main, ["generate", "--pack", str(pack_copy), "-c", "bones", "-o", "-"])
    assert result.exit_code == 1 and "Traceback" not in result.output and f"Error: {expected}" in result.output


def test_a_long_body_and_long_list_items_are_reported(pack_copy):
    from mbcprep.limits import PACK_BODY_CHARS, PACK_LINE_CHARS, PACK_PARAGRAPH_CHARS

    edit(pack_copy / "concerns/bones.toml", 'body = """\n', 'body = """\n' + "word " * 100_000 + "\n\n")
    edit(pack_copy / "concerns/bones.toml", '"swelling"]', f'"{"s" * (PACK_LINE_CHARS + 1)}"]')
    found = problems(pack_copy)
    assert any(p.startswith("concerns/bones.toml: sections[0].body: is 500,0") and
               p.endswith(f"the limit is {PACK_BODY_CHARS:,} characters") for p in found)
    assert any(p.startswith("concerns/bones.toml: sections[0].report_signs[1]: is ") for p in found)
    edit(pack_copy / "concerns/bones.toml", "word " * 100_000, "word " * (PACK_PARAGRAPH_CHARS // 5 + 1))
    assert any(f"sections[0].body: a paragraph is {PACK_PARAGRAPH_CHARS + 4:,} characters long; "
               f"the limit is {PACK_PARAGRAPH_CHARS:,}" in p for p in problems(pack_copy))


def test_a_pack_file_over_the_size_limit_or_not_a_regular_file_is_reported(pack_copy):
    import os

    from mbcprep.limits import PACK_FILE_BYTES

    with open(pack_copy / "glossary.toml", "a", encoding="utf-8") as file:
        file.write("# " + "x" * PACK_FILE_BYTES + "\n")
    assert any(p.startswith("glossary.toml: is larger than") for p in problems(pack_copy))
    (pack_copy / "glossary.toml").unlink()
    (pack_copy / "glossary.toml").symlink_to("/dev/zero")
    os.mkfifo(pack_copy / "concerns" / "fifo.toml")
    found = problems(pack_copy)
    assert "glossary.toml: is not a file but a device or a pipe" in found
    assert "concerns/fifo.toml: is not a file but a device or a pipe" in found


@pytest.mark.parametrize("text, shown", [
    ("Bone \x1b[31mpain\x07", "U+001B, U+0007"),
    ("Bone \u202epain", "U+202E"),
    ("Bone\x00 pain\x9b", "U+0000, U+009B"),
])
def test_control_and_bidi_characters_in_pack_text_are_reported_without_printing_them(pack_copy, text, shown):
    import json

    for file, old in (("pack.toml", 'title = "Getting Ready for My Visit"'),
                      ("concerns/bones.toml", 'heading = "When cancer is in the bones"')):
        key = old.split(" = ")[0]
        edit(pack_copy / file, old, f"{key} = {json.dumps(text)}")
    result = check(pack_copy)
    assert result.exit_code == 1
    assert "pack.toml: title: has characters that are never printed (" + shown + "); remove them" in result.output
    assert "concerns/bones.toml: sections[0].heading: has characters that are never printed" in result.output
    assert not any(ord(c) < 32 and c != "\n" or 0x7f <= ord(c) < 0xa0 or c == "\u202e" for c in result.output)


def test_pack_text_is_cleaned_of_controls_as_it_is_read():
    from mbcprep.errors import PackError
    from mbcprep.pack.schema import TableChecker

    errors: list[PackError] = []
    checker = TableChecker("x.toml", errors)
    assert checker.text({"t": "a\x1b[2Jb\u202ec\td\n"}, "t", "") == "a[2Jbc d"
    assert [e.key for e in errors] == ["t"]


def test_texts_within_their_limits_that_still_overflow_a_page_are_one_line_naming_the_concern(pack_copy):
    """A heading, a summary and a first paragraph each within its limit can still make a section's opening,
    which flows round its picture and never splits, taller than a large-print page: one line, not a
    ReportLab LayoutError traceback (review m10)."""
    from mbcprep.limits import PACK_LINE_CHARS, PACK_PARAGRAPH_CHARS

    words = "word " * 1000
    bones = pack_copy / "concerns/bones.toml"
    edit(bones, 'heading = "When cancer is in the bones"', f'heading = "{words[:PACK_LINE_CHARS].strip()}"')
    edit(bones, 'summary = "Breast cancer', f'picture = "spine"\npicture_caption = "The spine."\n'
                                          f'summary = "{words[:PACK_PARAGRAPH_CHARS - 200]}Breast cancer')
    edit(bones, 'body = """\n', f'body = """\n{words[:PACK_PARAGRAPH_CHARS].strip()}\n\n')
    assert check(pack_copy).exit_code == 0
    result = CliRunner().invoke(main, ["generate", "--pack", str(pack_copy), "-c", "bones", "--large-print",
                                       "-o", "-"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output == ("Error: concerns/bones.toml: sections[0]: is too long to fit on one page of the "
                             "handout; shorten its texts\n")


def test_a_roster_row_whose_sheet_overflows_says_which_pack_item(pack_copy, tmp_path):
    from mbcprep.limits import PACK_LINE_CHARS, PACK_PARAGRAPH_CHARS

    words = "word " * 1000
    bones = pack_copy / "concerns/bones.toml"
    edit(bones, 'heading = "When cancer is in the bones"', f'heading = "{words[:PACK_LINE_CHARS].strip()}"')
    edit(bones, 'summary = "Breast cancer', f'picture = "spine"\npicture_caption = "The spine."\n'
                                          f'summary = "{words[:PACK_PARAGRAPH_CHARS - 200]}Breast cancer')
    edit(bones, 'body = """\n', f'body = """\n{words[:PACK_PARAGRAPH_CHARS].strip()}\n\n')
    roster = tmp_path / "roster.csv"
    roster.write_text("name,concerns,large_print\nAna Secret,bones,yes\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(tmp_path / "out"), "--pack",
                                       str(pack_copy), "--jobs", "1"])
    assert result.exit_code == 1
    report = (tmp_path / "out" / "batch-errors.csv").read_text(encoding="utf-8-sig")
    assert ("its handout could not be made: concerns/bones.toml: sections[0]: is too long to fit on one page"
            in report) and "Ana" not in report


# --------------------------------------------------------------------------
# The clash check by meaning, on the built-in packs' own word groups
# --------------------------------------------------------------------------

#: The review's four routine items that are warning signs of spinal cord pressure
#: (2026-12-07, finding 1), variants of them, and routine items that must stay routine.
SAME_AS_A_SIGN = {
    "en": ["new aches in a bone or joint", "pain that wakes you up at night", "pain in a new place",
           "pain that keeps you from sleeping",
           # variants
           "an ache in your hip that is new", "bone pain at night", "back pain that wakes you",
           "hip pain that stops you sleeping", "aching ribs, worse at bedtime", "sudden pain in a joint",
           "pain between your shoulder blades", "weak legs", "numbness in your legs", "a numb groin",
           "trouble with balance when you walk", "leaking urine you cannot control",
           "feeling confused", "very thirsty and peeing a lot", "nausea that won't go away",
           "tingling in your fingers that makes it hard to button a shirt", "a bruise you cannot explain",
           "a heart that keeps racing", "no bowel movement in 3 days", "constipation with belly pain",
           "passing out", "a fever of 100", "shaking chills"],
    "es": ["dolores nuevos en un hueso o en una articulación", "dolor que le despierta de noche",
           "dolor en un lugar nuevo", "dolor que no le deja dormir",
           # variants
           "un dolor nuevo en la cadera", "dolor de huesos por la noche", "le duele la espalda",
           "le duelen las costillas y no puede dormir", "debilidad en las piernas",
           "adormecimiento en la ingle", "problemas de equilibrio al caminar", "escapes de orina",
           "estar confundida", "mucha sed y orinar mucho", "náuseas que no se quitan",
           "hormigueo en los dedos que le cuesta abotonarse", "moretones sin razón",
           "palpitaciones", "estreñimiento con dolor de vientre", "un desmayo", "escalofríos"],
}
ROUTINE = {
    "en": ["joint stiffness in the morning", "tingling or numbness in your hands or feet", "nausea",
           "mild mouth sores", "feeling thirsty", "trouble remembering things", "swelling over a bone",
           "itchy skin or a rash", "chest infections that keep coming back", "a hoarse voice",
           "side effects from your pain medicine", "worries about taking pain medicine",
           "weight loss without trying", "tiredness that does not get better with rest", "hot flashes",
           "trouble sleeping"],
    "es": ["rigidez en las articulaciones por la mañana", "hormigueo o adormecimiento en las manos o los pies",
           "náuseas", "llagas leves en la boca", "tener sed", "problemas para recordar cosas",
           "hinchazón sobre un hueso", "picazón en la piel o un sarpullido", "una voz ronca",
           "efectos secundarios de su medicina para el dolor", "pérdida de peso sin intentarlo",
           "cansancio que no mejora con el descanso", "bochornos", "problemas para dormir"],
}
#: The review's four, by the concern whose routine list had them.
REVIEW_FOUR = {"en": [("bones", "new aches in a bone or joint"), ("bones", "pain that wakes you up at night"),
                      ("pain", "pain in a new place"), ("pain", "pain that keeps you from sleeping")],
               "es": [("bones", "dolores nuevos en un hueso o en una articulación"),
                      ("bones", "dolor que le despierta de noche"), ("pain", "dolor en un lugar nuevo"),
                      ("pain", "dolor que no le deja dormir")]}


@pytest.fixture(scope="module", params=["en", "es"])
def builtin(request):
    return request.param, load_pack(builtin_pack_path(request.param))


def finder_for(pack) -> SignFinder:
    return SignFinder(pack.signs, pack.word_groups)


def test_the_reviews_four_routine_items_are_urgent_signs_on_the_same_sheet(builtin):
    """Each names a sign that is call-today or more urgent, and that sign is on that concern's sheet."""
    language, pack = builtin
    finder = finder_for(pack)
    for concern_id, item in REVIEW_FOUR[language]:
        clash = finder.find(item)
        assert clash is not None, item
        assert clash.sign.every_sheet or clash.sign.id in pack.concern(concern_id).red_flags, item


def test_a_sign_said_in_other_words_is_found(builtin):
    language, pack = builtin
    finder = finder_for(pack)
    assert [item for item in SAME_AS_A_SIGN[language] if finder.find(item) is None] == []


def test_routine_items_stay_routine(builtin):
    language, pack = builtin
    finder = finder_for(pack)
    assert {item: finder.find(item).sign.id for item in ROUTINE[language] if finder.find(item)} == {}


def test_every_sign_but_a_few_has_a_meaning_and_the_two_packs_share_them():
    english, spanish = load_pack(builtin_pack_path("en")), load_pack(builtin_pack_path("es"))
    assert [s.means for s in english.signs] == [s.means for s in spanish.signs]
    assert set(english.word_groups) == set(spanish.word_groups)
    assert sum(bool(s.means) for s in english.signs) >= len(english.signs) - 6


@pytest.mark.parametrize("language, old, new, sign", [
    ("en", '"swelling over a bone"', '"swelling over a bone", "pain that wakes you up at night"', "night-pain"),
    ("es", '"hinchazón sobre un hueso"', '"hinchazón sobre un hueso", "dolor que le despierta de noche"',
     "night-pain"),
])
def test_content_check_fails_on_a_builtin_pack_listing_night_pain_as_routine(tmp_path, language, old, new, sign):
    import shutil

    copy = tmp_path / language
    shutil.copytree(builtin_pack_path(language), copy)
    edit(copy / "concerns/bones.toml", old, new)
    result = check(copy)
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "clash" in line]
    assert "concerns/bones.toml: sections[0].report_signs[1]: clash:" in line
    assert f"({sign}; by its " in line and "call-today" in line
    assert "on every sheet already" in line


def test_a_meaning_that_names_a_missing_word_group_is_rejected_with_a_hint(pack_copy):
    with open(pack_copy / "safety.toml", "a", encoding="utf-8") as file:
        file.write('\n[word_groups]\npain = ["pain", "ache"]\nnight = ["night"]\n')
    edit(pack_copy / "safety.toml", 'key_words = ["back pain"]', 'key_words = ["back pain"]\nmeans = [["pain", "nite"]]')
    edit(pack_copy / "safety.toml", 'key_words = ["chest pain"]', 'key_words = ["chest pain"]\nmeans = ["chest"]')
    found = problems(pack_copy)
    assert ('safety.toml: signs[4].means[0]: no word group named "nite" (did you mean "night"?); '
            "add it to [word_groups]") in found
    assert 'safety.toml: signs[2].means[0]: must be a list of word group names, like ["pain", "night"]' in found


def test_word_groups_need_plain_names_and_words(pack_copy):
    with open(pack_copy / "safety.toml", "a", encoding="utf-8") as file:
        file.write('\n[word_groups]\n"Pain Words" = ["pain"]\nempty = []\n')
    found = problems(pack_copy)
    assert any(p.startswith("safety.toml: word_groups.Pain Words: a group's name must be") for p in found)
    assert "safety.toml: word_groups.empty: list at least one word" in found
