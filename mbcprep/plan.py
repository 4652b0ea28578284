"""Request + pack -> Plan: decide what goes on the sheet, in which order.

This is the only place that decides content: which parts appear, their
order, de-duplication of questions and red flags, subtype text, and the
filling of ``{{ placeholders }}``.  Renderers (PDF, HTML, text) draw the plan
as it is, so all three formats carry the same words in the same order.
"""

from __future__ import annotations

import re

from mbcprep.errors import RequestError
from mbcprep.constants import PAPER_SIZES, SUBTYPES
from mbcprep.model.content import BulletList, Pack, Paragraph
from mbcprep.constants import RED_FLAG_LEVELS
from mbcprep.model.plan import (
    ConcernPart,
    HeaderLine,
    Plan,
    PlannedQuestionGroup,
    PlannedSection,
    PlannedSign,
    RedFlagPanel,
    SignGroup,
)
from mbcprep.model.request import Request
from mbcprep.pack import PLACEHOLDER

SYMPTOM_LOG_DAYS = 7
MEDICINE_ROWS = 6
OWN_QUESTION_LINES = 4
#: Questions each chosen concern adds (its high-priority ones first). Packs
#: offer more so educators can choose the order; the sheet keeps only the top
#: few so that five concerns still fit on a few pages.
QUESTIONS_PER_CONCERN = 4
QUESTIONS_PER_CONCERN_BRIEF = 2
#: How alike (difflib ratio) a typed word must be to a concern id, or to one
#: of its keywords, to be offered as "did you mean ...?".
ID_CUTOFF = 0.5
KEYWORD_CUTOFF = 0.8


def check_concern_ids(ids, pack: Pack, field: str = "concern") -> tuple[str, ...]:
    """Validate chosen ids against the pack; unknown ones get "did you mean" hints.

    Returns the ids de-duplicated, in the pack's order, so every handout for
    the same choices looks the same whatever order they were typed in.
    """
    chosen = [i.strip() for i in ids if i and i.strip()]
    if not chosen:
        raise RequestError("no concern chosen; name at least one with -c ID "
                           "(see 'mbcprep concerns'), or run 'mbcprep interactive'", field=field)
    known = pack.concern_ids
    for concern_id in chosen:
        if concern_id not in known:
            hints = suggest_concerns(concern_id, pack)
            hint = f" (did you mean {' or '.join(hints)}?)" if hints else ""
            raise RequestError(f'unknown concern "{concern_id}"{hint}; '
                               "see 'mbcprep concerns' for the list", field=field)
    wanted = set(chosen)
    return tuple(i for i in known if i in wanted)


def suggest_concerns(typed: str, pack: Pack, n: int = 3) -> list[str]:
    """Concern ids to offer for a word that is not an id, best first.

    People type what they feel ("headaches", "breathless"), not our ids
    ("brain", "lungs"), so a concern scores for an id that looks like the
    typed text and for each typed word that is (nearly) one of its keywords.
    """
    import difflib  # only on this error path

    def similarity(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, a, b).ratio()

    typed = typed.strip().casefold()
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


