"""The questions a person picks: ids in both packs, choosing them on every way in, what the sheet prints.

Every question of both built-in packs has an id, the same in both
languages, listed by ``mbcprep concerns --questions``; a chosen question
always prints (in PDF, HTML and text, and its id goes into the PDF's form
description for the summary); with nothing chosen the sheet is what the
page budget gives; each added 8 questions take at most one more page.
The web page's second step is in ``test_questions_web.py``.
"""

from __future__ import annotations

import json
import math
import re

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from conftest import checked_request, fill_form, handout_bytes, pdf_reader, pdf_text
from test_formats_agree import words_of

from mbcprep.cli import main
from mbcprep.errors import RequestError
from mbcprep.model.form import describe_form
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.plan import plan_handout, question_offers
from mbcprep.render import render_handout
from mbcprep.request.values import request_from_mapping
from mbcprep.summary import summarise

LANGUAGES = ("en", "es")
#: The sheets on which "What matters most to me"'s first question is a default (its ``default_with``).
MATTERS_MOST_FIRST = "matters-most.what-matters"


@pytest.fixture(scope="module", params=LANGUAGES)
def pack(request):
    return load_pack(builtin_pack_path(request.param))


@pytest.fixture
def english_copy(tmp_path):
    """A writable copy of the built-in English pack, for tests that break it on purpose."""
    import shutil

    target = tmp_path / "pack"
    shutil.copytree(builtin_pack_path("en"), target)
    return target


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def every_id(pack) -> list[str]:
    return [question.id for group in pack.every_question_group for question in group.questions]


def planned(plan) -> list[tuple[str, str]]:
    """(id, words as printed) of every question on the sheet, in print order."""
    part = plan.part("questions")
    return [pair for group in part.groups for pair in zip(group.ids, group.questions)]


def seen(text: str) -> str:
    """Words as a reader of any format sees them: blanks to write on and line breaks left out."""
    return " ".join(re.sub(r"_{3,}", " ", text).split())


# --------------------------------------------------------------------------
# Ids
# --------------------------------------------------------------------------


def test_every_question_has_an_id_once_the_same_in_both_languages():
    english, spanish = (load_pack(builtin_pack_path(lang)) for lang in LANGUAGES)
    ids = every_id(english)
    assert len(ids) == len(set(ids)) == 136 and all(ids)  # 135 and the interpreter question (issue 25)
    assert every_id(spanish) == ids
    for group in english.every_question_group:  # an id says its group: "bones.dentist"
        assert all(question.id.startswith(f"{group.id}.") for question in group.questions)


@pytest.mark.parametrize("language", LANGUAGES)
def test_concerns_questions_lists_every_id_with_its_group(language):
    pack = load_pack(builtin_pack_path(language))
    result = run("concerns", "--questions", "--language", language)
    assert result.exit_code == 0, result.output
    for group in pack.every_question_group:
        assert f"{group.title} ({group.id})" in result.output
        for question in group.questions:
            line = next(line for line in result.output.splitlines() if f" {question.id} " in line)
            assert question.text.split()[0] in line  # the question's words beside its id
    assert run("concerns", "--questions", "--ids", "--language", language).output.split() == every_id(pack)


def test_concerns_questions_for_one_concern_lists_it_and_the_general_groups(builtin_pack):
    result = run("concerns", "--questions", "bones")
    titles = [line for line in result.output.splitlines() if line and not line.startswith(" ")][:3]
    assert titles == ["Bone pain and bone health (bones)", "Questions for any visit (any-visit)",
                      "What matters most to me (matters-most)"]
    rows = json.loads(run("concerns", "--questions", "bones", "--json").output)
    assert {row["group"] for row in rows} == {"bones", "any-visit", "matters-most"}
    assert rows[0] == {"id": "bones.cause-of-pain", "group": "bones", "group_title": "Bone pain and bone health",
                       "text": "Is my pain caused by cancer in the bone?", "priority": "high"}
    wrong = run("concerns", "--questions", "bone")
    assert wrong.exit_code == 1 and "did you mean bones?" in wrong.output


def test_a_question_id_used_twice_is_refused(english_copy):
    bones = english_copy / "concerns" / "bones.toml"
    bones.write_text(bones.read_text(encoding="utf-8").replace('id = "bones.dentist"', 'id = "bones.new-back-pain"'),
                     encoding="utf-8")
    result = run("content", "check", str(english_copy))
    assert result.exit_code == 1
    assert ('concerns/bones.toml: questions[5].id: "bones.new-back-pain" is used twice: it is already the id at '
            "concerns/bones.toml: questions[2].id" in result.output)


