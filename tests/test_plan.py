"""The planner decides what goes on the sheet: its parts in order, the signs, each point once, placeholders."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mbcprep.errors import RequestError
from mbcprep.model.request import Clinic, Request
from mbcprep.pack import load_pack
from mbcprep.plan import BUDGETS, placeholder_values, plan_handout
from mbcprep.plan.words import fill_placeholders
from mbcprep.request.concerns import check_concern_ids, suggest_concerns


def plan(pack, **kwargs):
    kwargs.setdefault("concerns", ("bones",))
    return plan_handout(Request(**kwargs), pack)


def kinds(result) -> list[str]:
    return [part.kind for part in result.parts]


def notes_of(result):
    return result.part("concern_notes").concerns


def questions_of(result) -> list[str]:
    return [q for group in result.part("questions").groups for q in group.questions]


def test_a_full_sheet_has_every_part_in_order(small_pack):
    assert kinds(plan(small_pack, concerns=("bones",))) == [
        "header", "get_help_now", "how_to_use", "top_questions", "topics", "concern_notes", "questions",
        "symptom_log", "medicines", "notes", "sources"]


def test_questions_only_is_header_panel_questions_and_the_sources_line(small_pack):
    assert kinds(plan(small_pack, questions_only=True)) == ["header", "get_help_now", "questions", "sources"]


def test_no_symptom_log_part_without_a_symptom_concern(small_pack):
    result = plan(small_pack, concerns=("treatment-options",))
    assert "symptom_log" not in kinds(result)
    steps = result.part("how_to_use").steps
    assert small_pack.labels["step_symptom_log"] not in steps
    assert small_pack.labels["step_bring"] == steps[-1]


def test_concerns_follow_pack_order_and_are_deduplicated(small_pack):
    result = plan(small_pack, concerns=("stopping-treatment", "bones", "bones"))
    assert [c.id for c in notes_of(result)] == ["bones", "stopping-treatment"]
    assert result.part("topics").topics == ("Bone pain and bone health", "Choosing to stop treatment")


def test_unknown_concern_suggests_closest_id(small_pack):
    with pytest.raises(RequestError) as info:
        check_concern_ids(("bone",), small_pack)
    assert str(info.value) == ('concerns: unknown concern "bone" (did you mean bones?); '
                               "see 'mbcprep concerns' for the list")


def test_no_concern_says_how_to_choose(small_pack):
    with pytest.raises(RequestError, match="no concern chosen.*mbcprep interactive"):
        check_concern_ids(["", " "], small_pack)


def panel_signs(result) -> dict[str, list[str]]:
    return {group.level: [sign.text for sign in group.signs] for group in result.part("get_help_now").groups}


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
    groups = plan(small_pack, concerns=("bones",)).part("get_help_now").groups
    assert [g.level for g in groups] == ["emergency", "crisis", "call-now", "call-today"]
    assert [g.intro for g in groups] == [small_pack.labels[k] for k in (
        "emergency_intro", "crisis_intro", "call_now_intro", "call_today_intro")]


def test_clinic_phones_go_in_the_panel(small_pack):
    clinic = Clinic(name="Riverside", phone="555-0100", after_hours_phone="555-0199")
    panel = plan(small_pack, clinic=clinic).part("get_help_now")
    assert [(p.label, p.value) for p in panel.phones] == [("Clinic phone", "555-0100"), ("After hours", "555-0199")]
    assert panel.write_in == ()


def test_without_a_clinic_the_panel_has_lines_to_write_the_numbers_on(small_pack):
    panel = plan(small_pack).part("get_help_now")
    assert panel.phones == ()
    assert panel.write_in == (small_pack.labels["write_in_care_team"], small_pack.labels["after_hours_phone"])


def test_each_action_has_its_own_drawing_and_caption(small_pack):
    groups = plan(small_pack).part("get_help_now").groups
    assert [(g.icon, g.caption) for g in groups] == [
        ("emergency", "Call 911"), ("crisis", "Call or text 988"), ("call", "Call now, day or night"),
        ("call", "Call today")]
    fever = next(s for g in groups for s in g.signs if s.icon == "thermometer")
    assert "100.4°F" in fever.text and "infection" in fever.why


def test_header_has_only_lines_given_and_writes_out_the_visit(small_pack):
    result = plan(small_pack, patient_name="Ana Díaz", visit=dt.datetime(2026, 12, 3, 10, 30))
    assert [(h.label, h.value) for h in result.part("header").lines] == [
        ("Name", "Ana Díaz"), ("Visit", "Thursday, December 3, 2026, 10:30 AM")]
    assert plan(small_pack).part("header").lines == ()


def test_brief_keeps_key_points_and_summaries_only(small_pack):
    full = notes_of(plan(small_pack))[0]
    brief = notes_of(plan(small_pack, brief=True))[0]
    assert full.sections[0].body and full.sections[0].report_signs
    assert brief.sections[0].body == () and brief.sections[0].report_signs == ()
    assert brief.sections[0].summary == full.sections[0].summary
    assert brief.key_points == full.key_points == small_pack.concern("bones").key_points


def subtype_text(result) -> str:
    section = notes_of(result)[0].sections[0]
    return " ".join(getattr(block, "text", None) or " ".join(block.items) for block in section.subtype)


def body_text(result) -> str:
    section = notes_of(result)[0].sections[0]
    return " ".join(getattr(block, "text", None) or " ".join(block.items) for block in section.body)


def test_subtype_text_only_for_the_answers_given(small_pack):
    texts = small_pack.concern("treatment-options").sections[0].by_subtype
    her2 = plan(small_pack, concerns=("treatment-options",), her2="positive")
    assert subtype_text(her2) == texts["her2-positive"][0].text
    unknown = plan(small_pack, concerns=("treatment-options",))
    assert notes_of(unknown)[0].sections[0].subtype == ()


def test_a_cancer_that_is_hormone_receptor_positive_and_her2_low_gets_both_texts_in_that_order(small_pack):
    section = notes_of(plan(small_pack, concerns=("treatment-options",), hormone_receptor="positive",
                            her2="low"))[0].sections[0]
    texts = small_pack.concern("treatment-options").sections[0].by_subtype
    assert section.subtype == (*texts["hr-positive"], *texts["her2-low"])
    assert section.subtype[-1].items == ("trastuzumab deruxtecan",)  # the text for a type keeps its list


@pytest.mark.parametrize("answers, keys", [
    (("not-sure", "not-sure"), ("unknown",)),
    (("positive", "not-sure"), ("hr-positive",)),
    (("positive", "low"), ("hr-positive", "her2-low")),
    (("negative", "not-sure"), ("hr-negative",)),
    (("negative", "positive"), ("hr-negative", "her2-positive")),
    (("negative", "zero"), ("triple-negative", "her2-zero")),
    (("negative", "ultralow"), ("triple-negative", "her2-ultralow")),
    (("negative", "low"), ("triple-negative", "her2-low")),
    (("not-sure", "low"), ("her2-low",)),
])
def test_which_texts_print_for_which_answers(answers, keys):
    from mbcprep.plan import subtype_keys

    assert subtype_keys(*answers) == keys


def test_with_no_answers_the_unknown_text_prints_in_the_notes_and_not_with_answers(small_pack):
    question = "What is the name of my medicine, and how do I say it?"
    assert question in body_text(plan(small_pack, concerns=("treatment-options",)))
    given = plan(small_pack, concerns=("treatment-options",), hormone_receptor="positive")
    assert question not in body_text(given) + subtype_text(given)
    brief = plan(small_pack, concerns=("treatment-options",), brief=True)
    assert notes_of(brief)[0].sections[0].body == ()


@pytest.mark.parametrize("given, answers", [
    ({"subtype": "hr-positive"}, ("positive", "not-sure")),
    ({"subtype": "her2-positive"}, ("not-sure", "positive")),
    ({"subtype": "her2-low"}, ("not-sure", "low")),
    ({"subtype": "triple-negative"}, ("negative", "zero")),
    ({"subtype": "unknown"}, ("not-sure", "not-sure")),
    ({"subtype": "triple-negative", "her2": "low"}, ("negative", "low")),
    ({"subtype": "triple-negative", "her2": "ultralow"}, ("negative", "ultralow")),
    ({"subtype": "hr-positive", "her2": "low"}, ("positive", "low")),
    ({"subtype": "her2-low", "hormone_receptor": "positive"}, ("positive", "low")),
    ({"subtype": "hr-positive", "hormone_receptor": "not-sure"}, ("positive", "not-sure")),
    ({"hormone_receptor": "negative", "her2": "positive"}, ("negative", "positive")),
    ({}, ("not-sure", "not-sure")),
])
def test_the_subtype_shorthands_stand_for_the_two_answers(small_pack, given, answers):
    from mbcprep.request.values import request_from_values, values_from_mapping

    request = request_from_values(values_from_mapping({"concerns": ["treatment-options"], **given}), small_pack)
    assert (request.hormone_receptor, request.her2) == answers


@pytest.mark.parametrize("given, message", [
    ({"subtype": "her2-positive", "her2": "zero"},
     'her2: "zero" does not fit subtype her2-positive, which means her2 positive; give one or the other'),
    ({"subtype": "triple-negative", "her2": "positive"},
     'her2: "positive" does not fit subtype triple-negative, which means her2 zero; give one or the other'),
    ({"subtype": "hr-positive", "hormone_receptor": "negative"},
     'hormone_receptor: "negative" does not fit subtype hr-positive, which means hormone_receptor positive; '
     'give one or the other'),
])
def test_a_shorthand_and_an_answer_that_disagree_are_one_clear_error(small_pack, given, message):
    from mbcprep.request.values import request_from_values, values_from_mapping

    with pytest.raises(RequestError) as caught:
        request_from_values(values_from_mapping({"concerns": ["treatment-options"], **given}), small_pack)
    assert str(caught.value) == message


def test_bad_subtype_and_paper_are_named_by_the_request_checks():
    from mbcprep.request.checks import check_value

    with pytest.raises(RequestError, match='^subtype: "luminal" is not one of: '):
        check_value("subtype", "luminal")
    with pytest.raises(RequestError, match='^her2: "1\\+" is not one of: positive, low, ultralow, zero, not-sure'):
        check_value("her2", "1+")
    with pytest.raises(RequestError, match='^paper: "legal" is not one of: letter, a4'):
        check_value("paper", "legal")


def test_questions_grouped_concerns_first_and_deduplicated(small_pack):
    result = plan(small_pack, concerns=("bones", "treatment-options"))
    titles = [g.title for g in result.part("questions").groups]
    assert titles[:2] == ["Bone pain and bone health", "My treatment choices"]
    assert "Questions for any visit" in titles
    keys = [q.casefold().strip(" ?") for q in questions_of(result)]
    assert len(keys) == len(set(keys))


def test_duplicate_question_text_appears_once(small_pack):
    from dataclasses import replace

    from mbcprep.model.content import Question

    bones = small_pack.concern("bones")
    general = small_pack.question_groups[0].questions[0].text
    doubled = replace(bones, questions=bones.questions + (Question(general.upper() + "  "),))
    pack = replace(small_pack, concerns=(doubled,) + small_pack.concerns[1:])
    assert sum(q.casefold().strip() == general.casefold() for q in questions_of(plan(pack))) == 1


def test_high_priority_questions_come_first_in_their_group(small_pack):
    group = plan(small_pack, concerns=("bones",)).part("questions").groups[0]
    assert group.questions[0] == "Is my pain caused by cancer in the bone?"


def test_symptom_log_rows_come_from_the_chosen_symptom_concerns(small_pack):
    log = plan(small_pack, concerns=("bones",)).part("symptom_log")
    assert log.items == ("Bone or joint pain", "Numbness or weakness")
    assert log.days[0] == "Day 1" and len(log.days) == 7
    assert (log.scale_low, log.scale_high) == ("0 = none", "10 = worst")


def test_placeholders_use_request_values_or_fallbacks(small_pack):
    with_provider = plan(small_pack, concerns=("stopping-treatment",), provider="Dr. Okafor")
    assert "Dr. Okafor will still help you" in notes_of(with_provider)[0].sections[0].summary
    without = plan(small_pack, concerns=("stopping-treatment",))
    # The placeholder starts a sentence, so the fallback starts with a capital.
    assert "does not mean stopping care. Your care team will still help you" in (
        notes_of(without)[0].sections[0].summary)


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


def test_every_sheet_says_what_it_is_not_how_old_its_words_are_and_who_has_not_reviewed_them(small_pack):
    footer = plan(small_pack).footer
    assert footer.review_line == "Words last changed November 25, 2026"
    assert "does not replace" in footer.disclaimer
    assert footer.not_reviewed_line == small_pack.labels["not_reviewed_line"]


def test_the_not_reviewed_line_goes_once_a_clinician_has_reviewed_the_words(small_pack):
    from dataclasses import replace

    reviewed = replace(small_pack, meta=replace(small_pack.meta, clinician_reviewed=True))
    assert plan(reviewed).footer.not_reviewed_line == ""


def test_every_sheet_closes_with_its_sources(small_pack):
    for mode in ({}, {"brief": True}, {"questions_only": True}):
        result = plan(small_pack, **mode)
        sources = result.parts[-1]
        assert sources.kind == "sources" and sources.heading == "Sources"
        assert sources.text.startswith("Cleveland Clinic (https://") and "National Cancer Institute" in sources.text


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
    assert "{{ patient.name }} {% raw %} will still help" in notes_of(result)[0].sections[0].summary


def test_each_concern_adds_its_top_questions_only(small_pack):
    from dataclasses import replace

    from mbcprep.model.content import Question

    bones = small_pack.concern("bones")
    extra = tuple(Question(f"Extra question about topic {word}?") for word in
                  ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot"))
    last_high = Question("A late but important question?", "high")
    many = replace(bones, questions=bones.questions + extra + (last_high,))
    pack = replace(small_pack, concerns=(many,) + small_pack.concerns[1:])
    full = plan(pack).part("questions").groups[0]
    assert full.title == bones.title and len(full.questions) == BUDGETS["full"].questions_per_concern
    assert last_high.text in full.questions  # high priority wins over pack order
    brief = plan(pack, brief=True).part("questions").groups[0]
    assert len(brief.questions) == BUDGETS["brief"].questions_per_concern


def test_the_more_concerns_the_fewer_questions_each_but_at_least_one(small_pack):
    from dataclasses import replace

    from mbcprep.model.content import Concern, Question, Section

    many = tuple(Concern(id=f"topic-{n}", title=f"Topic {n}", category="care", description="d",
                         sections=(Section(f"Heading {n}", f"Summary number {n}."),),
                         questions=tuple(Question(f"Can topic{n} {w} help me?") for w in ("cats", "dogs", "fish")))
                 for n in range(12))
    pack = replace(small_pack, concerns=many)
    result = plan(pack, concerns=tuple(c.id for c in many))
    concern_groups = [g for g in result.part("questions").groups if g.title.startswith("Topic")]
    assert len(concern_groups) == 12 and all(len(g.questions) == 1 for g in concern_groups)
    assert plan(pack, concerns=("topic-1",)).part("questions").groups[0].questions.__len__() == 3


def test_general_questions_are_the_top_few_high_priority_first(small_pack):
    result = plan(small_pack, concerns=("bones",))
    general = [q for g in result.part("questions").groups[1:] for q in g.questions]
    assert len(general) == BUDGETS["full"].general_questions
    assert general[0] == small_pack.question_groups[0].questions[0].text


def test_a_near_duplicate_question_is_asked_once(small_pack):
    """"What are my treatment choices now?" says nothing that the concern's own question does not."""
    result = plan(small_pack, concerns=("treatment-options",))
    asked = questions_of(result)
    assert "What are my treatment choices, and what is the goal of each one?" in asked
    assert "What are my treatment choices now?" not in asked


