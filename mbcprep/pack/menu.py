"""A pack's concern menu (ids, titles, descriptions, categories), read without loading the whole pack.

``mbcprep concerns`` is the command people run first and most, so it must
start about as fast as Click itself (the start-up benchmark's target).
Loading and checking the whole pack (every section, sign, glossary term and
the model's dataclasses) costs about 40 ms; the menu needs only the top of
each concern file and the category labels, about a tenth of that.

A concern file's ``id``, ``title``, ``category`` and ``description`` are
top-level keys, which TOML puts before the first table header, so only the
text above the first line that starts with ``[`` is parsed.  Whenever
anything is not as a valid pack has it (a key missing, a file that does not
parse, an id that does not match its file), ``read_menu`` returns None and
the caller loads the whole pack, whose errors say exactly what is wrong.
The menu never checks the rest of the pack: ``mbcprep content check`` does.
"""

from __future__ import annotations

import os
from typing import NamedTuple

import tomli

from mbcprep.constants import CATEGORIES


class MenuEntry(NamedTuple):
    id: str
    title: str
    category: str
    description: str


class MenuGroup(NamedTuple):
    label: str  # the category's heading in the pack's language
    entries: tuple[MenuEntry, ...]


class Menu(NamedTuple):
    """What a person chooses from, as every front end shows it: ``mbcprep concerns``, the interactive
    questions and the web page."""

    entries: tuple[MenuEntry, ...]  # in the pack's order (``concern_order``, then any others by id)
    category_labels: dict[str, str]  # category -> its heading in the pack's language

    def groups(self) -> list[MenuGroup]:
        """The concerns by category (in ``CATEGORIES`` order), each in the pack's order; no empty category."""
        grouped: dict[str, list[MenuEntry]] = {category: [] for category in CATEGORIES}
        for entry in self.entries:
            grouped[entry.category].append(entry)
        return [MenuGroup(self.category_labels[category], tuple(entries))
                for category, entries in grouped.items() if entries]


def menu_of(pack) -> Menu:
    """The menu of a pack already loaded (``--pack``, or when ``read_menu`` steps aside)."""
    return Menu(tuple(MenuEntry(c.id, c.title, c.category, c.description) for c in pack.concerns),
                {category: pack.labels[f"category_{category}"] for category in CATEGORIES})


def read_menu(root: str | os.PathLike) -> Menu | None:
    """The menu of the pack at ``root``, or None when the whole pack must be loaded to say what is wrong."""
    root = os.fspath(root)
    try:
        order = _top(os.path.join(root, "pack.toml")).get("concern_order", [])
        labels = _parse(os.path.join(root, "wording.toml")).get("labels", {})
        folder = os.path.join(root, "concerns")
        names = sorted(n for n in os.listdir(folder) if n.endswith(".toml") and not n.startswith("."))
        entries = [_entry(os.path.join(folder, name), name.removesuffix(".toml")) for name in names]
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, AttributeError):
        return None
    category_labels = {category: labels.get(f"category_{category}") for category in CATEGORIES}
    found = [entry for entry in entries if entry is not None]
    if (not found or len(found) < len(entries) or not isinstance(order, list)
            or not all(isinstance(label, str) for label in category_labels.values())):
        return None
    rank = {concern_id: index for index, concern_id in enumerate(order) if isinstance(concern_id, str)}
    found.sort(key=lambda entry: (rank.get(entry.id, len(rank)), entry.id))
    return Menu(tuple(found), category_labels)


def _entry(path: str, stem: str) -> MenuEntry | None:
    top = _top(path)
    values = [top.get(key) for key in MenuEntry._fields]
    texts = [value for value in values if isinstance(value, str) and value.strip()]
    if len(texts) < len(values) or texts[0] != stem:
        return None
    entry = MenuEntry(*texts)
    return entry if entry.category in CATEGORIES else None


def _top(path: str) -> dict:
    """The top-level keys of a TOML file: the text above its first table header."""
    with open(path, encoding="utf-8-sig") as handle:
        lines = []
        for line in handle:
            if line.startswith("["):
                break
            lines.append(line)
    return tomli.loads("".join(lines))


def _parse(path: str) -> dict:
    with open(path, encoding="utf-8-sig") as handle:
        return tomli.loads(handle.read())
