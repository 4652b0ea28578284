"""The patient page (``/``): tick concerns, add details, get the PDF or the HTML handout.

Works without JavaScript: a mistake comes back here, every one beside its
field at once, with everything typed kept.  "Next: choose your questions"
takes the same form to the second step (``pages/questions.py``), whose
"Back" comes here with everything typed kept.
"""

from __future__ import annotations

from flask import Response, request

from mbcprep.web import handouts, security
from mbcprep.web.page import FORM_BYTES, Page, site

PAGE = Page("patient", "patient.html", nav="nav_patient")

#: The patient form's fields as the library's request values: text fields, then tick boxes.
TEXT_FIELDS = ("name", "dob", "visit_date", "visit_time", "provider", "note", *handouts.CHOICE_FIELDS)
FLAG_FIELDS = ("large_print", "brief", "questions_only", "clinic")


def show(values: dict, problems: tuple[handouts.Problem, ...] = (), **context) -> str:
    """The page with the form as typed (``values``) and each problem beside its field."""
    library = site().library
    return PAGE.show(values=values, problems={problem.field: problem for problem in problems},
                     menu=handouts.concern_menu(library, site().language()), clinic_name=library.clinic_name,
                     choices=handouts.CHOICES, limits=handouts.TEXT_LIMITS,
                     **context)


def form_too_large():
    return show(handouts.FORM_DEFAULTS, form_problem="error_form_too_large"), 413


@PAGE.get("/")
def patient_page():
    return show(handouts.FORM_DEFAULTS)


@PAGE.post("/", limit=FORM_BYTES, too_large=form_too_large)
def patient_submit():
    values = typed_values(request.form)
    if request.form.get("action") == "back":  # from the second step: the form again, as typed
        return show(values)
    try:
        return handout_response(values, request.form.get("action", ""))
    except handouts.FormProblems as problems:
        return show(values, problems.problems), 422


def handout_response(values: dict, asked: str) -> Response:
    """The handout the form asks for (``asked``: a format the page offers, PDF otherwise), as a download or,
    for HTML, a page; ``FormProblems`` when the form cannot become one."""
    library, lang = site().library, site().language()
    fmt = asked if asked in handouts.PAGE_FORMATS else handouts.PAGE_FORMATS[0]
    handout_request = handouts.request_from_form(library, lang, values)
    handout = handouts.handout_file(library, handout_request, lang, fmt)
    if fmt == "html":
        return Response(handout.data, content_type=handout.media_type,
                        headers={"Content-Security-Policy": security.handout_policy(handout.data)})
    return Response(handout.data, content_type=handout.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{handout.filename}"'})


def typed_values(form) -> dict:
    """The patient form as sent: texts, the ticked concerns and the tick boxes (nothing else is read)."""
    values = {name: form.get(name, "") for name in TEXT_FIELDS}
    values["concerns"] = form.getlist("concerns")
    values.update({name: name in form for name in FLAG_FIELDS})
    return values
