"""Read and validate a content pack: plain TOML files that patient educators edit.

A pack is a folder (the format is described in ``docs/content-pack.md``)::

    pack.toml          metadata, review status, sources, disclaimer, concern order
    wording.toml       fixed handout words, placeholder fallbacks, date words
    safety.toml        every "get help now" sign and its one action
    glossary.toml      medical words and their plain meanings
    questions.toml     question groups every handout offers
    concerns/*.toml    one file per concern

Validation collects *every* problem before reporting, each as
``file: key path: what is wrong``, so an educator can fix a pack in one pass.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomli
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, Callable

from mbcprep.errors import PackError, PackInvalid
from mbcprep.resources import package_path
from mbcprep.constants import CATEGORIES, LANGUAGES, PLACEHOLDER_FIELDS, PRIORITIES, RED_FLAG_LEVELS, SIGN_ICONS, SUBTYPES
from mbcprep.model.content import (
    BulletList,
    Concern,
    DateWords,
    GlossaryTerm,
    Pack,
    PackMeta,
    Paragraph,
    Question,
    QuestionGroup,
    Section,
    Sign,
    Source,
)

CONCERN_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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
    "write_in_care_team": (),
    "continued": (),
    "how_to_use_heading": (),
    "step_read_notes": (),
    "step_tick_questions": (),
    "step_top_questions": (),
    "step_symptom_log": (),
    "step_medicines": (),
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


def builtin_pack_path(language: str = "en") -> str:
    """Where a built-in pack lives inside the installed package ("en" English, "es" Spanish)."""
    return package_path("content", LANGUAGES[language])


# --------------------------------------------------------------------------
# A tiny schema checker: enough for TOML tables, with educator-friendly messages
# --------------------------------------------------------------------------

_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list",
               dict: "a table", dt.date: "a date (YYYY-MM-DD)"}


@dataclass
class _Checker:
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
                hint = _closest(key, allowed)
                extra = f' (did you mean "{hint}"?)' if hint else f" (allowed: {', '.join(allowed)})"
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

    def text(self, data: dict, key: str, path: str, *, required: bool = True) -> str:
        value = self.value(data, key, str, path, default="")
        value = value.strip()
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
                result.append(item.strip())
        return tuple(result)

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
                hint = _closest(name, PLACEHOLDER_FIELDS)
                extra = f' (did you mean "{hint}"?)' if hint else ""
                self.error(path, f'unknown placeholder "{name}"{extra}; '
                                 f"known: {', '.join(PLACEHOLDER_FIELDS)}")
        return text

    def format_fields(self, text: str, path: str, allowed: tuple[str, ...]) -> str:
        """Check a wording with ``{fields}``: only the fields it documents, plain, and well formed.

        The wording is parsed as Python formats it and then formatted with
        sample values, so a stray brace or a format code ("{n:>99999}") is
        reported here rather than failing, or eating memory, on every handout.
        """
        import string

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


def _closest(word: str, choices) -> str | None:
    """The known name closest to a mistyped one, for "did you mean ...?" messages."""
    # difflib is imported only when something is wrong: nothing needs it to
    # load a good pack, and ``mbcprep concerns`` must start fast.
    import difflib

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


# --------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------


def _read_toml(path: str, name: str, errors: list[PackError]) -> dict | None:
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except FileNotFoundError:
        errors.append(PackError(name, "", "file is missing"))
        return None
    except OSError as exc:
        errors.append(PackError(name, "", f"cannot be read ({exc.strerror})"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        errors.append(PackError(name, "", f"is not UTF-8 text (byte {exc.start}); save it as UTF-8"))
        return None
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        # tomli messages end with "(at line N, column M)"; keep them whole.
        errors.append(PackError(name, "", f"TOML syntax error: {exc}"))
        return None
    except RecursionError:
        errors.append(PackError(name, "", "TOML nested too deeply (lists or tables inside each other "
                                          "hundreds of levels deep)"))
        return None


def split_blocks(text: str) -> tuple[Paragraph | BulletList, ...]:
    """Turn body text into paragraphs and bullet lists.

    Blank lines separate paragraphs; lines starting with ``- `` are bullet
    items.  Lines of one paragraph are joined with spaces, so educators can
    wrap lines in their editor freely.
    """
    blocks: list[Paragraph | BulletList] = []
    lines: list[str] = []
    bullets: list[str] = []

    def flush_paragraph() -> None:
        if lines:
            blocks.append(Paragraph(" ".join(lines)))
            lines.clear()

    def flush_bullets() -> None:
        if bullets:
            blocks.append(BulletList(tuple(bullets)))
            bullets.clear()

    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line:
            flush_paragraph()
            flush_bullets()
        elif line.startswith(("- ", "* ")):
            flush_paragraph()
            bullets.append(line[2:].strip())
        elif bullets and raw_line[:1].isspace():
            bullets[-1] = f"{bullets[-1]} {line}"  # continuation of a bullet item
        else:
            flush_bullets()
            lines.append(line)
    flush_paragraph()
    flush_bullets()
    return tuple(blocks)


def _load_meta(data: dict, check: _Checker) -> tuple[PackMeta, tuple[str, ...]]:
    check.table(data, "", ("id", "language", "title", "version", "last_reviewed", "clinician_reviewed",
                           "review_status", "disclaimer", "sources"), ("concern_order",))
    language = check.text(data, "language", "")
    if language and not LANGUAGE_TAG.match(language):
        check.error("language", f'"{language}" is not a language tag like "en-US"')
    reviewed = check.value(data, "last_reviewed", dt.date, "", default=dt.date(1970, 1, 1))
    sources = []
    for path, item in check.tables(data, "sources", ""):
        check.table(item, path, ("title", "organisation", "url"), ("checked", "show_url"))
        url = check.text(item, "url", path)
        if url and not url.startswith(("https://", "http://")):
            check.error(f"{path}.url", f'"{url}" is not a web address (start it with https://)')
        sources.append(Source(
            title=check.text(item, "title", path),
            organisation=check.text(item, "organisation", path),
            url=url,
            checked=check.value(item, "checked", dt.date, path, default=None),
            show_url=check.value(item, "show_url", bool, path, default=False),
        ))
    if "sources" in data and not sources:
        check.error("sources", "list at least one source")
    meta = PackMeta(
        id=check.text(data, "id", ""),
        language=language,
        title=check.content_text(check.text(data, "title", ""), "title"),
        version=check.text(data, "version", ""),
        last_reviewed=reviewed,
        review_status=check.text(data, "review_status", ""),
        disclaimer=check.content_text(check.text(data, "disclaimer", ""), "disclaimer"),
        sources=tuple(sources),
        clinician_reviewed=check.value(data, "clinician_reviewed", bool, "", default=False),
    )
    return meta, check.text_list(data, "concern_order", "")


def _load_safety(data: dict, check: _Checker) -> tuple[Sign, ...]:
    """Every "get help now" sign, each with one action; one sign per bullet."""
    check.table(data, "", ("signs",))
    signs: list[Sign] = []
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path, item in check.tables(data, "signs", ""):
        check.table(item, path, ("id", "level", "text"), ("why", "every_sheet", "key_words", "icon"))
        sign_id = check.text(item, "id", path)
        if sign_id and not CONCERN_ID.match(sign_id):
            check.error(f"{path}.id", f'"{sign_id}" must be lower-case letters and digits joined by hyphens')
        elif sign_id in ids:
            check.error(f"{path}.id", f'"{sign_id}" is already used by {ids[sign_id]}')
        ids.setdefault(sign_id, path)
        text = check.content_text(check.text(item, "text", path), f"{path}.text")
        if JOINED_SIGNS.search(text):
            check.error(f"{path}.text", 'joins several signs with "together"; write one sign per bullet, '
                                        "each as its own [[signs]] entry")
        key = sign_key(text)
        if key and key in texts:
            check.error(f"{path}.text", f"is the same sign as {texts[key]}; define each sign once and "
                                        "list its id in every concern that needs it")
        texts.setdefault(key, path)
        icon = check.value(item, "icon", str, path, default="")
        if icon and icon not in SIGN_ICONS:
            check.error(f"{path}.icon", f'"{icon}" is not one of: {", ".join(SIGN_ICONS)}')
            icon = ""
        signs.append(Sign(
            id=sign_id,
            level=check.choice(item, "level", path, RED_FLAG_LEVELS, RED_FLAG_LEVELS[0]),
            text=text,
            why=check.content_text(check.text(item, "why", path, required=False), f"{path}.why"),
            every_sheet=check.value(item, "every_sheet", bool, path, default=False),
            key_words=check.text_list(item, "key_words", path),
            icon=icon,
        ))
    if "signs" in data and not signs:
        check.error("signs", "list at least one sign")
    return tuple(signs)


def sign_key(text: str) -> str:
    """What makes two signs the same sign: their words, ignoring case, spacing and punctuation."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _load_glossary(data: dict, check: _Checker) -> tuple[tuple[GlossaryTerm, ...], tuple[str, ...]]:
    check.table(data, "", ("terms",), ("needs_explaining",))
    terms: list[GlossaryTerm] = []
    seen: dict[str, str] = {}
    for path, item in check.tables(data, "terms", ""):
        check.table(item, path, ("term", "meaning"), ("forms",))
        term = GlossaryTerm(
            term=check.text(item, "term", path),
            meaning=check.content_text(check.text(item, "meaning", path), f"{path}.meaning"),
            forms=check.text_list(item, "forms", path),
        )
        for word in term.words:
            folded = word.casefold()
            if folded in seen and seen[folded] != path:
                check.error(path, f'"{word}" is already explained by {seen[folded]}')
            seen.setdefault(folded, path)
        terms.append(term)
    return tuple(terms), check.text_list(data, "needs_explaining", "")


