"""Checks on the built-in English content pack: coverage, safety signs, plain language.

These test the words people will read, not the loader: a failure here means
the pack itself needs fixing (a missing concern, a red flag in the wrong
place, a sentence that is too long or too hard to read).
"""

from __future__ import annotations

import re

import pytest

from mbcprep.pack import load_pack
from mbcprep.review.readability import grade, iter_text

SYMPTOM_IDS = ["bones", "brain", "lungs", "liver", "tiredness", "pain"]
CARE_IDS = [
    "what-is-mbc",
    "treatment-options",
    "biomarker-tests",
    "side-effects",
    "tests-and-follow-up",
    "clinical-trials",
    "outlook",
    "remission",
    "palliative-care",
    "eating-well",
    "emotions",
    "intimacy-and-body",
    "family-and-caregivers",
    "money-and-work",
    "complementary-therapies",
    "planning-ahead",
    "stopping-treatment",
]
ALL_IDS = SYMPTOM_IDS + CARE_IDS

MAX_SECTION_GRADE = 7.0
MAX_PACK_GRADE = 6.0
MAX_SENTENCE_WORDS = 20

# A sentence ends at . ? or ! followed by a space or the end of the text
# (so "100.4" stays whole), or at a line break (each bullet item is its own line).
SENTENCE_END = re.compile(r"(?<=[.?!])[\"')]?\s+|[.?!][\"')]?$|\n+")


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.fixture(scope="module")
def concerns(pack):
    return {c.id: c for c in pack.concerns}


def section_texts(concern):
    """All reading text of a concern, one string per piece, with bullets split out."""
    texts = []
    for section in concern.sections:
        texts.append(section.summary)
        for block in (*section.body, *(b for blocks in section.by_subtype.values() for b in blocks)):
            texts.extend(getattr(block, "items", None) or [block.text])
    return texts


def blocks_text(blocks) -> str:
    return " ".join(getattr(block, "text", None) or " ".join(block.items) for block in blocks)


def all_reader_text(pack):
    """(where, text) for every piece of text a person reads on a handout."""
    for concern in pack.concerns:
        where = concern.file or concern.id
        yield f"{where}: title", concern.title
        yield f"{where}: description", concern.description
        for text in section_texts(concern):
            yield f"{where}: section", text
        for question in concern.questions:
            yield f"{where}: question", question.text
        for sign_id in concern.red_flags:
            yield f"{where}: red flag", pack.sign(sign_id).text
        for item in concern.symptom_log:
            yield f"{where}: symptom log", item
    for group in pack.question_groups:
        yield "questions.toml: title", group.title
        for question in group.questions:
            yield "questions.toml: question", question.text
    yield "pack.toml: review_status", pack.meta.review_status
    yield "pack.toml: disclaimer", pack.meta.disclaimer


SYMPTOM_NOTE = "Not every symptom means the cancer is growing, but tell your team about new or changing symptoms."


def split_sentences(text):
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


# --------------------------------------------------------------------------
# Coverage
# --------------------------------------------------------------------------


def test_pack_loads_with_all_concerns(pack, concerns):
    assert set(ALL_IDS) <= set(concerns)
    for concern_id in SYMPTOM_IDS:
        assert concerns[concern_id].category == "symptoms", concern_id
    for concern_id in CARE_IDS:
        assert concerns[concern_id].category == "care", concern_id


def test_at_least_23_concerns_symptoms_first(pack):
    ids = [c.id for c in pack.concerns]
    assert len(ids) >= 23 and set(ALL_IDS) <= set(ids)
    categories = [c.category for c in pack.concerns]
    assert categories == sorted(categories, key=lambda c: c != "symptoms")


