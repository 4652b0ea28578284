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
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    else:  # the text format wraps lines and marks the panel with "!!" at the margin
        text = re.sub(r"(?m)^!!\s?", "", text)
    return squash(text)


EVERY_SHEET = [sign for sign in PACK.signs if sign.every_sheet]


def test_the_pack_has_the_every_sheet_signs_the_brief_asks_for():
    """Fever, 988, a clot, sudden breathlessness, chest pain, bleeding, uncontrolled pain, no fluids kept down."""
    def every_sheet(pattern: str, level: str) -> None:
        found = [s for s in EVERY_SHEET if re.search(pattern, f"{s.text} {s.why}", re.I)]
        assert found, pattern
        assert {s.level for s in found} == {level}, (pattern, found)

    every_sheet(r"100\.4°F \(38°C\)", "call-now")
    every_sheet(r"suicide|ending your life", "crisis")
    every_sheet(r"swollen", "call-today")  # a clot in a leg or arm (a clot in the lungs is sudden breathlessness)
    every_sheet(r"sudden.*short(ness)? of breath", "emergency")
    every_sheet(r"chest pain", "emergency")
    every_sheet(r"bleeding that will not stop", "emergency")
    every_sheet(r"throwing up blood|vomiting blood", "emergency")
    every_sheet(r"black or bloody stool", "emergency")
    every_sheet(r"pain .*medicines? (do|does) not (control|help)", "call-today")
    every_sheet(r"fluids", "call-today")
    fever = next(s for s in EVERY_SHEET if "100.4" in s.text)
    assert fever.why and fever.icon == "thermometer"
    crisis = next(s for s in EVERY_SHEET if s.level == "crisis")
    assert "911" in crisis.why and "988" in PACK.labels["crisis_intro"]


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


def test_no_routine_list_names_an_urgent_sign():
    """The loader rejects clashes; this shows the shipped pack has report_signs and passes."""
    from mbcprep.pack.references import clashing_sign, sign_keys

    routine = [item for c in PACK.concerns for s in c.sections for item in s.report_signs]
    assert routine
    keyed = sign_keys(PACK.signs)
    assert [item for item in routine if clashing_sign(item, keyed)] == []


@pytest.mark.parametrize("fmt", ["pdf", "html", "txt"])
@pytest.mark.parametrize("mode", list(MODES))
def test_every_one_concern_handout_shows_every_sheet_sign_once(fmt, mode):
    for concern in PACK.concerns:
        plan = plan_handout(Request(concerns=(concern.id,), **MODES[mode]), PACK)
        text = visible_text(render_handout(plan, fmt).data, fmt)
        for sign in EVERY_SHEET:
            assert text.count(squash(sign.text)) == 1, (concern.id, mode, fmt, sign.text)
        assert text.count(PACK.labels["red_flags_heading"]) >= 1, (concern.id, mode, fmt)


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
