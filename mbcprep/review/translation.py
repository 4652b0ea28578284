"""Does a translated pack say the same things as the pack it was translated from?

A Spanish sheet must carry every sign, question and point of the English
one: a dropped sign is a safety gap no reading-ease score would show.  This
compares the structure of two packs, part by part: concern ids, counts of
sections, questions (and their ids), key points and symptom-log rows, each section's
picture and the keys of its text for each type of cancer, the signs (id,
action, every-sheet, drawing, meanings), the label keys and their
``{fields}``, and the ``{{ placeholders }}`` in each corresponding text.
"""

from __future__ import annotations

import string
from typing import Iterator

from mbcprep.model.content import Concern, Pack
from mbcprep.pack.schema import PLACEHOLDER


def translation_problems(reference: Pack, translated: Pack) -> list[str]:
    """Every difference in structure, each as "file: key: what differs"; empty when they match."""
    problems: list[str] = []
    ref_ids, new_ids = reference.concern_ids, translated.concern_ids
    for missing in [i for i in ref_ids if i not in new_ids]:
        problems.append(f"concerns/{missing}.toml: missing (the {reference.meta.language} pack has it)")
    for extra in [i for i in new_ids if i not in ref_ids]:
        problems.append(f"concerns/{extra}.toml: not in the {reference.meta.language} pack")
    for concern_id in [i for i in ref_ids if i in new_ids]:
        problems += _concern_problems(reference.concern(concern_id), translated.concern(concern_id))
    problems += _sign_problems(reference, translated)
    problems += _label_problems(reference, translated)
    ref_groups = [len(g.questions) for g in reference.question_groups]
    new_groups = [len(g.questions) for g in translated.question_groups]
    if ref_groups != new_groups:
        problems.append(f"questions.toml: groups: {new_groups} questions per group, "
                        f"the {reference.meta.language} pack has {ref_groups}")
    problems += _question_id_problems("questions.toml", [g.id for g in reference.question_groups],
                                      [g.id for g in translated.question_groups], "groups: ids")
    for ref_group, new_group in zip(reference.question_groups, translated.question_groups):
        problems += _question_problems("questions.toml", ref_group.questions, new_group.questions)
    return problems


def _question_problems(where: str, ref, new) -> list[str]:
    """The questions' ids (a person chooses them in any language) and where each is a default, as the original's."""
    problems = _question_id_problems(where, [q.id for q in ref], [q.id for q in new], "questions: ids")
    for a, b in zip(ref, new):
        if a.id == b.id and a.default_with != b.default_with:
            problems.append(f"{where}: {b.id}: default_with is {list(b.default_with)}, "
                            f"the original has {list(a.default_with)}")
    return problems


def _question_id_problems(where: str, ref_ids: list[str], new_ids: list[str], what: str) -> list[str]:
    if ref_ids == new_ids:
        return []
    missing = [i for i in ref_ids if i not in new_ids]
    extra = [i for i in new_ids if i not in ref_ids]
    said = "; ".join(part for part in (f"missing {', '.join(missing)}" if missing else "",
                                       f"not in the original: {', '.join(extra)}" if extra else "") if part)
    return [f"{where}: {what} differ from the original's ({said or 'in another order'})"]


def _concern_problems(ref: Concern, new: Concern) -> list[str]:
    where = new.file or f"concerns/{new.id}.toml"
    problems = []
    counts = {
        "sections": (len(ref.sections), len(new.sections)),
        "questions": (len(ref.questions), len(new.questions)),
        "key_points": (len(ref.key_points), len(new.key_points)),
        "symptom_log": (len(ref.symptom_log), len(new.symptom_log)),
        "report_signs": (sum(len(s.report_signs) for s in ref.sections),
                         sum(len(s.report_signs) for s in new.sections)),
    }
    for key, (expected, found) in counts.items():
        if expected != found:
            problems.append(f"{where}: {key}: {found}, the original has {expected}")
    if ref.red_flags != new.red_flags:
        problems.append(f"{where}: red_flags: {list(new.red_flags)}, the original has {list(ref.red_flags)}")
    for index, (a, b) in enumerate(zip(ref.sections, new.sections)):
        if a.picture != b.picture:
            problems.append(f"{where}: sections[{index}].picture: {b.picture or 'none'!r}, "
                            f"the original has {a.picture or 'none'!r}")
        if sorted(a.by_subtype) != sorted(b.by_subtype):
            problems.append(f"{where}: sections[{index}].by_subtype: {sorted(b.by_subtype)}, "
                            f"the original has {sorted(a.by_subtype)}")
    if [q.priority for q in ref.questions] != [q.priority for q in new.questions]:
        problems.append(f"{where}: questions: priorities differ from the original's")
    problems += _question_problems(where, ref.questions, new.questions)
    for (path, ref_text), (_, new_text) in zip(_texts(ref), _texts(new)):
        if _placeholders(ref_text) != _placeholders(new_text):
            problems.append(f"{where}: {path}: placeholders {sorted(_placeholders(new_text))}, "
                            f"the original has {sorted(_placeholders(ref_text))}")
    return problems


def _texts(concern: Concern) -> Iterator[tuple[str, str]]:
    """(key path, text) of every text that may hold a placeholder, in a fixed order."""
    yield "title", concern.title
    for index, point in enumerate(concern.key_points):
        yield f"key_points[{index}]", point
    for index, section in enumerate(concern.sections):
        yield f"sections[{index}].summary", section.summary
        body = " ".join(getattr(b, "text", "") or " ".join(getattr(b, "items", ())) for b in section.body)
        yield f"sections[{index}].body", body
        yield f"sections[{index}].picture_caption", section.picture_caption
    for index, question in enumerate(concern.questions):
        yield f"questions[{index}]", question.text


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _sign_problems(reference: Pack, translated: Pack) -> list[str]:
    ref = {s.id: s for s in reference.signs}
    new = {s.id: s for s in translated.signs}
    problems = [f"safety.toml: {i}: missing (the original has it)" for i in ref if i not in new]
    problems += [f"safety.toml: {i}: not in the original" for i in new if i not in ref]
    for sign_id in [i for i in ref if i in new]:
        a, b = ref[sign_id], new[sign_id]
        for field in ("level", "every_sheet", "icon", "means"):
            if getattr(a, field) != getattr(b, field):
                problems.append(f"safety.toml: {sign_id}: {field} is {getattr(b, field)!r}, "
                                f"the original has {getattr(a, field)!r}")
    return problems


def _label_problems(reference: Pack, translated: Pack) -> list[str]:
    problems = []
    for key, text in reference.labels.items():
        if key not in translated.labels:
            problems.append(f"wording.toml: labels.{key}: missing")
        elif _fields(text) != _fields(translated.labels[key]):
            problems.append(f"wording.toml: labels.{key}: fields {sorted(_fields(translated.labels[key]))}, "
                            f"the original has {sorted(_fields(text))}")
    return problems


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"(unbalanced braces)"}
