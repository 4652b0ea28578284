"""Reading figures for a content pack: everything a sheet prints, graded where an educator can fix it.

Each language is graded with a formula made for it (``SCALES``): English
with the Flesch-Kincaid grade (lower is easier) and the Dale-Chall score
for common words; Spanish with Fernandez-Huerta (higher is easier) and
Szigriszt-Pazos.  The formulas need textstat, which is optional (it is in
the ``test`` extra): educators who install it get figures from ``mbcprep
content check``; everyone else still gets validation and the checks that
need no library (sentence and sign length, glossary coverage).  Pinned to
0.7.4, which counts syllables with pyphen and never downloads data.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from mbcprep.model.content import Concern, Pack, Paragraph

MAX_SENTENCE_WORDS = 20
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

    language: str  # textstat's language code, for syllable counting
    name: str
    formula: str  # textstat function name
    part_limit: float
    pack_limit: float
    sign_limit: float | None  # None: a formula that cannot grade a few words alone
    lower_is_easier: bool
    vocabulary_name: str
    vocabulary_formula: str
    notes_limit: int  # characters a concern's notes may print on a full sheet (the page budget)

    def score(self, text: str) -> float:
        return _textstat_score(self.language, self.formula, text)

    def vocabulary(self, text: str) -> float:
        return _textstat_score(self.language, self.vocabulary_formula, text)

    def too_hard(self, value: float, limit: float) -> bool:
        return value > limit if self.lower_is_easier else value < limit

    def aim(self) -> str:
        word = "at most" if self.lower_is_easier else "at least"
        return f"{self.name}: aim for {self.pack_limit:g}, {word} {self.part_limit:g} for each part"


#: Language (the first part of a pack's tag) -> how its text is graded.
SCALES = {
    "en": ReadingScale("en", "Flesch-Kincaid grade", "flesch_kincaid_grade", part_limit=7.0, pack_limit=6.0,
                       sign_limit=6.0, lower_is_easier=True, vocabulary_name="Dale-Chall (under 6: common words)",
                       vocabulary_formula="dale_chall_readability_score", notes_limit=1150),
    "es": ReadingScale("es", "Fernandez-Huerta", "fernandez_huerta", part_limit=70.0, pack_limit=75.0,
                       sign_limit=None, lower_is_easier=False,
                       vocabulary_name="Szigriszt-Pazos (65 or more: easy)", vocabulary_formula="szigriszt_pazos",
                       notes_limit=1380),  # Spanish says the same in about 20% more letters
}


def scale_for(language: str) -> ReadingScale:
    """The grading for a pack's language tag ("es-US" -> Spanish); English when there is none for it."""
    return SCALES.get(language.split("-")[0].lower(), SCALES["en"])


def _textstat_score(language: str, formula: str, text: str) -> float:
    import textstat

    textstat.set_lang(language)  # syllables are counted per language
    return float(getattr(textstat, formula)(text))


# English figures, kept for callers that grade English text directly.
MAX_SECTION_GRADE = SCALES["en"].part_limit
MAX_PACK_GRADE = SCALES["en"].pack_limit

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
    scale = scale_for(pack.meta.language)
    problems = []
    for index, sign in enumerate(pack.signs):
        words = len(sign.text.split())
        if words > MAX_SIGN_WORDS:
            problems.append(f"safety.toml: signs[{index}] ({sign.id}): {words} words; "
                            f"keep a sign to {MAX_SIGN_WORDS} or fewer")
        if use_textstat and scale.sign_limit is not None:
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

    Subtype text is left out: it prints only for one subtype, and only when
    the person said which they have.
    """
    pieces = list(concern.key_points)
    for section in concern.sections:
        pieces.append(section.summary)
        pieces += [block.text if isinstance(block, Paragraph) else " ".join(block.items) for block in section.body]
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