@pytest.mark.parametrize("concern_id", ALL_IDS)
def test_concern_shape(concerns, concern_id):
    concern = concerns[concern_id]
    assert 1 <= len(concern.sections) <= 3
    assert 3 <= len(concern.questions) <= 7
    assert 2 <= len(concern.key_points) <= 4
    assert all(len(point.split()) <= 15 for point in concern.key_points)
    assert any(q.priority == "high" for q in concern.questions), "mark the most important question"
    assert concern.description and len(concern.description) <= 60
    # Titles and descriptions each fit on one line of 'mbcprep concerns' (78 columns).
    widest_id = max(len(i) for i in ALL_IDS)
    assert len(concern.title) <= 78 - widest_id - 4 and len(concern.description) <= 78 - widest_id - 4
    assert concern.related, "link to at least one other concern"
    for section in concern.sections:
        # The summary stands alone on brief handouts: two to four sentences.
        assert 2 <= len(split_sentences(section.summary)) <= 4, section.heading


@pytest.mark.parametrize("concern_id", SYMPTOM_IDS)
def test_symptom_concerns_have_log_and_reassurance(concerns, concern_id):
    concern = concerns[concern_id]
    assert 2 <= len(concern.symptom_log) <= 4
    text = " ".join(section_texts(concern)).lower()
    # Not every ache means growth, but new or changing symptoms are worth telling:
    # one identical sentence, so a sheet with several symptom concerns prints it once.
    assert "not every" in text and "new or changing symptoms" in text
    note = next(s for s in split_sentences(" ".join(section_texts(concern))) if s.lower().startswith("not every"))
    assert note == SYMPTOM_NOTE


@pytest.mark.parametrize("concern_id", CARE_IDS)
def test_care_concerns_have_no_symptom_log(concerns, concern_id):
    assert concerns[concern_id].symptom_log == ()


def test_related_ids_exist(concerns):
    for concern in concerns.values():
        for related in concern.related:
            assert related in concerns, f"{concern.id} -> {related}"
            assert related != concern.id


def test_treatment_options_covers_each_subtype(concerns):
    subtypes = set()
    for section in concerns["treatment-options"].sections:
        subtypes |= set(section.by_subtype)
    assert {"hr-positive", "her2-positive", "her2-low", "triple-negative"} <= subtypes
    text = " ".join(section_texts(concerns["treatment-options"])).lower()
    assert "surgery" in text


def test_survival_numbers_are_present_with_their_year_and_limits(concerns):
    text = " ".join(section_texts(concerns["outlook"]) + section_texts(concerns["what-is-mbc"]))
    for number in ("170,000", "1 in 3", "20 to 30", "6 out of 100"):
        assert number in text, number
    assert "cannot" in " ".join(section_texts(concerns["outlook"])).lower()
    mbc = " ".join(section_texts(concerns["what-is-mbc"]))
    assert re.search(r"170,000 .*2020", mbc) and "did not count men" in mbc
    assert "already spread when it was first found" in " ".join(section_texts(concerns["outlook"]))


def test_men_get_breast_cancer_too(concerns):
    assert re.search(r"\bmen\b", " ".join(section_texts(concerns["what-is-mbc"])))


def test_treatment_facts_as_of_2026(concerns):
    text = " ".join(section_texts(concerns["treatment-options"]) + section_texts(concerns["biomarker-tests"])
                    + section_texts(concerns["bones"])).lower()
    for name in ("palbociclib", "ribociclib", "abemaciclib", "elacestrant", "alpelisib", "capivasertib",
                 "inavolisib", "trastuzumab deruxtecan", "sacituzumab govitecan", "datopotamab deruxtecan",
                 "olaparib", "talazoparib", "pembrolizumab", "denosumab", "zoledronic acid", "esr1"):
        assert name in text, name
    triple = blocks_text(concerns["treatment-options"].sections[0].by_subtype["triple-negative"]).lower()
    assert "never" not in triple and "do not work" not in triple


def test_general_questions_cover_the_brief(pack):
    questions = " ".join(q.text for g in pack.question_groups for q in g.questions).lower()
    for words in ("treatment choices", "likely to go", "side effects", "complementary", "stop treatment",
                  "feel as well as i can", "benefits and risks", "what happens if i wait",
                  "how, where and how often", "work and daily life", "cost", "second opinion",
                  "who leads my care", "vitamins or supplements"):
        assert words in questions, words
    titles = [g.title.lower() for g in pack.question_groups]
    assert "what matters most to me" in titles