def _load_wording(data: dict, check: _Checker) -> tuple[dict, dict, DateWords]:
    check.table(data, "", ("labels", "fallbacks", "dates"))
    labels_table = check.table(data.get("labels", {}), "labels", tuple(LABEL_FIELDS))
    labels = {}
    for key, fields in LABEL_FIELDS.items():
        text = check.text(labels_table, key, "labels")
        labels[key] = check.format_fields(text, f"labels.{key}", fields)
    fallbacks_table = check.table(data.get("fallbacks", {}), "fallbacks", (), FALLBACK_KEYS)
    fallbacks = {}
    for key in FALLBACK_KEYS:
        value = check.value(fallbacks_table, key, str, "fallbacks", default="")
        fallbacks[key.replace("_", ".", 1)] = value.strip()
    dates_table = check.table(data.get("dates", {}), "dates", DATE_KEYS)
    weekdays = check.text_list(dates_table, "weekdays", "dates")
    months = check.text_list(dates_table, "months", "dates")
    if "weekdays" in dates_table and len(weekdays) != 7:
        check.error("dates.weekdays", f"must list 7 days, Monday first (found {len(weekdays)})")
        weekdays = ("",) * 7
    if "months" in dates_table and len(months) != 12:
        check.error("dates.months", f"must list 12 months, January first (found {len(months)})")
        months = ("",) * 12
    patterns = {}
    for key, fields in DATE_PATTERN_FIELDS.items():
        patterns[key] = check.format_fields(check.text(dates_table, key, "dates"), f"dates.{key}", fields)
    dates = DateWords(
        weekdays=weekdays or ("",) * 7,
        months=months or ("",) * 12,
        am=check.text(dates_table, "am", "dates"),
        pm=check.text(dates_table, "pm", "dates"),
        **patterns,
    )
    return labels, fallbacks, dates