def test_a_sentence_two_concerns_share_is_printed_once(small_pack):
    from dataclasses import replace

    from mbcprep.model.content import Paragraph, Section

    shared = "Not every ache means the cancer is growing."
    extra = Section("More", "New or changing symptoms are worth telling your team. " + shared,
                    (Paragraph(shared + " Keep a diary."),))
    pack = replace(small_pack, concerns=tuple(
        replace(c, sections=c.sections + (extra,)) if c.id == "treatment-options" else c
        for c in small_pack.concerns))
    result = plan(pack, concerns=("bones", "treatment-options"))
    printed = []
    for concern in notes_of(result):
        printed += list(concern.key_points)
        for section in concern.sections:
            printed.append(section.summary)
            printed += [getattr(b, "text", " ".join(getattr(b, "items", ()))) for b in section.body]
    text = " ".join(printed)
    assert text.count(shared) == 1
    assert "Keep a diary." in text  # the rest of a paragraph stays


def test_a_medical_word_is_explained_at_its_first_use_on_the_sheet_only(small_pack):
    result = plan(small_pack, concerns=("bones", "treatment-options"))
    meaning = "(strong rays aimed at one spot)"
    explained = [q for q in questions_of(result) if meaning in q]
    assert explained == ["Would radiation (strong rays aimed at one spot) or a medicine that protects my bones help?"]
    assert sum(meaning in q for q in questions_of(result)) == 1