@pytest.mark.parametrize("change, problem", [
    (('id = "bones.dentist"', 'id = "brain.dentist"'), 'questions[5].id: "brain.dentist" must start with its '
                                                       'group\'s id: "bones."'),
    (('id = "bones.dentist"', 'id = "Dentist"'), 'questions[5].id: "Dentist" must be its group\'s id, a dot'),
    (('id = "bones.dentist"\n', ''), 'questions[5]: missing "id"'),
])
def test_a_question_id_must_say_its_group(english_copy, change, problem):
    bones = english_copy / "concerns" / "bones.toml"
    bones.write_text(bones.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    assert problem in run("content", "check", str(english_copy)).output


def test_default_with_names_concerns_that_exist(english_copy):
    path = english_copy / "questions.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"planning-ahead", "stopping', '"planning-ahed", "stopping'),
                    encoding="utf-8")
    assert ('questions.toml: groups[1].questions[0].default_with[0]: no concern has the id "planning-ahed" '
            '(did you mean "planning-ahead"?)') in run("content", "check", str(english_copy)).output


def test_a_translation_with_other_question_ids_is_reported(english_copy):
    bones = english_copy / "concerns" / "bones.toml"
    bones.write_text(bones.read_text(encoding="utf-8").replace('"bones.dentist"', '"bones.teeth"'), encoding="utf-8")
    output = run("content", "check", str(english_copy), "--compare-with", "en").output
    assert ("concerns/bones.toml: questions: ids differ from the original's (missing bones.dentist; not in the "
            "original: bones.teeth)") in output


def test_content_check_lists_the_questions_printed_only_when_chosen():
    output = run("content", "check").output
    listing = output.split("Printed only when chosen: ", 1)[1]
    assert listing.startswith("62 of 136 questions")
    assert "  bones: calcium-vitamin-d, safe-activities, dentist\n" in listing
    assert "  matters-most: goal-of-treatment, things-i-enjoy, plan-ahead, worries\n" in listing
    assert "what-matters" not in listing  # a default on planning-ahead and stopping-treatment sheets


# --------------------------------------------------------------------------
# A chosen question always prints
# --------------------------------------------------------------------------


def test_each_question_alone_is_exactly_what_its_sheet_asks(pack):
    for group in pack.every_question_group:
        concerns = (group.id,) if group.id in pack.concern_ids else pack.concern_ids[:1]
        for question in group.questions:
            request = checked_request(pack, concerns, questions=("none", question.id))
            assert [question_id for question_id, _ in planned(plan_handout(request, pack))] == [question.id]


def test_every_question_reaches_a_sheet_in_pdf_html_and_text(pack):
    """Every concern with every question, then the few left out there as a repeat of another concern's
    question (the same words), chosen alone: each id is on a sheet, its words in each format."""
    everything = checked_request(pack, pack.concern_ids, questions=("all",), questions_only=True)
    repeats = [i for i in every_id(pack) if i not in dict(planned(plan_handout(everything, pack)))]
    assert len(repeats) == 4  # a genetic counselor, a clinical trial, the children, a health care proxy
    others = checked_request(pack, tuple(i.partition(".")[0] for i in repeats), questions=("none", *repeats),
                             questions_only=True)
    reached = []
    for request in (everything, others):
        plan = plan_handout(request, pack)
        asked = planned(plan)
        reached += [question_id for question_id, _ in asked]
        for fmt in ("pdf", "html", "txt"):
            words = seen(words_of(fmt, render_handout(plan, fmt).data))
            missing = [question_id for question_id, text in asked if seen(text) not in words]
            assert not missing, (fmt, missing)
        fields = describe_form(plan)["fields"]
        assert [f["id"] for f in fields if f["kind"] == "question_tick"] == [i for i, _ in asked]
    assert sorted(reached) == sorted(every_id(pack))


def test_a_group_id_chooses_the_whole_group(builtin_pack):
    request = checked_request(builtin_pack, ("bones",), questions=("matters-most",))
    ids = [question_id for question_id, _ in planned(plan_handout(request, builtin_pack))]
    assert [i for i in ids if i.startswith("matters-most.")] == [q.id for q in builtin_pack.question_groups[1].questions]


