"""One reader per kind of pack file: a TOML table in, the model's objects out, every problem collected.

Each takes the file's table and its ``TableChecker`` (``mbcprep.pack.schema``)
and returns what the file holds; problems go to the checker, so a broken
file still yields what can be read and every problem is reported at once.
Checks that need more than one file are in ``mbcprep.pack.references``.
"""

from __future__ import annotations

import datetime as dt
import re

from mbcprep.constants import CATEGORIES, PRIORITIES, RED_FLAG_LEVELS, SECTION_PICTURES, SIGN_ICONS, SUBTYPE_TEXT_KEYS
from mbcprep.errors import did_you_mean
from mbcprep.limits import PACK_BODY_CHARS, PACK_PARAGRAPH_CHARS
from mbcprep.model.content import (
    BulletList,
    Concern,
    DateWords,
    GlossaryTerm,
    PackMeta,
    Paragraph,
    Question,
    QuestionGroup,
    Section,
    Sign,
    Source,
)
from mbcprep.pack.schema import (
    CONCERN_ID,
    DATE_KEYS,
    DATE_PATTERN_FIELDS,
    FALLBACK_KEYS,
    JOINED_SIGNS,
    KEY_POINTS_RANGE,
    LABEL_FIELDS,
    LANGUAGE_TAG,
    QUESTION_ID,
    QUESTION_STARTS,
    TableChecker,
)


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


def load_meta(data: dict, check: TableChecker) -> tuple[PackMeta, tuple[str, ...]]:
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
        disclaimer=check.content_text(check.text(data, "disclaimer", "", most=PACK_PARAGRAPH_CHARS), "disclaimer"),
        sources=tuple(sources),
        clinician_reviewed=check.value(data, "clinician_reviewed", bool, "", default=False),
    )
    return meta, check.text_list(data, "concern_order", "")


def load_safety(data: dict, check: TableChecker) -> tuple[tuple[Sign, ...], dict[str, tuple[str, ...]]]:
    """Every "get help now" sign, each with one action, one sign per bullet; and the word groups
    its ``means`` name (words that mean the same, for the clash check in ``mbcprep.pack.clash``)."""
    check.table(data, "", ("signs",), ("word_groups",))
    groups = _load_word_groups(data, check)
    signs: list[Sign] = []
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path, item in check.tables(data, "signs", ""):
        check.table(item, path, ("id", "level", "text"), ("why", "every_sheet", "key_words", "icon", "means"))
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
            why=check.content_text(check.text(item, "why", path, required=False, most=PACK_PARAGRAPH_CHARS),
                                    f"{path}.why"),
            every_sheet=check.value(item, "every_sheet", bool, path, default=False),
            key_words=check.text_list(item, "key_words", path),
            icon=icon,
            means=_load_means(check, item, path, groups),
        ))
    if "signs" in data and not signs:
        check.error("signs", "list at least one sign")
    return tuple(signs), groups


def _load_word_groups(data: dict, check: TableChecker) -> dict[str, tuple[str, ...]]:
    table = check.value(data, "word_groups", dict, "", default={})
    groups = {}
    for name in table:
        if not CONCERN_ID.match(name):
            check.error(f"word_groups.{name}", "a group's name must be lower-case letters and digits joined "
                                               'by hyphens, like "bladder-bowel"')
            continue
        words = check.text_list(table, name, "word_groups")
        if not words and isinstance(table[name], list):
            check.error(f"word_groups.{name}", "list at least one word")
        groups[name] = words
    return groups


def _load_means(check: TableChecker, item: dict, path: str, groups: dict) -> tuple[tuple[str, ...], ...]:
    """A sign's meanings: each a list of word group names, all of which a routine item must have a word of."""
    means = []
    for index, names in enumerate(check.value(item, "means", list, path, default=[])):
        where = f"{path}.means[{index}]"
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            check.error(where, 'must be a list of word group names, like ["pain", "night"]')
            continue
        for name in names:
            if name not in groups:
                extra = did_you_mean(name, groups, quote='"')
                check.error(where, f'no word group named "{name}"{extra}; add it to [word_groups]')
        means.append(tuple(names))
    return tuple(means)


