"""The words as a sheet prints them (issue 22, items 9 and 10): graded with glossary meanings in, in both languages.

``content check`` grades what the planner prints, not the pack's own text:
a glossary meaning added in brackets made a 17-word sentence of the pack a
45-word sentence on the sheet.  Expectations come from the packs' own data
and from the review's quoted examples.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import checked_request, handout_bytes

from mbcprep.cli import main
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.plan import plan_handout
from mbcprep.review import readability
from mbcprep.review.readability import MAX_ACRONYMS, MAX_PRINTED_SENTENCE_WORDS, acronyms, printed_parts, sentences

LANGUAGES = ("en", "es")


@pytest.fixture(scope="module")
def packs(builtin_pack):
    return {"en": builtin_pack, "es": load_pack(builtin_pack_path("es"))}


@pytest.fixture(scope="module")
def printed(packs):
    return {language: printed_parts(pack) for language, pack in packs.items()}


def flat(text: str) -> str:
    return " ".join(text.replace("|", " ").split())


# --------------------------------------------------------------------------
# The printed text is the planner's
# --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_printed_sentence_of_treatment_choices_is_on_the_text_sheet_as_graded(packs, printed, language):
    pack = packs[language]
    request = checked_request(pack, ("treatment-options",), hormone_receptor="positive", her2="low")
    sheet = flat(handout_bytes(request, pack, "txt").decode())
    graded = [p for p in printed[language] if p.where.endswith("for hr-positive + her2-low")]
    assert graded
    for sentence in sentences(graded[0].text):
        assert flat(sentence).rstrip(".") in sheet, sentence  # a list item is graded as a sentence


def test_a_meaning_is_graded_where_the_sheet_prints_it(printed, packs):
    """The glossary meaning of a word is in the printed part that first uses it, as on the sheet."""
    biopsy = next(term for term in packs["en"].glossary if term.term == "biopsy")
    part = next(p for p in printed["en"] if p.where.startswith("concerns/biomarker-tests.toml: sections[0]"))
    assert f"biopsy ({biopsy.meaning})" in part.text


# --------------------------------------------------------------------------
# Sentences, grades and acronyms as printed (the rules content check enforces)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_printed_sentence_is_over_25_words(printed, language):
    long = [(p.where, s) for p in printed[language] for s in sentences(p.text)
            if len(s.split()) > MAX_PRINTED_SENTENCE_WORDS]
    assert long == []


def test_the_reviews_45_and_39_word_sentences_are_gone(printed):
    text = "\n".join(p.text for p in printed["en"])
    assert "Most treatments are medicines that reach the whole body, such as" not in text  # printed as 45 words
    assert "The main types are hormone receptor-positive" not in text  # printed as 39 words
    assert "Doctors have written about one person" not in text  # 37 words, and one anecdote


def test_every_english_part_is_at_most_grade_7_as_printed(printed):
    pytest.importorskip("textstat")
    scale = readability.scale_for("en")
    hard = [(p.where, scale.score(p.text)) for p in printed["en"] if scale.score(p.text) > 7.0]
    assert hard == []
    assert scale.score("\n".join(p.text for p in printed["en"] if p.kind != "section for a type")) <= 6.0


def test_every_spanish_part_reads_at_fernandez_huerta_70_or_more_as_printed(printed):
    scale = readability.scale_for("es")
    hard = [(p.where, round(scale.score(p.text), 1)) for p in printed["es"] if scale.score(p.text) < 70]
    assert hard == []
    assert scale.score("\n".join(p.text for p in printed["es"] if p.kind != "section for a type")) >= 75


@pytest.mark.parametrize("language", LANGUAGES)
def test_at_most_three_acronyms_in_any_section_printed_without_a_type(printed, language):
    many = [(p.where, acronyms(p.text)) for p in printed[language]
            if p.kind == "section" and len(acronyms(p.text)) > MAX_ACRONYMS]
    assert many == []


def test_acronyms_are_words_of_two_capitals_or_more():
    assert acronyms("HER2-low and CDK4/6, oral SERDs, PD-L1, BRCA1/2; a SERD, HER2 again. I am OK, Dato-DXd") == [
        "HER2", "CDK4/6", "SERD", "PD-L1", "BRCA1/2", "OK"]


# --------------------------------------------------------------------------
# "Names you may hear" only for the answers given (item 10)
# --------------------------------------------------------------------------


def notes_text(plan) -> str:
    section = plan.part("concern_notes").concerns[0].sections[0]
    return readability.printed.section_text(section)


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_no_type_the_sheet_asks_for_the_medicines_name_instead_of_listing_names(packs, language):
    pack = packs[language]
    texts = pack.concern("treatment-options").sections[0].by_subtype
    plan = plan_handout(checked_request(pack, ("treatment-options",)), pack)
    text = notes_text(plan)
    assert texts["unknown"][0].text in text
    for key, blocks in texts.items():
        for block in blocks:
            for item in getattr(block, "items", ()):
                assert item not in text, (key, item)  # no list of names for a type not given
    for name in ("palbociclib", "pembrolizumab", "olaparib", "elacestrant"):
        assert name not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_hormone_receptor_positive_and_her2_low_show_both_parts_with_their_names(packs, language):
    pack = packs[language]
    texts = pack.concern("treatment-options").sections[0].by_subtype
    plan = plan_handout(checked_request(pack, ("treatment-options",), hormone_receptor="positive", her2="low"), pack)
    section = plan.part("concern_notes").concerns[0].sections[0]
    printed_text = readability.printed.section_text(section)
    for key in ("hr-positive", "her2-low"):
        first = texts[key][0].text.split(".")[0]
        assert first in printed_text, key
    assert texts["unknown"][0].text not in printed_text
    assert printed_text.index(texts["hr-positive"][0].text.split(".")[0]) < printed_text.index(
        texts["her2-low"][0].text.split(".")[0])


# --------------------------------------------------------------------------
# Treatment facts as of late 2026, and the review's smaller points (both languages)
# --------------------------------------------------------------------------


def blocks(pack, concern, key, section=0) -> str:
    return " ".join(getattr(b, "text", None) or " ".join(b.items)
                    for b in pack.concern(concern).sections[section].by_subtype[key])


FACTS = {
    "en": {"more than one": "A cancer can be more than one type",
           "first spreads": "When the cancer first spreads", "grows": "When it grows, a blood test",
           "older her2": 'An older HER2 result may say only "negative". Ask if it was checked for HER2-low.',
           "2010s": "in the 2010s", "relative": '"relative" survival', "men": "It did not count men",
           "reports": "Several reports describe", "hospice": "last months of life",
           "esr1": "the gene for the estrogen receptor",
           "caption": "cancer in a bone of the spine"},
    "es": {"more than one": "Un cáncer puede ser de más de un tipo",
           "first spreads": "Cuando el cáncer se extiende por primera vez",
           "grows": "Cuando crece, se suele ver en la sangre",
           "older her2": "Un resultado antiguo de HER2 puede decir solo «negativo». Pregunte si se revisó",
           "2010s": "en la década de 2010", "relative": "supervivencia «relativa»", "men": "No contó a los hombres",
           "reports": "Varios informes", "hospice": "últimos meses de vida",
           "esr1": "el gen del receptor de estrógeno",
           "caption": "cáncer en un hueso de la columna"},
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_hormone_receptor_positive_text_has_the_late_2026_facts(packs, language):
    pack = packs[language]
    hr = blocks(pack, "treatment-options", "hr-positive")
    for name in ("PIK3CA", "AKT1", "PTEN", "ESR1", "trastuzumab deruxtecan", "datopotamab deruxtecan",
                 "sacituzumab govitecan", "elacestrant", "imlunestrant", "inavolisib", "palbociclib"):
        assert name.lower() in hr.lower(), name
    assert FACTS[language]["first spreads"] in hr and FACTS[language]["grows"] in hr
    assert "HER2" in hr and ("ultralow" in hr or "ultrabajo" in hr)  # T-DXd for HER2-low and ultralow
    body = " ".join(getattr(b, "text", "") for b in pack.concern("treatment-options").sections[0].body)
    assert FACTS[language]["more than one"] in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_biomarker_notes_ask_whether_an_older_her2_result_was_checked_for_her2_low(packs, language):
    body = " ".join(getattr(b, "text", "") for b in packs[language].concern("biomarker-tests").sections[0].body)
    assert FACTS[language]["older her2"] in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_remission_outlook_glossary_and_caption(packs, printed, language):
    pack, facts = packs[language], FACTS[language]
    remission = " ".join(getattr(b, "text", "") for s in pack.concern("remission").sections for b in s.body)
    assert facts["reports"] in remission
    for anecdote in ("one person", "nine years", "una persona", "nueve años", "one case", "un solo caso"):
        assert anecdote not in remission
    outlook = " ".join(getattr(b, "text", "") for s in pack.concern("outlook").sections for b in s.body)
    for fact in ("2010s", "relative", "men"):
        assert facts[fact] in outlook, fact
    meanings = {term.term: term.meaning for term in pack.glossary}
    assert facts["hospice"] in meanings["hospice" if language == "en" else "hospicio"]
    assert meanings["ESR1"] == facts["esr1"]
    assert facts["caption"] in pack.concern("bones").sections[0].picture_caption
    text = "\n".join(p.text for p in printed[language])
    assert not re.search(r"protein called PD-L1 \(|proteína llamada PD-L1 \(", text)


def test_metastatic_is_explained_after_the_whole_noun_not_inside_it(printed):
    text = "\n".join(p.text for p in printed["en"])
    assert "metastatic (" not in text and ") breast cancer" not in text
    assert "metastatic breast cancer (" in text


# --------------------------------------------------------------------------
# content check prints the printed grades and reports the printed rules
# --------------------------------------------------------------------------


def check(*args):
    return CliRunner().invoke(main, ["content", "check", *args])


@pytest.mark.parametrize("language", LANGUAGES)
def test_content_check_prints_the_grade_of_each_part_as_printed(printed, language):
    if language == "en":
        pytest.importorskip("textstat")
    out = check("--language", language).output
    scale = readability.scale_for(language)
    assert "Reading figures of the text as printed, glossary meanings included" in out
    for part in printed[language]:
        assert f"{scale.score(part.text):5.1f}  {part.where}" in out, part.where
    assert "Whole pack as printed:" in out and "0 part(s) too hard" in out


def test_spanish_figures_need_no_textstat(monkeypatch):
    monkeypatch.setattr("mbcprep.review.readability.textstat_available", lambda: False)
    out = check("--language", "es").output
    assert "Fernandez-Huerta" in out and "textstat is not installed" not in out


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_content_check_reports_a_sentence_that_only_the_glossary_makes_too_long(pack_copy):
    # 20 words in the pack, so the pack's own limit (20) passes; the meaning of "radiation" adds 6.
    sentence = "Your team may offer radiation to one sore spot on a bone, so the pain eases and you sleep better."
    assert len(sentence.split()) == 20
    edit(pack_copy / "concerns/bones.toml", "Tell your care team about any new pain.", sentence)
    out = check(str(pack_copy)).output
    assert "long sentence in the pack" not in out
    assert ("long printed sentence (26 words; at most 25) in concerns/bones.toml: key_points: Your team may offer "
            "radiation (strong rays aimed at one spot...") in out


def test_content_check_counts_acronyms_only_where_no_type_was_given(pack_copy):
    edit(pack_copy / "concerns/treatment-options.toml", "Your team may suggest a new biopsy.",
         "Your team may test ESR1, PIK3CA, AKT1 and PTEN.")
    out = check(str(pack_copy)).output
    assert ("concerns/treatment-options.toml: sections[0] (There is no single plan): prints 4 acronyms or gene "
            "names when no type is given (ESR1, PIK3CA, AKT1, PTEN); keep to 3") in out
    fixed = pack_copy / "concerns/treatment-options.toml"
    edit(fixed, "Your team may test ESR1, PIK3CA, AKT1 and PTEN.", "Your team may suggest a new biopsy.")
    edit(fixed, 'hr-positive = "Your cancer grows with hormones.', 'hr-positive = "Tests: ESR1, PIK3CA, AKT1, PTEN.')
    assert "acronyms" not in check(str(pack_copy)).output