def test_a_word_already_explained_in_brackets_is_left_alone():
    from mbcprep.model.content import GlossaryTerm
    from mbcprep.plan.words import FirstUseExplainer

    explainer = FirstUseExplainer([GlossaryTerm("hypercalcemia", "high calcium"),
                                   GlossaryTerm("hormone receptor-positive", "grows with hormones"),
                                   GlossaryTerm("hormone", "a body signal")])
    assert explainer.explain("Hypercalcemia (too much calcium) can tire you.") == (
        "Hypercalcemia (too much calcium) can tire you.")
    assert explainer.explain("Hypercalcemia again.") == "Hypercalcemia again."
    assert explainer.explain("It is hormone receptor-positive.") == (
        "It is hormone receptor-positive (grows with hormones).")
    assert explainer.explain("A hormone.") == "A hormone (a body signal)."


def test_a_word_inside_brackets_names_the_plain_words_before_it_and_is_left_alone():
    from mbcprep.model.content import GlossaryTerm
    from mbcprep.plan.words import FirstUseExplainer

    explainer = FirstUseExplainer([GlossaryTerm("PARP inhibitors", "pills that stop cells repairing"),
                                   GlossaryTerm("ESR1", "a gene")])
    line = "pills that stop cancer cells from fixing themselves (PARP inhibitors), for a change in ESR1"
    assert explainer.explain(line) == line.replace("ESR1", "ESR1 (a gene)")
    assert explainer.explain("PARP inhibitors again.") == "PARP inhibitors again."