def _load_question(check: _Checker, path: str, item: dict) -> Question:
    check.table(item, path, ("text",), ("priority",))
    text = check.content_text(check.text(item, "text", path), f"{path}.text")
    return Question(text, check.choice(item, "priority", path, PRIORITIES, "normal"))


def _load_questions(data: dict, check: _Checker) -> tuple[tuple[QuestionGroup, ...], frozenset[str]]:
    check.table(data, "", ("groups",), ("filler_words",))
    groups = []
    for path, item in check.tables(data, "groups", ""):
        check.table(item, path, ("title", "questions"))
        questions = tuple(_load_question(check, qpath, q) for qpath, q in check.tables(item, "questions", path))
        if "questions" in item and not questions:
            check.error(f"{path}.questions", "list at least one question")
        groups.append(QuestionGroup(check.text(item, "title", path), questions))
    filler = frozenset(word.casefold() for word in check.text_list(data, "filler_words", ""))
    return tuple(groups), filler


def _load_section(check: _Checker, path: str, item: dict) -> Section:
    check.table(item, path, ("heading", "summary"), ("body", "by_subtype", "report_signs"))
    by_subtype_table = check.table(item.get("by_subtype", {}), f"{path}.by_subtype", (),
                                   tuple(s for s in SUBTYPES if s != "unknown"))
    by_subtype = {
        key: check.content_text(check.text(by_subtype_table, key, f"{path}.by_subtype"),
                                f"{path}.by_subtype.{key}")
        for key in by_subtype_table if key in SUBTYPES
    }
    body_text = check.content_text(check.text(item, "body", path, required=False), f"{path}.body")
    report_signs = check.text_list(item, "report_signs", path)
    for index, text in enumerate(report_signs):
        check.content_text(text, f"{path}.report_signs[{index}]")
    return Section(
        heading=check.content_text(check.text(item, "heading", path), f"{path}.heading"),
        summary=check.content_text(check.text(item, "summary", path), f"{path}.summary"),
        body=split_blocks(body_text),
        by_subtype=by_subtype,
        report_signs=report_signs,
    )


