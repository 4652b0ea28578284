"""One print file from many handout PDFs, written as it goes: memory stays flat however many.

pypdf's ``PdfWriter`` keeps every page of every handout until it writes the
file, so a 20,000-row roster grew to 24 GB.  ``PrintFile`` instead copies
each handout's pages, and the objects they use, straight to the output
stream, renumbered, and keeps only what the end of the file needs: one
offset per object (for the cross-reference table), the page numbers (for
the page tree) and one bookmark per handout.

Copied from each handout: its pages with their content, fonts and images.
Left out: annotations (a handout's are its form fields: the file is for
printing, and same-named fields across handouts would share one value;
not even looking at them halves the time to combine), the handout's own
bookmarks and metadata.  pypdf reads the handouts; the
writing is here, in plain PDF 1.4 (a classic cross-reference table).
"""

from __future__ import annotations

import io
from array import array
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    create_string_object,
)

from mbcprep.pypdf_compat import raw_stream_data

#: The catalog key that says a PDF is a print file of several sheets (its value: what they are), so
#: ``mbcprep summary`` can say so plainly; and the title a print file has always had.
PRINT_FILE_KEY = "MbcprepPrintFile"
PRINT_FILE_TITLE = "mbcprep handouts"

#: Page attributes a page may inherit from the page tree above it (PDF 1.7, 7.7.3.4).
INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


