"""What ``mbcprep.pypdf_compat`` assumes about pypdf's insides, checked on the installed version.

When pypdf is upgraded, this is where a broken assumption shows: check the
attributes below still behave, then add the version to ``pypdf_compat.CHECKED_WITH``.
"""

from __future__ import annotations

import io
import zlib

import pypdf
from pypdf import PdfReader

from mbcprep import pypdf_compat
from mbcprep.summary.bounded import object_streams


def test_pypdf_is_a_version_this_module_was_checked_with():
    assert pypdf.__version__ in pypdf_compat.CHECKED_WITH, (
        f"pypdf {pypdf.__version__}: check mbcprep/pypdf_compat.py against it, then add it to CHECKED_WITH")


def pdf(objects: dict[int, bytes]) -> bytes:
    """A small PDF with these objects (number -> body), its cross-reference as a table."""
    out = io.BytesIO(b"%PDF-1.5\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, start))
    return out.getvalue()


def stream(data: bytes, compressed: bool) -> bytes:
    stored = zlib.compress(data) if compressed else data
    filters = b" /Filter /FlateDecode" if compressed else b""
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(stored), filters, stored)


CATALOG = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}


def test_raw_stream_data_is_the_stored_bytes_still_compressed_and_decoded_copy_the_cached_decoding():
    text = b"BT /F1 12 Tf (hello hello hello) Tj ET" * 20
    reader = PdfReader(io.BytesIO(pdf({**CATALOG, 3: stream(text, compressed=True)})))
    encoded = reader.get_object(3)
    assert pypdf_compat.raw_stream_data(encoded) == zlib.compress(text)
    assert pypdf_compat.decoded_copy(encoded) is None  # nothing decoded it yet
    assert encoded.get_data() == text
    assert pypdf_compat.raw_stream_data(pypdf_compat.decoded_copy(encoded)) == text
    plain = PdfReader(io.BytesIO(pdf({**CATALOG, 3: stream(text, compressed=False)}))).get_object(3)
    assert pypdf_compat.raw_stream_data(plain) == text


def pdf_with_an_object_stream() -> bytes:
    """The catalog and the page tree inside one compressed object stream, found through a cross-reference stream."""
    kept = [CATALOG[1], CATALOG[2]]
    header = b"1 0 2 %d " % (len(kept[0]) + 1)
    body = kept[0] + b" " + kept[1]
    out = io.BytesIO(b"%PDF-1.5\n")
    object_stream_at = out.tell()
    data = zlib.compress(header + body)
    out.write(b"3 0 obj\n<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\n"
              b"endstream\nendobj\n" % (len(header), len(data), data))
    xref_at = out.tell()
    rows = [b"\x00\x00\x00\xff", b"\x02\x00\x03\x00", b"\x02\x00\x03\x01",
            b"\x01" + object_stream_at.to_bytes(2, "big") + b"\x00", b"\x01" + xref_at.to_bytes(2, "big") + b"\x00"]
    table = b"".join(rows)
    out.write(b"4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\n"
              b"endobj\nstartxref\n%d\n%%%%EOF\n" % (len(table), table, xref_at))
    return out.getvalue()


def test_object_stream_places_come_from_the_cross_reference_stream():
    reader = PdfReader(io.BytesIO(pdf_with_an_object_stream()))
    assert pypdf_compat.object_stream_places(reader) == {1: (3, 0), 2: (3, 1)}
    assert reader.trailer["/Root"]["/Type"] == "/Catalog"  # the file is what the places say
    assert object_streams(reader) == 1
    assert pypdf_compat.object_stream_places(PdfReader(io.BytesIO(pdf(CATALOG)))) == {}