def _load_concern(data: dict, check: _Checker) -> Concern:
    check.table(data, "", ("id", "title", "category", "description", "sections"),
                ("keywords", "key_points", "questions", "red_flags", "symptom_log", "related"))
    concern_id = check.text(data, "id", "")
    if concern_id and not CONCERN_ID.match(concern_id):
        check.error("id", f'"{concern_id}" must be lower-case letters and digits joined by hyphens, like "bone-pain"')
    category = check.choice(data, "category", "", CATEGORIES, "care")
    sections = tuple(_load_section(check, p, s) for p, s in check.tables(data, "sections", ""))
    if "sections" in data and not sections:
        check.error("sections", "list at least one section")
    questions = tuple(_load_question(check, p, q) for p, q in check.tables(data, "questions", ""))
    if any(isinstance(item, dict) for item in data.get("red_flags", ()) or ()):
        check.error("red_flags", 'signs are defined once in safety.toml now; list their ids here, '
                                 'like red_flags = ["fever", "new-back-pain"]')
        red_flags: tuple[str, ...] = ()
    else:
        red_flags = check.text_list(data, "red_flags", "")
    key_points = check.text_list(data, "key_points", "")
    for index, point in enumerate(key_points):
        check.content_text(point, f"key_points[{index}]")
    low, high = KEY_POINTS_RANGE
    if "key_points" in data and not low <= len(key_points) <= high:
        check.error("key_points", f"list {low} to {high} short points (found {len(key_points)})")
    symptom_log = check.text_list(data, "symptom_log", "")
    if symptom_log and category != "symptoms":
        check.error("symptom_log", 'only concerns with category = "symptoms" have a symptom log')
    return Concern(
        id=concern_id,
        title=check.content_text(check.text(data, "title", ""), "title"),
        category=category,
        description=check.content_text(check.text(data, "description", ""), "description"),
        keywords=check.text_list(data, "keywords", ""),
        key_points=key_points,
        sections=sections,
        questions=questions,
        red_flags=red_flags,
        symptom_log=symptom_log,
        related=check.text_list(data, "related", ""),
    )


