"""Read a filled-in handout: its form description and what the person typed and ticked.

Viewers save forms in their own ways, so values are taken wherever a viewer
put them:

- a field's value is its ``/V``, inherited from a parent field when the
  widget has none, and found whether the field hangs from the form's
  ``/Fields`` tree (names joined with "." through parents) or only from a
  page's annotations;
- text comes as PDFDocEncoding, UTF-16 (either byte order, with or without
  a byte order mark), UTF-8 with a mark (PDF 2.0) or a text stream; line
  ends become "\\n" and language escapes are dropped;
- every value, and every word of the description, is cleaned as a typed
  value is (``controls.clean_typed``): control characters and bidi
  overrides go, line breaks stay, so nothing in a file can drive the
  terminal a text summary is printed on or make a line read backwards;
- a check box is ticked when its ``/V`` or any of its widgets' ``/AS``
  names an "on" state: ``/Yes``, ``/On``, ``/1`` or whatever the viewer
  chose; only ``/Off`` (or nothing) is unticked.  Where the two disagree
  the person saw a tick, or the viewer recorded one, so it counts;
- a copy that lost the description (a tool that copies pages only keeps
  the fields and drops the catalog) is read all the same when its fields
  have mbcprep's names: what each field is comes from its name and its
  tooltip (``rebuilt``), and the summary says so (``FilledForm.rebuilt``).

Here the file is opened and its description found and checked; each
field's value is found in ``values``.  Every problem is a
``FilledFormError`` with a fixed message that never quotes the file (its
contents are the person's own words).
"""

from __future__ import annotations

import io
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import tomli
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, LimitReachedError

from mbcprep import limits
from mbcprep.errors import FilledFormError
from mbcprep.languages import languages
from mbcprep.model.form import CATALOG_KEY, EMBEDDED_FILE, FORM_VERSION, VERSION_KEY, first_field_names
from mbcprep.reading import NotRegularFile, open_regular, os_reason
from mbcprep.summary.bounded import attachment_stream, bounded_pypdf, object_streams
from mbcprep.summary.description import DESCRIPTION_BYTES, checked_description
from mbcprep.summary.rebuilt import rebuilt_description
from mbcprep.summary.values import FoundField, field_text, find_field, is_ticked, read_fields, stream_data
from mbcprep.write.print_file import PRINT_FILE_KEY, PRINT_FILE_TITLE

#: Larger than any filled-in handout can be (they are well under 1 MB): refused before reading.
MAX_BYTES = limits.FILLED_FORM_BYTES
#: Compressed object streams a file may have: past them it is a damaged file, not minutes of work.
MAX_OBJECT_STREAMS = 64
#: Field names that only mbcprep handouts have: a PDF with them but no description is a copy that lost it.
HANDOUT_FIELDS = first_field_names()


@dataclass(frozen=True)
class FilledForm:
    """A handout's form description and its fields' values, by field name.

    ``text`` has every text field found (an empty string when left empty);
    ``ticked`` the names of the check boxes that are ticked.
    """

    description: Mapping
    text: Mapping[str, str]
    ticked: frozenset[str]
    rebuilt: bool = False  # the description was lost with the catalog; rebuilt from the fields' names and tooltips


def read_filled_form(source: str | Path | bytes) -> FilledForm:
    """Read a filled-in handout from a path or from its bytes."""
    data = _read_bytes(source)
    if b"%PDF-" not in data[:1024]:
        raise FilledFormError("not_pdf")
    data = data.rstrip(_PADDING)  # some tools pad a file with zeros or blank lines after its end
    if b"%%EOF" not in data[-2048:]:
        raise FilledFormError("damaged")
    _quiet_pypdf()
    with bounded_pypdf():
        reader = _open(data)
        try:
            description = _description(reader)
            fields = read_fields(reader)
            if description is not None:
                return _filled(description, fields)
            if HANDOUT_FIELDS & set(fields):
                return _filled(rebuilt_description(reader, fields), fields, rebuilt=True)
            raise FilledFormError(_why_no_description(reader, fields))
        except FilledFormError:
            raise
        except Exception:  # pypdf raises many kinds for a broken file; all are the same problem here
            raise FilledFormError("damaged") from None


_PADDING = b"\x00\t\n\x0c\r "


