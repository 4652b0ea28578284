"""The handout's fonts: register them with ReportLab once, and check what they can draw.

A missing glyph in a PDF is silent: the reader sees an empty box where a
letter of their name should be.  So every string is checked against the
font's character map *before* rendering, and characters the font cannot
draw are reported as a ``FontCoverageError`` naming the field.

Reading a TrueType file and registering it costs tens of milliseconds, so
each font file is parsed once per process and kept in a module-level cache.
fontTools is imported only for a font a person chose (the shipped ones are
known to be sound).
"""

from __future__ import annotations

import hashlib
import struct
import threading
import unicodedata
from pathlib import Path
from typing import Iterable, NamedTuple

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from mbcprep.controls import clean_text
from mbcprep.errors import FontCoverageError, RequestError
from mbcprep.limits import FONT_BYTES
from mbcprep.resources import package_path

REGULAR_FILE = "DejaVuSans.ttf"
BOLD_FILE = "DejaVuSans-Bold.ttf"

# ReportLab draws text left to right and does not shape scripts; without
# shaping, right-to-left letters (Hebrew, Arabic, ...) would print reversed
# and unjoined even when the font has them.  They count as not printable.
_RIGHT_TO_LEFT = frozenset({"R", "AL"})


# Immutable records as NamedTuples, not frozen dataclasses: the same use,
# and less to do at import, which every handout pays.
class FontFace(NamedTuple):
    """One registered TrueType face: its ReportLab name, its display name, what it covers."""

    name: str  # the name registered with ReportLab, used in styles
    display_name: str  # e.g. "DejaVu Sans Bold", for error messages
    path: Path
    codepoints: frozenset[int]


class FontPair(NamedTuple):
    regular: FontFace
    bold: FontFace


_lock = threading.Lock()
_faces: dict[Path, FontFace] = {}
_pairs: dict[tuple[Path, Path], FontPair] = {}


def shipped_font_path(filename: str) -> Path:
    """Path of a font file shipped inside the package (works from a wheel too)."""
    return Path(package_path("fonts", filename))


def _load_face(given: Path) -> FontFace:
    path = Path(given).expanduser().resolve()
    face = _faces.get(path)
    if face is not None:
        return face
    # A short, stable name derived from the file, so two different files never clash
    # and the same file always gets the same name (part of byte-identical output).
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:8]
    base = path.stem.replace(" ", "")
    name = f"{base}-{digest}"
    if path.is_dir():
        raise RequestError(f"{given} is a folder, not a font file", field="font")
    if not path.is_file():
        raise RequestError(f"font file {given} not found", field="font")
    try:
        if path.parent != shipped_font_path(REGULAR_FILE).parent:
            check_font_file(path)
        font = TTFont(name, str(path))
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error, UnicodeDecodeError) as exc:
        raise RequestError(f"{given} {_font_problem(exc)}; choose another font file", field="font") from None
    if path.parent != shipped_font_path(REGULAR_FILE).parent:
        # ReportLab registers a TrueType font under its PostScript name too, and draws
        # any later file with the same internal name (a modified DejaVu Sans, say) with
        # the first one. A chosen font gets a name of its own; the shipped ones keep
        # theirs, so their PDFs stay byte for byte the same.
        font.face.name = type(font.face.name)(bytes(font.face.name) + f"-{digest}".encode("ascii"))
    pdfmetrics.registerFont(font)
    text_face = font.face
    display = _decode(getattr(text_face, "fullName", b"")) or _decode(text_face.name) or path.stem
    face = FontFace(name=name, display_name=display, path=path,
                    codepoints=frozenset(text_face.charToGlyph))
    _faces[path] = face
    return face


#: The most code points a character map may claim: all of Unicode.
UNICODE_CODE_POINTS = 0x110000
#: Tables ReportLab reads from every TrueType font.
_NEEDED_TABLES = ("cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp")