def load_pack(root: str | os.PathLike | None = None) -> Pack:
    """Load and validate a content pack; the built-in one when ``root`` is None.

    Raises ``PackInvalid`` listing every problem found in every file.

    Paths are plain strings here (``os.path``, not ``pathlib``): this runs on
    the start-up path of ``mbcprep concerns``, where importing ``pathlib``
    alone would cost about 2 ms of its 15 ms budget.
    """
    root = os.fspath(root) if root is not None else builtin_pack_path()
    errors: list[PackError] = []
    if not os.path.isdir(root):
        raise PackInvalid([PackError(root, "", "is not a folder; point at a content pack folder "
                                                "(one with pack.toml), or make one with 'mbcprep content export'")])

    meta_data = _read_toml(os.path.join(root, "pack.toml"), "pack.toml", errors)
    meta, order = (_load_meta(meta_data, _Checker("pack.toml", errors)) if meta_data is not None
                   else (None, ()))
    wording_data = _read_toml(os.path.join(root, "wording.toml"), "wording.toml", errors)
    labels, fallbacks, dates = (_load_wording(wording_data, _Checker("wording.toml", errors))
                                if wording_data is not None else ({}, {}, None))
    questions_data = _read_toml(os.path.join(root, "questions.toml"), "questions.toml", errors)
    groups, filler_words = (_load_questions(questions_data, _Checker("questions.toml", errors))
                            if questions_data is not None else ((), frozenset()))
    safety_data = _read_toml(os.path.join(root, "safety.toml"), "safety.toml", errors)
    signs = _load_safety(safety_data, _Checker("safety.toml", errors)) if safety_data is not None else ()
    glossary_data = _read_toml(os.path.join(root, "glossary.toml"), "glossary.toml", errors)
    glossary, needs_explaining = (_load_glossary(glossary_data, _Checker("glossary.toml", errors))
                                  if glossary_data is not None else ((), ()))

    concerns: list[Concern] = []
    concern_dir = os.path.join(root, "concerns")
    files = _toml_files(concern_dir, errors)
    if files is None:
        raise PackInvalid(errors)  # one problem, not one per concern the pack then seems to lack
    if not files:
        errors.append(PackError("concerns/", "", "no concern files found; add at least one concerns/<id>.toml"))
    seen: dict[str, str] = {}
    unreadable: set[str] = set()  # ids of files that failed to parse: no follow-on errors
    for file_name in files:
        name = f"concerns/{file_name}"
        stem = file_name.removesuffix(".toml")
        data = _read_toml(os.path.join(concern_dir, file_name), name, errors)
        if data is None:
            unreadable.add(stem)
            continue
        check = _Checker(name, errors)
        concern = _load_concern(data, check)
        if not concern.id:
            continue
        if concern.id in seen:
            check.error("id", f'"{concern.id}" is already used by {seen[concern.id]}')
            continue
        if stem != concern.id:
            check.error("id", f'"{concern.id}" does not match the file name; rename the file to {concern.id}.toml')
        seen[concern.id] = name
        concerns.append(_with_file(concern, name))

    _check_references(concerns, order, unreadable, errors)
    if safety_data is not None:
        _check_signs(concerns, signs, errors)
    if errors:
        raise PackInvalid(errors)
    return Pack(
        meta=meta,
        labels=_freeze(labels),
        fallbacks=_freeze(fallbacks),
        dates=dates,
        question_groups=groups,
        concerns=_ordered(concerns, order),
        root=root,
        signs=signs,
        glossary=glossary,
        needs_explaining=needs_explaining,
        filler_words=filler_words,
    )


