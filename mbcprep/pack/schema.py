"""The pack's schema: what each file's tables may hold, checked with messages an educator can act on.

``TableChecker`` pulls values out of one file's tables and collects a
problem for every key that is missing, unknown (with "did you mean"), of
the wrong type or badly formed, as ``file: key path: what is wrong``; the
readers in ``mbcprep.pack.tables`` use it for every file.  Also here: the
fixed words a renderer needs (``LABEL_FIELDS``) and the placeholders text
may hold.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass
from typing import Any

from mbcprep.constants import PLACEHOLDER_FIELDS
from mbcprep.controls import BIDI, CONTROLS, clean_typed
from mbcprep.errors import PackError, did_you_mean
from mbcprep.limits import PACK_LINE_CHARS

CONCERN_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: A question's id: its group's id (a concern's, or a general group's), a dot, and a name of its own.
QUESTION_ID = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Words that say where a choice of questions starts (``mbcprep.request.questions``): never a group's id.
QUESTION_STARTS = ("default", "all", "none")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# Any template-looking syntax; only ``{{ group.field }}`` with a known field is allowed.
TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\{%|\{#", re.S)
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}")
#: A word that joins several signs into one bullet ("... and drowsiness together").
JOINED_SIGNS = re.compile(r"\btogether\b", re.I)
KEY_POINTS_RANGE = (2, 4)

#: Every fixed word a renderer needs, and the ``{fields}`` each may use.
LABEL_FIELDS: dict[str, tuple[str, ...]] = {
    "category_symptoms": (),
    "category_care": (),
    "patient": (),
    "date_of_birth": (),
    "record_number": (),
    "visit": (),
    "provider": (),
    "clinic": (),
    "clinic_phone": (),
    "after_hours_phone": (),
    "clinic_address": (),
    "red_flags_heading": (),
    "emergency_intro": (),
    "crisis_intro": (),
    "call_now_intro": (),
    "call_today_intro": (),
    "icon_emergency": (),
    "icon_crisis": (),
    "icon_call_now": (),
    "icon_call_today": (),
    "thermometer_caption": (),
    "phones_intro": (),
    "help_no_answer": (),
    "help_hospice": (),
    "help_interpreter": (),
    "write_in_care_team": (),
    "continued": (),
    "how_to_use_heading": (),
    "step_read_notes": (),
    "step_tick_questions": (),
    "step_top_questions": (),
    "step_symptom_log": (),
    "step_medicines": (),
    "step_interpreter": (),
    "step_bring": (),
    "top_questions_heading": (),
    "topics_heading": (),
    "patient_note": (),
    "concerns_heading": (),
    "key_points_heading": (),
    "report_signs_intro": (),
    "subtype_heading": (),
    "questions_heading": (),
    "questions_intro": (),
    "answer_to": ("question",),
    "own_questions_heading": (),
    "symptom_log_heading": (),
    "symptom_log_intro": (),
    "symptom_column": (),
    "symptom_log_day": ("n",),
    "scale_low": (),
    "scale_high": (),
    "medicines_heading": (),
    "medicines_intro": (),
    "medicine_name": (),
    "medicine_dose": (),
    "medicine_when": (),
    "notes_heading": (),
    "sources_heading": (),
    "page_footer": ("n", "total"),
    "review_line": ("date",),
    "not_reviewed_line": (),
    "html_not_saved": (),
    "subject": (),
}
#: Sample values each ``{field}`` is formatted with when a pack is checked.
SAMPLE_FIELD_VALUES = {"n": 3, "total": 12, "date": "December 3, 2026", "weekday": "Thursday",
                       "month": "December", "day": 3, "year": 2026, "hour12": 10, "hour24": "10",
                       "minute": "30", "ampm": "AM", "time": "10:30 AM",
                       "question": "What are my treatment choices?"}
FALLBACK_KEYS = tuple(f.replace(".", "_") for f in PLACEHOLDER_FIELDS)
DATE_KEYS = ("weekdays", "months", "date_pattern", "short_date_pattern", "time_pattern", "datetime_pattern", "am", "pm")
DATE_PATTERN_FIELDS = {
    "date_pattern": ("weekday", "month", "day", "year"),
    "short_date_pattern": ("weekday", "month", "day", "year"),
    "time_pattern": ("hour12", "hour24", "minute", "ampm"),
    "datetime_pattern": ("date", "time"),
}


#: Characters a pack's text may not hold: controls (but line ends and tabs) and bidi overrides.
_HIDDEN = (CONTROLS | BIDI) - {ord("\n"), ord("\r"), ord("\t")}
#: The same characters as a set of strings: ``set.intersection`` walks a text in C, a pack's thousands
#: of texts in well under a millisecond, where a Python loop over each character took several.
_HIDDEN_CHARS = frozenset(map(chr, _HIDDEN))
_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list",
               dict: "a table", dt.date: "a date (YYYY-MM-DD)"}


@dataclass
class TableChecker:
    """Collects problems for one file while values are pulled out of its tables."""

    file: str
    errors: list[PackError]

    def error(self, key: str, message: str) -> None:
        self.errors.append(PackError(self.file, key, message))

    def table(self, data: Any, path: str, required: tuple[str, ...],
              optional: tuple[str, ...] = ()) -> dict:
        """Check a table's keys: report missing ones and unknown ones (typos)."""
        if not isinstance(data, dict):
            self.error(path or "(top level)", f"must be a table, not {_describe(data)}")
            return {}
        allowed = required + optional
        for key in required:
            if key not in data:
                self.error(path or "(top level)", f'missing "{key}"')
        for key in data:
            if key not in allowed:
                extra = did_you_mean(key, allowed, quote='"') or f" (allowed: {', '.join(allowed)})"
                self.error(_join(path, key), f'unknown key "{key}"{extra}')
        return data

    def value(self, data: dict, key: str, kind: type, path: str, default: Any = None) -> Any:
        if key not in data:
            return default
        value = data[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if kind is dt.date and isinstance(value, dt.datetime):
            ok = False
        if not ok:
            self.error(_join(path, key), f"must be {_TYPE_NAMES[kind]}, not {_describe(value)}")
            return default
        return value

    def text(self, data: dict, key: str, path: str, *, required: bool = True, most: int = PACK_LINE_CHARS) -> str:
        """A text, cleaned of characters that are never printed and at most ``most`` characters long."""
        value = self.value(data, key, str, path, default="")
        value = self.printable(value, _join(path, key), most)
        if required and key in data and not value and isinstance(data[key], str):
            self.error(_join(path, key), "must not be empty")
        return value

    def text_list(self, data: dict, key: str, path: str) -> tuple[str, ...]:
        items = self.value(data, key, list, path, default=[])
        result = []
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.error(f"{_join(path, key)}[{index}]", f"must be non-empty text, not {_describe(item)}")
            else:
                result.append(self.printable(item, f"{_join(path, key)}[{index}]", PACK_LINE_CHARS))
        return tuple(result)

    def printable(self, text: str, path: str, most: int) -> str:
        """``text`` stripped and without control or bidi characters (each reported by its code, never
        printed), and reported when over ``most`` characters."""
        cleaned = clean_typed(text, multiline=True).strip()
        found = _HIDDEN_CHARS.intersection(text)
        if found:
            hidden = [char for char in dict.fromkeys(text) if char in found]  # in the order they come
            codes = ", ".join(f"U+{ord(char):04X}" for char in hidden[:5])
            self.error(path, f"has characters that are never printed ({codes}); remove them")
        if len(cleaned) > most:
            self.error(path, f"is {len(cleaned):,} characters long; the limit is {most:,} characters")
        return cleaned

    def tables(self, data: dict, key: str, path: str) -> list[tuple[str, dict]]:
        items = self.value(data, key, list, path, default=[])
        result = []
        for index, item in enumerate(items):
            item_path = f"{_join(path, key)}[{index}]"
            if not isinstance(item, dict):
                self.error(item_path, f"must be a table, not {_describe(item)}")
            else:
                result.append((item_path, item))
        return result

    def choice(self, data: dict, key: str, path: str, choices: tuple[str, ...], default: str) -> str:
        value = self.value(data, key, str, path, default=default)
        if value not in choices:
            self.error(_join(path, key), f'"{value}" is not one of: {", ".join(choices)}')
            return default
        return value

    def content_text(self, text: str, path: str) -> str:
        """Check placeholders in text people will read: only known fields, no template code."""
        for match in TEMPLATE_SYNTAX.finditer(text):
            snippet = match.group(0)
            placeholder = PLACEHOLDER.fullmatch(snippet)
            if placeholder is None:
                self.error(path, f"{snippet!r} is not a placeholder; write {{{{ patient.first_name }}}} "
                                 f"style with one of: {', '.join(PLACEHOLDER_FIELDS)}")
            elif placeholder.group(1) not in PLACEHOLDER_FIELDS:
                name = placeholder.group(1)
                extra = did_you_mean(name, PLACEHOLDER_FIELDS, quote='"')
                self.error(path, f'unknown placeholder "{name}"{extra}; '
                                 f"known: {', '.join(PLACEHOLDER_FIELDS)}")
        return text

    def format_fields(self, text: str, path: str, allowed: tuple[str, ...]) -> str:
        """Check a wording with ``{fields}``: only the fields it documents, plain, and well formed.

        The wording is parsed as Python formats it and then formatted with
        sample values, so a stray brace or a format code ("{n:>99999}") is
        reported here rather than failing, or eating memory, on every handout.
        """
        known = ", ".join("{" + a + "}" for a in allowed) or "none"
        try:
            parts = list(string.Formatter().parse(text))
        except ValueError:
            self.error(path, "has a { or } that does not belong to a field; write {{ or }} to print a brace")
            return text
        sound = True
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            if name not in allowed:
                self.error(path, f'unknown field "{{{name}}}" (fields allowed here: {known})')
                sound = False
            elif spec or conversion:
                self.error(path, f'field "{{{name}}}" must be written plainly as {{{name}}}, with no format code')
                sound = False
        if sound:
            try:
                text.format(**{a: SAMPLE_FIELD_VALUES.get(a, "x") for a in allowed})
            except (ValueError, KeyError, IndexError, AttributeError) as exc:
                self.error(path, f"cannot be filled in ({exc}); check its braces")
        return text


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(value: Any) -> str:
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            if kind is dt.date and isinstance(value, dt.datetime):
                continue
            return name
    return type(value).__name__
