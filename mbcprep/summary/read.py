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
- a copy that lost the description (a tool that copies pages only keeps
  the fields and drops the catalog) is read all the same when its fields
  have mbcprep's names: what each field is comes from its name and its
  tooltip, and the summary says so (``FilledForm.rebuilt``);
- a check box is ticked when its ``/V`` or any of its widgets' ``/AS``
  names an "on" state: ``/Yes``, ``/On``, ``/1`` or whatever the viewer
  chose; only ``/Off`` (or nothing) is unticked.  Where the two disagree
  the person saw a tick, or the viewer recorded one, so it counts.

Every problem is a ``FilledFormError`` with a fixed message that never
quotes the file (its contents are the person's own words).
"""

from __future__ import annotations

import io
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from mbcprep import limits
from mbcprep.controls import clean_typed
from mbcprep.errors import FilledFormError
from mbcprep.model.form import CATALOG_KEY, EMBEDDED_FILE, FIELD_KEYS, FORM_VERSION, VERSION_KEY, first_field_names
from mbcprep.write.print_file import PRINT_FILE_KEY, PRINT_FILE_TITLE

#: Larger than any filled-in handout can be (they are well under 1 MB): refused before reading.
MAX_BYTES = 20 * 1024 * 1024
#: How deep a field tree may go before it is taken for a loop in a damaged file.
MAX_DEPTH = 32
#: How many field-tree nodes and widgets, fields, pages and compressed object streams a file may have
#: (a handout has about 100 fields on 3 to 20 pages): past them it is a damaged file, not minutes of work.
MAX_NODES = 20_000
MAX_FIELDS = 5_000
MAX_PAGES = 500
MAX_OBJECT_STREAMS = 64
#: Characters in a field's name (the handout's are like "symptom_12_7").
NAME_CHARS = 200
#: Field names that only mbcprep handouts have: a PDF with them but no description is an older handout.
HANDOUT_FIELDS = first_field_names()
#: A language escape in a text string: ESC, a language code and perhaps a country code, ESC (PDF 2.0, 7.9.2.2).
_LANGUAGE_ESCAPE = re.compile("\x1b[A-Za-z]{2}(?:[A-Za-z]{2})?\x1b")

MESSAGES = {
    "too_large": f"this file is over {MAX_BYTES // (1024 * 1024)} MB, far larger than any filled-in handout; "
                 "ask for the file the patient filled in",
    "not_pdf": "this file is not a PDF; give the handout the patient filled in (a .pdf file)",
    "damaged": "this PDF is damaged or incomplete (perhaps cut short while copying); ask for the file again",
    "encrypted": "this PDF is locked with a password (encrypted); ask for a copy that is not locked",
    "not_handout": "this PDF is not an mbcprep handout; give the handout the patient filled in",
    "older": "this handout was made by an older mbcprep, which described its fields in a way this one cannot "
             "read; keep the file (the answers are in it) and read it with the mbcprep it was made with",
    "print_file": "this is a print file of several sheets (made for printing by batch --combined, by summary "
                  "--combined or in the zip of the nurse page): it keeps no fields to read; give the filled-in "
                  "handout of each patient",
    "newer": "this handout was made by a newer mbcprep; update mbcprep to read it",
    "flattened": "this PDF has no answers left to read: it was printed or flattened; "
                 "ask for the file the patient filled in",
    "paper_only": "this handout was made to fill in on paper (no fields to type in), so it has no answers to read",
    "too_much_text": f"this handout holds far more text than its fields allow (at most "
                     f"{limits.describe(limits.NOTE_CHARS)} characters in one field); "
                     "ask for the file the patient filled in",
}


def problem(reason: str) -> FilledFormError:
    return FilledFormError(reason, MESSAGES[reason])


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
    from mbcprep.summary.bounded import bounded_pypdf

    data = _read_bytes(source)
    if b"%PDF-" not in data[:1024]:
        raise problem("not_pdf")
    data = data.rstrip(_PADDING)  # some tools pad a file with zeros or blank lines after its end
    if b"%%EOF" not in data[-2048:]:
        raise problem("damaged")
    _quiet_pypdf()
    with bounded_pypdf():
        reader = _open(data)
        try:
            description = _description(reader)
            fields = _fields(reader)
            if description is not None:
                return _filled(description, fields)
            if HANDOUT_FIELDS & set(fields):
                return _filled(_rebuilt_description(reader, fields), fields, rebuilt=True)
            raise problem(_why_no_description(reader, fields))
        except FilledFormError:
            raise
        except Exception:  # pypdf raises many kinds for a broken file; all are the same problem here
            raise problem("damaged") from None


_PADDING = b"\x00\t\n\x0c\r "


def _open(data: bytes):
    """A reader for the file: a file locked with a password is refused, one that opens without one is read."""
    from pypdf import PasswordType, PdfReader

    from mbcprep.summary.bounded import object_streams

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise problem("encrypted")
    except FilledFormError:
        raise
    except Exception as exc:
        from pypdf.errors import DependencyError

        # AES-256 needs the 'cryptography' package; without it the file is locked all the same.
        raise problem("encrypted" if isinstance(exc, DependencyError) else "damaged") from None
    if object_streams(reader) > MAX_OBJECT_STREAMS:
        raise problem("damaged")
    return reader


def _read_bytes(source: str | Path | bytes) -> bytes:
    """The file's bytes; a file that is not a regular file (a pipe, a device) is never opened."""
    from mbcprep.reading import NotRegularFile, open_regular

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
            from mbcprep.reading import os_reason

            raise FilledFormError("missing", f"this file cannot be read ({os_reason(exc)}); "
                                             "give the filled-in handout") from None
    if len(data) > MAX_BYTES:
        raise problem("too_large")
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
    import json

    from mbcprep.summary.bounded import attachment_stream
    from mbcprep.summary.description import DESCRIPTION_BYTES, checked_description

    root = reader.trailer["/Root"].get_object()
    stream = root.get(f"/{CATALOG_KEY}")
    stream = stream.get_object() if stream is not None else attachment_stream(reader, EMBEDDED_FILE)
    if stream is None:
        return None
    data = _stream_bytes(stream, DESCRIPTION_BYTES, too_much="damaged")
    try:
        description = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        raise problem("damaged") from None
    if not isinstance(description, dict) or VERSION_KEY not in description:
        raise problem("damaged")
    version = description[VERSION_KEY]
    if not isinstance(version, int) or isinstance(version, bool):
        raise problem("damaged")
    if version < FORM_VERSION:
        raise problem("older")
    if version > FORM_VERSION:
        raise problem("newer")
    description = checked_description(description)
    if description is None:
        raise problem("damaged")
    return description


def _stream_bytes(stream, limit: int, too_much: str) -> bytes:
    """A stream's data, inflated no further than ``limit`` bytes; past it, the ``too_much`` problem."""
    from mbcprep.summary.bounded import TooMuch, Undecodable, stream_bytes

    try:
        return stream_bytes(stream, limit)
    except TooMuch:
        raise problem(too_much) from None
    except Undecodable:
        raise problem("damaged") from None


def _why_no_description(reader, fields: dict) -> str:
    """A print file of several sheets, a printed handout, or some other PDF."""
    root = reader.trailer["/Root"].get_object()
    title = str((reader.metadata or {}).get("/Title", ""))
    if root.get(f"/{PRINT_FILE_KEY}") is not None or (not fields and title == PRINT_FILE_TITLE):
        return "print_file"
    if not fields and _looks_like_a_handout(reader):
        return "flattened"
    return "not_handout"


#: Field names that tell a field's kind when the description is lost (phone lines have names of their own).
_NAMED = [(re.compile(r"top_question_(\d+)"), "top_question", ("number",)),
          (re.compile(r"ask_(\d+)"), "question_tick", ("number",)),
          (re.compile(r"answer_(\d+)"), "question_answer", ("number",)),
          (re.compile(r"own_question_(\d+)"), "own_question", ("number",)),
          (re.compile(r"symptom_(\d+)_(\d+)"), "symptom", ("row", "day")),
          (re.compile(r"medicine_(\d+)_(\d+)"), "medicine", ("row", "column")),
          (re.compile(r"notes"), "notes", ())]


def _rebuilt_description(reader, fields: dict[str, "_Field"]) -> dict:
    """The description of a copy that lost it, from its fields: the kind and place from each name
    (``mbcprep.model.form``'s scheme), the words from each tooltip (the question, "Pain, Day 1", "Medicine 1").

    The header and the concerns were only in the description: the summary
    says the copy lost them.  The language is the document's, if it kept it.
    """
    from mbcprep.model.form import PHONE_FIELDS
    from mbcprep.summary.description import checked_description

    tips = {name: _text(field.tooltip, 2_000, too_much="damaged") for name, field in fields.items()}
    described = []
    for name in sorted(fields, key=_field_order):
        entry = _rebuilt_field(name, tips, PHONE_FIELDS)
        if entry is not None:
            described.append(entry)
    language = str(reader.trailer["/Root"].get_object().get("/Lang", "") or "")
    description = checked_description({"language": language[:20], "header": [], "concerns": [], "fields": described})
    if description is None:
        raise problem("damaged")
    return description


def _field_order(name: str) -> tuple:
    numbers = tuple(int(part) for part in re.findall(r"\d+", name))
    kinds = ("phone", "top_question", "ask", "answer", "own_question", "symptom", "medicine", "notes")
    kind = next((index for index, start in enumerate(kinds) if name.startswith(start)), len(kinds))
    return (kind, numbers, name)


def _rebuilt_field(name: str, tips: dict[str, str], phones) -> dict | None:
    if name in phones:
        return {"name": name, "kind": "phone", "label": tips[name] or name}
    for pattern, kind, keys in _NAMED:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        entry = {"name": name, "kind": kind, **{key: int(value) for key, value in zip(keys, match.groups())}}
        if kind in ("question_tick", "question_answer"):
            entry |= {"group": "", "question": tips.get(f"ask_{entry['number']}") or tips[name]}
        elif kind == "symptom":
            symptom, _, day = tips[name].rpartition(", ")
            entry |= {"symptom": symptom or f"{entry['row']}", "day_label": day or f"{entry['day']}"}
        elif kind == "medicine":
            entry |= {"column_label": tips[name].rpartition(" ")[0] or f"{entry['column']}"}
        return entry
    return None


def _looks_like_a_handout(reader) -> bool:
    """Whether page 1 prints a language's pack's title or disclaimer (a handout printed to PDF loses the rest)."""
    import tomli
    from pypdf.errors import LimitReachedError

    from mbcprep.languages import languages

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


# --------------------------------------------------------------------------
# The fields
# --------------------------------------------------------------------------

@dataclass
class _Field:
    """What was found for one field name: its type, its value, its widgets' states."""

    kind: str | None = None  # "/Tx", "/Btn", ...
    value: object = None
    states: tuple = ()
    tooltip: object = None  # its ``/TU``: what the field is, in the sheet's words


def _fields(reader) -> dict[str, _Field]:
    """Every field by its full name, from the form's field tree and from the pages' widgets.

    The nodes and widgets looked at, the fields found and the pages are
    counted: a file past ``MAX_NODES``, ``MAX_FIELDS`` or ``MAX_PAGES`` is damaged.
    """
    tree = _FieldTree()
    root = reader.trailer["/Root"].get_object()
    form = root.get("/AcroForm")
    if form is not None:
        for node in form.get_object().get("/Fields") or []:
            tree.walk(node, "", None, None, 0)
    if len(reader.pages) > MAX_PAGES:
        raise problem("damaged")
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            tree.count()
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Widget":
                tree.from_widget(annotation)
    return tree.found


class _FieldTree:
    """The fields found so far, and how many nodes were looked at to find them."""

    def __init__(self):
        self.found: dict[str, _Field] = {}
        self.nodes = 0

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES or len(self.found) > MAX_FIELDS:
            raise problem("damaged")

    def walk(self, node, parent_name: str, kind, value, depth: int) -> None:
        self.count()
        if depth > MAX_DEPTH:
            raise problem("damaged")
        node = node.get_object()
        partial = node.get("/T")
        name = parent_name
        if partial is not None:
            name = f"{parent_name}.{_name(partial)}" if parent_name else _name(partial)
        kind = node.get("/FT", kind)
        value = node.get("/V", value)
        kids = node.get("/Kids") or []
        if name and (partial is not None or not kids):
            field = self.found.setdefault(name, _Field())
            field.kind = field.kind or kind
            field.tooltip = field.tooltip if field.tooltip is not None else node.get("/TU")
            if field.value is None or _is_empty(field.value):
                field.value = value
            state = node.get("/AS")
            if state is not None:
                field.states += (state,)
        for kid in kids:
            self.walk(kid, name, kind, value, depth + 1)

    def from_widget(self, widget) -> None:
        """A widget the field tree did not lead to (some viewers drop ``/Fields``): name and value via its parents."""
        names, kind, value, tooltip = [], None, None, None
        node, depth = widget, 0
        while node is not None:
            depth += 1
            self.count()
            if depth > MAX_DEPTH:
                raise problem("damaged")
            if node.get("/T") is not None:
                names.append(_name(node["/T"]))
            kind = kind or node.get("/FT")
            value = value if value is not None else node.get("/V")
            tooltip = tooltip if tooltip is not None else node.get("/TU")
            parent = node.get("/Parent")
            node = parent.get_object() if parent is not None else None
        name = ".".join(reversed(names))
        if not name or name in self.found:
            return
        self.found[name] = _Field(kind, value, (widget["/AS"],) if widget.get("/AS") is not None else (), tooltip)


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _name(value) -> str:
    """A field's partial name: a short text, else the file is damaged."""
    return _text(value, NAME_CHARS, too_much="damaged")


def _text(value, limit: int, too_much: str = "too_much_text") -> str:
    """A text value as typed: the string, whatever its encoding; a text stream; lines joined.

    Never more than ``limit`` characters: a stream is inflated no further
    than the bytes that many characters take, and a longer value is the
    ``too_much`` problem, before it is decoded or cleaned.
    """
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject, StreamObject, create_string_object

    most_bytes = 4 * limit + 4  # UTF-8 takes up to 4 bytes a character; UTF-16 2 or 4, with a 2-byte mark
    if value is None:
        return ""
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, ArrayObject):  # lines a viewer stored apart (never arrays in arrays)
        if len(value) > limit:
            raise problem(too_much)
        lines = [_text(item, limit, too_much) for item in value if not isinstance(item, ArrayObject)]
        if sum(map(len, lines)) + len(lines) > limit + 1:
            raise problem(too_much)
        return "\n".join(lines)
    if isinstance(value, StreamObject):
        value = create_string_object(_stream_bytes(value, most_bytes, too_much))
    elif isinstance(value, ByteStringObject):
        if len(value) > most_bytes:
            raise problem(too_much)
        value = create_string_object(bytes(value))
    if isinstance(value, ByteStringObject):  # not text in any encoding a viewer writes
        value = bytes(value).decode("latin-1")
    if isinstance(value, NameObject) or not isinstance(value, str):
        return ""
    if len(value) > most_bytes:
        raise problem(too_much)
    text = clean_typed(_LANGUAGE_ESCAPE.sub("", str(value)), multiline=True)
    if len(text) > limit:
        raise problem(too_much)
    return text