@pytest.mark.parametrize("concern", ["planning-ahead", "stopping-treatment"])
@pytest.mark.parametrize("mode", [{}, {"brief": True}, {"questions_only": True}])
def test_what_matters_most_opens_a_planning_or_stopping_sheet(pack, concern, mode):
    plan = plan_handout(checked_request(pack, (concern,), **mode), pack)
    last = plan.part("questions").groups[-1]
    assert last.ids == (MATTERS_MOST_FIRST,) and last.title == pack.question_groups[1].title


def test_what_matters_most_is_not_a_default_on_other_sheets(pack):
    for concern in pack.concern_ids:
        if concern not in ("planning-ahead", "stopping-treatment"):
            ids = [i for i, _ in planned(plan_handout(checked_request(pack, (concern,)), pack))]
            assert MATTERS_MOST_FIRST not in ids, concern


def test_none_prints_only_the_questions_named_and_all_prints_every_one(builtin_pack):
    chosen = checked_request(builtin_pack, ("bones",), questions=("none", "bones.dentist", "any-visit.second-opinion"))
    assert [i for i, _ in planned(plan_handout(chosen, builtin_pack))] == ["bones.dentist", "any-visit.second-opinion"]
    every = checked_request(builtin_pack, ("bones",), questions=("all",))
    offered = [q.id for g in builtin_pack.question_groups_for(("bones",)) for q in g.questions]
    assert sorted(i for i, _ in planned(plan_handout(every, builtin_pack))) == sorted(offered)


def test_choosing_a_default_question_adds_nothing_and_default_changes_nothing(builtin_pack):
    plain = handout_bytes(checked_request(builtin_pack, ("bones", "lungs")), builtin_pack, "txt")
    assert handout_bytes(checked_request(builtin_pack, ("bones", "lungs"), questions=("default",)), builtin_pack,
                         "txt") == plain
    again = checked_request(builtin_pack, ("bones", "lungs"), questions=("bones.cause-of-pain",))
    assert handout_bytes(again, builtin_pack, "txt") == plain


def test_a_chosen_question_prints_after_the_budgets_in_its_groups_order(builtin_pack):
    request = checked_request(builtin_pack, ("bones",), questions=("bones.calcium-vitamin-d",))
    ids = [i for i, _ in planned(plan_handout(request, builtin_pack))]
    assert ids[:4] == ["bones.cause-of-pain", "bones.radiation-or-medicine", "bones.new-back-pain",
                       "bones.calcium-vitamin-d"]


@pytest.mark.parametrize("words, problem", [
    (["calcium"], 'unknown question "calcium" (did you mean bones.calcium-vitamin-d?)'),
    (["bones.dentst"], 'unknown question "bones.dentst" (did you mean bones.dentist?)'),
    (["brain.driving"], 'question "brain.driving" belongs to the concern brain, which is not chosen; add it with '
                        "-c brain, or leave the question out"),
    (["all", "none"], "says both all and none; give one of default, all, none"),
])
def test_a_wrong_question_is_one_line_naming_what_to_do(builtin_pack, words, problem):
    with pytest.raises(RequestError) as error:
        request_from_mapping({"concerns": ["bones"], "questions": words}, builtin_pack)
    assert error.value.field == "questions" and problem in error.value.problem


#: Typed words: near-ids, the start words, separators, controls, long and non-UTF-8 text.
TYPED = st.one_of(st.sampled_from(["bones.dentist", "bones", "matters-most", "all", "none", "default", "brain.seizure",
                                   "bones.", ".dentist", "any-visit.x", ";", ",", " "]),
                  st.text(max_size=300))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(TYPED, max_size=12))
def test_any_typed_questions_make_a_sheet_or_one_line_about_the_field(builtin_pack, words):
    try:
        request = request_from_mapping({"concerns": ["bones", "lungs"], "questions": words}, builtin_pack)
    except RequestError as error:
        assert error.field == "questions" and "\n" not in error.problem and len(error.problem) < 400
        return
    offered = {q.id for g in question_offers(request, builtin_pack) for q in g.questions}
    assert set(request.questions) <= offered
    assert set(request.questions) <= {question_id for question_id, _ in planned(plan_handout(request, builtin_pack))}