class PrintFile:
    """A PDF written one handout at a time: ``add_handout`` for each, then ``finish``.

    Object numbers 1 to 4 are the page tree, the bookmarks, the catalog and
    the document information, written last; everything else is numbered as
    it is copied.
    """

    PAGES, OUTLINES, CATALOG, INFO = 1, 2, 3, 4

    def __init__(self, stream: BinaryIO, title: str = PRINT_FILE_TITLE, creator: str = "mbcprep",
                 kind: str = "handouts"):
        self.stream = stream
        self.title = title
        self.kind = kind
        self.creator = creator
        self.position = 0
        self.offsets = array("Q", [0] * 5)  # by object number; 0 is the free-list head
        self.pages = array("Q")  # object numbers of the pages, in order
        self.bookmarks: list[tuple[str, int]] = []  # (title, object number of its first page)
        self._write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def add_handout(self, source, title: str, pad_to_even: bool = True) -> int:
        """Copy every page of one handout PDF (a path or bytes); return how many pages were added.

        With ``pad_to_even`` a blank page of the same size follows an odd
        number of pages, so each handout starts on a fresh sheet when printed
        double-sided.  The handout gets a bookmark named ``title``.
        """
        reader = PdfReader(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source)
        numbers: dict[tuple[int, int], int | None] = {}
        queue: list[tuple[int, object]] = []
        page_numbers = []
        pages = list(reader.pages)  # pypdf walks its page tree again on every len() or iteration
        for page in pages:  # pages first, so a reference to a page finds the copy, not a second page
            number = self._new_number()
            page_numbers.append(number)
            if page.indirect_reference is not None:
                reference = page.indirect_reference
                numbers[(reference.idnum, reference.generation)] = number

        def number_of(reference: IndirectObject) -> int | None:
            key = (reference.idnum, reference.generation)
            if key not in numbers:
                target = reference.get_object()
                if isinstance(target, DictionaryObject) and target.get("/Type") in ("/Pages", "/Catalog"):
                    numbers[key] = None  # the handout's own page tree or catalog: not copied
                else:
                    copy_number = numbers[key] = self._new_number()
                    queue.append((copy_number, target))
            return numbers[key]

        last_box = None
        for page, number in zip(pages, page_numbers):
            entries = {key: value for key, value in dict.items(page) if key not in ("/Parent", "/Annots")}
            for key in INHERITED:
                if key not in entries:
                    inherited = _inherited(page, key)
                    if inherited is not None:
                        entries[key] = inherited
            entries["/Parent"] = _Written(b"%d 0 R" % self.PAGES)
            self._object(number, _serialise(entries, number_of))
            while queue:
                copied, target = queue.pop()
                self._object(copied, _serialise(target, number_of))
            last_box = entries.get("/MediaBox")
        self.pages.extend(page_numbers)
        added = len(page_numbers)
        if page_numbers:
            self.bookmarks.append((title, page_numbers[0]))
        if pad_to_even and added % 2:
            box = _serialise(last_box, number_of) if last_box is not None else b"[0 0 612 792]"
            blank = self._new_number()
            self._object(blank, b"<</Type /Page /Parent %d 0 R /MediaBox %s /Resources <<>>>>" % (self.PAGES, box))
            self.pages.append(blank)
            added += 1
        return added

    def finish(self) -> None:
        """Write the page tree, bookmarks, catalog, information and cross-reference table."""
        kids = b" ".join(b"%d 0 R" % number for number in self.pages)
        self._object(self.PAGES, b"<</Type /Pages /Count %d /Kids [%s]>>" % (len(self.pages), kids))
        items = [self._new_number() for _ in self.bookmarks]
        for index, (title, page) in enumerate(self.bookmarks):
            links = b""
            if index:
                links += b" /Prev %d 0 R" % items[index - 1]
            if index + 1 < len(items):
                links += b" /Next %d 0 R" % items[index + 1]
            self._object(items[index], b"<</Title %s /Parent %d 0 R%s /Dest [%d 0 R /Fit]>>"
                         % (_text(title), self.OUTLINES, links, page))
        if items:
            self._object(self.OUTLINES, b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>"
                         % (items[0], items[-1], len(items)))
        else:
            self._object(self.OUTLINES, b"<</Type /Outlines /Count 0>>")
        self._object(self.CATALOG, b"<</Type /Catalog /Pages %d 0 R /Outlines %d 0 R /%s /%s>>"
                     % (self.PAGES, self.OUTLINES, PRINT_FILE_KEY.encode(), self.kind.encode()))
        self._object(self.INFO, b"<</Title %s /Creator %s>>" % (_text(self.title), _text(self.creator)))
        start = self.position
        self._write(b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets))
        for number in range(1, len(self.offsets)):
            self._write(b"%010d 00000 n \n" % self.offsets[number])
        self._write(b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n"
                    % (len(self.offsets), self.CATALOG, self.INFO, start))

    # -- writing -----------------------------------------------------------

    def _new_number(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def _object(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.position
        self._write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def _write(self, data: bytes) -> None:
        self.stream.write(data)
        self.position += len(data)


def _inherited(page: DictionaryObject, key: str):
    node = page.get("/Parent")
    seen = 0
    while node is not None and seen < 64:  # a loop in a damaged file must end
        node = node.get_object()
        if key in node:
            return dict.__getitem__(node, key)
        node = node.get("/Parent")
        seen += 1
    return None


def _text(value: str) -> bytes:
    buffer = io.BytesIO()
    create_string_object(value).write_to_stream(buffer)
    return buffer.getvalue()


class _Written(bytes):
    """A value already in PDF syntax (a reference to the print file's own page tree)."""


def _serialise(value, number_of) -> bytes:
    """One PDF value as bytes, with references renumbered by ``number_of`` (None: null)."""
    out = io.BytesIO()

    def emit(item) -> None:
        if isinstance(item, _Written):
            out.write(item)
        elif isinstance(item, IndirectObject):
            number = number_of(item)
            out.write(b"null" if number is None else b"%d 0 R" % number)
        elif isinstance(item, StreamObject):
            # The stream's bytes as stored in the handout (still compressed), as pypdf's own writer writes them.
            data = raw_stream_data(item)
            emit_dictionary({key: value for key, value in dict.items(item) if key != "/Length"},
                            extra=b"/Length %d" % len(data))
            out.write(b"\nstream\n")
            out.write(data)
            out.write(b"\nendstream")
        elif isinstance(item, dict):
            emit_dictionary(dict.items(item) if isinstance(item, DictionaryObject) else item)
        elif isinstance(item, (list, ArrayObject)):
            out.write(b"[")
            for index, element in enumerate(list.__iter__(item)):
                if index:
                    out.write(b" ")
                emit(element)
            out.write(b"]")
        else:
            item.write_to_stream(out)

    def emit_dictionary(entries, extra: bytes = b"") -> None:
        out.write(b"<<")
        for key, element in (entries.items() if isinstance(entries, dict) else entries):
            NameObject(key).write_to_stream(out)
            out.write(b" ")
            emit(element)
            out.write(b" ")
        out.write(extra)
        out.write(b">>")

    emit(value)
    return out.getvalue()
