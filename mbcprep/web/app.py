"""The pages of ``mbcprep serve``: a patient makes a sheet (``/``), a nurse makes a clinic day's (``/roster``),
the care team reads a filled-in sheet back as a visit summary (``/summary``).

Patient data arrives only in POST bodies and leaves only as the response:
nothing is written to disk, and a roster's zip or a summary's PDF waits in
memory for one download (``downloads.py``).  Every call into the library goes through
``handouts.py`` (``summaries.py`` for ``/summary``); the safety rules live in ``security.py``; every word on the
pages comes from ``words.toml`` in the page's language.
"""

from __future__ import annotations

import io
import logging

from flask import Flask, Request, Response, current_app, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from mbcprep.web import handouts, security, summaries
from mbcprep.web.downloads import Downloads
from mbcprep.web.words import words

LOG = logging.getLogger("mbcprep.web")

#: The patient form's fields as the library's request values: text fields, then tick boxes.
TEXT_FIELDS = ("name", "visit_date", "visit_time", "provider", "note", "hormone_receptor", "her2", "paper")
FLAG_FIELDS = ("large_print", "brief", "questions_only", "clinic")
#: What the patient form shows before anything is typed.
FORM_DEFAULTS = {"hormone_receptor": "not-sure", "her2": "not-sure", "paper": "letter", "clinic": True,
                 "concerns": ()}


