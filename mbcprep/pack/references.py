"""Checks across a pack's files: ids that concerns and ``pack.toml`` name exist, and no sign is both urgent and routine."""

from __future__ import annotations

from mbcprep.errors import PackError
from mbcprep.model.content import Concern, Sign
from mbcprep.pack.tables import sign_key
from mbcprep.suggest import did_you_mean


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


def check_signs(concerns: list[Concern], signs: tuple[Sign, ...], errors: list[PackError]) -> None:
    """Concerns name signs that exist, and never list an urgent sign as a routine one."""
    by_id = {sign.id: sign for sign in signs}
    keyed = sign_keys(signs)
    for concern in concerns:
        for index, sign_id in enumerate(concern.red_flags):
            if sign_id not in by_id:
                extra = did_you_mean(sign_id, by_id, quote='"')
                errors.append(PackError(concern.file, f"red_flags[{index}]",
                                        f'no sign in safety.toml has the id "{sign_id}"{extra}'))
        for number, section in enumerate(concern.sections):
            for index, routine in enumerate(section.report_signs):
                sign = clashing_sign(routine, keyed)
                if sign is not None:
                    errors.append(PackError(concern.file, f"sections[{number}].report_signs[{index}]", (
                        f'clash: "{routine}" is listed as a sign to mention at the next visit, but '
                        f'safety.toml says "{sign.text}" ({sign.id}) needs {sign.level}; '
                        "move it to red_flags, or change the sign's key_words")))


def sign_keys(signs) -> list[tuple[Sign, str, tuple[str, ...]]]:
    """Each sign with the key of its text and of each of its key words, worked out once per pack."""
    return [(sign, sign_key(sign.text), tuple(filter(None, (sign_key(word) for word in sign.key_words))))
            for sign in signs]


def clashing_sign(routine: str, keyed: list[tuple[Sign, str, tuple[str, ...]]]) -> Sign | None:
    """The urgent sign that a routine sign names (same text, or one of its key words), if any.

    ``keyed`` is ``sign_keys(signs)``.
    """
    key = sign_key(routine)
    padded = f" {key} "
    for sign, text_key, word_keys in keyed:
        if key == text_key:
            return sign
        for word_key in word_keys:
            if f" {word_key} " in padded:
                return sign
    return None
