"""The pack's own text, in parts an educator can act on, and the checks on it before anything is planned.

These read the pack as written (no glossary meanings added, every subtype
text at once): the length of each sign and sentence, the glossary's
coverage, the key points, the notes' page budget.  What a sheet prints is
graded in ``mbcprep.review.readability.printed``.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from mbcprep.model.content import Concern, Pack, Paragraph
from mbcprep.review.readability.scales import MAX_SIGN_WORDS, as_sentences, scale_for


class TextPart(NamedTuple):
    """One gradable part of a pack: where it is, which concern (if any), what kind, its text."""

    where: str
    concern: str  # concern id, or "" for pack-wide parts (signs, general questions, labels)
    kind: str  # "section", "key points", "questions", "signs", "labels"
    text: str


def blocks_text(blocks) -> str:
    """Paragraphs and list items as sentences, one a line."""
    return "\n".join(block.text if isinstance(block, Paragraph) else as_sentences(block.items) for block in blocks)


def concern_parts(concern: Concern) -> Iterator[TextPart]:
    """The parts of one concern a sheet may print: each section, its key points, its questions."""
    where = concern.file or concern.id
    if concern.key_points:
        yield TextPart(f"{where}: key_points", concern.id, "key points", as_sentences(concern.key_points))
    for index, section in enumerate(concern.sections):
        pieces = [section.summary, blocks_text(section.body), as_sentences(section.report_signs)]
        pieces += [blocks_text(blocks) for blocks in section.by_subtype.values()]
        yield TextPart(f"{where}: sections[{index}] ({section.heading})", concern.id, "section",
                       "\n".join(p for p in pieces if p))
    if concern.questions:
        yield TextPart(f"{where}: questions", concern.id, "questions",
                       as_sentences(q.text for q in concern.questions))


def iter_text(pack: Pack) -> Iterator[TextPart]:
    """Every piece of reading text in a pack, in units an educator can act on.

    Concern parts first (in pack order), then the signs, the general
    questions and the fixed labels, which every sheet prints.
    """
    for concern in pack.concerns:
        yield from concern_parts(concern)
    yield TextPart("safety.toml: signs", "", "signs",
                   as_sentences(f"{s.text}. {s.why}" if s.why else s.text for s in pack.signs))
    for index, group in enumerate(pack.question_groups):
        yield TextPart(f"questions.toml: groups[{index}] ({group.title})", "", "questions",
                       as_sentences(q.text for q in group.questions))
    yield TextPart("wording.toml: labels", "", "labels",
                   as_sentences(text for key, text in pack.labels.items()
                                if "{" not in text and not key.startswith(("category_", "medicine_"))))


def sign_problems(pack: Pack, graded: bool) -> list[str]:
    """Signs too long or too hard to read in a hurry."""
    scale = scale_for(pack.meta.language)
    problems = []
    for index, sign in enumerate(pack.signs):
        words = len(sign.text.split())
        if words > MAX_SIGN_WORDS:
            problems.append(f"safety.toml: signs[{index}] ({sign.id}): {words} words; "
                            f"keep a sign to {MAX_SIGN_WORDS} or fewer")
        if graded and scale.sign_limit is not None:
            value = scale.score(sign.text + ".")
            if scale.too_hard(value, scale.sign_limit):
                problems.append(f"safety.toml: signs[{index}] ({sign.id}): {scale.name} {value:.1f}; "
                                f"a sign needs {scale.sign_limit:g} or easier")
    return problems


def glossary_problems(pack: Pack) -> list[str]:
    """Medical words a concern uses that the glossary does not explain."""
    explained = {word.casefold() for term in pack.glossary for word in term.words}
    problems = []
    for word in pack.needs_explaining:
        if word.casefold() in explained:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.I)
        users = sorted({part.where.split(":")[0] for part in iter_text(pack)
                        if part.concern and pattern.search(part.text)})
        if users:
            problems.append(f'glossary.toml: "{word}" is used in {", ".join(users)} '
                            "but has no [[terms]] entry explaining it")
    return problems


def notes_length(concern: Concern) -> int:
    """Characters a concern's notes print on a full sheet: key points, summaries, bodies, routine signs.

    The text for a type of cancer is left out, all but the "unknown" text a
    sheet prints when the person gave no type (the usual sheet).
    """
    pieces = list(concern.key_points)
    for section in concern.sections:
        pieces.append(section.summary)
        body = (*section.body, *section.by_subtype.get("unknown", ()))
        pieces += [block.text if isinstance(block, Paragraph) else " ".join(block.items) for block in body]
        pieces += list(section.report_signs)
    return sum(len(piece) for piece in pieces)


def length_problems(pack: Pack) -> list[str]:
    """Concerns whose notes are too long for the sheet's page budget."""
    limit = scale_for(pack.meta.language).notes_limit
    return [f"{concern.file}: notes print {notes_length(concern)} characters; keep them to {limit} so a "
            "sheet stays within its page budget (key points, summaries, bodies and routine signs count)"
            for concern in pack.concerns if notes_length(concern) > limit]


def structure_problems(pack: Pack) -> list[str]:
    """Concerns without the key points every concern should open with."""
    return [f"{concern.file}: key_points: missing; give 2 to 4 short points a person could read alone"
            for concern in pack.concerns if not concern.key_points]
