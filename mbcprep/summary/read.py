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
  the person saw a tick, or the viewer recorded one, so it counts.

Every problem is a ``FilledFormError`` with a fixed message that never
quotes the file (its contents are the person's own words).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from mbcprep.controls import clean_typed
from mbcprep.errors import FilledFormError
from mbcprep.form import CATALOG_KEY, EMBEDDED_FILE, FIELD_KEYS, FORM_VERSION, VERSION_KEY

#: Larger than any filled-in handout can be (they are well under 1 MB): refused before reading.
MAX_BYTES = 20 * 1024 * 1024
#: How deep a field tree may go before it is taken for a loop in a damaged file.
MAX_DEPTH = 32
#: Field names that only mbcprep handouts have: a PDF with them but no description is an older handout.
HANDOUT_FIELDS = frozenset({"top_question_1", "ask_1", "answer_1", "own_question_1", "symptom_1_1",
                            "medicine_1_1", "phone_care_team"})
#: A language escape in a text string: ESC, a language code and perhaps a country code, ESC (PDF 2.0, 7.9.2.2).
_LANGUAGE_ESCAPE = re.compile("\x1b[A-Za-z]{2}(?:[A-Za-z]{2})?\x1b")

MESSAGES = {
    "too_large": f"this file is over {MAX_BYTES // (1024 * 1024)} MB, far larger than any filled-in handout; "
                 "ask for the file the patient filled in",
    "not_pdf": "this file is not a PDF; give the handout the patient filled in (a .pdf file)",
    "damaged": "this PDF is damaged or incomplete (perhaps cut short while copying); ask for the file again",
    "encrypted": "this PDF is locked with a password (encrypted); ask for a copy that is not locked",
    "not_handout": "this PDF is not an mbcprep handout; give the handout the patient filled in",
    "older": "this handout was made by an older mbcprep; make a new handout for the patient",
    "undescribed": "this handout was made by an older mbcprep, before handouts described their fields; "
                   "make a new handout for the patient",
    "newer": "this handout was made by a newer mbcprep; update mbcprep to read it",
    "flattened": "this PDF has no answers left to read: it was printed or flattened; "
                 "ask for the file the patient filled in",
    "paper_only": "this handout was made to fill in on paper (no fields to type in), so it has no answers to read",
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


def read_filled_form(source: str | Path | bytes) -> FilledForm:
    """Read a filled-in handout from a path or from its bytes."""
    data = _read_bytes(source)
    if b"%PDF-" not in data[:1024]:
        raise problem("not_pdf")
    if b"%%EOF" not in data[-2048:]:
        raise problem("damaged")
    _quiet_pypdf()
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception:  # pypdf raises many kinds for a broken file; all are the same problem here
        raise problem("damaged") from None
    if encrypted:
        raise problem("encrypted")
    try:
        description = _description(reader)
        fields = _fields(reader)
        if description is None:
            raise problem(_why_no_description(reader, fields))
        return _filled(description, fields)
    except FilledFormError:
        raise
    except Exception:
        raise problem("damaged") from None


def _read_bytes(source: str | Path | bytes) -> bytes:
    if isinstance(source, (bytes, bytearray)):
        if len(source) > MAX_BYTES:
            raise problem("too_large")
        return bytes(source)
    path = Path(source)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise problem("too_large")
        with open(path, "rb") as stream:
            return stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise FilledFormError("missing", "there is no such file; check the name and the folder") from None
    except IsADirectoryError:
        raise FilledFormError("missing", "this is a folder, not a file; give the filled-in handout") from None
    except PermissionError:
        raise FilledFormError("missing", "this file cannot be opened: permission denied") from None


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

    root = reader.trailer["/Root"].get_object()
    data = None
    stream = root.get(f"/{CATALOG_KEY}")
    if stream is not None:
        data = stream.get_object().get_data()
    else:
        found = reader.attachments.get(EMBEDDED_FILE)
        if found:
            data = found[0]
    if data is None:
        return None
    try:
        description = json.loads(data.decode("utf-8"))
    except ValueError:
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
    _check_description(description)
    return _cleaned(description)


def _check_description(description: dict) -> None:
    """The shape ``mbcprep.form`` writes; anything else is a damaged file, not a crash later."""
    fields, header, concerns = description.get("fields"), description.get("header"), description.get("concerns")
    ok = (isinstance(fields, list) and isinstance(header, list) and isinstance(concerns, list)
          and isinstance(description.get("language"), str) and isinstance(description.get("paper", ""), str)
          and all(_is_field(field) for field in fields)
          and all(isinstance(line, dict) and isinstance(line.get("label"), str)
                  and isinstance(line.get("value"), str) for line in header)
          and all(isinstance(c, dict) and isinstance(c.get("title"), str) for c in concerns))
    if not ok:
        raise problem("damaged")


def _cleaned(value):
    """The description with each of its words cleaned as a typed value is (one line each)."""
    if isinstance(value, str):
        return clean_typed(value)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    return value


def _is_field(field) -> bool:
    if not isinstance(field, dict) or not isinstance(field.get("name"), str):
        return False
    keys = FIELD_KEYS.get(field.get("kind"))
    return keys is not None and all(isinstance(field.get(key), kind) and not isinstance(field.get(key), bool)
                                    for key, kind in keys.items())


def _why_no_description(reader, fields: dict) -> str:
    """An older handout, a printed one, or some other PDF."""
    creator = str((reader.metadata or {}).get("/Creator", ""))
    if creator.startswith("mbcprep") or HANDOUT_FIELDS & set(fields):
        return "undescribed"
    if not fields and _looks_like_a_handout(reader):
        return "flattened"
    return "not_handout"


def _looks_like_a_handout(reader) -> bool:
    """Whether page 1 prints a built-in pack's title or disclaimer (a handout printed to PDF loses the rest)."""
    import tomli

    from mbcprep.constants import LANGUAGES
    from mbcprep.resources import package_path

    if not reader.pages:
        return False
    text = " ".join(reader.pages[0].extract_text().split())
    for folder in LANGUAGES.values():
        with open(package_path("content", folder, "pack.toml"), "rb") as stream:
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


def _fields(reader) -> dict[str, _Field]:
    """Every field by its full name, from the form's field tree and from the pages' widgets."""
    found: dict[str, _Field] = {}
    root = reader.trailer["/Root"].get_object()
    form = root.get("/AcroForm")
    if form is not None:
        for node in form.get_object().get("/Fields") or []:
            _walk(node, "", None, None, found, 0)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Widget":
                _from_widget(annotation, found)
    return found


def _walk(node, parent_name: str, kind, value, found: dict[str, _Field], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise problem("damaged")
    node = node.get_object()
    partial = node.get("/T")
    name = parent_name
    if partial is not None:
        name = f"{parent_name}.{_text(partial)}" if parent_name else _text(partial)
    kind = node.get("/FT", kind)
    value = node.get("/V", value)
    kids = node.get("/Kids") or []
    if name and (partial is not None or not kids):
        field = found.setdefault(name, _Field())
        field.kind = field.kind or kind
        if field.value is None or _is_empty(field.value):
            field.value = value
        state = node.get("/AS")
        if state is not None:
            field.states += (state,)
    for kid in kids:
        _walk(kid, name, kind, value, found, depth + 1)


def _from_widget(widget, found: dict[str, _Field]) -> None:
    """A widget the field tree did not lead to (some viewers drop ``/Fields``): name and value via its parents."""
    names, kind, value = [], None, None
    node, depth = widget, 0
    while node is not None:
        depth += 1
        if depth > MAX_DEPTH:
            raise problem("damaged")
        if node.get("/T") is not None:
            names.append(_text(node["/T"]))
        kind = kind or node.get("/FT")
        value = value if value is not None else node.get("/V")
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    name = ".".join(reversed(names))
    if not name or name in found:
        return
    found[name] = _Field(kind, value, (widget["/AS"],) if widget.get("/AS") is not None else ())


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _text(value) -> str:
    """A text value as typed: the string, whatever its encoding; a text stream; lines joined."""
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject, StreamObject, create_string_object

    if value is None:
        return ""
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, StreamObject):
        value = create_string_object(value.get_data())
    elif isinstance(value, ByteStringObject):
        value = create_string_object(bytes(value))
    if isinstance(value, ArrayObject):
        return "\n".join(_text(item) for item in value)
    if isinstance(value, NameObject):
        return ""
    if isinstance(value, ByteStringObject):  # not text in any encoding a viewer writes
        return bytes(value).decode("latin-1")
    if not isinstance(value, str):
        return ""
    return clean_typed(_LANGUAGE_ESCAPE.sub("", str(value)), multiline=True)


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


def _find(name: str, fields: dict[str, _Field]) -> _Field | None:
    """The field of this name; else the one field whose full name ends ".name" (a viewer nested it)."""
    if name in fields:
        return fields[name]
    nested = [field for full, field in fields.items() if full.endswith("." + name)]
    return nested[0] if len(nested) == 1 else None


def _filled(description: dict, fields: dict[str, _Field]) -> FilledForm:
    described = description["fields"]
    if not described:
        raise problem("paper_only")
    found = {field["name"]: _find(field["name"], fields) for field in described}
    if not any(found.values()):
        raise problem("flattened")
    text: dict[str, str] = {}
    ticked = set()
    for field in described:
        name, value = field["name"], found[field["name"]]
        if value is None:
            continue
        if field["kind"] == "question_tick":
            if _ticked(value):
                ticked.add(name)
        else:
            text[name] = _text(value.value)
    return FilledForm(description, text, frozenset(ticked))
