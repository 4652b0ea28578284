"""Request + pack -> Plan: decide everything the sheet shows, part by part, in order.

This is the only place that decides content: which parts appear and in
which order, how many questions, lines and rows each has (the sheet's page
budget is ``mbcprep.plan.budget``), the signs in the "Get help now" panel,
sentences said once, medical words explained once, subtype text, and the
filling of ``{{ placeholders }}``, and the name of every form field (after
``mbcprep.model.form``'s scheme).  Renderers (PDF, HTML, text) draw the plan's
parts as they are, so all three formats carry the same words in the same
order.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from mbcprep.constants import HER2_NEGATIVE, NOT_SURE, RED_FLAG_LEVELS
from mbcprep.model.content import BulletList, Concern, Pack, Paragraph
from mbcprep.model.form import PHONE_FIELDS, field_name, grid_fields, numbered_fields, question_fields
from mbcprep.model.plan import (
    ChosenConcern,
    ConcernNotes,
    ConcernNotesPart,
    Footer,
    GetHelpNowPart,
    HeaderLine,
    HeaderPart,
    HowToUsePart,
    MedicinesPart,
    NotesPart,
    Plan,
    PlannedPicture,
    PlannedQuestionGroup,
    PlannedSection,
    PlannedSign,
    QuestionOffer,
    QuestionOffers,
    QuestionsPart,
    SignGroup,
    SourcesPart,
    SymptomLogPart,
    TopicsPart,
    TopQuestionsPart,
)
from mbcprep.model.request import Request
from mbcprep.pack.schema import PLACEHOLDER
from mbcprep.plan.budget import BUDGETS, SYMPTOM_LOG_DAYS, TOP_QUESTION_LINES, Budget
from mbcprep.plan.words import FirstUseExplainer, SaidOnce, content_words, fill_placeholders, near_duplicate

#: Steps of "How to use this sheet": the label of each, and the part it needs on the sheet.
HOW_TO_STEPS = (
    ("step_read_notes", "concern_notes"),
    ("step_tick_questions", "questions"),
    ("step_top_questions", "top_questions"),
    ("step_symptom_log", "symptom_log"),
    ("step_medicines", "medicines"),
    ("step_interpreter", None),  # a free medical interpreter at the visit: every sheet, every language
    ("step_bring", None),
)
#: The drawing that tells one kind of action from another in the panel (each level has its own caption).
SIGN_GROUP_ICONS = {"emergency": "emergency", "crisis": "crisis", "call-now": "call", "call-today": "call"}
#: The panel's lines beside the numbers, on every sheet: no answer (go to the emergency room), hospice, interpreter.
HELP_ADVICE = ("help_no_answer", "help_hospice", "help_interpreter")


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


def plan_handout(request: Request, pack: Pack) -> Plan:
    """Decide everything the handout shows.

    Trusts the request: ``mbcprep.request`` checked every value, and the
    concern ids against this pack.  The chosen concerns appear in the pack's order.
    """
    concerns = _chosen_concerns(request, pack)
    mode = _mode(request)
    sheet = _SheetWords(pack, request)
    labels = pack.labels
    title = sheet.fill(pack.meta.title)

    parts: list = [_header_part(request, pack, title), _get_help_now_part(request, pack, concerns, sheet)]
    # Concern notes are planned before the questions, in print order, so a word is
    # explained, and a sentence said, where the reader meets it first.
    notes = None if mode == "questions_only" else _concern_notes_part(request, pack, concerns, sheet)
    planned = _questions_part(request, pack, concerns, sheet, BUDGETS[mode])  # after the notes: words explained
    # None when no question was chosen, and there is no line for one of the person's own.
    questions = planned if planned.groups or planned.own_fields else None
    budget = BUDGETS[mode]
    log = _symptom_log_part(pack, concerns) if budget.symptom_log else None
    if mode != "questions_only":
        present = {"concern_notes", "top_questions"}
        present |= {"questions"} if questions else set()
        present |= {"symptom_log"} if log else set()
        present |= {"medicines"} if budget.medicine_rows else set()
        parts += [
            HowToUsePart(labels["how_to_use_heading"],
                         tuple(labels[key] for key, needs in HOW_TO_STEPS if needs is None or needs in present)),
            TopQuestionsPart(labels["top_questions_heading"], numbered_fields("top_question", TOP_QUESTION_LINES)),
            TopicsPart(labels["topics_heading"], tuple(sheet.fill(c.title) for c in concerns),
                       labels["patient_note"], request.note.strip()),
            notes,
        ]
        if questions is not None:
            parts.append(questions)
        if log is not None:
            parts.append(log)
        if budget.medicine_rows:
            columns = (labels["medicine_name"], labels["medicine_dose"], labels["medicine_when"])
            parts.append(MedicinesPart(labels["medicines_heading"], labels["medicines_intro"], columns,
                                       grid_fields("medicine", budget.medicine_rows, len(columns))))
        parts.append(NotesPart(labels["notes_heading"], budget.notes_min_lines, field_name("notes")))
    elif questions is not None:
        parts.append(questions)
    parts.append(_sources_part(pack))

    review_date = pack.dates.format_date(pack.meta.last_reviewed, short=True)
    return Plan(
        language=pack.meta.language,
        title=title,
        # Decided from the template: a title that can hold a placeholder is never
        # used as metadata, whatever the values happen to be.
        document_title=labels["subject"] if PLACEHOLDER.search(pack.meta.title) else pack.meta.title,
        subject=labels["subject"],
        running_head=" \u00b7 ".join(t for t in (title, *_identifiers(request, pack)) if t),
        parts=tuple(parts),
        footer=Footer(
            disclaimer=sheet.fill(pack.meta.disclaimer),
            review_line=labels["review_line"].format(date=review_date),
            not_reviewed_line="" if pack.meta.clinician_reviewed else labels["not_reviewed_line"],
            page_label=labels["page_footer"],
        ),
        labels=labels,
        paper=request.paper,
        pack_id=pack.meta.id,
        pack_version=pack.meta.version,
        visit=request.visit,
        concerns=tuple(ChosenConcern(concern.id, sheet.fill(concern.title)) for concern in concerns),
        large_print=request.large_print,
        fillable=request.fillable,
        font=request.font,
        font_bold=request.font_bold,
    )


def question_offers(request: Request, pack: Pack) -> tuple[QuestionOffers, ...]:
    """The questions a person can choose for this request's concerns, by group in print order, each marked
    when the sheet prints it unless the person says otherwise: what the interactive step and the web page's
    second step show, ticked as the page budget would tick them."""
    plain = replace(request, questions=(), default_questions=True)
    concerns = _chosen_concerns(plain, pack)
    sheet = _SheetWords(pack, plain)
    part = _questions_part(plain, pack, concerns, sheet, BUDGETS[_mode(plain)])
    defaults = {question_id for group in part.groups for question_id in group.ids}
    return tuple(QuestionOffers(group.id, sheet.fill(group.title),
                                tuple(QuestionOffer(q.id, sheet.fill(q.text), q.id in defaults)
                                      for q in sorted(group.questions, key=lambda q: q.priority != "high")))
                 for group in pack.question_groups_for(request.concerns))


def own_question_lines(request: Request) -> int:
    """How many lines for the person's own questions the sheet has: as chosen, else the page budget's."""
    return BUDGETS[_mode(request)].own_question_lines if request.own_questions is None else request.own_questions


def _mode(request: Request) -> str:
    """Which page budget the sheet has (``BUDGETS``)."""
    return "questions_only" if request.questions_only else "brief" if request.brief else "full"


def _chosen_concerns(request: Request, pack: Pack) -> list[Concern]:
    chosen = set(request.concerns)
    return [concern for concern in pack.concerns if concern.id in chosen]


class _SheetWords:
    """The words of this sheet: placeholders filled, said once, explained at first use.

    ``text`` and ``items`` take pack text in the order the sheet prints it.
    """

    def __init__(self, pack: Pack, request: Request):
        self.values = placeholder_values(request, pack)
        self.said = SaidOnce()
        self.explainer = FirstUseExplainer(pack.glossary)

    def fill(self, text: str) -> str:
        """Placeholders only: for titles, headings and signs, which are never changed otherwise."""
        return fill_placeholders(text, self.values)

    def text(self, text: str) -> str:
        """A paragraph: sentences already said dropped, medical words explained, values filled in."""
        return self.fill(self.explainer.explain(self.said.paragraph(text)))

    def items(self, items) -> tuple[str, ...]:
        return tuple(self.fill(self.explainer.explain(item)) for item in self.said.items(items))

    def question(self, text: str) -> str:
        return self.fill(self.explainer.explain(text))


def _identifier_lines(request: Request, pack: Pack) -> list[tuple[str, str]]:
    """Who the sheet is for, as the header prints it: the name, the date of birth, the record number if asked."""
    labels = pack.labels
    return [
        (labels["patient"], request.patient_name),
        (labels["date_of_birth"], pack.dates.format_date(request.dob, short=True) if request.dob else ""),
        (labels["record_number"], request.mrn if request.print_mrn else ""),
    ]


def _identifiers(request: Request, pack: Pack) -> tuple[str, ...]:
    """The identifiers for the running head of later pages: the name alone, the others with their labels.

    A loose page must say whose it is by two identifiers (The Joint
    Commission's NPSG.01.01.01), as page 1 does.
    """
    name, *others = [(label, value.strip()) for label, value in _identifier_lines(request, pack)]
    return (name[1], *(f"{label}: {value}" for label, value in others if value))


def _header_part(request: Request, pack: Pack, title: str) -> HeaderPart:
    labels = pack.labels
    clinic = request.clinic
    lines = [
        *_identifier_lines(request, pack),
        (labels["visit"], pack.dates.format_visit(request.visit) if request.visit else ""),
        (labels["provider"], request.provider),
    ]
    if clinic:
        lines += [(labels["clinic"], clinic.name), (labels["clinic_address"], clinic.address)]
    return HeaderPart(
        title=title,
        lines=tuple(HeaderLine(label, value.strip()) for label, value in lines if value and value.strip()),
        logo=clinic.logo if clinic else None,  # checked when the clinic was read; both renderers draw these bytes
        logo_text=clinic.name.strip() if clinic else "",
    )


def _get_help_now_part(request: Request, pack: Pack, concerns: list[Concern], sheet: _SheetWords) -> GetHelpNowPart:
    """Every-sheet signs and the chosen concerns' signs, each once, grouped by what to do."""
    labels = pack.labels
    wanted = {sign.id for sign in pack.signs if sign.every_sheet}
    for concern in concerns:
        wanted.update(concern.red_flags)
    groups = []
    for level in RED_FLAG_LEVELS:
        signs = tuple(PlannedSign(sheet.fill(sign.text), sheet.fill(sign.why), sign.icon)
                      for sign in pack.signs if sign.id in wanted and sign.level == level)
        if signs:
            key = level.replace("-", "_")
            groups.append(SignGroup(level, labels[f"{key}_intro"], signs, SIGN_GROUP_ICONS[level],
                                    labels[f"icon_{key}"]))
    clinic = request.clinic
    phones: tuple[HeaderLine, ...] = ()
    if clinic:
        phones = tuple(HeaderLine(label, number.strip())
                       for label, number in ((labels["clinic_phone"], clinic.phone),
                                             (labels["after_hours_phone"], clinic.after_hours_phone))
                       if number and number.strip())
    write_in = () if phones else (labels["write_in_care_team"], labels["after_hours_phone"])
    return GetHelpNowPart(labels["red_flags_heading"], tuple(groups), labels["phones_intro"], phones, write_in,
                          labels["continued"], PHONE_FIELDS[:len(write_in)],
                          tuple(labels[key] for key in HELP_ADVICE))


def _concern_notes_part(request: Request, pack: Pack, concerns: list[Concern], sheet: _SheetWords
                        ) -> ConcernNotesPart:
    labels = pack.labels
    notes = []
    for concern in concerns:
        sheet.said.owner = concern.id
        key_points = sheet.items(concern.key_points)
        sections = []
        for section in concern.sections:
            keys = subtype_keys(request.hormone_receptor, request.her2)
            texts = [section.by_subtype[key] for key in keys if key in section.by_subtype]
            unknown = keys == ("unknown",)
            body = () if request.brief else tuple(_planned_blocks(
                (*section.body, *(block for text in texts for block in text)) if unknown else section.body, sheet))
            report = () if request.brief else sheet.items(section.report_signs)
            sections.append(PlannedSection(
                heading=sheet.fill(section.heading),
                summary=sheet.text(section.summary),
                body=body,
                report_signs=report,
                subtype=() if unknown else tuple(_planned_blocks((b for text in texts for b in text), sheet)),
                # Full sheets only: a picture shows what the body explains (the bones picture, the spinal
                # cord of its first paragraph), and a brief sheet has room for none (large print).
                picture=PlannedPicture(section.picture, sheet.fill(section.picture_caption))
                if section.picture and not request.brief else None,
            ))
        notes.append(ConcernNotes(concern.id, sheet.fill(concern.title), key_points, tuple(sections)))
    return ConcernNotesPart(labels["concerns_heading"], tuple(notes), labels["key_points_heading"],
                            labels["report_signs_intro"], labels["subtype_heading"])


def subtype_keys(hormone_receptor: str, her2: str) -> tuple[str, ...]:
    """The ``by_subtype`` texts that print for these two answers, in print order (``constants.SUBTYPE_TEXT_KEYS``).

    Hormone receptor first, then HER2: a cancer can be both hormone
    receptor-positive and HER2-low, and the sheet says both.  Hormone
    receptor-negative with a HER2-negative result (zero, ultralow, low) is
    triple-negative, which has its own text; "unknown" when neither answer was given.
    """
    keys = []
    if hormone_receptor == "negative" and her2 in HER2_NEGATIVE:
        keys.append("triple-negative")
    elif hormone_receptor != NOT_SURE:
        keys.append(f"hr-{hormone_receptor}")
    if her2 != NOT_SURE:
        keys.append(f"her2-{her2}")
    return tuple(keys) or ("unknown",)


def _planned_blocks(blocks, sheet: _SheetWords):
    """Body blocks with repeated sentences and items dropped; empty blocks go."""
    for block in blocks:
        if isinstance(block, Paragraph):
            text = sheet.text(block.text)
            if text:
                yield Paragraph(text)
        else:
            items = sheet.items(block.items)
            if items:
                yield BulletList(items)


def _questions_part(request: Request, pack: Pack, concerns: list[Concern], sheet: _SheetWords,
                    budget: Budget) -> QuestionsPart:
    """The person's own concerns' questions first (they are why this sheet exists), then general ones.

    Each group prints the questions the person chose (``request.questions``)
    and, unless they asked for only those, the page budget's few
    (``_budget_picks``), in the group's order, high priority first.  Each
    question once: a chosen question the sheet already asks in the same
    words (two concerns can share one) is left out, and so is a budget's
    pick that says nearly what an earlier question says.
    """
    labels = pack.labels
    chosen = set(request.questions)
    concern_ids = frozenset(c.id for c in concerns)
    per_concern = max(1, min(budget.questions_per_concern, budget.concern_questions // max(1, len(concerns))))
    remaining = budget.general_questions
    asked: list[frozenset[str]] = []
    filler = pack.filler_words
    numbers = itertools.count(1)  # each question's number on the sheet, in print order
    groups: list[PlannedQuestionGroup] = []
    for group in pack.question_groups_for(concern_ids):
        general = group.id not in concern_ids
        ordered = sorted(group.questions, key=lambda q: q.priority != "high")  # stable: high first
        picks, counted = (_budget_picks(ordered, remaining if general else per_concern, concern_ids, asked, filler)
                          if request.default_questions else (set(), 0))
        if general:
            remaining -= counted
        kept = []
        for position, question in enumerate(ordered):
            words = content_words(question.text, filler)
            if position in picks or (question.id in chosen and words not in asked):
                asked.append(words)
                kept.append(question)
        if kept:
            groups.append(PlannedQuestionGroup(sheet.fill(group.title), tuple(sheet.question(q.text) for q in kept),
                                               tuple(question_fields(next(numbers)) for _ in kept),
                                               tuple(question.id for question in kept)))
    return QuestionsPart(labels["questions_heading"], labels["questions_intro"], tuple(groups),
                         budget.answer_lines, labels["answer_to"], labels["own_questions_heading"],
                         numbered_fields("own_question", own_question_lines(request)), labels["continued"],
                         chosen=request.questions_chosen)


def _budget_picks(ordered, limit: int, concern_ids: frozenset[str], asked: list[frozenset[str]],
                  filler: frozenset[str]) -> tuple[set[int], int]:
    """The positions (in ``ordered``) of the group's questions the page budget prints, and how many of its
    ``limit`` they take: the first ``limit`` that say nothing an earlier question said, and besides them any
    the pack makes a default on a sheet with one of these concerns (``default_with``)."""
    picks: set[int] = set()
    seen = list(asked)
    counted = 0
    for position, question in enumerate(ordered):
        extra = not concern_ids.isdisjoint(question.default_with)
        if counted >= limit and not extra:
            continue
        if near_duplicate(question.text, seen, filler):
            continue
        seen.append(content_words(question.text, filler))
        picks.add(position)
        counted += 0 if extra else 1
    return picks, counted


def _symptom_log_part(pack: Pack, concerns: list[Concern]) -> SymptomLogPart | None:
    items: list[str] = []
    for concern in concerns:
        for item in concern.symptom_log:
            if item not in items:
                items.append(item)
    if not items:
        return None
    labels = pack.labels
    days = tuple(labels["symptom_log_day"].format(n=d) for d in range(1, SYMPTOM_LOG_DAYS + 1))
    return SymptomLogPart(labels["symptom_log_heading"], labels["symptom_log_intro"], labels["symptom_column"],
                          days, tuple(items), labels["scale_low"], labels["scale_high"],
                          grid_fields("symptom", len(items), len(days)))


def _sources_part(pack: Pack) -> SourcesPart:
    """Organisation names, once each, in the pack's order; the address where the pack asks for it."""
    names: list[str] = []
    for source in pack.meta.sources:
        name = f"{source.organisation} ({source.url})" if source.show_url else source.organisation
        if name not in names and source.organisation not in names:
            names.append(name)
    return SourcesPart(pack.labels["sources_heading"], "; ".join(names))