def _open(data: bytes):
    """A reader for the file: a file locked with a password is refused, one that opens without one is read."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise FilledFormError("encrypted")
    except FilledFormError:
        raise
    except Exception as exc:
        # AES-256 needs the 'cryptography' package; without it the file is locked all the same.
        raise FilledFormError("encrypted" if isinstance(exc, DependencyError) else "damaged") from None
    if object_streams(reader) > MAX_OBJECT_STREAMS:
        raise FilledFormError("damaged")
    return reader


def _read_bytes(source: str | Path | bytes) -> bytes:
    """The file's bytes; a file that is not a regular file (a pipe, a device) is never opened."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        try:
            with open_regular(source) as stream:
                data = stream.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise FilledFormError("missing", "there is no such file; check the name and the folder") from None
        except IsADirectoryError:
            raise FilledFormError("missing", "this is a folder, not a file; give the filled-in handout") from None
        except NotRegularFile:
            raise FilledFormError("missing", "this is not a file but a device or a pipe; "
                                             "give the filled-in handout") from None
        except PermissionError:
            raise FilledFormError("missing", "this file cannot be opened: permission denied") from None
        except OSError as exc:
            raise FilledFormError("missing", f"this file cannot be read ({os_reason(exc)}); "
                                             "give the filled-in handout") from None
    if len(data) > MAX_BYTES:
        raise FilledFormError("too_large")
    return data


def _quiet_pypdf() -> None:
    """Keep pypdf's warnings out of every log: about a damaged string they quote its bytes, the person's words.

    mbcprep says what is wrong itself, in one line.  This sets the level of
    pypdf's own logger for the whole process, once summaries are read.
    """
    logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)


# --------------------------------------------------------------------------
# The description
# --------------------------------------------------------------------------

def _description(reader) -> dict | None:
    """The form description from the catalog key, else from the embedded file; None when there is none."""
    root = reader.trailer["/Root"].get_object()
    stream = root.get(f"/{CATALOG_KEY}")
    stream = stream.get_object() if stream is not None else attachment_stream(reader, EMBEDDED_FILE)
    if stream is None:
        return None
    data = stream_data(stream, DESCRIPTION_BYTES, too_much="damaged")
    try:
        description = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        raise FilledFormError("damaged") from None
    if not isinstance(description, dict) or VERSION_KEY not in description:
        raise FilledFormError("damaged")
    version = description[VERSION_KEY]
    if not isinstance(version, int) or isinstance(version, bool):
        raise FilledFormError("damaged")
    if version < FORM_VERSION:
        raise FilledFormError("older")
    if version > FORM_VERSION:
        raise FilledFormError("newer")
    description = checked_description(description)
    if description is None:
        raise FilledFormError("damaged")
    return description


def _why_no_description(reader, fields: dict) -> str:
    """A print file of several sheets, a printed handout, or some other PDF."""
    root = reader.trailer["/Root"].get_object()
    title = str((reader.metadata or {}).get("/Title", ""))
    if root.get(f"/{PRINT_FILE_KEY}") is not None or (not fields and title == PRINT_FILE_TITLE):
        return "print_file"
    if not fields and _looks_like_a_handout(reader):
        return "flattened"
    return "not_handout"


def _looks_like_a_handout(reader) -> bool:
    """Whether page 1 prints a language's pack's title or disclaimer (a handout printed to PDF loses the rest)."""
    if not reader.pages:
        return False
    try:
        text = " ".join(reader.pages[0].extract_text().split())
    except LimitReachedError:  # a page that draws more than a handout's page ever does
        return False
    for language in languages().values():
        with open(os.path.join(language.folder, "pack.toml"), "rb") as stream:
            meta = tomli.load(stream)
        for key in ("title", "disclaimer"):
            words = " ".join(str(meta.get(key, "")).split("{{")[0].split())
            if len(words) >= 12 and words in text:
                return True
    return False


def _filled(description: dict, fields: dict[str, FoundField], rebuilt: bool = False) -> FilledForm:
    """Each described field's value, each within its kind's limit and all of them within the total."""
    described = description["fields"]
    if not described:
        raise FilledFormError("paper_only")
    nested: dict[str, list[FoundField]] = {}
    for full, field in fields.items():
        if "." in full:
            nested.setdefault(full.rsplit(".", 1)[1], []).append(field)
    found = {field["name"]: find_field(field["name"], fields, nested) for field in described}
    if not any(found.values()):
        raise FilledFormError("flattened")
    text: dict[str, str] = {}
    ticked = set()
    total = 0
    for field in described:
        name, value = field["name"], found[field["name"]]
        if value is None:
            continue
        if field["kind"] == "question_tick":
            if is_ticked(value):
                ticked.add(name)
        else:
            text[name] = field_text(value.value, limits.FILLED_FIELD_CHARS[field["kind"]])
            total += len(text[name])
            if total > limits.FILLED_TEXT_CHARS:
                raise FilledFormError("too_much_text")
    return FilledForm(description, text, frozenset(ticked), rebuilt)
