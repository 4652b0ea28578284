"""The shipped fonts: registered once, and honest about what they can draw."""

from __future__ import annotations

import unicodedata

import pytest

from mbcprep.errors import FontCoverageError, RequestError
from mbcprep.fonts import (
    check_coverage,
    check_request_fonts,
    clean_text,
    font_name,
    load_fonts,
    missing_characters,
    request_text_fields,
    shipped_font_path,
)
from mbcprep.model.request import Clinic, Request


def test_shipped_fonts_and_licence_are_in_the_package():
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert shipped_font_path(name).is_file()


def test_fonts_are_registered_once_per_process():
    first = load_fonts()
    again = load_fonts()
    assert again is first  # the same object: nothing read or registered again
    assert font_name(first) == "DejaVu Sans"
    assert first.regular.name != first.bold.name


def test_a_custom_regular_font_is_used_for_bold_too():
    regular = shipped_font_path("DejaVuSans.ttf")
    fonts = load_fonts(regular)
    assert fonts.regular is fonts.bold


@pytest.mark.parametrize("text", ["Zoë Nguyễn", "Łukasz Wróbel", "Дарья Иванова", "Ελένη",
                                  "Ann <b>& \"Co\"</b>", "€ 12.50 – “quoted”", "Nguye\u0302\u0303n"])
def test_european_scripts_are_covered(text):
    assert missing_characters(text, load_fonts()) == ""


@pytest.mark.parametrize("text, missing", [
    ("王小明", "王小明"),
    ("Ana 王王", "王"),  # each character once
    ("Thanks \U0001FA7A", "\U0001FA7A"),
    ("\u05e9\u05e8\u05d4", "\u05e9\u05e8\u05d4"),  # Hebrew: no right-to-left layout in ReportLab
])
def test_characters_the_font_cannot_draw_are_found(text, missing):
    assert missing_characters(text, load_fonts()) == missing


def test_clean_text_composes_and_tidies_invisible_characters():
    assert clean_text("Nguye\u0302\u0303n") == unicodedata.normalize("NFC", "Nguyễn")
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_text("a\tb\x07c\u00a0d") == "a b c d"
    assert clean_text("zero\u200bwidth\ufeff") == "zerowidth"


def test_coverage_error_names_field_characters_and_font():
    with pytest.raises(FontCoverageError) as err:
        check_coverage([("name", "Ana"), ("note", "see 中 and 中")], load_fonts())
    assert err.value.field == "note"
    assert err.value.characters == "中"
    assert str(err.value) == ("note: the font DejaVu Sans cannot print '中' (U+4E2D); "
                              "remove these characters or choose a font that has them with --font")


def test_request_fields_are_named_as_people_typed_them():
    request = Request(concerns=("bones",), patient_name="Ana", provider="Dr. Chen", note="hi",
                      clinic=Clinic(name="Riverside", phone="555", address="Road"))
    fields = dict(request_text_fields(request))
    assert fields["name"] == "Ana" and fields["provider"] == "Dr. Chen" and fields["note"] == "hi"
    assert fields["clinic name"] == "Riverside" and fields["clinic address"] == "Road"
    with pytest.raises(FontCoverageError) as err:
        check_request_fonts(Request(concerns=("bones",), clinic=Clinic(phone="☎ 555 ☎ 中")))
    assert err.value.field == "clinic phone"


def test_missing_or_broken_font_files_are_clear_errors(tmp_path):
    with pytest.raises(RequestError, match="font file nope.ttf not found") as err:
        load_fonts("nope.ttf")
    assert err.value.field == "font"
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font at all")
    with pytest.raises(RequestError, match="is not a usable TrueType"):
        load_fonts(broken)
    with pytest.raises(RequestError, match="is a folder"):
        load_fonts(tmp_path)


def test_a_chosen_font_with_the_same_internal_name_is_drawn_with_itself(tmp_path, small_pack):
    """ReportLab keys fonts by their PostScript name: a copy of DejaVu Sans loaded after the
    shipped one was silently drawn with the shipped one (and the other way round)."""
    from conftest import handout_bytes
    from test_one_line_errors import damaged_font

    handout_bytes(Request(concerns=("bones",)), small_pack)  # the shipped DejaVu Sans, registered first
    with pytest.raises(RequestError, match="is not a usable TrueType"):
        handout_bytes(Request(concerns=("bones",), font=damaged_font(tmp_path)), small_pack)
    assert handout_bytes(Request(concerns=("bones",)), small_pack).startswith(b"%PDF")