def test_leading_copied_and_duplicate_questions_are_gone(pack):
    every = [q.text for g in pack.question_groups for q in g.questions]
    every += [q.text for c in pack.concerns for q in c.questions]
    text = " ".join(every).lower()
    assert "trade-offs between how long" not in text
    assert "keep taking treatment if my tests find no cancer" not in text
    assert "how can i feel my best during treatment" not in text  # the source's own words
    assert not any("between visits" in q.lower() for q in every if not q.startswith("Who leads my care"))


# --------------------------------------------------------------------------
# Red flags
# --------------------------------------------------------------------------

# The brief's triage table, concern by concern: (a fact the sign names, its action).
# Each concern's sheet shows its own signs plus the every-sheet ones.
TRIAGE = {
    "bones": [(r"new pain in a bone or joint", "call-today"), (r"pain in a new place", "call-today"),
              (r"bone that may be broken", "emergency"), (r"numb legs", "emergency")],
    "brain": [(r"loss of sight", "emergency"), (r"sudden, severe headache", "emergency"),
              (r"headache with throwing up|headache worse when you wake", "call-today"),
              (r"nausea that won't go away", "call-today"), (r"seizure", "emergency")],
    "lungs": [(r"coughing up blood", "emergency"), (r"slowly gets (worse|harder)", "call-today"),
              (r"new cough.*(enhertu|deruxtecan)", "call-now")],
    "liver": [(r"yellow", "call-today"), (r"belly that swells", "call-today")],
    "pain": [(r"pain in a new place", "call-today"), (r"wakes you at night", "call-today"),
             (r"no bowel movement for 3 days", "call-today"), (r"hard to wake", "emergency")],
    "side-effects": [(r"new cough.*(enhertu|deruxtecan)", "call-now"), (r"heartbeat", "call-now"),
                     (r"rash, with blisters", "call-now"), (r"bruises|purple spots", "call-now"),
                     (r"into a vein", "call-now"), (r"slowly gets (worse|harder)", "call-today"),
                     (r"no bowel movement for 3 days", "call-today"), (r"hands or feet", "call-today"),
                     (r"eye pain", "call-now"), (r"how you see", "call-now")],
    "treatment-options": [(r"new cough.*(enhertu|deruxtecan)", "call-now"), (r"heartbeat", "call-now"),
                          (r"rash, with blisters", "call-now"), (r"bruises|purple spots", "call-now"),
                          (r"into a vein", "call-now"), (r"slowly gets (worse|harder)", "call-today")],
    "eating-well": [(r"nausea", "call-today"), (r"mouth sores", "call-today")],
    "emotions": [(r"suicide|hurting yourself", "crisis")],
}


@pytest.mark.parametrize("concern_id", list(TRIAGE))
def test_each_concern_sheet_gets_the_briefs_signs_with_the_briefs_action(pack, concerns, concern_id):
    signs = [pack.sign(i) for i in concerns[concern_id].red_flags] + [s for s in pack.signs if s.every_sheet]
    for pattern, level in TRIAGE[concern_id]:
        matching = [s for s in signs if re.search(pattern, s.text, re.I)]
        assert matching, (concern_id, pattern)
        assert {s.level for s in matching} == {level}, (concern_id, pattern, matching)


def test_each_sign_is_defined_once(pack):
    """Concerns name signs by id, so a shared sign has one text and one action."""
    ids = [s.id for s in pack.signs]
    assert len(ids) == len(set(ids))
    for concern in pack.concerns:
        for sign_id in concern.red_flags:
            assert sign_id in ids, (concern.id, sign_id)


