"""The words a sheet prints, taken from the planner, in parts an educator can act on.

A pack's own text is not what a person reads: the planner adds a glossary
meaning after the first use of a word, drops a sentence another concern
already said, and picks the text for the type of cancer the person gave.
So each concern is graded on the sheet made for it alone (the one where
every word it uses is explained in its own notes, the longest its text
ever prints), once with no type given and once for each pair of answers
that prints other text; its questions, every one of them (a person can
choose any), as a questions-only sheet prints them (no notes before
them, so their words get the meanings).  Nothing here adds meanings
itself: the text is the plan's.
"""

from __future__ import annotations

import itertools
import re
from typing import Iterator

from mbcprep.constants import HER2_ANSWERS, HORMONE_RECEPTOR_ANSWERS, NOT_SURE
from mbcprep.model.content import Pack
from mbcprep.model.plan import ConcernNotes, PlannedSection
from mbcprep.model.request import Request
from mbcprep.plan import plan_handout, subtype_keys
from mbcprep.review.readability.scales import MAX_PRINTED_SENTENCE_WORDS, as_sentences, sentences
from mbcprep.review.readability.source import TextPart, blocks_text, iter_text

#: The kind of a part that holds the text for one type of cancer: graded, but left out of the totals
#: (no sheet prints every type's text).
FOR_A_TYPE = "section for a type"
#: Acronyms a section may print when the person gave no type (PEMAT-P item 3: "more than a few" is too many).
MAX_ACRONYMS = 3
#: A word of two or more capitals, digits or "/" ("HER2", "CDK4/6", "PD-L1", "SERDs"): an acronym or gene name.
ACRONYM = re.compile(r"(?<![\w-])(?=(?:[^\sA-Z]*[A-Z]){2})[A-Z][A-Z0-9]*(?:[/-][A-Z0-9]+)*s?(?![\w])")


def printed_parts(pack: Pack) -> list[TextPart]:
    """Every part a sheet can print, as printed: each concern's parts, then the parts on every sheet."""
    parts: list[TextPart] = []
    general: dict[str, list[str]] = {group.title: [] for group in pack.question_groups}
    for concern in pack.concerns:
        where = concern.file or concern.id
        notes = _notes(pack, concern.id)
        if notes.key_points:
            parts.append(TextPart(f"{where}: key_points", concern.id, "key points", as_sentences(notes.key_points)))
        for index, section in enumerate(notes.sections):
            parts.append(TextPart(f"{where}: sections[{index}] ({section.heading})", concern.id, "section",
                                  section_text(section)))
        if any(key != "unknown" for section in concern.sections for key in section.by_subtype):
            seen = set()
            for answers in itertools.product(HORMONE_RECEPTOR_ANSWERS, HER2_ANSWERS):
                keys = subtype_keys(*answers)
                if keys == ("unknown",) or keys in seen:
                    continue
                seen.add(keys)
                for index, section in enumerate(_notes(pack, concern.id, *answers).sections):
                    if section.subtype:
                        parts.append(TextPart(f"{where}: sections[{index}] ({section.heading}), for "
                                              f"{' + '.join(keys)}", concern.id, FOR_A_TYPE,
                                              section_text(section)))
        for group in _questions(pack, concern.id):
            if group.title in general:
                general[group.title] += [q for q in group.questions if q not in general[group.title]]
            else:
                parts.append(TextPart(f"{where}: questions", concern.id, "questions", as_sentences(group.questions)))
    every = _plan(pack, tuple(c.id for c in pack.concerns))
    panel = next(part for part in every.parts if part.kind == "get_help_now")
    parts.append(TextPart("safety.toml: signs", "", "signs",
                          as_sentences(f"{s.text}. {s.why}" if s.why else s.text
                                       for group in panel.groups for s in group.signs)))
    for index, (title, questions) in enumerate(general.items()):
        if questions:
            parts.append(TextPart(f"questions.toml: groups[{index}] ({title})", "", "questions",
                                  as_sentences(questions)))
    parts += [part for part in iter_text(pack) if part.kind == "labels"]
    return parts


def section_text(section: PlannedSection) -> str:
    """A planned section's reading text: summary, picture caption, body, routine signs, text for the type."""
    pieces = [section.summary, section.picture.caption if section.picture else "", blocks_text(section.body),
              as_sentences(section.report_signs), blocks_text(section.subtype)]
    return "\n".join(piece for piece in pieces if piece)


def acronyms(text: str) -> list[str]:
    """The different acronyms and gene names in ``text``, in order ("SERDs" and "SERD" are one)."""
    found: list[str] = []
    for word in ACRONYM.findall(text):
        word = word.removesuffix("s")
        if word not in found:
            found.append(word)
    return found


def printed_problems(parts: list[TextPart]) -> list[str]:
    """What breaks the printed-text rules: a sentence over 25 words; over 3 acronyms in a section without a type.

    A long sentence is reported once, where it first prints (a section's
    text for each type repeats the section).
    """
    problems = []
    reported = set()
    for part in parts:
        for sentence in sentences(part.text):
            words = len(sentence.split())
            if words > MAX_PRINTED_SENTENCE_WORDS and (part.concern, sentence) not in reported:
                reported.add((part.concern, sentence))
                problems.append(f"long printed sentence ({words} words; at most {MAX_PRINTED_SENTENCE_WORDS}) in "
                                f"{part.where}: {sentence[:60]}...")
        found = acronyms(part.text)
        if part.kind == "section" and len(found) > MAX_ACRONYMS:
            problems.append(f"{part.where}: prints {len(found)} acronyms or gene names when no type is given "
                            f"({', '.join(found)}); keep to {MAX_ACRONYMS}, and put the rest in the text for a type")
    return problems


def _plan(pack: Pack, concerns: tuple[str, ...], **settings):
    return plan_handout(Request(concerns=concerns, **settings), pack)


def _notes(pack: Pack, concern_id: str, hormone_receptor: str = NOT_SURE, her2: str = NOT_SURE) -> ConcernNotes:
    plan = _plan(pack, (concern_id,), hormone_receptor=hormone_receptor, her2=her2)
    return next(part for part in plan.parts if part.kind == "concern_notes").concerns[0]


def _questions(pack: Pack, concern_id: str) -> Iterator:
    """The groups of questions of a questions-only sheet for one concern with every question chosen."""
    chosen = tuple(q.id for group in pack.question_groups_for((concern_id,)) for q in group.questions)
    plan = _plan(pack, (concern_id,), questions_only=True, questions=chosen, default_questions=False)
    yield from next(part for part in plan.parts if part.kind == "questions").groups
