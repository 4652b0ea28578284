"""The words of one sheet: placeholders filled, each point said once, medical words explained once.

The planner runs every piece of pack text through these, in the order the
sheet prints it, so "the first time a word appears on this sheet" and "a
sentence already said on this sheet" mean the same in every format.
"""

from __future__ import annotations

import re
from typing import Iterable

from mbcprep.model.content import GlossaryTerm
from mbcprep.pack.schema import PLACEHOLDER

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[^\s])")


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Insert values into pack text.

    Substitution is a single pass over the pack's text: inserted values are
    never scanned again, so a name such as ``{{ 7*7 }}`` prints as typed and
    can never run as template code.

    Fallback words are written for the middle of a sentence ("your care
    team"); where a placeholder starts a sentence, the value's first letter
    is made a capital ("Your care team will ...").
    """

    def insert(match: re.Match) -> str:
        value = values.get(match.group(1), "")
        if _starts_sentence(text, match.start()):
            return _capitalize_first(value)
        return value

    return PLACEHOLDER.sub(insert, text)


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?"


def _capitalize_first(value: str) -> str:
    """Upper-case the first letter only when that gives one letter (not "ß" -> "SS")."""
    first = value[:1]
    if first.islower() and len(first.upper()) == 1:
        return first.upper() + value[1:]
    return value


def sentence_key(text: str) -> str:
    """Sentences that differ only in case, spacing or punctuation count as one."""
    return " ".join(re.findall(r"\w+", text.casefold()))


class SaidOnce:
    """Drops sentences and list items that another part of this sheet has already printed.

    Two concerns often share a point ("Not every symptom means the cancer is
    growing ..."); a reader who meets it twice on one sheet learns nothing
    the second time, and the sheet grows.  Within one concern a repeat is
    the writer's choice (a key point restates the notes under it), and
    dropping it would leave the next sentence without its lead-in, so only
    what an earlier *concern* (``owner``) said is dropped.
    """

    def __init__(self) -> None:
        self._said: dict[str, str] = {}
        self.owner = ""

    def paragraph(self, text: str) -> str:
        """The paragraph without the sentences already said elsewhere; "" when nothing new is left."""
        kept = [s for s in _SENTENCE_BREAK.split(text.strip()) if self._first_time(s)]
        return " ".join(kept)

    def items(self, items: Iterable[str]) -> tuple[str, ...]:
        """List items not already said elsewhere (each item counts as one sentence)."""
        return tuple(item for item in items if self._first_time(item))

    def _first_time(self, sentence: str) -> bool:
        key = sentence_key(sentence)
        if not key:
            return False
        if sentence.rstrip().endswith(":"):
            return True  # a list's lead-in ("Things that may help:") belongs to the list under it
        said_by = self._said.setdefault(key, self.owner)
        return said_by == self.owner


class FirstUseExplainer:
    """Adds a glossary meaning, in brackets, after the first use of each term on the sheet.

    A use already followed by a bracket ("hypercalcemia (high calcium)") is
    taken as explained where it stands, and so is a use inside brackets,
    which names the plain words just before them ("pills that help hormone
    therapy work better (CDK4/6 inhibitors)").  Longer terms win where two start at
    the same place ("hormone receptor-positive" before "hormone").
    """

    def __init__(self, terms: Iterable[GlossaryTerm]) -> None:
        self._terms = list(terms)
        self._explained: set[str] = set()
        words = sorted(((w, t) for t in self._terms for w in t.words), key=lambda wt: -len(wt[0]))
        self._owner = {w.casefold(): t for w, t in words}
        self._pattern = (re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w, _ in words) + r")(?![\w-])",
                                    re.IGNORECASE) if words else None)

    def explain(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        pieces: list[str] = []
        last = 0
        for match in self._pattern.finditer(text):
            term = self._owner[match.group(1).casefold()]
            if term.term in self._explained:
                continue
            self._explained.add(term.term)
            if text[match.end():].lstrip().startswith("("):
                continue  # explained in place by the writer
            before = text[:match.start()]
            if before.count("(") > before.count(")"):
                continue  # the name for the plain words the writer put just before the bracket
            pieces.append(text[last:match.end()])
            pieces.append(f" ({term.meaning})")
            last = match.end()
        pieces.append(text[last:])
        return "".join(pieces)


def content_words(question: str, filler: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of a question that carry its meaning: not the pack's filler words, plural "s" dropped."""
    words = (w for w in re.findall(r"\w+", question.casefold()) if w not in filler)
    return frozenset(w.removesuffix("s") if len(w) > 3 else w for w in words if len(w) > 2)


def near_duplicate(question: str, asked: Iterable[frozenset[str]], filler: frozenset[str] = frozenset()) -> bool:
    """True when a question says nearly what an asked one says.

    "What are my treatment choices now?" and "What are my treatment
    choices, and what is the goal of each one?" share every word that
    matters in the shorter one; one of them is enough on a sheet.
    """
    mine = content_words(question, filler)
    if not mine:
        return False
    for other in asked:
        if not other:
            continue
        shared = len(mine & other)
        smaller = min(len(mine), len(other))
        if smaller >= 2 and shared == smaller:
            return True
        if shared / len(mine | other) >= 0.75:
            return True
    return False
