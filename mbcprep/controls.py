"""Control and bidirectional-override characters out of typed text, file names and messages.

An escape sequence in a name reaches a terminal with ``--format txt -o -``
and can rewrite what it shows; U+202E makes "cod.pdf" read as "fdp.doc".
None of them is ever meant to be printed, so they are removed from every
value a person types (when the request is built), from file names, and from
error messages.  ``clean_text`` is the last step before text is drawn:
composed, with every character ReportLab could only print as a box made a
space or dropped.  Only ``unicodedata`` is imported (a fraction of a
millisecond): every command that reads a request loads this.
"""

from __future__ import annotations

import unicodedata

#: C0 and C1 control characters and DEL.
CONTROLS = frozenset([*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])
#: Bidirectional marks, embeddings, overrides and isolates.
BIDI = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])

_REMOVE = {code: None for code in BIDI}


def remove_controls(text: str, replace_with: str = "") -> str:
    """``text`` without bidi overrides; each control character becomes ``replace_with``."""
    if text.isascii() and text.isprintable():
        return text  # the common case
    table = dict(_REMOVE)
    table.update({code: replace_with for code in CONTROLS})
    return text.translate(table)


def clean_typed(text: str, multiline: bool = False) -> str:
    """A value a person typed, safe for every output format.

    Tabs become spaces; line breaks become ``\\n`` when ``multiline`` (a
    note), spaces otherwise (a name); every other control character and
    every bidi override is removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")
    if text.isascii() and text.replace("\n", "").isprintable():
        return text
    table = dict(_REMOVE)
    table.update({code: None for code in CONTROLS if code != 0x0A})
    return text.translate(table)


def one_line(message: str) -> str:
    """A message as one line of plain text: controls gone, runs of white space as one space."""
    return " ".join(remove_controls(message, replace_with=" ").split())


def clean_text(text: str) -> str:
    """Text as it will be drawn.

    Composed (NFC), so "e" plus combining marks uses the font's own "ễ";
    line breaks as "\\n"; every other space or control character as a plain
    space; invisible format characters (zero-width space, soft hyphen, ...)
    dropped: ReportLab does not shape text, so they could only print as boxes.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and text.replace("\n", "").isprintable():
        return text  # the common case, and nothing to change: skip the per-character walk
    text = unicodedata.normalize("NFC", text)
    out = []
    for char in text:
        if char == "\n":
            out.append(char)
        elif char.isspace() or unicodedata.category(char) == "Cc":
            out.append(" ")
        elif unicodedata.category(char) == "Cf":
            continue
        else:
            out.append(char)
    return "".join(out)
