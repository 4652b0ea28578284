"""Safe words on every sheet: the signs every handout needs, whatever was chosen, in every mode and format.

These read the built-in pack's own data (which signs are every-sheet, which
action each has), not a copy of its words, so an edit to a sign is checked
the same way.  The brief's triage table is checked by the facts it names
(fever, 988, a clot, bleeding...), not by sentences.
"""

from __future__ import annotations

import io
import re

import pytest

from mbcprep.constants import RED_FLAG_LEVELS
from mbcprep.render import render_handout
from mbcprep.model.request import Request
from mbcprep.pack import load_pack
from mbcprep.plan import plan_handout

PACK = load_pack()
MODES = {
    "default": {},
    "brief": {"brief": True},
    "questions-only": {"questions_only": True},
    "large print": {"large_print": True},
}


def squash(text: str) -> str:
    return " ".join(text.split())


def visible_text(data: bytes, fmt: str) -> str:
    """The words a person sees, in reading order, whitespace squashed."""
    if fmt == "pdf":
        from pypdf import PdfReader

        return squash(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    text = data.decode("utf-8")
    if fmt == "html":
        import html

        text = re.sub(r"(?s)<(style|script|title|head)\b.*?</\1>", " ", text)
        text = re.sub(r"</?a\b[^>]*>", "", text)  # a link inside a sentence ("Call <a>911</a> or ...")
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    else:  # the text format wraps lines and marks the panel with "!!" at the margin
        text = re.sub(r"(?m)^!!\s?", "", text)
    return squash(text)


EVERY_SHEET = [sign for sign in PACK.signs if sign.every_sheet]


def test_the_panel_says_what_to_do_when_no_one_answers_in_hospice_and_in_another_language():
    """The brief's panel lines, on every sheet (test below), in both languages; Spanish asks for "Spanish"."""
    from mbcprep.pack import builtin_pack_path

    advice = plan_handout(Request(concerns=("tiredness",)), PACK).part("get_help_now").advice
    assert len(advice) == 3
    assert re.search(r"emergency room.*cancer.*treatment", advice[0]) and "hospice team first" in advice[1]
    assert "free interpreter" in advice[2] and "say your language" in advice[2]
    assert re.search(r"today, even at night or on a weekend.*after-hours number", PACK.labels["call_today_intro"])
    spanish = load_pack(builtin_pack_path("es")).labels
    assert spanish["help_interpreter"] == 'Tiene derecho a un intérprete gratis. Cuando llame, diga "Spanish" y espere.'


def test_the_pack_has_the_every_sheet_signs_the_brief_asks_for():
    """The brief's every-sheet table: the emergencies of this disease, whatever was chosen (2026-12-07 review, 2)."""
    def every_sheet(pattern: str, level: str) -> None:
        found = [s for s in EVERY_SHEET if re.search(pattern, f"{s.text} {s.why}", re.I)]
        assert found, pattern
        assert {s.level for s in found} == {level}, (pattern, found)

    every_sheet(r"100\.4°F \(38°C\)", "call-now")
    every_sheet(r"shaking chills", "call-now")
    every_sheet(r"very unwell, even with no fever", "call-now")
    every_sheet(r"suicide|ending your life", "crisis")
    # Spinal cord pressure: legs, belly, groin or around the chest; walking; bladder and bowels.
    every_sheet(r"new weak or numb legs", "emergency")
    every_sheet(r"new numbness in belly, groin or chest", "emergency")
    every_sheet(r"new trouble walking", "emergency")
    every_sheet(r"loss of bladder or bowel control", "emergency")
    # Brain: a seizure and stroke-like signs; confusion; too sleepy to wake.
    every_sheet(r"^a seizure\b", "emergency")
    every_sheet(r"sudden weakness on one side", "emergency")
    every_sheet(r"sudden trouble speaking", "emergency")
    every_sheet(r"confusion that is new", "emergency")
    every_sheet(r"so sleepy you are hard to wake", "emergency")
    every_sheet(r"^breathing very slowly", "emergency")
    every_sheet(r"sudden.*short(ness)? of breath", "emergency")
    every_sheet(r"chest pain", "emergency")
    every_sheet(r"swelling of your face, lips or throat", "emergency")
    every_sheet(r"bleeding that will not stop", "emergency")
    every_sheet(r"throwing up blood|vomiting blood", "emergency")
    every_sheet(r"black or bloody stool", "emergency")
    every_sheet(r"bone that may be broken", "emergency")
    every_sheet(r"fainting", "emergency")
    every_sheet(r"new back or neck pain", "call-today")
    every_sheet(r"pain that wakes you at night", "call-today")
    every_sheet(r"very thirsty and passing a lot of urine", "call-today")
    every_sheet(r"swollen", "call-today")  # a clot in a leg or arm (a clot in the lungs is sudden breathlessness)
    every_sheet(r"pain .*medicines? (do|does) not (control|help)", "call-today")
    every_sheet(r"fluids", "call-today")
    every_sheet(r"diarrhea 4 or more extra times a day", "call-today")
    fever = next(s for s in EVERY_SHEET if "100.4" in s.text)
    assert fever.icon == "thermometer" and "acetaminophen or ibuprofen" in fever.why
    crisis = next(s for s in EVERY_SHEET if s.level == "crisis")
    assert "911" in crisis.why and "988" in PACK.labels["crisis_intro"]
    # The second action of a sign is said in its reason, never as a second bullet with another action.
    assert "call 911" in PACK.sign("thirst-urine").why.lower() and "confused" in PACK.sign("thirst-urine").why
    assert "right away" in PACK.sign("diarrhea").why and "fever" in PACK.sign("diarrhea").why


def test_each_sign_is_one_short_sign():
    for sign in PACK.signs:
        assert not re.search(r"\btogether\b", sign.text, re.I), sign
        assert len(sign.text.split()) <= 15, sign


def test_each_sign_has_one_action_on_every_sheet():
    """Whichever concerns are chosen, a sign sits under the intro of its own level, once."""
    choices = [(c.id,) for c in PACK.concerns] + [tuple(PACK.concern_ids)]
    for concerns in choices:
        panel = plan_handout(Request(concerns=concerns), PACK).part("get_help_now")
        seen = [sign.text for group in panel.groups for sign in group.signs]
        assert len(seen) == len(set(seen)), concerns
        for group in panel.groups:
            assert group.level in RED_FLAG_LEVELS
            for planned in group.signs:
                source = next(s for s in PACK.signs if s.text == planned.text)
                assert source.level == group.level, (concerns, planned)


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_routine_list_names_an_urgent_sign(language):
    """The loader rejects clashes, by key words and by meaning; this shows the shipped packs have
    routine lists and pass, with a meaning for most signs."""
    from mbcprep.pack import builtin_pack_path
    from mbcprep.pack.clash import SignFinder

    pack = load_pack(builtin_pack_path(language))
    routine = [item for c in pack.concerns for s in c.sections for item in s.report_signs]
    assert len(routine) > 15 and pack.word_groups
    finder = SignFinder(pack.signs, pack.word_groups)
    assert [item for item in routine if finder.find(item)] == []


def panel_text(data: bytes, fmt: str, plan) -> str:
    """The words of the "Get help now" panel alone, as a person sees them, whitespace squashed."""
    panel = plan.part("get_help_now")
    if fmt == "txt":
        return squash(" ".join(line[2:] for line in data.decode("utf-8").splitlines() if line.startswith("!!")))
    if fmt == "html":
        section = re.search(r'(?s)<section class="help-now".*?</section>', data.decode("utf-8")).group(0)
        return visible_text(section.encode("utf-8"), "html")
    text = visible_text(data, fmt)
    start = text.index(panel.heading)
    after = [part.heading for part in plan.parts[plan.parts.index(panel) + 1:] if getattr(part, "heading", "")]
    return text[start:text.index(after[0], start)]


@pytest.fixture(scope="module")
def packs():
    from mbcprep.pack import builtin_pack_path

    return {"en": PACK, "es": load_pack(builtin_pack_path("es"))}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("fmt", ["pdf", "html", "txt"])
@pytest.mark.parametrize("mode", list(MODES))
def test_every_one_concern_handout_shows_every_sheet_sign_once(packs, language, fmt, mode):
    """Every sheet, whatever was chosen, in every mode, format and language: each every-sheet sign
    once in the panel, under its own action's words, and the panel's standing lines."""
    pack = packs[language]
    every_sheet = [sign for sign in pack.signs if sign.every_sheet]
    intros = {level: pack.labels[f"{level.replace('-', '_')}_intro"] for level in RED_FLAG_LEVELS}
    for concern in pack.concerns:
        plan = plan_handout(Request(concerns=(concern.id,), **MODES[mode]), pack)
        panel = panel_text(render_handout(plan, fmt).data, fmt, plan)
        for sign in every_sheet:
            assert panel.count(squash(sign.text)) == 1, (concern.id, mode, fmt, sign.text)
            # under its own action: the last action's words before the sign are its level's
            before = panel[:panel.index(squash(sign.text))]
            last = max(intros, key=lambda level: before.rfind(squash(intros[level])))
            assert last == sign.level, (concern.id, mode, fmt, sign.text, last)
        for line in plan.part("get_help_now").advice:  # no answer: the emergency room; hospice; interpreter
            assert panel.count(squash(line)) == 1, (concern.id, mode, fmt, line)


@pytest.mark.parametrize("fmt", ["pdf", "html", "txt"])
def test_every_sheet_says_what_it_is_not_how_old_its_words_are_and_where_they_come_from(fmt):
    plan = plan_handout(Request(concerns=("tiredness",), questions_only=True), PACK)
    text = visible_text(render_handout(plan, fmt).data, fmt)
    assert squash(PACK.meta.disclaimer) in text
    assert plan.footer.review_line in text
    assert squash(PACK.labels["not_reviewed_line"]) in text
    assert PACK.labels["sources_heading"] in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_text_panel_is_marked_on_every_line(language):
    """In the text format every line of "Get help now" starts with "!!", wrapped reasons included.

    All concerns, so every sign and its reason is on the sheet; a long reason wraps at 78 columns.
    """
    from mbcprep.pack import builtin_pack_path

    pack = PACK if language == "en" else load_pack(builtin_pack_path("es"))
    plan = plan_handout(Request(concerns=pack.concern_ids, format="txt"), pack)
    lines = render_handout(plan, "txt").data.decode("utf-8").splitlines()
    marked = [index for index, line in enumerate(lines) if line.startswith("!!")]
    panel = lines[marked[0]:marked[-1] + 1]
    assert len(panel) > 40 and any(len(line) > 70 for line in panel)
    assert [line for line in panel if not line.startswith("!!")] == []
