"""What the person typed and ticked in a filled-in handout: every field's value, wherever a viewer put it.

Viewers save forms in their own ways, so values are taken wherever a viewer
put them: a field's value is its ``/V``, inherited from a parent field when
the widget has none, and found whether the field hangs from the form's
``/Fields`` tree (names joined with "." through parents) or only from a
page's annotations.  Text comes as PDFDocEncoding, UTF-16, UTF-8 with a mark
or a text stream, and is cleaned as a typed value is; a check box is ticked
when its ``/V`` or any of its widgets' ``/AS`` names an "on" state (see
``mbcprep.summary.read``).  Every count and length is bounded, so a damaged
or hostile file is a ``FilledFormError``, never minutes of work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypdf.generic import ArrayObject, ByteStringObject, NameObject, StreamObject, create_string_object

from mbcprep.controls import clean_typed
from mbcprep.errors import FilledFormError
from mbcprep.summary.bounded import TooMuch, Undecodable, stream_bytes

#: How deep a field tree may go before it is taken for a loop in a damaged file.
MAX_DEPTH = 32
#: How many field-tree nodes and widgets, fields and pages a file may have (a handout has about 100 fields
#: on 3 to 20 pages): past them it is a damaged file, not minutes of work.
MAX_NODES = 20_000
MAX_FIELDS = 5_000
MAX_PAGES = 500
#: Characters in a field's name (the handout's are like "symptom_12_7").
NAME_CHARS = 200
#: A language escape in a text string: ESC, a language code and perhaps a country code, ESC (PDF 2.0, 7.9.2.2).
_LANGUAGE_ESCAPE = re.compile("\x1b[A-Za-z]{2}(?:[A-Za-z]{2})?\x1b")



@dataclass
class FoundField:
    """What was found for one field name: its type, its value, its widgets' states, its tooltip."""

    kind: str | None = None  # "/Tx", "/Btn", ...
    value: object = None
    states: tuple = ()
    tooltip: object = None  # its ``/TU``: what the field is, in the sheet's words


def read_fields(reader) -> dict[str, FoundField]:
    """Every field by its full name, from the form's field tree and from the pages' widgets.

    The nodes and widgets looked at, the fields found and the pages are
    counted: a file past ``MAX_NODES``, ``MAX_FIELDS`` or ``MAX_PAGES`` is damaged.
    """
    tree = FoundFieldTree()
    root = reader.trailer["/Root"].get_object()
    form = root.get("/AcroForm")
    if form is not None:
        for node in form.get_object().get("/Fields") or []:
            tree.walk(node, "", None, None, 0)
    if len(reader.pages) > MAX_PAGES:
        raise FilledFormError("damaged")
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            tree.count()
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Widget":
                tree.from_widget(annotation)
    return tree.found


class FoundFieldTree:
    """The fields found so far, and how many nodes were looked at to find them."""

    def __init__(self):
        self.found: dict[str, FoundField] = {}
        self.nodes = 0

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES or len(self.found) > MAX_FIELDS:
            raise FilledFormError("damaged")

    def walk(self, node, parent_name: str, kind, value, depth: int) -> None:
        self.count()
        if depth > MAX_DEPTH:
            raise FilledFormError("damaged")
        node = node.get_object()
        partial = node.get("/T")
        name = parent_name
        if partial is not None:
            name = f"{parent_name}.{_name(partial)}" if parent_name else _name(partial)
        kind = node.get("/FT", kind)
        value = node.get("/V", value)
        kids = node.get("/Kids") or []
        if name and (partial is not None or not kids):
            field = self.found.setdefault(name, FoundField())
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
                raise FilledFormError("damaged")
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
        self.found[name] = FoundField(kind, value, (widget["/AS"],) if widget.get("/AS") is not None else (),
                                      tooltip)


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _name(value) -> str:
    """A field's partial name: a short text, else the file is damaged."""
    return field_text(value, NAME_CHARS, too_much="damaged")


def field_text(value, limit: int, too_much: str = "too_much_text") -> str:
    """A text value as typed: the string, whatever its encoding; a text stream; lines joined.

    Never more than ``limit`` characters: a stream is inflated no further
    than the bytes that many characters take, and a longer value is the
    ``too_much`` problem, before it is decoded or cleaned.
    """
    most_bytes = 4 * limit + 4  # UTF-8 takes up to 4 bytes a character; UTF-16 2 or 4, with a 2-byte mark
    if value is None:
        return ""
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, ArrayObject):  # lines a viewer stored apart (never arrays in arrays)
        if len(value) > limit:
            raise FilledFormError(too_much)
        lines = [field_text(item, limit, too_much) for item in value if not isinstance(item, ArrayObject)]
        if sum(map(len, lines)) + len(lines) > limit + 1:
            raise FilledFormError(too_much)
        return "\n".join(lines)
    if isinstance(value, StreamObject):
        value = create_string_object(stream_data(value, most_bytes, too_much))
    elif isinstance(value, ByteStringObject):
        if len(value) > most_bytes:
            raise FilledFormError(too_much)
        value = create_string_object(bytes(value))
    if isinstance(value, ByteStringObject):  # not text in any encoding a viewer writes
        value = bytes(value).decode("latin-1")
    if isinstance(value, NameObject) or not isinstance(value, str):
        return ""
    if len(value) > most_bytes:
        raise FilledFormError(too_much)
    text = clean_typed(_LANGUAGE_ESCAPE.sub("", str(value)), multiline=True)
    if len(text) > limit:
        raise FilledFormError(too_much)
    return text


def is_ticked(field: FoundField) -> bool:
    return _on(field.value) or any(_on(state) for state in field.states)


def _on(value) -> bool:
    """A check box state that is not off: any name but ``/Off``; a viewer's "Yes" string too."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip()
    return text not in ("", "/Off", "Off", "/", "/false", "false", "0")


def find_field(name: str, fields: dict[str, FoundField], nested: dict[str, list[FoundField]]) -> FoundField | None:
    """The field of this name; else the one field whose full name ends ".name" (a viewer nested it)."""
    if name in fields:
        return fields[name]
    found = nested.get(name, [])
    return found[0] if len(found) == 1 else None


def stream_data(stream, limit: int, too_much: str) -> bytes:
    """A stream's data, inflated no further than ``limit`` bytes; past it, the ``too_much`` problem."""
    try:
        return stream_bytes(stream, limit)
    except TooMuch:
        raise FilledFormError(too_much) from None
    except Undecodable:
        raise FilledFormError("damaged") from None
