"""Checks across a pack's files: ids that concerns and ``pack.toml`` name exist, each question id once, and no
sign is both urgent and routine."""

from __future__ import annotations

from typing import Mapping

from mbcprep.errors import PackError, did_you_mean
from mbcprep.model.content import Concern, QuestionGroup, Sign
from mbcprep.pack.clash import SignFinder
from mbcprep.pack.schema import QUESTION_STARTS


def check_references(concerns: list[Concern], order: tuple[str, ...], unreadable: set[str],
                      errors: list[PackError]) -> None:
    ids = [c.id for c in concerns] + sorted(unreadable)
    for concern in concerns:
        for index, related in enumerate(concern.related):
            if related not in ids:
                extra = did_you_mean(related, ids, quote='"')
                errors.append(PackError(concern.file, f"related[{index}]", f'no concern has the id "{related}"{extra}'))
            elif related == concern.id:
                errors.append(PackError(concern.file, f"related[{index}]", "a concern cannot be related to itself"))
    for index, concern_id in enumerate(order):
        if concern_id not in ids:
            extra = did_you_mean(concern_id, ids, quote='"')
            errors.append(PackError("pack.toml", f"concern_order[{index}]", f'no concern has the id "{concern_id}"{extra}'))
    duplicates = {i for i in order if order.count(i) > 1}
    for concern_id in sorted(duplicates):
        errors.append(PackError("pack.toml", "concern_order", f'"{concern_id}" is listed more than once'))


def check_signs(concerns: list[Concern], signs: tuple[Sign, ...], word_groups: Mapping[str, tuple[str, ...]],
                errors: list[PackError]) -> None:
    """Concerns name signs that exist, and never list an urgent sign, in any words, as a routine one."""
    by_id = {sign.id: sign for sign in signs}
    finder = SignFinder(signs, word_groups)
    for concern in concerns:
        for index, sign_id in enumerate(concern.red_flags):
            if sign_id not in by_id:
                extra = did_you_mean(sign_id, by_id, quote='"')
                errors.append(PackError(concern.file, f"red_flags[{index}]",
                                        f'no sign in safety.toml has the id "{sign_id}"{extra}'))
        for number, section in enumerate(concern.sections):
            for index, routine in enumerate(section.report_signs):
                clash = finder.find(routine)
                if clash is not None:
                    sign = clash.sign
                    fix = ("it is on every sheet already: take the item out" if sign.every_sheet
                           else f"list {sign.id} in red_flags instead")
                    errors.append(PackError(concern.file, f"sections[{number}].report_signs[{index}]", (
                        f'clash: "{routine}" is listed as a sign to mention at the next visit, but it says '
                        f'"{sign.text}" ({sign.id}; by {clash.how}), which safety.toml says needs {sign.level}; '
                        f"{fix}, or reword the item")))


def check_questions(concerns: list[Concern], groups: tuple[QuestionGroup, ...], errors: list[PackError]) -> None:
    """Every question's id once in the pack; group ids apart from concern ids and the words that choose
    questions; ``default_with`` names concerns that exist."""
    concern_ids = [c.id for c in concerns]
    owners: dict[str, str] = {}  # id -> where it was first seen, "file: key"
    places = [(concern.file, "", concern.questions) for concern in concerns]
    for number, group in enumerate(groups):
        where = f"groups[{number}]"
        places.append(("questions.toml", f"{where}.", group.questions))
        if group.id in owners or group.id in concern_ids:
            errors.append(PackError("questions.toml", f"{where}.id", f'"{group.id}" is already the id of a '
                                                                     f'{"group" if group.id in owners else "concern"}'))
        owners.setdefault(group.id, f"questions.toml: {where}.id")
    for concern in concerns:
        if concern.id in QUESTION_STARTS:
            errors.append(PackError(concern.file, "id", f'"{concern.id}" is a word that chooses questions '
                                                        f'({", ".join(QUESTION_STARTS)}); choose another id'))
    for file, prefix, questions in places:
        for index, question in enumerate(questions):
            key = f"{prefix}questions[{index}]"
            if question.id in owners:
                errors.append(PackError(file, f"{key}.id", f'"{question.id}" is used twice: it is already the id '
                                                           f"at {owners[question.id]}; each question needs its own"))
            elif question.id:
                owners[question.id] = f"{file}: {key}.id"
            for position, concern_id in enumerate(question.default_with):
                if concern_id not in concern_ids:
                    extra = did_you_mean(concern_id, concern_ids, quote='"')
                    errors.append(PackError(file, f"{key}.default_with[{position}]",
                                            f'no concern has the id "{concern_id}"{extra}'))
