""""Did you mean ...?": the one place that finds the known name closest to a mistyped one.

``difflib`` is imported only when something is wrong: nothing needs it on
the way to a good handout, and ``mbcprep concerns`` must start fast.
"""

from __future__ import annotations

from typing import Iterable

CUTOFF = 0.6


def closest(word: str, choices: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The known name closest to ``word``, or None when none is close enough."""
    import difflib

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str], quote: str = "") -> str:
    """' (did you mean X?)' for the closest choice, or '' when none is close."""
    hint = closest(word, choices)
    return f" (did you mean {quote}{hint}{quote}?)" if hint else ""


def similarity(a: str, b: str) -> float:
    """How alike two words are, from 0 to 1 (difflib's ratio)."""
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio()
