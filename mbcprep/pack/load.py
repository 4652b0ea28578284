"""Load a content pack from its folder: read each file, check it, check across files, and build the ``Pack``.

Paths are plain strings here (``os.path``, not ``pathlib``): this runs on
the start-up path of ``mbcprep concerns``, where importing ``pathlib``
alone would cost about 2 ms of its 15 ms budget.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from typing import Callable

from mbcprep.errors import OutputError, PackError, PackInvalid, UnreadableFile
from mbcprep.limits import PACK_FILE_BYTES
from mbcprep.model.content import Concern, Pack, frozen_map
from mbcprep.pack.builtin import builtin_pack_path
from mbcprep.pack.references import check_questions, check_references, check_signs
from mbcprep.pack.schema import TableChecker
from mbcprep.pack.tables import (
    load_concern,
    load_glossary,
    load_meta,
    load_questions,
    load_safety,
    load_wording,
)
from mbcprep.reading import parse_toml, read_text


def export_pack(target, language: str | None = None) -> None:
    """Copy a language's pack (the default language's when None) into ``target`` (a new or empty folder) for a
    clinic to edit or translate, its ``words/`` too; ``OutputError`` otherwise."""
    if os.path.exists(target) and (not os.path.isdir(target) or os.listdir(target)):
        raise OutputError(f"{target} is not empty; choose a new folder so nothing is overwritten")
    try:
        shutil.copytree(builtin_pack_path(language), target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}", reason=exc.strerror) from None


def load_pack(root: str | os.PathLike | None = None) -> Pack:
    """Load and validate a content pack; the built-in one when ``root`` is None.

    Raises ``PackInvalid`` listing every problem found in every file.
    """
    root = os.fspath(root) if root is not None else builtin_pack_path()
    errors: list[PackError] = []
    if not os.path.isdir(root):
        raise PackInvalid([PackError(root, "", "is not a folder; point at a content pack folder "
                                                "(one with pack.toml), or make one with 'mbcprep content export'")])

    meta_data = _read_table(os.path.join(root, "pack.toml"), "pack.toml", errors)
    meta, order = (load_meta(meta_data, TableChecker("pack.toml", errors)) if meta_data is not None
                   else (None, ()))
    wording_data = _read_table(os.path.join(root, "wording.toml"), "wording.toml", errors)
    labels, fallbacks, dates = (load_wording(wording_data, TableChecker("wording.toml", errors))
                                if wording_data is not None else ({}, {}, None))
    questions_data = _read_table(os.path.join(root, "questions.toml"), "questions.toml", errors)
    groups, filler_words = (load_questions(questions_data, TableChecker("questions.toml", errors))
                            if questions_data is not None else ((), frozenset()))
    safety_data = _read_table(os.path.join(root, "safety.toml"), "safety.toml", errors)
    signs, word_groups = (load_safety(safety_data, TableChecker("safety.toml", errors))
                          if safety_data is not None else ((), {}))
    glossary_data = _read_table(os.path.join(root, "glossary.toml"), "glossary.toml", errors)
    glossary, needs_explaining = (load_glossary(glossary_data, TableChecker("glossary.toml", errors))
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
        data = _read_table(os.path.join(concern_dir, file_name), name, errors)
        if data is None:
            unreadable.add(stem)
            continue
        check = TableChecker(name, errors)
        concern = load_concern(data, check)
        if not concern.id:
            continue
        if concern.id in seen:
            check.error("id", f'"{concern.id}" is already used by {seen[concern.id]}')
            continue
        if stem != concern.id:
            check.error("id", f'"{concern.id}" does not match the file name; rename the file to {concern.id}.toml')
        seen[concern.id] = name
        concerns.append(replace(concern, file=name))

    check_references(concerns, order, unreadable, errors)
    check_questions(concerns, groups, errors)
    if safety_data is not None:
        check_signs(concerns, signs, word_groups, errors)
    if errors:
        raise PackInvalid(errors)
    assert meta is not None and dates is not None  # a file that could not be read recorded an error
    return Pack(
        meta=meta,
        labels=frozen_map(labels),
        fallbacks=frozen_map(fallbacks),
        dates=dates,
        question_groups=groups,
        concerns=_ordered(concerns, order),
        root=root,
        signs=signs,
        glossary=glossary,
        needs_explaining=needs_explaining,
        filler_words=filler_words,
        word_groups=frozen_map(word_groups),
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
    # A name that is a device or a pipe is kept: reading it says so (a folder is skipped).
    return sorted(n for n in names if n.endswith(".toml") and not n.startswith(".")
                  and not os.path.isdir(os.path.join(folder, n)))


def _read_table(path: str, name: str, errors: list[PackError]) -> dict | None:
    """A pack file's TOML table, or None with the problem noted (tomli's message keeps its line and column)."""
    try:
        return parse_toml(read_text(path, PACK_FILE_BYTES, too_big="a pack file is a few pages of text; "
                                                                  "split it or shorten it"), name)
    except UnreadableFile as problem:
        errors.append(PackError(name, "", problem.reason))
        return None


def _ordered(concerns: list[Concern], order: tuple[str, ...]) -> tuple[Concern, ...]:
    """Concerns in the pack's chosen order; any not listed follow by id."""
    rank: Callable[[Concern], tuple[int, str]] = lambda c: (
        order.index(c.id) if c.id in order else len(order), c.id)
    return tuple(sorted(concerns, key=rank))
