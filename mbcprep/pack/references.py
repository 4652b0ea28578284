"""Checks across a pack's files: ids that concerns and ``pack.toml`` name exist, and no sign is both urgent and routine."""

from __future__ import annotations

from typing import Mapping

from mbcprep.errors import PackError, did_you_mean
from mbcprep.model.content import Concern, Sign
from mbcprep.pack.clash import SignFinder


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