def placeholder_values(request: Request, pack: Pack) -> dict[str, str]:
    """Values for ``{{ group.field }}`` placeholders, with the pack's fallbacks."""
    clinic = request.clinic
    name = request.patient_name.strip()
    given = {
        "patient.name": name,
        "patient.first_name": name.split()[0] if name else "",
        "clinic.name": clinic.name if clinic else "",
        "clinic.phone": clinic.phone if clinic else "",
        "clinic.after_hours_phone": clinic.after_hours_phone if clinic else "",
        "provider.name": request.provider.strip(),
    }
    return {key: value.strip() or pack.fallbacks.get(key, "") for key, value in given.items()}


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Insert values into pack text.

    Substitution is a single pass over the pack's text: inserted values are
    never scanned again, so a name such as ``{{ 7*7 }}`` prints as typed and
    can never run as template code.

    Fallback words are written for the middle of a sentence ("your care
    team"); where a placeholder starts a sentence, the value's first letter
    is made a capital ("Your care team will ...").
    """

    def insert(match: re.Match) -> str:
        value = values.get(match.group(1), "")
        if _starts_sentence(text, match.start()):
            return _capitalize_first(value)
        return value

    return PLACEHOLDER.sub(insert, text)


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?"


def _capitalize_first(value: str) -> str:
    """Upper-case the first letter only when that gives one letter (not "ß" -> "SS")."""
    first = value[:1]
    if first.islower() and len(first.upper()) == 1:
        return first.upper() + value[1:]
    return value


def _question_key(text: str) -> str:
    """Questions that differ only in case, spacing or punctuation count as one."""
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def _header(request: Request, pack: Pack) -> tuple[HeaderLine, ...]:
    labels = pack.labels
    clinic = request.clinic
    lines = [
        (labels["patient"], request.patient_name),
        (labels["visit"], pack.dates.format_visit(request.visit) if request.visit else ""),
        (labels["provider"], request.provider),
    ]
    if clinic:
        lines += [
            (labels["clinic"], clinic.name),
            (labels["clinic_phone"], clinic.phone),
            (labels["after_hours_phone"], clinic.after_hours_phone),
            (labels["clinic_address"], clinic.address),
        ]
    return tuple(HeaderLine(label, value.strip()) for label, value in lines if value and value.strip())


def _red_flag_panel(request: Request, pack: Pack, concerns, fill) -> RedFlagPanel:
    """Every-sheet signs and the chosen concerns' signs, each once, grouped by what to do."""
    wanted = {sign.id for sign in pack.signs if sign.every_sheet}
    for concern in concerns:
        wanted.update(concern.red_flags)
    groups = []
    for level in RED_FLAG_LEVELS:
        signs = tuple(PlannedSign(fill(sign.text), fill(sign.why), sign.icon)
                      for sign in pack.signs if sign.id in wanted and sign.level == level)
        if signs:
            groups.append(SignGroup(level, pack.labels[f"{level.replace('-', '_')}_intro"], signs))
    phones = ()
    if request.clinic:
        phones = tuple(
            HeaderLine(label, number.strip())
            for label, number in ((pack.labels["clinic_phone"], request.clinic.phone),
                                  (pack.labels["after_hours_phone"], request.clinic.after_hours_phone))
            if number and number.strip()
        )
    return RedFlagPanel(tuple(groups), phones)


def plan_handout(request: Request, pack: Pack) -> Plan:
    """Decide everything the handout shows. Raises ``RequestError`` for bad requests."""
    if request.subtype not in SUBTYPES:
        raise RequestError(f'"{request.subtype}" is not a known subtype; choose one of: {", ".join(SUBTYPES)}',
                           field="subtype")
    if request.paper not in PAPER_SIZES:
        raise RequestError(f'"{request.paper}" is not a paper size; choose one of: {", ".join(PAPER_SIZES)}',
                           field="paper")
    ids = check_concern_ids(request.concerns, pack)
    concerns = [pack.concern(i) for i in ids]
    values = placeholder_values(request, pack)

    def fill(text: str) -> str:
        return fill_placeholders(text, values)

    red_flags = _red_flag_panel(request, pack, concerns, fill)

    parts: list[ConcernPart] = []
    if not request.questions_only:
        for concern in concerns:
            sections = []
            for section in concern.sections:
                body = () if request.brief else tuple(
                    Paragraph(fill(b.text)) if isinstance(b, Paragraph) else BulletList(tuple(fill(i) for i in b.items))
                    for b in section.body
                )
                sections.append(PlannedSection(
                    heading=fill(section.heading),
                    summary=fill(section.summary),
                    body=body,
                    subtype_text=fill(section.by_subtype.get(request.subtype, "")),
                ))
            parts.append(ConcernPart(concern.id, fill(concern.title), tuple(sections)))

    # Questions: one group per chosen concern, then the pack's general groups; each question once.
    seen: set[str] = set()
    groups: list[PlannedQuestionGroup] = []
    # The person's own concerns come first: they are why this sheet exists.
    per_concern = QUESTIONS_PER_CONCERN_BRIEF if request.brief else QUESTIONS_PER_CONCERN
    candidate_groups = [(c.title, c.questions, per_concern) for c in concerns]
    candidate_groups += [(g.title, g.questions, len(g.questions)) for g in pack.question_groups]
    for title, questions, limit in candidate_groups:
        ordered = sorted(questions, key=lambda q: q.priority != "high")  # stable: high first
        kept = []
        for question in ordered:
            text = fill(question.text)
            key = _question_key(text)
            if key not in seen and len(kept) < limit:
                seen.add(key)
                kept.append(text)
        if kept:
            groups.append(PlannedQuestionGroup(fill(title), tuple(kept)))

    symptom_items: list[str] = []
    if not request.questions_only:
        for concern in concerns:
            for item in concern.symptom_log:
                if item not in symptom_items:
                    symptom_items.append(item)

    review_date = pack.dates.format_date(pack.meta.last_reviewed, short=True)
    full_sheet = not request.questions_only
    return Plan(
        language=pack.meta.language,
        title=fill(pack.meta.title),
        subject=pack.labels["subject"],
        header=_header(request, pack),
        topics=tuple(fill(c.title) for c in concerns),
        patient_note=request.note.strip(),
        red_flags=red_flags if red_flags.groups else None,
        concern_parts=tuple(parts),
        question_groups=tuple(groups),
        own_question_lines=OWN_QUESTION_LINES,
        symptom_log_items=tuple(symptom_items),
        symptom_log_days=SYMPTOM_LOG_DAYS,
        show_medicines=full_sheet,
        medicine_rows=MEDICINE_ROWS,
        show_notes=full_sheet,
        review_line=pack.labels["review_line"].format(date=review_date),
        disclaimer=fill(pack.meta.disclaimer),
        labels=pack.labels,
        paper=request.paper,
        large_print=request.large_print,
        fillable=request.fillable,
        clinic_logo=request.clinic.logo if request.clinic else None,
        font=request.font,
        font_bold=request.font_bold,
    )

