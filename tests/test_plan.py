"""The planner decides what goes on the sheet: order, de-duplication, red flags, placeholders."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from mbcprep.errors import RequestError
from mbcprep.model.request import Clinic, Request
from mbcprep.pack import load_pack
from mbcprep.plan import check_concern_ids, fill_placeholders, placeholder_values, plan_handout, suggest_concerns


def plan(pack, **kwargs):
    kwargs.setdefault("concerns", ("bones",))
    return plan_handout(Request(**kwargs), pack)


def test_concerns_follow_pack_order_and_are_deduplicated(small_pack):
    result = plan(small_pack, concerns=("stopping-treatment", "bones", "bones"))
    assert [p.id for p in result.concern_parts] == ["bones", "stopping-treatment"]
    assert result.topics == ("Bone pain and bone health", "Choosing to stop treatment")


def test_unknown_concern_suggests_closest_id(small_pack):
    with pytest.raises(RequestError) as info:
        plan(small_pack, concerns=("bone",))
    assert str(info.value) == ('concern: unknown concern "bone" (did you mean bones?); '
                               "see 'mbcprep concerns' for the list")


def test_no_concern_says_how_to_choose(small_pack):
    with pytest.raises(RequestError, match="no concern chosen.*mbcprep interactive"):
        check_concern_ids(["", " "], small_pack)


def panel_signs(result) -> dict[str, list[str]]:
    return {group.level: [sign.text for sign in group.signs] for group in result.red_flags.groups}


def test_red_flags_of_the_chosen_concern_join_the_every_sheet_signs(small_pack):
    signs = panel_signs(plan(small_pack, concerns=("bones",)))
    every_sheet = [s for s in small_pack.signs if s.every_sheet]
    bones = [small_pack.sign(i) for i in small_pack.concern("bones").red_flags]
    for sign in every_sheet + bones:
        assert signs[sign.level].count(sign.text) == 1, sign


def test_every_sheet_signs_appear_when_no_chosen_concern_has_signs(small_pack):
    signs = panel_signs(plan(small_pack, concerns=("treatment-options",)))
    assert sorted(t for texts in signs.values() for t in texts) == sorted(
        s.text for s in small_pack.signs if s.every_sheet)


def test_panel_groups_come_most_urgent_first_with_their_own_words(small_pack):
    groups = plan(small_pack, concerns=("bones",)).red_flags.groups
    assert [g.level for g in groups] == ["emergency", "crisis", "call-now", "call-today"]
    assert [g.intro for g in groups] == [small_pack.labels[k] for k in (
        "emergency_intro", "crisis_intro", "call_now_intro", "call_today_intro")]


def test_clinic_phones_join_the_red_flag_panel(small_pack):
    clinic = Clinic(name="Riverside", phone="555-0100", after_hours_phone="555-0199")
    flags = plan(small_pack, clinic=clinic).red_flags
    assert [(p.label, p.value) for p in flags.phone_lines] == [("Clinic phone", "555-0100"), ("After hours", "555-0199")]


def test_header_has_only_lines_given_and_writes_out_the_visit(small_pack):
    result = plan(small_pack, patient_name="Ana Díaz", visit=dt.datetime(2026, 12, 3, 10, 30))
    assert [(h.label, h.value) for h in result.header] == [
        ("Name", "Ana Díaz"), ("Visit", "Thursday, December 3, 2026, 10:30 AM")]
    assert plan(small_pack).header == ()


def test_brief_keeps_summaries_only(small_pack):
    full = plan(small_pack)
    brief = plan(small_pack, brief=True)
    assert full.concern_parts[0].sections[0].body
    assert brief.concern_parts[0].sections[0].body == ()
    assert brief.concern_parts[0].sections[0].summary == full.concern_parts[0].sections[0].summary


def test_questions_only_drops_concern_parts_log_medicines_notes(small_pack):
    result = plan(small_pack, questions_only=True)
    assert result.concern_parts == ()
    assert result.symptom_log_items == ()
    assert not result.show_medicines and not result.show_notes
    assert result.red_flags is not None and result.question_groups


def test_subtype_text_only_for_that_subtype(small_pack):
    her2 = plan(small_pack, concerns=("treatment-options",), subtype="her2-positive")
    assert "HER2" in her2.concern_parts[0].sections[0].subtype_text
    unknown = plan(small_pack, concerns=("treatment-options",))
    assert unknown.concern_parts[0].sections[0].subtype_text == ""


def test_bad_subtype_and_paper_are_named(small_pack):
    with pytest.raises(RequestError, match="^subtype: "):
        plan(small_pack, subtype="luminal")
    with pytest.raises(RequestError, match="^paper: "):
        plan(small_pack, paper="legal")


def test_questions_grouped_concerns_first_and_deduplicated(small_pack):
    result = plan(small_pack, concerns=("bones", "treatment-options"))
    titles = [g.title for g in result.question_groups]
    assert titles[:2] == ["Bone pain and bone health", "My treatment choices"]
    assert "Questions for any visit" in titles
    every = [q for g in result.question_groups for q in g.questions]
    keys = [q.casefold().strip(" ?") for q in every]
    assert len(keys) == len(set(keys))


def test_duplicate_question_text_appears_once(small_pack):
    from dataclasses import replace

    from mbcprep.model.content import Question

    bones = small_pack.concern("bones")
    general = small_pack.question_groups[0].questions[0].text
    doubled = replace(bones, questions=bones.questions + (Question(general.upper() + "  "),))
    pack = replace(small_pack, concerns=(doubled,) + small_pack.concerns[1:])
    every = [q for g in plan(pack).question_groups for q in g.questions]
    assert sum(q.casefold().strip() == general.casefold() for q in every) == 1


def test_high_priority_questions_come_first_in_their_group(small_pack):
    group = plan(small_pack, concerns=("bones",)).question_groups[0]
    assert group.questions[0] == "Is my pain caused by cancer in the bone?"


def test_symptom_log_only_with_a_symptom_concern(small_pack):
    assert plan(small_pack, concerns=("bones",)).symptom_log_items == ("Bone or joint pain", "Numbness or weakness")
    assert plan(small_pack, concerns=("treatment-options",)).symptom_log_items == ()


def test_placeholders_use_request_values_or_fallbacks(small_pack):
    with_provider = plan(small_pack, concerns=("stopping-treatment",), provider="Dr. Okafor")
    assert "Dr. Okafor will still help you" in with_provider.concern_parts[0].sections[0].summary
    without = plan(small_pack, concerns=("stopping-treatment",))
    # The placeholder starts a sentence, so the fallback starts with a capital.
    assert "does not mean stopping care. Your care team will still help you" in (
        without.concern_parts[0].sections[0].summary)


@pytest.mark.parametrize("text, expected", [
    ("{{ provider.name }} can help.", "Your care team can help."),
    ("Ask {{ provider.name }}. {{ provider.name }} knows.", "Ask your care team. Your care team knows."),
    ("Is it bad? {{ provider.name }} knows!", "Is it bad? Your care team knows!"),
    ("Call {{ provider.name }} now.", "Call your care team now."),
])
def test_fallback_at_sentence_start_gets_a_capital(small_pack, text, expected):
    values = placeholder_values(Request(concerns=("bones",)), small_pack)
    assert fill_placeholders(text, values) == expected


def test_typed_values_keep_their_letters_except_a_first_capital(small_pack):
    values = placeholder_values(Request(concerns=("bones",), provider="ßara de la Cruz"), small_pack)
    assert fill_placeholders("{{ provider.name }} knows.", values) == "ßara de la Cruz knows."
    values = placeholder_values(Request(concerns=("bones",), provider="de la Cruz"), small_pack)
    assert fill_placeholders("{{ provider.name }} knows.", values) == "De la Cruz knows."


def test_review_line_and_disclaimer_always_present(small_pack):
    result = plan(small_pack)
    assert result.review_line == "Words last checked November 25, 2026"
    assert "does not replace" in result.disclaimer


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_a_name_is_never_read_as_template_code(small_pack, name):
    values = placeholder_values(Request(concerns=("bones",), patient_name=name, provider=name), small_pack)
    text = fill_placeholders("Hi {{ patient.name }} and {{ provider.name }}.", values)
    expected_name = name.strip() or small_pack.fallbacks["patient.name"]
    expected_provider = name.strip() or small_pack.fallbacks["provider.name"]
    assert text == f"Hi {expected_name} and {expected_provider}."


def test_template_looking_name_prints_as_typed(small_pack):
    result = plan(small_pack, concerns=("stopping-treatment",), provider="{{ patient.name }} {% raw %}")
    assert "{{ patient.name }} {% raw %} will still help" in result.concern_parts[0].sections[0].summary


def test_each_concern_adds_its_top_questions_only(small_pack):
    from dataclasses import replace

    from mbcprep.model.content import Question
    from mbcprep.plan import QUESTIONS_PER_CONCERN, QUESTIONS_PER_CONCERN_BRIEF

    bones = small_pack.concern("bones")
    extra = tuple(Question(f"Extra question number {i}?") for i in range(6))
    last_high = Question("A late but important question?", "high")
    many = replace(bones, questions=bones.questions + extra + (last_high,))
    pack = replace(small_pack, concerns=(many,) + small_pack.concerns[1:])
    full = plan(pack).question_groups[0]
    assert full.title == bones.title and len(full.questions) == QUESTIONS_PER_CONCERN
    assert last_high.text in full.questions  # high priority wins over pack order
    brief = plan(pack, brief=True).question_groups[0]
    assert len(brief.questions) == QUESTIONS_PER_CONCERN_BRIEF


@pytest.mark.parametrize("typed, expected", [
    ("headaches", ["brain"]),
    ("breathlessness", ["lungs"]),
    ("Tired", ["tiredness"]),
    ("bone-pain", ["bones"]),
    ("stop treatment", ["stopping-treatment"]),
])
def test_unknown_concern_suggests_by_keyword(typed, expected):
    """The words people use for a symptom lead to the concern that covers it."""
    suggestions = suggest_concerns(typed, load_pack())
    assert suggestions[:len(expected)] == expected, suggestions
    with pytest.raises(RequestError, match=f'unknown concern "{typed}" \\(did you mean {expected[0]}'):
        check_concern_ids([typed], load_pack())


def test_no_suggestion_for_unrelated_words(small_pack):
    assert suggest_concerns("zebra", small_pack) == []


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_suggestions_for_any_typed_text_are_real_ids(small_pack, typed):
    found = suggest_concerns(typed, small_pack)
    assert len(found) <= 3 and len(set(found)) == len(found)
    assert set(found) <= set(small_pack.concern_ids)
