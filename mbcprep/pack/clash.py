"""Does a routine item name an urgent sign?  By the sign's text, one of its key words, or its meaning.

A "tell your care team at your next visit" list must never hold a sign
that the panel calls urgent, in any words.  Key words catch a sign's own
phrases ("back pain"); meanings catch it said another way ("pain that
wakes you up at night" for "Pain that wakes you at night or keeps you from
sleeping").  A sign's ``means`` lists sets of word groups (``[word_groups]``
in ``safety.toml``): a routine item with a word of every group of one set
says that sign.

Deterministic and offline: text is compared word by word after folding
case and accents, against the forms the pack lists.  No stemming, no
model: what counts as the same word is data, in the pack's own language.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Mapping

from mbcprep.model.content import Sign
from mbcprep.records import record

_WORD = re.compile(r"\w+(?:'\w+)*")


def words(text: str) -> tuple[str, ...]:
    """The words of ``text``, case and accents folded ("Náuseas" -> "nauseas"), apostrophes kept ("can't")."""
    folded = unicodedata.normalize("NFKD", text.replace("\u2019", "'").casefold())
    return tuple(_WORD.findall("".join(c for c in folded if not unicodedata.combining(c))))


def _has_run(text: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """True when ``run`` (one word or a phrase) is in ``text`` as whole words in a row."""
    width = len(run)
    return bool(width) and any(text[i:i + width] == run for i in range(len(text) - width + 1))


@record
class Clash:
    """An urgent sign a routine item names, and how: "its text", 'its key word "back pain"', "its meaning: pain + night"."""

    sign: Sign
    how: str


class SignFinder:
    """Finds the urgent sign a routine item names; built once per pack."""

    def __init__(self, signs: Iterable[Sign], word_groups: Mapping[str, Iterable[str]] | None = None):
        self._groups = {name: tuple(filter(None, (words(member) for member in members)))
                        for name, members in (word_groups or {}).items()}
        self._signs = [(sign, words(sign.text), tuple(filter(None, (words(key) for key in sign.key_words))))
                       for sign in signs]

    def groups_in(self, text: str) -> frozenset[str]:
        """The word groups ``text`` has a word of."""
        return self._groups_in(words(text))

    def _groups_in(self, found: tuple[str, ...]) -> frozenset[str]:
        # A run can only be there if its first word is: a set lookup rules out almost every member
        # before the scan (the pack is checked on every generate, with hundreds of members).
        present = frozenset(found)
        return frozenset(name for name, members in self._groups.items()
                         if any(member[0] in present and _has_run(found, member) for member in members))

    def find(self, routine: str) -> Clash | None:
        """The first sign (in the pack's order) that ``routine`` names, or None."""
        found = words(routine)
        present = frozenset(found)
        groups = self._groups_in(found)
        for sign, text, key_words in self._signs:
            if found == text:
                return Clash(sign, "its text")
            for key in key_words:
                if key[0] in present and _has_run(found, key):
                    return Clash(sign, f'its key word "{" ".join(key)}"')
            for meaning in sign.means:
                if meaning and groups.issuperset(meaning):
                    return Clash(sign, f"its meaning: {' + '.join(meaning)}")
        return None