def _toml_files(folder: str, errors: list[PackError]) -> list[str] | None:
    """Names of the ``*.toml`` files in a folder, sorted; None (and the problem noted) when it cannot be read."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        errors.append(PackError("concerns/", "", "is a file, not a folder; concern files go in a folder "
                                                 "named concerns"))
        return None
    except OSError as exc:
        errors.append(PackError("concerns/", "", f"the folder cannot be read ({exc.strerror})"))
        return None
    return sorted(n for n in names if n.endswith(".toml") and not n.startswith(".")
                  and os.path.isfile(os.path.join(folder, n)))


def _with_file(concern: Concern, name: str) -> Concern:
    return replace(concern, file=name)


def _freeze(mapping: dict) -> MappingProxyType:
    return MappingProxyType(dict(mapping))


def _check_references(concerns: list[Concern], order: tuple[str, ...], unreadable: set[str],
                      errors: list[PackError]) -> None:
    ids = [c.id for c in concerns] + sorted(unreadable)
    for concern in concerns:
        for index, related in enumerate(concern.related):
            if related not in ids:
                hint = _closest(related, ids)
                extra = f' (did you mean "{hint}"?)' if hint else ""
                errors.append(PackError(concern.file, f"related[{index}]", f'no concern has the id "{related}"{extra}'))
            elif related == concern.id:
                errors.append(PackError(concern.file, f"related[{index}]", "a concern cannot be related to itself"))
    for index, concern_id in enumerate(order):
        if concern_id not in ids:
            hint = _closest(concern_id, ids)
            extra = f' (did you mean "{hint}"?)' if hint else ""
            errors.append(PackError("pack.toml", f"concern_order[{index}]", f'no concern has the id "{concern_id}"{extra}'))
    duplicates = {i for i in order if order.count(i) > 1}
    for concern_id in sorted(duplicates):
        errors.append(PackError("pack.toml", "concern_order", f'"{concern_id}" is listed more than once'))


def _check_signs(concerns: list[Concern], signs: tuple[Sign, ...], errors: list[PackError]) -> None:
    """Concerns name signs that exist, and never list an urgent sign as a routine one."""
    by_id = {sign.id: sign for sign in signs}
    for concern in concerns:
        for index, sign_id in enumerate(concern.red_flags):
            if sign_id not in by_id:
                hint = _closest(sign_id, by_id)
                extra = f' (did you mean "{hint}"?)' if hint else ""
                errors.append(PackError(concern.file, f"red_flags[{index}]",
                                        f'no sign in safety.toml has the id "{sign_id}"{extra}'))
        for number, section in enumerate(concern.sections):
            for index, routine in enumerate(section.report_signs):
                sign = clashing_sign(routine, signs)
                if sign is not None:
                    errors.append(PackError(concern.file, f"sections[{number}].report_signs[{index}]", (
                        f'clash: "{routine}" is listed as a sign to mention at the next visit, but '
                        f'safety.toml says "{sign.text}" ({sign.id}) needs {sign.level}; '
                        "move it to red_flags, or change the sign's key_words")))


def clashing_sign(routine: str, signs) -> Sign | None:
    """The urgent sign that a routine sign names (same text, or one of its key words), if any."""
    key = sign_key(routine)
    padded = f" {key} "
    for sign in signs:
        if key == sign_key(sign.text):
            return sign
        for word in sign.key_words:
            word_key = sign_key(word)
            if word_key and f" {word_key} " in padded:
                return sign
    return None


def _ordered(concerns: list[Concern], order: tuple[str, ...]) -> tuple[Concern, ...]:
    """Concerns in the pack's chosen order; any not listed follow by id."""
    rank: Callable[[Concern], tuple[int, str]] = lambda c: (
        order.index(c.id) if c.id in order else len(order), c.id)
    return tuple(sorted(concerns, key=rank))
