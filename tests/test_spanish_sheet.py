"""A Spanish sheet is Spanish through and through: no English word, every Spanish letter, the language marked."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import pdf_reader, pdf_text

from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.plan import plan_handout
from mbcprep.render import render_handout
from mbcprep.request.values import request_from_values, values_from_mapping
from mbcprep.review.readability import iter_text

MODES = {"full": {}, "brief": {"brief": True}, "questions only": {"questions_only": True},
         "large print": {"large_print": True}}
FORMATS = ("pdf", "html", "txt")
WORD = re.compile(r"[^\W\d_]{3,}")
ADDRESS = re.compile(r"https?://\S+")
SPANISH_LETTERS = "ñáéíóúü¿¡"
CLINIC = {"name": "Clínica del Río", "phone": "(555) 010-4477", "after_hours_phone": "(555) 010-4400",
          "address": "Calle Mayor 200, Springfield"}


@pytest.fixture(scope="module")
def english():
    return load_pack(builtin_pack_path("en"))


@pytest.fixture(scope="module")
def spanish():
    return load_pack(builtin_pack_path("es"))


def words(texts) -> set[str]:
    return {word.casefold() for text in texts for word in WORD.findall(ADDRESS.sub(" ", text))}


def pack_texts(pack) -> list[str]:
    """Every text of a pack a sheet may print: sections, questions, signs, labels, dates, sources."""
    texts = [part.text for part in iter_text(pack)] + list(pack.labels.values()) + list(pack.fallbacks.values())
    texts += [sign.text for sign in pack.signs] + [sign.why for sign in pack.signs]
    texts += [pack.meta.title, pack.meta.disclaimer, *pack.dates.weekdays, *pack.dates.months]
    texts += [source.organisation for source in pack.meta.sources]
    return texts


@pytest.fixture(scope="module")
def english_only_words(english, spanish) -> set[str]:
    """Words of the English pack's own wording (its labels and signs) that are not also Spanish words."""
    found = words([*english.labels.values(), *(s.text for s in english.signs), *(s.why for s in english.signs)])
    # A web address is not a word to translate, and a long one wraps (so the pattern above cannot take it out).
    addresses = {part.casefold() for source in spanish.meta.sources if source.url
                 for part in re.findall(r"[^\W\d_]+", source.url)}
    return found - words(pack_texts(spanish)) - addresses


class VisibleText(HTMLParser):
    """What a person meets on the page: its text and the words read out for controls and drawings."""

    READ_OUT = ("aria-label", "alt", "title", "placeholder", "aria-description")

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("style", "script")
        self.parts += [value for name, value in attrs if name in self.READ_OUT and value]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def printed_text(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return pdf_text(data)
    if fmt == "html":
        page = VisibleText()
        page.feed(data.decode("utf-8"))
        return " ".join(page.parts)
    return data.decode("utf-8")


def handout(pack, fmt: str, concerns=None, **values) -> bytes:
    checked = values_from_mapping({"concerns": list(concerns or pack.concern_ids), "format": fmt, **values})
    request = request_from_values(checked, pack)
    return render_handout(plan_handout(request, pack), fmt).data


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("mode", MODES)
def test_no_english_word_on_a_spanish_sheet(spanish, english_only_words, mode, fmt):
    from mbcprep.request.clinic import clinic_from_mapping

    assert len(english_only_words) > 100  # the check has English to look for ("help", "medicines", ...)
    data = handout(spanish, fmt, name="Lucía Peña", visit="2026-12-03 10:30", provider="Dra. López",
                   clinic=clinic_from_mapping(CLINIC, builtin_pack_path("es")), **MODES[mode])
    text = ADDRESS.sub(" ", printed_text(data, fmt))
    english = sorted({word for word in WORD.findall(text) if word.casefold() in english_only_words})
    assert english == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_english_words_are_found_on_an_english_sheet(english, english_only_words, fmt):
    """The scan itself works: an English sheet is full of the words it looks for."""
    text = printed_text(handout(english, fmt, concerns=("bones",)), fmt)
    assert len({word.casefold() for word in WORD.findall(text)} & english_only_words) > 20


@pytest.mark.parametrize("fmt", FORMATS)
def test_spanish_letters_and_marks_survive_every_format(spanish, fmt):
    data = handout(spanish, fmt, concerns=("bones",), name="Begoña Güemes",
                   note="¿Cuándo empiezo? ¡Gracias! Leí, oí, aún: pingüino, acción")
    text = printed_text(data, fmt)
    assert "Begoña Güemes" in " ".join(text.split())
    for letter in SPANISH_LETTERS:
        assert letter in text, letter


@pytest.mark.parametrize("language, tag", [("es", "es-US"), ("en", "en-US")])
def test_the_language_and_title_follow_the_pack(language, tag):
    pack = load_pack(builtin_pack_path(language))
    pdf = pdf_reader(handout(pack, "pdf", concerns=("bones",)))
    assert pdf.trailer["/Root"]["/Lang"] == tag
    assert pdf.metadata.title == pack.meta.title
    page = handout(pack, "html", concerns=("bones",)).decode("utf-8")
    assert f'<html lang="{tag}">' in page and f"<title>{pack.meta.title}</title>" in page
    text = handout(pack, "txt", concerns=("bones",)).decode("utf-8")
    assert pack.meta.title in text.splitlines()[1]