def test_common_side_effects_are_not_sent_to_911_or_the_night_line(pack):
    """Over-triage teaches people to ignore the panel (2026-12-07 review, 7 and 8): the expected effects of
    opioids and chemo are urgent only in their dangerous pattern."""
    for sign in pack.signs:
        text = sign.text.lower()
        if sign.level in ("emergency", "call-now"):
            assert not re.search(r"tingl|thirst|constipat|bowel movement", text), sign.text
        if "sleepy" in text:
            assert "hard to wake" in text and sign.level == "emergency", sign.text
        if "constipat" in text or "bowel movement" in text:
            assert "3 days" in text and sign.level == "call-today", sign.text
        if "thirst" in text:
            assert "urine" in text and sign.level == "call-today", sign.text
        if "tingl" in text:
            assert re.search(r"hands or feet", text) and re.search(r"hard to walk, button or hold", text)


def test_red_flags_describe_signs_not_instructions(pack):
    # The handout prints them under "Call 911 ..." / "Call your care team ...".
    for sign in pack.signs:
        first = sign.text.split()[0].lower()
        assert first not in {"call", "go", "phone", "dial"}, sign.text
        assert not sign.text.endswith("."), sign.text


# --------------------------------------------------------------------------
# Plain language
# --------------------------------------------------------------------------


def test_section_grades(pack):
    """Graded through ``readability.grade``, which sets textstat's language (grading Spanish changes it)."""
    pytest.importorskip("textstat")
    too_hard = [(where, grade(text)) for where, _, _, text in iter_text(pack) if grade(text) > MAX_SECTION_GRADE]
    assert not too_hard


def test_whole_pack_grade(pack):
    pytest.importorskip("textstat")
    joined = "\n".join(part.text for part in iter_text(pack))
    assert grade(joined) <= MAX_PACK_GRADE


def test_no_long_sentences(pack):
    long = [(where, s) for where, text in all_reader_text(pack) for s in split_sentences(text)
            if len(s.split()) > MAX_SENTENCE_WORDS]
    assert not long


def test_sentence_splitter_keeps_decimals():
    assert split_sentences("A fever of 100.4 F. Call now!\n- one\n- two") == [
        "A fever of 100.4 F.", "Call now!", "- one", "- two"]


def test_clinicians_are_the_care_team(pack):
    """Speak of "your care team"; avoid "the doctor" / "your oncologist" as the default."""
    text = " ".join(t for _, t in all_reader_text(pack)).lower()
    assert "your care team" in text
    assert "oncologist" not in text


def test_no_assumptions_about_sex_or_family(pack):
    """Men get breast cancer too, and not everyone has a husband or children."""
    text = " ".join(t for _, t in all_reader_text(pack)).lower()
    for word in ("women", "woman", "husband", "wife", "your children", "your kids", "ladies"):
        assert not re.search(rf"\b{word}\b", text), word


# --------------------------------------------------------------------------
# Sources and review
# --------------------------------------------------------------------------


def test_sources(pack):
    sources = pack.meta.sources
    assert sources
    for source in sources:
        assert source.url.startswith("https://"), source.url
        assert source.organisation, source
    titles = " ".join(s.title for s in sources)
    # The survival numbers come from an academic medical center page citing NCI.
    assert any("National Cancer Institute" in s.title and "academic medical center" in s.title
               for s in sources)
    for body in ("National Cancer Institute", "Cancer.Net", "NHS"):
        assert body in titles, body


def test_review_status_is_honest(pack):
    status = pack.meta.review_status.lower()
    assert "not" in status and "reviewed by a clinician" in status
    assert pack.meta.last_reviewed.isoformat() == "2026-12-07"


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_two_symptom_log_rows_say_nearly_the_same(language):
    """A sheet with brain and liver had "Nausea" and "Nausea or throwing up" as two rows (2026-12-07 review, 17):
    rows that differ are never one inside the other, so the log merges the same symptom into one row."""
    from mbcprep.pack import builtin_pack_path
    from mbcprep.plan.words import content_words

    pack = load_pack(builtin_pack_path(language))
    rows = sorted({row for concern in pack.concerns for row in concern.symptom_log})
    words = {row: content_words(row, pack.filler_words) for row in rows}
    assert len(rows) > 12
    assert [(a, b) for a in rows for b in rows if a != b and words[a] <= words[b]] == []
