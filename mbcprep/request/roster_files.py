"""What kind of file a roster is, and its text: a CSV in the encodings spreadsheets save, a workbook, a FHIR Bundle.

The kind is read from the file's first bytes, not its name (a workbook
renamed ``.csv`` is still a workbook); the name only sharpens a message.
A CSV is read as UTF-8 (with or without a byte-order mark), UTF-16 (what
Excel's "Unicode Text" saves; with a byte-order mark, or without one when
its zero bytes say so) or Windows-1252 (Excel's "CSV" on a US Windows
computer), in that order; anything else is refused with one line that
says how to save it.  A control character in a cell is that row's
problem (its check says so), not the file's.
"""

from __future__ import annotations

import codecs
import os

from mbcprep import limits

#: The kinds of roster file mbcprep reads.
KINDS = ("csv", "xlsx", "fhir")
#: What a roster may be saved as, for messages.
SAVE_AS = "save it from your spreadsheet as 'CSV UTF-8' or as an Excel workbook (.xlsx)"


#: The roster template a nurse starts from (``mbcprep batch --template``, the web page's link): every column.
TEMPLATE = os.path.join(os.path.dirname(__file__), "roster-template.csv")
TEMPLATE_NAME = "mbcprep-roster-template.csv"


def template_bytes() -> bytes:
    """The roster template as a spreadsheet opens it: UTF-8 with a byte-order mark (Excel then reads "Díaz")."""
    with open(TEMPLATE, "rb") as handle:
        return codecs.BOM_UTF8 + handle.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


class NotARoster(ValueError):
    """The bytes are no roster mbcprep reads; the message says what they are and what to do."""


def roster_kind(data: bytes, name: str = "") -> str:
    """``csv``, ``xlsx`` or ``fhir`` (a JSON document), from the file's first bytes; ``NotARoster`` otherwise."""
    head = data[:8]
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise NotARoster("is an Excel 97-2003 workbook (.xls), which mbcprep does not read; "
                         "save it as an Excel workbook (.xlsx) or as 'CSV UTF-8'")
    if head.startswith(b"%PDF"):
        raise NotARoster(f"is a PDF, not a roster; {SAVE_AS}")
    if suffix in ("xlsx", "xlsm"):
        raise NotARoster("is named like an Excel workbook but is not one (it may be damaged); "
                         "save it again from your spreadsheet")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "fhir"
    if suffix == "json":
        raise NotARoster("is not JSON; a FHIR roster is a Bundle of Appointments in JSON")
    return "csv"


def roster_text(data: bytes) -> tuple[str, str]:
    """A CSV roster's text and the encoding it was read in; ``NotARoster`` when it is not text."""
    encoding = _encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as problem:
        raise NotARoster(f"is not text in UTF-8, UTF-16 or Windows-1252 (byte {problem.start}); {SAVE_AS}") from None
    return text, {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
                  "cp1252": "Windows-1252"}[encoding]


def _encoding(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    sample = data[:limits.ROSTER_SNIFF_BYTES]
    if len(sample) >= 4 and sample.count(0) * 3 > len(sample):  # UTF-16 without a mark: every other byte zero
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"