def check_font_file(path: Path) -> None:
    """A chosen font, checked within bounds before ReportLab reads it; ``ValueError`` when it is damaged.

    ReportLab trusts the font's numbers: a character map whose range ends
    at 0xFFFFFFF0, or whose segments each cover all of U+0000..U+FFFF,
    takes it gigabytes or minutes.  fontTools reads the table directory and
    the small tables here (lazily: nothing else is decoded), and the
    character map's subtables are measured from their raw bytes: every
    table inside the file, every subtable inside the map, and no more code
    points than Unicode has.  A font collection or a font with PostScript
    outlines is left to ReportLab, which names what is wrong with it.
    """
    from fontTools.ttLib import TTFont as FontFile  # a chosen font only: about 15 ms every PDF would pay

    size = path.stat().st_size
    if size > FONT_BYTES:
        raise ValueError("the font file is larger than any TrueType font mbcprep reads")
    with open(path, "rb") as stream:
        if stream.read(4) in (b"ttcf", b"OTTO"):
            return
    try:
        font = FontFile(str(path), lazy=True)
        tables = font.reader.tables
        if any(tag not in tables for tag in _NEEDED_TABLES):
            raise ValueError("a table every TrueType font has is missing")
        if any(entry.offset + entry.length > size for entry in tables.values()):
            raise ValueError("a table runs past the end of the file")
        glyphs = font["maxp"].numGlyphs
        metrics = font["hhea"].numberOfHMetrics
        long_offsets = font["head"].indexToLocFormat
        if not 0 < metrics <= glyphs or tables["hmtx"].length < 4 * metrics + 2 * (glyphs - metrics) \
                or tables["loca"].length < (glyphs + 1) * (4 if long_offsets else 2):
            raise ValueError("the glyph tables do not hold the glyphs the font counts")
        _check_character_map(font.reader["cmap"])
    except ValueError:
        raise
    except Exception as exc:  # fontTools' own complaints about a broken table: the same "damaged"
        raise ValueError(f"damaged ({type(exc).__name__})") from None


def _check_character_map(data: bytes) -> None:
    """Each subtable of a character map inside it, claiming at most ``UNICODE_CODE_POINTS`` code points."""
    count = struct.unpack(">H", data[2:4])[0]
    if 4 + 8 * count > len(data):
        raise ValueError("the character map lists more subtables than it holds")
    for index in range(count):
        _, _, offset = struct.unpack(">HHI", data[4 + 8 * index:12 + 8 * index])
        if offset + 4 > len(data):
            raise ValueError("a character map subtable is outside the map")
        fmt = struct.unpack(">H", data[offset:offset + 2])[0]
        if fmt in (8, 10, 12, 13):
            length = struct.unpack(">I", data[offset + 4:offset + 8])[0]
        else:
            length = struct.unpack(">H", data[offset + 2:offset + 4])[0]
        if offset + length > len(data):
            raise ValueError("a character map subtable runs past the map")
        subtable = data[offset:offset + length]
        if _code_points(fmt, subtable) > UNICODE_CODE_POINTS:
            raise ValueError("the character map claims more characters than Unicode has")


def _code_points(fmt: int, subtable: bytes) -> int:
    """How many code points a subtable maps, as ReportLab would walk it; ``ValueError`` if it is malformed."""
    if fmt in (12, 13):
        groups = struct.unpack(">I", subtable[12:16])[0]
        if 16 + 12 * groups > len(subtable):
            raise ValueError("more groups than the subtable holds")
        total = 0
        for start, end, _ in struct.iter_unpack(">III", subtable[16:16 + 12 * groups]):
            if start > end or end >= UNICODE_CODE_POINTS:
                raise ValueError("a group outside Unicode")
            total += end - start + 1
        return total
    if fmt == 4:
        segments = struct.unpack(">H", subtable[6:8])[0] // 2
        if 16 + 8 * segments > len(subtable):
            raise ValueError("more segments than the subtable holds")
        ends = struct.unpack(f">{segments}H", subtable[14:14 + 2 * segments])
        starts = struct.unpack(f">{segments}H", subtable[16 + 2 * segments:16 + 4 * segments])
        # Segments never overlap in a sound font (the last, 0xFFFF, may repeat): at most 65,536 in all.
        if sum(end - start + 1 for start, end in zip(starts, ends) if start <= end) > 0x10000 + segments:
            raise ValueError("segments that overlap")
        return 0x10000
    if fmt in (6, 10):
        header = 10 if fmt == 6 else 20
        count = struct.unpack(">H" if fmt == 6 else ">I", subtable[header - 2:header] if fmt == 6
                              else subtable[16:20])[0]
        if header + 2 * count > len(subtable):
            raise ValueError("more entries than the subtable holds")
        return count
    return 0x10000  # formats 0 and 2: 256 entries and their sub-headers, read within the subtable


