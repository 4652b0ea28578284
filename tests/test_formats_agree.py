"""PDF, HTML and text draw the same parts, in the same order, from one plan."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest

from mbcprep.model.request import Clinic, Request
from mbcprep.plan import plan_handout
from mbcprep.render import OUTPUT_FORMATS, render_handout

#: Every format of the handout, from the one format table: a new one is compared here without a change.
FORMATS = list(OUTPUT_FORMATS)


class _VisibleText(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0
        self.feed(page)

    _in_line = False  # the data goes on the last piece: a link inside a sentence ("Call <a>911</a> or")

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("style", "title", "script")
        self._in_line = tag == "a"

    def handle_endtag(self, tag):
        self._hidden -= tag in ("style", "title", "script")
        self._in_line = tag == "a"

    def handle_data(self, data):
        if not self._hidden:
            if self._in_line and self.pieces:
                self.pieces[-1] += data
            else:
                self.pieces.append(data)


def pdf_words(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def html_words(data: bytes) -> str:
    return " ".join(_VisibleText(data.decode("utf-8")).pieces)


def text_words(data: bytes) -> str:
    return re.sub(r"!!|\||\*\*|[_=~+!\-]{3,}", " ", data.decode("utf-8"))


#: How a reader sees each format's words: a format added to the table needs its reader here.
READERS = {"pdf": pdf_words, "html": html_words, "txt": text_words}


def words_of(fmt: str, data: bytes) -> str:
    """What a reader sees, as one line of words."""
    return " ".join(READERS[fmt](data).split())


def test_every_format_in_the_table_has_a_reader_here():
    assert set(READERS) == set(FORMATS)


def part_names(plan) -> list[str]:
    """Each part's own words, as it titles itself on the sheet: the header by its title, the rest by their heading."""
    return [" ".join((part.title if part.kind == "header" else part.heading).split()) for part in plan.parts]


def assert_in_order(words: str, names: list[str]) -> None:
    position = -1
    for name in names:
        found = words.find(name, position + 1)
        assert found > position, f"{name!r} is missing or out of order"
        position = found


@pytest.fixture(scope="module", params=[{}, {"brief": True}, {"questions_only": True}, {"large_print": True},
                                        {"hormone_receptor": "positive", "her2": "low"}],
                ids=["full", "brief", "questions-only", "large-print", "two-answers"])
def plan(request, small_pack):
    handout = Request(concerns=("bones", "treatment-options", "stopping-treatment"), patient_name="Ana Díaz",
                      provider="Dr. Lee", clinic=Clinic(name="Riverside", phone="555-0100"), note="Pain at night.",
                      **request.param)
    return plan_handout(handout, small_pack)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_draws_the_plans_parts_in_the_plans_order(plan, fmt):
    data = render_handout(plan, fmt).data
    assert_in_order(words_of(fmt, data), part_names(plan))



@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_draws_the_text_for_each_answer_under_its_heading_in_order(small_pack, fmt):
    handout = Request(concerns=("treatment-options",), hormone_receptor="positive", her2="low")
    plan = plan_handout(handout, small_pack)
    notes = plan.part("concern_notes")
    pieces = [notes.subtype_heading]
    for block in notes.concerns[0].sections[0].subtype:
        pieces += list(getattr(block, "items", ())) or [block.text]
    assert len(pieces) == 4  # the heading, the hormone text, the HER2-low text and its one-item list
    assert_in_order(words_of(fmt, render_handout(plan, fmt).data), [" ".join(p.split()) for p in pieces])