def sign_key(text: str) -> str:
    """What makes two signs the same sign: their words, ignoring case, spacing and punctuation."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def load_glossary(data: dict, check: TableChecker) -> tuple[tuple[GlossaryTerm, ...], tuple[str, ...]]:
    check.table(data, "", ("terms",), ("needs_explaining",))
    terms: list[GlossaryTerm] = []
    seen: dict[str, str] = {}
    for path, item in check.tables(data, "terms", ""):
        check.table(item, path, ("term", "meaning"), ("forms",))
        term = GlossaryTerm(
            term=check.text(item, "term", path),
            meaning=check.content_text(check.text(item, "meaning", path, most=PACK_PARAGRAPH_CHARS),
                                       f"{path}.meaning"),
            forms=check.text_list(item, "forms", path),
        )
        for word in term.words:
            folded = word.casefold()
            if folded in seen and seen[folded] != path:
                check.error(path, f'"{word}" is already explained by {seen[folded]}')
            seen.setdefault(folded, path)
        terms.append(term)
    return tuple(terms), check.text_list(data, "needs_explaining", "")


def load_wording(data: dict, check: TableChecker) -> tuple[dict, dict, DateWords]:
    check.table(data, "", ("labels", "fallbacks", "dates"))
    labels_table = check.table(data.get("labels", {}), "labels", tuple(LABEL_FIELDS))
    labels = {}
    for key, fields in LABEL_FIELDS.items():
        text = check.text(labels_table, key, "labels")
        labels[key] = check.format_fields(text, f"labels.{key}", fields)
    fallbacks_table = check.table(data.get("fallbacks", {}), "fallbacks", (), FALLBACK_KEYS)
    fallbacks = {}
    for key in FALLBACK_KEYS:
        fallbacks[key.replace("_", ".", 1)] = check.text(fallbacks_table, key, "fallbacks", required=False)
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


def _load_question(check: TableChecker, path: str, item: dict, group: str, general: bool = False) -> Question:
    """One question of the group whose id is ``group``; ``default_with`` only in a general group."""
    check.table(item, path, ("id", "text"), ("priority", "default_with") if general else ("priority",))
    text = check.content_text(check.text(item, "text", path), f"{path}.text")
    question_id = check.text(item, "id", path)
    if question_id:
        match = QUESTION_ID.match(question_id)
        if match is None:
            check.error(f"{path}.id", f'"{question_id}" must be its group\'s id, a dot and lower-case words joined '
                                      f'by hyphens, like "{group or "bones"}.calcium-vitamin-d"')
        elif group and match.group(1) != group:
            check.error(f"{path}.id", f'"{question_id}" must start with its group\'s id: "{group}."')
    return Question(text, check.choice(item, "priority", path, PRIORITIES, "normal"), question_id,
                    check.text_list(item, "default_with", path))


def load_questions(data: dict, check: TableChecker) -> tuple[tuple[QuestionGroup, ...], frozenset[str]]:
    check.table(data, "", ("groups",), ("filler_words",))
    groups = []
    for path, item in check.tables(data, "groups", ""):
        check.table(item, path, ("id", "title", "questions"))
        group_id = check.text(item, "id", path)
        if group_id and not CONCERN_ID.match(group_id):
            check.error(f"{path}.id", f'"{group_id}" must be lower-case letters and digits joined by hyphens, '
                                      'like "any-visit"')
            group_id = ""
        elif group_id in QUESTION_STARTS:
            check.error(f"{path}.id", f'"{group_id}" is a word that chooses questions '
                                      f'({", ".join(QUESTION_STARTS)}); choose another id')
        questions = tuple(_load_question(check, qpath, q, group_id, general=True)
                          for qpath, q in check.tables(item, "questions", path))
        if "questions" in item and not questions:
            check.error(f"{path}.questions", "list at least one question")
        groups.append(QuestionGroup(check.text(item, "title", path), questions, group_id))
    filler = frozenset(word.casefold() for word in check.text_list(data, "filler_words", ""))
    return tuple(groups), filler


def _load_section(check: TableChecker, path: str, item: dict) -> Section:
    check.table(item, path, ("heading", "summary"), ("body", "by_subtype", "report_signs", "picture",
                                                     "picture_caption"))
    by_subtype_table = check.table(item.get("by_subtype", {}), f"{path}.by_subtype", (), SUBTYPE_TEXT_KEYS)
    by_subtype = {
        key: split_blocks(check.content_text(check.text(by_subtype_table, key, f"{path}.by_subtype",
                                                        most=PACK_PARAGRAPH_CHARS),
                                             f"{path}.by_subtype.{key}"))
        for key in by_subtype_table if key in SUBTYPE_TEXT_KEYS
    }
    body_text = check.content_text(check.text(item, "body", path, required=False, most=PACK_BODY_CHARS),
                                   f"{path}.body")
    body = split_blocks(body_text)
    _check_blocks(check, body, f"{path}.body")
    report_signs = check.text_list(item, "report_signs", path)
    for index, text in enumerate(report_signs):
        check.content_text(text, f"{path}.report_signs[{index}]")
    picture, caption = _load_picture(check, path, item)
    return Section(
        heading=check.content_text(check.text(item, "heading", path), f"{path}.heading"),
        summary=check.content_text(check.text(item, "summary", path, most=PACK_PARAGRAPH_CHARS), f"{path}.summary"),
        body=body,
        by_subtype=by_subtype,
        report_signs=report_signs,
        picture=picture,
        picture_caption=caption,
    )


def _check_blocks(check: TableChecker, blocks, path: str) -> None:
    """Each paragraph and list item of a body fits a page: at most a paragraph's characters."""
    texts = [block.text for block in blocks if isinstance(block, Paragraph)]
    texts += [item for block in blocks if isinstance(block, BulletList) for item in block.items]
    longest = max(texts, key=len, default="")
    if len(longest) > PACK_PARAGRAPH_CHARS:
        check.error(path, f"a paragraph is {len(longest):,} characters long; the limit is "
                          f"{PACK_PARAGRAPH_CHARS:,} characters (a blank line starts a new paragraph)")