def _font_problem(exc: BaseException) -> str:
    """What is wrong with a font file, in words, without ReportLab's internals."""
    detail = str(exc).lower()
    if "postscript outlines" in detail:
        return "has PostScript (CFF) outlines, which cannot be embedded; use a .ttf with TrueType outlines"
    if "collection" in detail:
        return "is a font collection (.ttc); use a single .ttf font"
    if "restrict" in detail or "embedding" in detail:
        return "does not allow embedding in documents"
    return "is not a usable TrueType (.ttf) font (it is damaged or another kind of file)"


def embedding_problem(exc: BaseException, regular: Path | None, bold: Path | None) -> RequestError | None:
    """The one-line error for a custom font that loaded but failed when embedded, else None.

    ReportLab reads a font's glyph outlines only when it embeds the glyphs a
    document uses, after the layout; damaged outlines fail there, with an
    IndexError or a struct.error from inside its TrueType reader.  Only an
    exception raised in that reader, with a font the person chose, is theirs
    to fix; anything else is a bug and is not dressed up as a font problem.
    """
    if not (regular or bold):
        return None
    frame = exc.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    if frame is None or frame.tb_frame.f_globals.get("__name__") != "reportlab.pdfbase.ttfonts":
        return None
    files = " or ".join(dict.fromkeys(str(path) for path in (regular, bold) if path))
    return RequestError(f"{files} {_font_problem(exc)}; choose another font file", field="font")


def _decode(value) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1", "replace").strip()
    return str(value or "").strip()


def load_fonts(regular: Path | None = None, bold: Path | None = None) -> FontPair:
    """Register a regular and bold face (the shipped DejaVu Sans by default), once per process.

    A custom regular font without a bold file uses the regular font for bold
    text too, so that every character the check passes is really drawable.
    """
    regular_path = Path(regular) if regular else shipped_font_path(REGULAR_FILE)
    if bold:
        bold_path = Path(bold)
    elif regular:
        bold_path = regular_path
    else:
        bold_path = shipped_font_path(BOLD_FILE)
    key = (regular_path, bold_path)
    with _lock:
        pair = _pairs.get(key)
        if pair is None:
            # No registerFontFamily: styles name each face directly, and no
            # <b> markup ever reaches a paragraph.  A family mapping would be
            # global, so a second pair sharing a face would change how the first draws.
            pair = FontPair(_load_face(regular_path), _load_face(bold_path))
            _pairs[key] = pair
    return pair


def missing_characters(text: str, fonts: FontPair) -> str:
    """Distinct characters of ``text`` the fonts cannot print (regular and bold), in order."""
    missing: list[str] = []
    regular, bold = fonts.regular.codepoints, fonts.bold.codepoints
    for char in dict.fromkeys(clean_text(text)):  # each distinct character once, in order
        if char in " \n":
            continue
        code = ord(char)
        if (code not in regular or code not in bold
                or unicodedata.bidirectional(char) in _RIGHT_TO_LEFT):
            missing.append(char)
    return "".join(missing)


def check_coverage(fields: Iterable[tuple[str, str]], fonts: FontPair) -> None:
    """Raise ``FontCoverageError`` for the first field holding characters the fonts cannot draw.

    ``fields`` is a sequence of ``(field name, text)`` pairs, e.g. ``("name", "Zoë")``.
    """
    for field, text in fields:
        if not text:
            continue
        missing = missing_characters(text, fonts)
        if missing:
            raise FontCoverageError(field, missing[:8], font_name(fonts))


def font_name(fonts: FontPair) -> str:
    """The family as people know it: "DejaVu Sans", not the file or ReportLab name."""
    return fonts.regular.display_name


def request_text_fields(request) -> list[tuple[str, str]]:
    """The person's own strings in a ``Request``, named as the person typed them."""
    fields = [("name", request.patient_name), ("provider", request.provider), ("note", request.note)]
    if request.print_mrn:
        fields.append(("mrn", request.mrn))
    clinic = request.clinic
    if clinic is not None:
        fields += [("clinic name", clinic.name), ("clinic phone", clinic.phone),
                   ("clinic after-hours phone", clinic.after_hours_phone),
                   ("clinic address", clinic.address)]
    return fields


def unprintable_texts(request) -> list[FontCoverageError]:
    """Each of the request's own texts its fonts cannot print: one error per field, named as the person typed
    it ("name"), before anything is planned or drawn (the PDF's row of ``mbcprep.formats.FORMATS``)."""
    fonts = load_fonts(request.font, request.font_bold)
    problems = []
    for field, text in request_text_fields(request):
        try:
            check_coverage(((field, text),), fonts)
        except FontCoverageError as problem:
            problems.append(problem)
    return problems
