"""Chosen questions, checked against the pack and the concerns chosen with them.

A person chooses questions by id (``bones.calcium-vitamin-d``, listed by
``mbcprep concerns --questions``), or a whole group by its id (a concern's
id, ``any-visit``, ``matters-most``), and may say where the choice starts:
``default`` (the page budget's few questions print too: what a sheet has
when nothing is chosen), ``all`` (every question of the chosen concerns
and of the general groups) or ``none`` (only the questions named).  Every
way in (options, a request file, a roster cell, the interactive step, the
web page's second step) gives the same words, checked here once.
"""

from __future__ import annotations

import re

from mbcprep.errors import RequestError, quote, similarity
from mbcprep.model.content import Pack
from mbcprep.pack.schema import QUESTION_STARTS
from mbcprep.request.concerns import SUGGEST_CHARS, ordinal

#: How alike (difflib ratio) a typed word must be to an id, or to the part after its dot, to be offered.
ID_CUTOFF = 0.7
SEE_LIST = "see 'mbcprep concerns --questions' for the list"


def check_question_ids(words, pack: Pack, concerns: tuple[str, ...], field: str = "questions",
                       hints: bool = True) -> tuple[tuple[str, ...], bool]:
    """The chosen question ids, each once, in print order, and whether the page budget's defaults print too.

    ``words`` are ids (``split_ids``: lower case, each once), group ids and
    at most one of ``default``, ``all``, ``none``.  ``concerns`` are the
    chosen concerns (checked already): a question of another concern is an
    error, since its sheet would not have that concern's notes or signs.
    With ``hints``, an unknown id gets "did you mean ...?"; without (a
    roster, whose reasons go to a report file), it is named by its position
    only, since a cell may hold anything.
    """
    words = [word.strip() for word in words if word and word.strip()]
    starts = [word for word in words if word in QUESTION_STARTS]
    if len(set(starts)) > 1:
        raise RequestError(f"says both {' and '.join(dict.fromkeys(starts))}; give one of "
                           f"{', '.join(QUESTION_STARTS)}", field=field, code="conflict")
    start = starts[0] if starts else "default"
    offered = pack.question_groups_for(concerns)
    every = {group.id: group for group in pack.every_question_group}
    owner = {question.id: group for group in every.values() for question in group.questions}
    chosen: set[str] = set()
    if start == "all":
        chosen.update(question.id for group in offered for question in group.questions)
    named = [word for word in words if word not in QUESTION_STARTS]
    for position, word in enumerate(named, start=1):
        group = every.get(word) or owner.get(word)
        if group is None:
            raise _unknown(word, position, len(named), pack, field, hints)
        if group not in offered:
            raise _not_offered(word, group.id, position, len(named), field, hints)
        if word == group.id:
            chosen.update(question.id for question in group.questions)
        else:
            chosen.add(word)
    ordered = tuple(question.id for group in offered for question in group.questions if question.id in chosen)
    return ordered, start == "default"


def suggest_questions(typed: str, pack: Pack, n: int = 3) -> list[str]:
    """Question or group ids to offer for a word that is not one, best first.

    An id scores for looking like the typed text, or for its own part
    (after the dot) looking like it, so "calcium" finds
    ``bones.calcium-vitamin-d``; and for holding every typed word.
    """
    typed = typed.strip().casefold()
    if len(typed) > SUGGEST_CHARS:
        return []
    words = [w for w in re.split(r"[\s_.-]+", typed) if w]
    ids = [group.id for group in pack.every_question_group]
    ids += [question.id for group in pack.every_question_group for question in group.questions]
    ranked = []
    for position, known in enumerate(ids):
        own = known.partition(".")[2] or known
        score = max(similarity(typed, known), similarity(typed, own))
        if words and all(word in re.split(r"[.-]", known) for word in words):
            score = max(score, 0.9)
        if score >= ID_CUTOFF:
            ranked.append((-score, position, known))
    return [known for *_, known in sorted(ranked)[:n]]


def _unknown(word: str, position: int, count: int, pack: Pack, field: str, hints: bool) -> RequestError:
    if hints:
        offers = suggest_questions(word, pack)
        hint = f" (did you mean {' or '.join(offers)}?)" if offers else ""
        return RequestError(f"unknown question {quote(word)}{hint}; {SEE_LIST}", field=field,
                            code="unknown_question")
    if count == 1:
        return RequestError(f"is not a known question id; {SEE_LIST}", field=field, value=word,
                            code="unknown_question")
    return RequestError(f"the {ordinal(position)} id is not a known question; {SEE_LIST}", field=field,
                        code="unknown_question")


def _not_offered(word: str, concern: str, position: int, count: int, field: str, hints: bool) -> RequestError:
    fix = "add the concern, or leave the question out"
    if hints:
        return RequestError(f"question {quote(word)} belongs to the concern {concern}, which is not chosen; "
                            f"add it with -c {concern}, or leave the question out", field=field,
                            code="question_not_chosen")
    which = "is a question" if count == 1 else f"the {ordinal(position)} id is a question"
    return RequestError(f"{which} of a concern that is not chosen; {fix}", field=field, code="question_not_chosen")
