"""Reading-grade figures for content text (Flesch-Kincaid), when textstat is installed.

textstat is optional (it is in the ``test`` extra): educators who install it
get grades from ``mbcprep content check``; everyone else still gets validation.
Pinned to 0.7.4, which counts syllables with pyphen and never downloads data.
"""

from __future__ import annotations

import re

#: Sections above this US school grade are flagged for rewriting.
MAX_SECTION_GRADE = 7.0
MAX_SENTENCE_WORDS = 25

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def textstat_available() -> bool:
    try:
        import textstat  # noqa: F401
    except ImportError:
        return False
    return True


def grade(text: str) -> float:
    """Flesch-Kincaid grade of ``text``; needs textstat."""
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def sentences(text: str) -> list[str]:
    """Split text into sentences (and list items); good enough for length checks."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def long_sentences(text: str, limit: int = MAX_SENTENCE_WORDS) -> list[str]:
    return [s for s in sentences(text) if len(s.split()) > limit]
