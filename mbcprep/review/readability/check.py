"""``mbcprep content check`` as a library: every problem of a valid pack, and its reading figures, as values.

A pack that loads is valid (``mbcprep.pack.load_pack`` refuses any other);
what is left to check is how it reads and whether it matches the pack it
was translated from.  ``pack_problems`` lists those problems, one line each
("file: key: what is wrong"), in the order an educator fixes them: long
sentences, the text as printed, the signs, the glossary, the notes'
structure and length, then what differs from the reference pack.
``grade_pack`` grades each part as a sheet prints it, run by run of one
concern's parts, and names the parts too hard to read.
``questions_only_chosen`` names the questions no sheet prints unless a
person chooses them (for the educator's information: any can be chosen).
The command line only prints them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from mbcprep.model.content import Pack
from mbcprep.model.request import Request
from mbcprep.plan import question_offers
from mbcprep.review.readability.printed import FOR_A_TYPE, printed_problems
from mbcprep.review.readability.scales import (MAX_SENTENCE_WORDS, ReadingScale, long_sentences, scale_for,
                                               textstat_available)
from mbcprep.review.readability.source import (TextPart, glossary_problems, iter_text, length_problems, sign_problems,
                                               structure_problems)
from mbcprep.review.translation import translation_problems


def can_grade(pack: Pack) -> bool:
    """Whether the pack's language can be graded here (English needs the optional textstat)."""
    return not scale_for(pack.meta.language).needs_textstat or textstat_available()


def pack_problems(pack: Pack, printed: list[TextPart], reference: Pack | None = None) -> list[str]:
    """Every problem of the pack but the reading grades; ``printed`` is ``printed_parts(pack)``."""
    problems = [f"long sentence in the pack ({len(sentence.split())} words; at most {MAX_SENTENCE_WORDS} before "
                f"meanings are added) in {part.where}: {sentence[:60]}..."
                for part in iter_text(pack) for sentence in long_sentences(part.text)]
    problems += printed_problems(printed)
    problems += sign_problems(pack, can_grade(pack))
    problems += glossary_problems(pack)
    problems += structure_problems(pack)
    problems += length_problems(pack)
    if reference is not None:
        problems += translation_problems(reference, pack)
    return problems


#: The kinds of sheet, as the request's flags that make them: full, brief, questions only.
MODES: tuple[dict[str, Any], ...] = ({}, {"brief": True}, {"questions_only": True})


def questions_only_chosen(pack: Pack) -> tuple[str, ...]:
    """The ids of the questions that no default sheet of one or two concerns prints, of any kind (full,
    brief, questions only): they reach a sheet only when someone chooses them.  In the pack's order."""
    printed: set[str] = set()
    ids = pack.concern_ids
    for concerns in (*((concern,) for concern in ids), *itertools.combinations(ids, 2)):
        for mode in MODES:
            for group in question_offers(Request(concerns=concerns, **mode), pack):
                printed.update(question.id for question in group.questions if question.default)
    return tuple(question.id for group in pack.every_question_group for question in group.questions
                 if question.id not in printed)


@dataclass(frozen=True)
class GradedPart:
    where: str
    score: float
    too_hard: bool


@dataclass(frozen=True)
class GradedRun:
    """Parts in a row that belong to one concern ("" for what every sheet has), and the concern's vocabulary."""

    concern: str
    vocabulary: float | None  # None for what every sheet has
    parts: tuple[GradedPart, ...]


@dataclass(frozen=True)
class Grades:
    scale: ReadingScale
    runs: tuple[GradedRun, ...]
    overall: float
    overall_too_hard: bool
    problems: tuple[str, ...]  # one line for each part too hard

    @property
    def vocabulary_label(self) -> str:
        """The vocabulary measure's short name ("Dale-Chall")."""
        return self.scale.vocabulary_name.split(" (")[0]


def grade_pack(pack: Pack, printed: list[TextPart]) -> Grades:
    """Grade each part as a sheet prints it, concern by concern, then all of them; name the parts too hard."""
    scale = scale_for(pack.meta.language)
    runs = []
    problems = []
    for concern, run in itertools.groupby(printed, key=lambda part: part.concern):
        vocabulary = None
        if concern:
            text = "\n".join(p.text for p in printed if p.concern == concern and p.kind != FOR_A_TYPE)
            vocabulary = scale.vocabulary(text)
        graded = []
        for part in run:
            score = scale.score(part.text)
            too_hard = scale.too_hard(score, scale.part_limit)
            if too_hard:
                problems.append(f"{part.where}: {scale.name} {score:.1f} as printed; "
                                f"needs {scale.part_limit:g} or easier")
            graded.append(GradedPart(part.where, score, too_hard))
        runs.append(GradedRun(concern, vocabulary, tuple(graded)))
    overall = scale.score("\n".join(p.text for p in printed if p.kind != FOR_A_TYPE))
    return Grades(scale, tuple(runs), overall, scale.too_hard(overall, scale.pack_limit), tuple(problems))
