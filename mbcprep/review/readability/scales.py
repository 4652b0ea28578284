"""How each language's text is graded, and the sentence tools every check shares.

English is graded with the Flesch-Kincaid grade (lower is easier) and the
Dale-Chall score for common words, from textstat, which is optional (it is
in the ``test`` extra): pinned to 0.7.4, which never downloads data.
Spanish is graded with Fernandez-Huerta (higher is easier) and
Szigriszt-Pazos, counted here with Spanish syllables
(``mbcprep.review.readability.spanish``): no library needed.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from mbcprep.languages import language_code
from mbcprep.review.readability import spanish

#: In the pack's own text (before glossary meanings are added).
MAX_SENTENCE_WORDS = 20
#: As printed, with glossary meanings added: the longest sentence a sheet may print.
MAX_PRINTED_SENTENCE_WORDS = 25
#: A sign is read in a hurry: it must be short and easy.
MAX_SIGN_WORDS = 15


class ReadingScale(NamedTuple):
    """How one language's text is graded, and what counts as easy enough.

    ``part_limit`` applies to each part a sheet prints (a section, a list
    of questions or signs), ``pack_limit`` to the whole pack, ``sign_limit``
    to each sign alone (Fernandez-Huerta swings by 30 points on four words,
    so Spanish signs are graded as the list they are printed in).  With ``lower_is_easier`` a score must stay at or
    below the limits (a school grade); otherwise at or above (a reading-ease score).
    """

    language: str
    name: str
    formula: Callable[[str], float]
    part_limit: float
    pack_limit: float
    sign_limit: float | None  # None: a formula that cannot grade a few words alone
    lower_is_easier: bool
    vocabulary_name: str
    vocabulary_formula: Callable[[str], float]
    notes_limit: int  # characters a concern's notes may print on a full sheet (the page budget)
    needs_textstat: bool

    def score(self, text: str) -> float:
        return self.formula(text)

    def vocabulary(self, text: str) -> float:
        return self.vocabulary_formula(text)

    def too_hard(self, value: float, limit: float) -> bool:
        return value > limit if self.lower_is_easier else value < limit

    def aim(self) -> str:
        word = "at most" if self.lower_is_easier else "at least"
        return f"{self.name}: aim for {self.pack_limit:g}, {word} {self.part_limit:g} for each part"

    def available(self) -> bool:
        """True when this language's figures can be computed here (English needs textstat)."""
        return not self.needs_textstat or textstat_available()


def _textstat(formula: str) -> Callable[[str], float]:
    def score(text: str) -> float:
        import textstat  # optional (the test extra installs it): without it, English gets no figures

        textstat.set_lang("en")  # syllables are counted per language, and the setting is global
        return float(getattr(textstat, formula)(text))

    score.__name__ = formula
    return score


#: Language (the first part of a pack's tag) -> how its text is graded.
SCALES = {
    "en": ReadingScale("en", "Flesch-Kincaid grade", _textstat("flesch_kincaid_grade"), part_limit=7.0,
                       pack_limit=6.0, sign_limit=6.0, lower_is_easier=True,
                       vocabulary_name="Dale-Chall (under 6: common words)",
                       vocabulary_formula=_textstat("dale_chall_readability_score"), notes_limit=1150,
                       needs_textstat=True),
    "es": ReadingScale("es", "Fernandez-Huerta", spanish.fernandez_huerta, part_limit=70.0, pack_limit=75.0,
                       sign_limit=None, lower_is_easier=False,
                       vocabulary_name="Szigriszt-Pazos (65 or more: easy)",
                       vocabulary_formula=spanish.szigriszt_pazos,
                       notes_limit=1380,  # Spanish says the same in about 20% more letters
                       needs_textstat=False),
}


def scale_for(language: str) -> ReadingScale:
    """The grading for a pack's language tag ("es-US" -> Spanish); English when there is none for it."""
    return SCALES.get(language_code(language), SCALES["en"])


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def textstat_available() -> bool:
    try:
        import textstat  # noqa: F401  (optional: installed with the test extra)
    except ImportError:
        return False
    return True


def grade(text: str) -> float:
    """Flesch-Kincaid grade of English ``text``; needs textstat."""
    return SCALES["en"].score(text)


def sentences(text: str) -> list[str]:
    """Split text into sentences (and list items); good enough for length checks."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def long_sentences(text: str, limit: int = MAX_SENTENCE_WORDS) -> list[str]:
    return [s for s in sentences(text) if len(s.split()) > limit]


def as_sentences(items) -> str:
    """List items joined as sentences, so a grade formula counts each item as one."""
    return "\n".join(item if item.endswith((".", "?", "!", ":")) else item + "." for item in items if item)