def _ticked(field: _Field) -> bool:
    return _on(field.value) or any(_on(state) for state in field.states)


def _on(value) -> bool:
    """A check box state that is not off: any name but ``/Off``; a viewer's "Yes" string too."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip()
    return text not in ("", "/Off", "Off", "/", "/false", "false", "0")


def _find(name: str, fields: dict[str, _Field], nested: dict[str, list[_Field]]) -> _Field | None:
    """The field of this name; else the one field whose full name ends ".name" (a viewer nested it)."""
    if name in fields:
        return fields[name]
    found = nested.get(name, [])
    return found[0] if len(found) == 1 else None


def _filled(description: dict, fields: dict[str, _Field], rebuilt: bool = False) -> FilledForm:
    """Each described field's value, each within its kind's limit and all of them within the total."""
    described = description["fields"]
    if not described:
        raise problem("paper_only")
    nested: dict[str, list[_Field]] = {}
    for full, field in fields.items():
        if "." in full:
            nested.setdefault(full.rsplit(".", 1)[1], []).append(field)
    found = {field["name"]: _find(field["name"], fields, nested) for field in described}
    if not any(found.values()):
        raise problem("flattened")
    text: dict[str, str] = {}
    ticked = set()
    total = 0
    for field in described:
        name, value = field["name"], found[field["name"]]
        if value is None:
            continue
        if field["kind"] == "question_tick":
            if _ticked(value):
                ticked.add(name)
        else:
            text[name] = _text(value.value, limits.FILLED_FIELD_CHARS[field["kind"]])
            total += len(text[name])
            if total > limits.FILLED_TEXT_CHARS:
                raise problem("too_much_text")
    return FilledForm(description, text, frozenset(ticked), rebuilt)