def test_titles_headings_and_signs_are_never_changed_by_the_glossary(small_pack):
    from dataclasses import replace

    from mbcprep.model.content import GlossaryTerm

    pack = replace(small_pack, glossary=(GlossaryTerm("bone", "a hard part of the body"),
                                         GlossaryTerm("chest", "the front of the body")))
    result = plan(pack, concerns=("bones",))
    assert notes_of(result)[0].title == "Bone pain and bone health"
    assert result.part("topics").topics == ("Bone pain and bone health",)
    signs = [s.text for g in result.part("get_help_now").groups for s in g.signs]
    assert "Chest pain or sudden shortness of breath" in signs


def test_metadata_title_is_decided_from_the_template_not_the_values(small_pack):
    from dataclasses import replace

    pack = replace(small_pack, meta=replace(small_pack.meta, title="{{ patient.first_name }}s Vorbereitung"))
    result = plan(pack, patient_name="Anna Schmidt")
    assert result.title == "Annas Vorbereitung"
    assert result.document_title == small_pack.labels["subject"]
    assert "Anna" not in result.document_title and "Anna" not in result.subject
    assert plan(small_pack, patient_name="Anna").document_title == small_pack.meta.title


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


def test_a_key_point_may_restate_its_own_concerns_notes(small_pack):
    """Dropping it there would leave the next sentence without its lead-in."""
    from dataclasses import replace

    bones = small_pack.concern("bones")
    said = bones.sections[0].summary.split(". ")[0] + "."
    pack = replace(small_pack, concerns=tuple(
        replace(c, key_points=(said, "Another point.")) if c.id == "bones" else c for c in small_pack.concerns))
    notes = notes_of(plan(pack, concerns=("bones",)))[0]
    assert notes.key_points[0] == said and notes.sections[0].summary.startswith(said)


