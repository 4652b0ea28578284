"""Chosen concern ids, checked against the pack the handout is made with."""

from __future__ import annotations

import re

from mbcprep.errors import RequestError, quote, similarity
from mbcprep.model.content import Pack

#: How alike (difflib ratio) a typed word must be to a concern id, or to one
#: of its keywords, to be offered as "did you mean ...?".
ID_CUTOFF = 0.5
KEYWORD_CUTOFF = 0.8
#: Typed text longer than this gets no suggestion.
SUGGEST_CHARS = 100
NO_CONCERN = ("no concern chosen; name at least one with -c ID (see 'mbcprep concerns'), "
              "or run 'mbcprep interactive'")
#: The same for a roster's row, whose cell is where concerns are named.
NO_CONCERN_IN_ROW = ("no concern chosen; write concern ids in the cell (see 'mbcprep concerns'), "
                     "or give --concerns for every row without")


def check_concern_ids(ids, pack: Pack, field: str = "concerns", hints: bool = True) -> tuple[str, ...]:
    """The chosen ids, each once, in the pack's order; an unknown one is a ``RequestError``.

    The pack's order, so every handout for the same choices looks the same
    whatever order they were typed in.  With ``hints``, an unknown id gets
    "did you mean ...?"; without (a roster, whose reasons go to a report
    file), the id is named by its position only, since a cell may hold anything.
    """
    chosen = [i.strip() for i in ids if i and i.strip()]
    if not chosen:
        raise RequestError(NO_CONCERN if hints else NO_CONCERN_IN_ROW, field=field, code="no_concern")
    known = pack.concern_ids
    for position, concern_id in enumerate(chosen, start=1):
        if concern_id in known:
            continue
        if hints:
            offers = suggest_concerns(concern_id, pack)
            hint = f" (did you mean {' or '.join(offers)}?)" if offers else ""
            raise RequestError(f"unknown concern {quote(concern_id)}{hint}; see 'mbcprep concerns' for the list",
                               field=field, code="unknown_concern")
        if len(chosen) == 1:
            raise RequestError("is not a known concern id; see 'mbcprep concerns' for the list", field=field,
                               value=concern_id, code="unknown_concern")
        raise RequestError(f"the {ordinal(position)} id is not a known concern; see 'mbcprep concerns' for the list",
                           field=field, code="unknown_concern", position=position)
    wanted = set(chosen)
    return tuple(i for i in known if i in wanted)


def suggest_concerns(typed: str, pack: Pack, n: int = 3) -> list[str]:
    """Concern ids to offer for a word that is not an id, best first.

    People type what they feel ("headaches", "breathless"), not our ids
    ("brain", "lungs"), so a concern scores for an id that looks like the
    typed text and for each typed word that is (nearly) one of its keywords.
    """
    typed = typed.strip().casefold()
    if len(typed) > SUGGEST_CHARS:  # no concern is called that; and comparing it would take long
        return []
    words = [w for w in re.split(r"[\s_-]+", typed) if w]
    ranked = []
    for position, concern in enumerate(pack.concerns):
        by_id = similarity(typed, concern.id)
        score = by_id if by_id >= ID_CUTOFF else 0.0
        keywords = [k.casefold() for k in concern.keywords]
        for word in words:
            best = max((similarity(word, k) for k in keywords), default=0.0)
            if best >= KEYWORD_CUTOFF:
                score += best
        if score:
            ranked.append((-score, position, concern.id))
    return [concern_id for *_, concern_id in sorted(ranked)[:n]]


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
