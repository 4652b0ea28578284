"""A filled-in handout's form description as read back: its shape, its bounds, its words cleaned.

The description comes from a file from outside, so it is checked before
anything trusts it: the shape ``mbcprep.model.form`` writes, and no more than a
handout can claim (the symptom log's 7 days, the medicines table's 3
columns, a few header lines, labels as long as a pack's).  Anything else is
a damaged file, said in one line, never a crash or minutes of layout later.
Every word in it is then cleaned as a typed value is (``clean_typed``).
"""

from __future__ import annotations

from mbcprep import limits
from mbcprep.controls import clean_typed
from mbcprep.model.form import FIELD_KEYS, OPTIONAL_KEYS

#: Bytes of the description once inflated (a handout's is about 10 KB).
DESCRIPTION_BYTES = 2_000_000
#: The symptom log's days (``plan.SYMPTOM_LOG_DAYS``) and the medicines table's columns, as the sheet has them.
DAYS = 7
COLUMNS = 3
#: Header lines (today: name, visit, provider, clinic, address), concerns (a pack has about 20), fields
#: (a handout has about 100), and the largest question number or row.
HEADER_LINES = 10
CONCERNS = 100
FIELDS = 2_000
NUMBER = 1_000
#: Characters in a label, title, group, question or symptom (as a pack may have them, with the words
#: the sheet explains in brackets), in a header value (as a request may have it), in a field's name,
#: and in the language, paper and pack entries.
WORDS_CHARS = 2_000
HEADER_VALUE_CHARS = max(limits.NAME_CHARS, limits.CLINIC_FIELD_CHARS)
NAME_CHARS = 100
SHORT_CHARS = 100
#: Where each numbered key of a field may go.
_RANGES = {"number": NUMBER, "row": NUMBER, "day": DAYS, "column": COLUMNS}


def checked_description(description: dict) -> dict | None:
    """The description with every word cleaned, or None when its shape or size is not a handout's."""
    if not _fits(description):
        return None
    return _cleaned(description)


def _fits(description: dict) -> bool:
    fields, header, concerns = description.get("fields"), description.get("header"), description.get("concerns")
    pack = description.get("pack", {})
    return (isinstance(fields, list) and isinstance(header, list) and isinstance(concerns, list)
            and len(fields) <= FIELDS and len(header) <= HEADER_LINES and len(concerns) <= CONCERNS
            and _short(description.get("language")) and _short(description.get("paper", ""))
            and (description.get("visit") is None or _short(description.get("visit")))
            and isinstance(pack, dict) and len(pack) <= 10 and all(_short(value) for value in pack.values())
            and all(_is_field(field) for field in fields)
            and all(isinstance(line, dict) and _words(line.get("label"))
                    and _words(line.get("value"), HEADER_VALUE_CHARS) for line in header)
            and all(isinstance(c, dict) and _words(c.get("title")) and _short(c.get("id", "")) for c in concerns))


def _is_field(field) -> bool:
    if not isinstance(field, dict) or not _words(field.get("name"), NAME_CHARS):
        return False
    kind = field.get("kind")
    keys = FIELD_KEYS.get(kind) if isinstance(kind, str) else None
    if keys is None:
        return False
    for key, value_type in keys.items():
        value = field.get(key)
        if not isinstance(value, value_type) or isinstance(value, bool):
            return False
        if isinstance(value, str) and len(value) > WORDS_CHARS:
            return False
        if isinstance(value, int) and not 1 <= value <= _RANGES.get(key, NUMBER):
            return False
    optional = OPTIONAL_KEYS.get(field["kind"], {})
    return all(key not in field or (isinstance(field[key], kind) and len(field[key]) <= SHORT_CHARS)
               for key, kind in optional.items())


def _words(value, most: int = WORDS_CHARS) -> bool:
    return isinstance(value, str) and len(value) <= most


def _short(value) -> bool:
    return _words(value, SHORT_CHARS)


def _cleaned(value):
    """Each word cleaned as a typed value is (one line each)."""
    if isinstance(value, str):
        return clean_typed(value)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    return value
