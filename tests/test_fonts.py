"""The shipped fonts: registered once, and honest about what they can draw."""

from __future__ import annotations

import unicodedata

import pytest

from mbcprep.errors import FontCoverageError, RequestError
from mbcprep.model.request import Clinic, Request
from mbcprep.render.pdf.fonts import (
    check_coverage,
    clean_text,
    font_name,
    load_fonts,
    missing_characters,
    request_text_fields,
    shipped_font_path,
    unprintable_texts,
)


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
    problems = unprintable_texts(Request(concerns=("bones",), note="中", clinic=Clinic(phone="☎ 555 ☎ 中")))
    assert [problem.field for problem in problems] == ["note", "clinic phone"]
    assert all(isinstance(problem, FontCoverageError) for problem in problems)


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


# --------------------------------------------------------------------------
# A damaged --font is checked within bounds before ReportLab reads it (review m12)
# --------------------------------------------------------------------------

#: Run in a process of its own, its memory and CPU capped: a font ReportLab would read without bounds
#: fails there with a MemoryError (or is killed) instead of taking the test machine down.
CAPPED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
resource.setrlimit(resource.RLIMIT_CPU, (120, 120))
from mbcprep.errors import RequestError
from mbcprep.render.pdf.fonts import load_fonts
for path in sys.argv[1:]:
    try:
        load_fonts(path)
        print("loaded")
    except RequestError as exc:
        print("refused:", exc)
"""


def table_offset(data: bytes, wanted: bytes) -> int:
    import struct

    for index in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * index:28 + 16 * index])
        if tag == wanted:
            return offset
    raise KeyError(wanted)


def dejavu_with_cmap(folder, name: str, change) -> str:
    """DejaVu Sans with its character map changed by ``change(data, offset of cmap)``."""
    data = bytearray(shipped_font_path("DejaVuSans.ttf").read_bytes())
    change(data, table_offset(data, b"cmap"))
    path = folder / name
    path.write_bytes(bytes(data))
    return str(path)


def huge_group(data: bytearray, cmap: int) -> None:
    """The format 12 subtable ReportLab reads (at 3146 in the cmap): its first group ends at 0xFFFFFFF0."""
    import struct

    subtable = cmap + 3146
    assert struct.unpack(">H", data[subtable:subtable + 2])[0] == 12
    data[subtable + 16 + 4:subtable + 16 + 8] = struct.pack(">I", 0xFFFFFFF0)


def many_groups(data: bytearray, cmap: int) -> None:
    import struct

    subtable = cmap + 3146
    data[subtable + 12:subtable + 16] = struct.pack(">I", 0x7FFFFFFF)


def overlapping_segments(data: bytearray, cmap: int) -> None:
    """Every subtable points at the format 4 one, whose every segment then covers U+0000..U+FFFF."""
    import struct

    count = struct.unpack(">H", data[cmap + 2:cmap + 4])[0]
    for index in range(count):
        data[cmap + 8 + 8 * index:cmap + 12 + 8 * index] = struct.pack(">I", 44)
    subtable = cmap + 44
    segments = struct.unpack(">H", data[subtable + 6:subtable + 8])[0] // 2
    ends = subtable + 14
    starts = ends + 2 * segments + 2
    for index in range(segments):
        data[ends + 2 * index:ends + 2 * index + 2] = b"\xff\xff"
        data[starts + 2 * index:starts + 2 * index + 2] = b"\x00\x00"


def run_capped(*fonts: str) -> list[str]:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", CAPPED, *fonts], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    return done.stdout.splitlines()


def test_a_character_map_claiming_more_than_unicode_is_refused_before_reportlab_reads_it(tmp_path):
    fonts = [dejavu_with_cmap(tmp_path, f"{change.__name__}.ttf", change)
             for change in (huge_group, many_groups, overlapping_segments)]
    for line, font in zip(run_capped(*fonts), fonts):
        assert line == (f"refused: font: {font} is not a usable TrueType (.ttf) font (it is damaged or another "
                        "kind of file); choose another font file")


def test_dejavu_with_random_bytes_changed_is_loaded_or_refused_in_one_line(tmp_path):
    """The review's fonts: DejaVu Sans with 2,000 random bytes changed (seeded, so the test is the same each run)."""
    import random

    original = shipped_font_path("DejaVuSans.ttf").read_bytes()
    fonts = []
    for seed in range(8):
        rng = random.Random(seed)
        data = bytearray(original)
        for _ in range(2000):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"random-{seed}.ttf"
        path.write_bytes(bytes(data))
        fonts.append(str(path))
    for line in run_capped(*fonts):
        assert line == "loaded" or line.startswith("refused: font: ")


def test_the_shipped_fonts_and_a_good_copy_pass_the_check(tmp_path):
    copy = tmp_path / "Copy.ttf"
    copy.write_bytes(shipped_font_path("DejaVuSans-Bold.ttf").read_bytes())
    assert run_capped(str(copy)) == ["loaded"]