def test_a_repeated_list_lead_in_stays_with_its_list():
    from mbcprep.plan.words import SaidOnce

    said = SaidOnce()
    said.owner = "lungs"
    assert said.paragraph("Things that may help:") == "Things that may help:"
    said.owner = "intimacy-and-body"
    assert said.paragraph("Things that may help:") == "Things that may help:"
    assert said.items(["Rest often."]) == ("Rest often.",)


def test_near_duplicates_are_judged_with_the_packs_own_filler_words(small_pack):
    from mbcprep.plan.words import content_words, near_duplicate

    assert "what" in small_pack.filler_words
    spanish = frozenset({"qué", "son", "mis", "de", "ahora", "y", "cuál", "es", "el", "cada", "una"})
    asked = [content_words("¿Cuáles son mis opciones de tratamiento, y cuál es el objetivo de cada una?", spanish)]
    assert near_duplicate("¿Qué opciones de tratamiento tengo ahora?", asked, spanish) is False
    assert near_duplicate("¿Cuáles son mis opciones de tratamiento ahora?", asked, spanish) is True


def test_a_brief_sheet_keeps_the_essentials_and_leaves_the_log_and_medicines_to_the_full_sheet(small_pack):
    result = plan(small_pack, brief=True)
    assert kinds(result) == ["header", "get_help_now", "how_to_use", "top_questions", "topics", "concern_notes",
                             "questions", "notes", "sources"]
    steps = result.part("how_to_use").steps
    assert small_pack.labels["step_symptom_log"] not in steps and small_pack.labels["step_medicines"] not in steps