def _load_picture(check: TableChecker, path: str, item: dict) -> tuple[str, str]:
    """A section's picture and the words that say what it shows: both or neither."""
    picture = check.value(item, "picture", str, path, default="").strip()
    caption = check.content_text(check.text(item, "picture_caption", path), f"{path}.picture_caption")
    if picture and picture not in SECTION_PICTURES:
        extra = did_you_mean(picture, SECTION_PICTURES, quote='"')
        check.error(f"{path}.picture", f'"{picture}" is not a picture mbcprep can draw{extra} '
                                       f'(pictures: {", ".join(SECTION_PICTURES)})')
        picture = ""
    elif "picture" in item and not picture and isinstance(item["picture"], str):
        check.error(f"{path}.picture", "must not be empty")
    if picture and not caption and "picture_caption" not in item:
        check.error(path, 'has a picture but no "picture_caption": say in plain words what it shows')
    if caption and "picture" not in item:
        check.error(f"{path}.picture_caption", 'is a caption with no picture: add picture = "..." or remove it')
    return (picture, caption) if picture and caption else ("", "")


def load_concern(data: dict, check: TableChecker) -> Concern:
    check.table(data, "", ("id", "title", "category", "description", "sections"),
                ("keywords", "key_points", "questions", "red_flags", "symptom_log", "related"))
    concern_id = check.text(data, "id", "")
    if concern_id and not CONCERN_ID.match(concern_id):
        check.error("id", f'"{concern_id}" must be lower-case letters and digits joined by hyphens, like "bone-pain"')
    category = check.choice(data, "category", "", CATEGORIES, "care")
    sections = tuple(_load_section(check, p, s) for p, s in check.tables(data, "sections", ""))
    if "sections" in data and not sections:
        check.error("sections", "list at least one section")
    questions = tuple(_load_question(check, p, q, concern_id if CONCERN_ID.match(concern_id) else "")
                      for p, q in check.tables(data, "questions", ""))
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
        description=check.content_text(check.text(data, "description", "", most=PACK_PARAGRAPH_CHARS),
                                       "description"),
        keywords=check.text_list(data, "keywords", ""),
        key_points=key_points,
        sections=sections,
        questions=questions,
        red_flags=red_flags,
        symptom_log=symptom_log,
        related=check.text_list(data, "related", ""),
    )