class InMemoryRequest(Request):
    """A request whose uploads stay in memory: Werkzeug would spool one over 500 KB to a temporary file."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


def create_app(library: handouts.Library, hosts: frozenset[str], origins: frozenset[str],
               downloads: Downloads | None = None) -> Flask:
    """The web application for one server: its packs and clinic, the addresses it answers, its downloads."""
    app = Flask(__name__, template_folder=handouts.template_folder(), static_folder=handouts.static_folder(),
                static_url_path="/static")
    app.request_class = InMemoryRequest
    app.config.update(MAX_CONTENT_LENGTH=handouts.FORM_BYTES, TEMPLATES_AUTO_RELOAD=False)
    app.extensions["mbcprep"] = {"library": library, "downloads": downloads or Downloads()}
    # The roster is read from the upload itself; room above 2 MB for the form around it.
    security.install(app, hosts, origins, limits={"/": handouts.FORM_BYTES,
                                                  "/roster": handouts.ROSTER_BYTES + handouts.FORM_BYTES,
                                                  "/roster/download": handouts.FORM_BYTES,
                                                  "/summary": summaries.SUMMARY_BYTES + handouts.FORM_BYTES,
                                                  "/summary/download": handouts.FORM_BYTES})

    @app.get("/")
    def patient_page():
        return page("patient.html", values=FORM_DEFAULTS)

    @app.post("/")
    def patient_submit():
        lang = page_language()
        values = typed_values(request.form)
        fmt = "html" if request.form.get("action") == "html" else "pdf"
        try:
            handout_request = handouts.request_from_form(library, lang, values)
            handout = handouts.render_handout(library, handout_request, lang, fmt)
        except handouts.FormProblems as problems:
            return page("patient.html", values=values, problems=problems.problems), 422
        if fmt == "html":
            return Response(handout.data, content_type=handout.media_type,
                            headers={"Content-Security-Policy": security.handout_policy(handout.data)})
        return Response(handout.data, content_type=handout.media_type,
                        headers={"Content-Disposition": f'attachment; filename="{handout.filename}"'})

    @app.get("/roster")
    def roster_page():
        return page("roster.html", with_clinic=True)

    @app.post("/roster")
    def roster_submit():
        with_clinic = request.form.get("clinic", "server") == "server"
        upload = request.files.get("roster")
        data = upload.read(handouts.ROSTER_BYTES + 1) if upload is not None else b""
        if upload is None or (not upload.filename and not data):
            return roster_problem("error_roster_missing", with_clinic)
        try:
            result = handouts.handouts_from_roster(library, data, page_language(), with_clinic)
        except handouts.RosterProblem as problem:
            return roster_problem(problem.key, with_clinic, problem.reason)
        token = None
        if result.zip_data is not None:
            token = app.extensions["mbcprep"]["downloads"].put(result.zip_data, result.filename, "application/zip")
        return page("roster.html", result=result, token=token, with_clinic=with_clinic)

    @app.post("/roster/download")
    def roster_download():
        download = app.extensions["mbcprep"]["downloads"].take(request.form.get("token", ""))
        if download is None:
            return page("roster.html", expired=True, with_clinic=True), 410
        return Response(download.data, content_type=download.media_type,
                        headers={"Content-Disposition": f'attachment; filename="{download.filename}"'})

    def roster_problem(key: str, with_clinic: bool, reason: str = ""):
        return page("roster.html", file_problem=key, file_reason=reason, with_clinic=with_clinic), 422

    @app.get("/summary")
    def summary_page():
        return page("summary.html")

    @app.post("/summary")
    def summary_submit():
        upload = request.files.get("handout")
        data = upload.read(summaries.SUMMARY_BYTES + 1) if upload is not None else b""
        if upload is None or (not upload.filename and not data):
            return summary_problem("error_summary_missing")
        try:
            summary = summaries.read_summary(data)
            if request.form.get("action") == "pdf":
                pdf = summaries.summary_file(summary, "pdf")
                return Response(pdf.data, content_type=pdf.media_type,
                                headers={"Content-Disposition": f'attachment; filename="{pdf.filename}"'})
            text = summaries.summary_file(summary, "txt").data.decode("utf-8")
            pdf = summaries.summary_file(summary, "pdf")
        except summaries.SummaryProblem as problem:
            return summary_problem(problem.key)
        except Exception as error:  # a bug: said beside the file like any other problem; the type only in the log
            LOG.error("error while answering %s %s: %s", request.method, request.url_rule, type(error).__name__)
            return summary_problem("error_summary_internal", 500)
        token = app.extensions["mbcprep"]["downloads"].put(pdf.data, pdf.filename, pdf.media_type)
        return page("summary.html", summary=summary, summary_text=text, token=token,
                    marks=summaries.summary_marks(), change_text=summaries.change_text)

    @app.post("/summary/download")
    def summary_download():
        download = app.extensions["mbcprep"]["downloads"].take(request.form.get("token", ""))
        if download is None:
            return page("summary.html", expired=True), 410
        return Response(download.data, content_type=download.media_type,
                        headers={"Content-Disposition": f'attachment; filename="{download.filename}"'})

    def summary_problem(key: str, status: int = 422):
        return page("summary.html", file_problem=handouts.Problem("handout", key)), status

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_error):
        if request.path == "/roster":
            return roster_problem("error_roster_too_big", True)[0], 413
        if request.path == "/summary":
            return summary_problem("error_summary_too_large", 413)
        return page("patient.html", values=FORM_DEFAULTS, form_problem="error_form_too_large"), 413

    @app.errorhandler(HTTPException)
    def refused(error: HTTPException):
        key = getattr(error, "words_key", None) or {404: "refused_not_found", 405: "refused_method"}.get(
            error.code, "refused_error")
        return page("refused.html", message_key=key), error.code

    @app.errorhandler(Exception)
    def failed(error: Exception):
        # The type only: a message may quote what a person typed.
        LOG.error("error while answering %s %s: %s", request.method, request.url_rule, type(error).__name__)
        return page("refused.html", message_key="refused_error"), 500

    return app


def page_language() -> str:
    """``?lang=es`` or ``?lang=en`` when given (the switch link sets it), else the browser's preference."""
    asked = request.args.get("lang", "")
    if asked in handouts.LANGUAGES:
        return asked
    return request.accept_languages.best_match(handouts.LANGUAGES) or handouts.LANGUAGES[0]


def page(template: str, **context) -> str:
    """A page in the request's language, with what every page needs."""
    lang = page_language()
    library = current_app.extensions["mbcprep"]["library"]
    other = next(code for code in handouts.LANGUAGES if code != lang)
    problems = {problem.field: problem for problem in context.pop("problems", ())}
    return render_template(template, lang=lang, other_lang=other, w=words(lang), other_w=words(other),
                           menu=handouts.concern_menu(library, lang), clinic_name=library.clinic_name,
                           hormone_receptor_choices=handouts.HORMONE_RECEPTOR_CHOICES,
                           her2_choices=handouts.HER2_CHOICES, papers=handouts.PAPER_CHOICES,
                           name_chars=handouts.NAME_CHARS, note_chars=handouts.NOTE_CHARS,
                           problems=problems, **context)


def typed_values(form) -> dict:
    """The patient form as sent: texts, the ticked concerns and the tick boxes (nothing else is read)."""
    values = {name: form.get(name, "") for name in TEXT_FIELDS}
    values["concerns"] = form.getlist("concerns")
    values.update({name: name in form for name in FLAG_FIELDS})
    return values
