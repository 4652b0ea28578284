"""Reading figures for a content pack: everything a sheet prints, graded where an educator can fix it.

The grades (Flesch-Kincaid, Dale-Chall) need textstat, which is optional (it
is in the ``test`` extra): educators who install it get figures from
``mbcprep content check``; everyone else still gets validation and the
checks that need no library (sentence and sign length, glossary coverage).
Pinned to 0.7.4, which counts syllables with pyphen and never downloads data.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from mbcprep.model.content import BulletList, Concern, Pack, Paragraph

#: Parts above this US school grade are flagged for rewriting.
MAX_SECTION_GRADE = 7.0
#: The whole pack, signs and questions included, should read at this grade or below.
MAX_PACK_GRADE = 6.0
MAX_SENTENCE_WORDS = 20
#: A sign is read in a hurry: it must be short and easy.
MAX_SIGN_WORDS = 15
MAX_SIGN_GRADE = 6.0

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


class TextPart(NamedTuple):
    """One gradable part of a pack: where it is, which concern (if any), what kind, its text."""

    where: str
    concern: str  # concern id, or "" for pack-wide parts (signs, general questions, labels)
    kind: str  # "section", "key points", "questions", "signs", "labels"
    text: str


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


def dale_chall(text: str) -> float:
    """Dale-Chall readability score (4.9 or lower: easy for grade 4; 5.0-5.9: grades 5-6); needs textstat."""
    import textstat

    return float(textstat.dale_chall_readability_score(text))


def sentences(text: str) -> list[str]:
    """Split text into sentences (and list items); good enough for length checks."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def long_sentences(text: str, limit: int = MAX_SENTENCE_WORDS) -> list[str]:
    return [s for s in sentences(text) if len(s.split()) > limit]


def as_sentences(items) -> str:
    """List items joined as sentences, so a grade formula counts each item as one."""
    return "\n".join(item if item.endswith((".", "?", "!", ":")) else item + "." for item in items if item)


def concern_parts(concern: Concern) -> Iterator[TextPart]:
    """The parts of one concern a sheet may print: each section, its key points, its questions."""
    where = concern.file or concern.id
    if concern.key_points:
        yield TextPart(f"{where}: key_points", concern.id, "key points", as_sentences(concern.key_points))
    for index, section in enumerate(concern.sections):
        pieces = [section.summary]
        for block in section.body:
            pieces.append(block.text if isinstance(block, Paragraph) else as_sentences(block.items))
        pieces.append(as_sentences(section.report_signs))
        pieces.extend(section.by_subtype.values())
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


def sign_problems(pack: Pack, use_textstat: bool) -> list[str]:
    """Signs too long or too hard to read in a hurry."""
    problems = []
    for index, sign in enumerate(pack.signs):
        words = len(sign.text.split())
        if words > MAX_SIGN_WORDS:
            problems.append(f"safety.toml: signs[{index}] ({sign.id}): {words} words; "
                            f"keep a sign to {MAX_SIGN_WORDS} or fewer")
        if use_textstat and grade(sign.text + ".") > MAX_SIGN_GRADE:
            problems.append(f"safety.toml: signs[{index}] ({sign.id}): grade {grade(sign.text + '.'):.1f}; "
                            f"keep a sign at grade {MAX_SIGN_GRADE:g} or below")
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


def structure_problems(pack: Pack) -> list[str]:
    """Concerns without the key points every concern should open with."""
    return [f"{concern.file}: key_points: missing; give 2 to 4 short points a person could read alone"
            for concern in pack.concerns if not concern.key_points]
