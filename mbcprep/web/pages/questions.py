"""The patient page's second step (``/questions``): the questions for the concerns ticked, to choose from.

Works without JavaScript.  The first step's form comes here ("Next:
choose your questions"); once its values are checked, this page shows each
chosen concern's questions and the general groups ("Questions for any
visit", "What matters most to me"), the sheet's usual ones ticked, and how
many lines for the person's own questions.  Everything the first step
holds rides along in hidden fields, so the handout is made from this form
alone.  A mistake in the first step's values goes back there, beside its
field; "Back" goes there with everything kept (the ticks start again from
the usual ones next time).
"""

from __future__ import annotations

from flask import redirect, request, url_for

from mbcprep.web import handouts
from mbcprep.web.page import FORM_BYTES, Page, site
from mbcprep.web.pages import patient

PAGE = Page("questions", "questions.html")


def show(values: dict, handout_request, problems: tuple[handouts.Problem, ...] = (),
         ticked: set[str] | None = None) -> str:
    """The questions to tick for ``handout_request``'s concerns: the usual ones ticked, or ``ticked``."""
    library, lang = site().library, site().language()
    offers = handouts.questions_to_choose(library, lang, handout_request)
    if ticked is None:
        ticked = {question.id for group in offers for question in group.questions if question.default}
    titles = {concern.id: concern.title for concern in handouts.concern_menu(library, lang).entries}
    return PAGE.show(values=values, offers=offers, ticked=ticked, problems={p.field: p for p in problems},
                     topics=[titles[concern] for concern in handout_request.concerns],
                     own_choices=handouts.OWN_QUESTION_CHOICES,
                     own_lines=values.get("own_questions") or handouts.own_lines(handout_request))


def form_too_large():
    return patient.form_too_large()


@PAGE.get("/questions")
def questions_page():
    """The step has nothing to show without the first step's form (a reload, a bookmark, the language
    switch): the first step, in the language asked for."""
    return redirect(url_for("patient_page", lang=site().language()))


@PAGE.post("/questions", limit=FORM_BYTES, too_large=form_too_large)
def questions_step():
    """From the first step: its values checked, then the questions.  From this step: the handout."""
    library, lang = site().library, site().language()
    first = patient.typed_values(request.form)
    try:
        first_request = handouts.request_from_form(library, lang, first)
    except handouts.FormProblems as problems:
        return patient.show(first, problems.problems), 422
    if "questions_step" not in request.form:
        return show(first, first_request)
    values = {**first, "questions_step": True, "questions": request.form.getlist("questions"),
              "own_questions": request.form.get("own_questions", "")}
    try:
        return patient.handout_response(values, request.form.get("action", ""))
    except handouts.FormProblems as problems:
        mine = tuple(p for p in problems.problems if p.field in handouts.QUESTION_FIELDS)
        if mine:
            return show(values, first_request, mine, set(values["questions"])), 422
        return patient.show(first, problems.problems), 422