@pytest.mark.parametrize("lines", [0, 1, 3, 5])
def test_own_question_lines_are_a_choice_from_0_to_5(builtin_pack, lines):
    request = checked_request(builtin_pack, ("bones",), own_questions=lines)
    data = handout_bytes(request, builtin_pack)
    names = [f["name"] for f in describe_form(plan_handout(request, builtin_pack))["fields"]]
    assert [n for n in names if n.startswith("own_question_")] == [f"own_question_{n}" for n in range(1, lines + 1)]
    heading = builtin_pack.labels["own_questions_heading"]
    for fmt, output in (("pdf", data), ("html", handout_bytes(request, builtin_pack, "html")),
                        ("txt", handout_bytes(request, builtin_pack, "txt"))):
        assert (heading in words_of(fmt, output)) == (lines > 0), fmt
    wrong = run("generate", "-c", "bones", "--own-questions", "6", "-o", "-", "--format", "txt")
    assert wrong.exit_code == 1 and 'own_questions: "6" is not a number from 0 to 5' in wrong.output


def test_no_question_and_no_own_line_leaves_the_part_out(builtin_pack):
    request = checked_request(builtin_pack, ("bones",), questions=("none",), own_questions=0)
    plan = plan_handout(request, builtin_pack)
    assert "questions" not in [part.kind for part in plan.parts]
    how_to = next(part for part in plan.parts if part.kind == "how_to_use")
    assert builtin_pack.labels["step_tick_questions"] not in how_to.steps


# --------------------------------------------------------------------------
# The page budget: at most one more page for each 8 questions added
# --------------------------------------------------------------------------


def question_count(plan) -> int:
    return len(planned(plan))


@pytest.mark.parametrize("mode", [{}, {"brief": True}, {"questions_only": True}, {"large_print": True},
                                  {"large_print": True, "brief": True}])
def test_every_question_takes_at_most_a_page_for_each_8_added(pack, mode):
    for concerns in (("bones",), ("bones", "lungs", "treatment-options"), pack.concern_ids):
        base = plan_handout(checked_request(pack, concerns, **mode), pack)
        grown = plan_handout(checked_request(pack, concerns, questions=("all",), **mode), pack)
        added = question_count(grown) - question_count(base)
        pages = render_handout(base, "pdf").pages, render_handout(grown, "pdf").pages
        assert added > 0 and pages[1] <= pages[0] + math.ceil(added / 8), (concerns, added, pages)


@pytest.mark.parametrize("chosen", [1, 8, 9, 16])
def test_the_longest_questions_in_large_print_take_at_most_a_page_for_each_8(chosen):
    """The tightest case: Spanish (the longer words), large print, the longest questions first (two of them
    the same question in both concerns, printed once)."""
    pack = load_pack(builtin_pack_path("es"))
    concerns = ("stopping-treatment", "planning-ahead")
    base = checked_request(pack, concerns, large_print=True)
    extra = sorted((q for g in question_offers(base, pack) for q in g.questions if not q.default),
                   key=lambda q: -len(q.text))[:chosen]
    grown = checked_request(pack, concerns, large_print=True, questions=tuple(q.id for q in extra))
    pages = [render_handout(plan_handout(r, pack), "pdf").pages for r in (base, grown)]
    added = question_count(plan_handout(grown, pack)) - question_count(plan_handout(base, pack))
    assert chosen - 1 <= added <= chosen
    assert pages[1] <= pages[0] + math.ceil(added / 8), pages


# --------------------------------------------------------------------------
# The summary reads every chosen question back by its id
# --------------------------------------------------------------------------


def test_the_summary_reads_every_chosen_question_back_by_id(pack):
    request = checked_request(pack, pack.concern_ids, questions=("all",), questions_only=True)
    plan = plan_handout(request, pack)
    data = render_handout(plan, "pdf").data
    ticks = {f["name"]: "/Yes" for f in describe_form(plan)["fields"] if f["kind"] == "question_tick"}
    got = json.loads(summarise(fill_form(data, ticks), "json").data)
    read = [(q["id"], q["question"]) for group in got["questions"] for q in group["questions"]]
    assert [question_id for question_id, _ in read] == [question_id for question_id, _ in planned(plan)]
    assert got["language"] == pack.meta.language
    assert len(pdf_reader(data).pages) > 1 and read[0][1].split()[0] in pdf_text(data)


def test_a_sheet_of_the_usual_questions_is_described_as_before(builtin_pack):
    """No ids in its description: its bytes are those of a sheet made before questions could be chosen."""
    fields = describe_form(plan_handout(checked_request(builtin_pack, ("bones",)), builtin_pack))["fields"]
    assert all("id" not in field for field in fields)
