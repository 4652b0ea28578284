"""The nurse page (``/roster``): upload a roster; its sheets are made in the background while a status page
(``/roster/job/<id>``) shows how far it is, refreshing itself (a script makes it smoother, and nothing needs
it); then see which rows failed (row number, column and reason, in the page's language) and download the
zip once (``/roster/download``)."""

from __future__ import annotations

from flask import Response, redirect, request, url_for

from mbcprep.web import rosters
from mbcprep.web.handouts import concern_menu
from mbcprep.web.jobs import START_METHOD, TooBusy
from mbcprep.web.page import FORM_BYTES, Page, download_response, site

PAGE = Page("roster", "roster.html", nav="nav_roster")
#: How long the upload's answer waits for a small roster to be done, so its page comes back finished.
WAIT_SECONDS = 1.0
#: How often the status page reloads itself without a script (the script asks more often).
REFRESH_SECONDS = 2


def show(**context) -> str:
    lang = site().language()
    return PAGE.show(clinic_name=site().library.clinic_name, menu=concern_menu(site().library, lang), **context)


def problem(key: str, with_clinic: bool, reason: str = "", status: int = 422):
    """The page again, with what is wrong with the roster beside the file input."""
    return show(file_problem=key, file_reason=reason, with_clinic=with_clinic), status


def roster_too_large():
    return problem("error_roster_too_big", True, status=413)


@PAGE.get("/roster")
def roster_page():
    return show(with_clinic=True)


# The roster is read from the upload itself; room above 2 MB for the form around it.
@PAGE.post("/roster", limit=rosters.ROSTER_BYTES + FORM_BYTES, too_large=roster_too_large)
def roster_submit():
    with_clinic = request.form.get("clinic", "server") == "server"
    upload = request.files.get("roster")
    data = upload.read(rosters.ROSTER_BYTES + 1) if upload is not None else b""
    if upload is None or (not upload.filename and not data):
        return problem("error_roster_missing", with_clinic)
    library, lang = site().library, site().language()
    try:
        day = rosters.read_roster_upload(library, data, lang, with_clinic, filename=upload.filename or "")
    except rosters.RosterProblem as roster_problem:
        return problem(roster_problem.key, with_clinic, roster_problem.reason)
    processes = rosters.processes_for(day)

    def work(on_row, should_stop):
        return rosters.make_roster_zip(library, day, processes, on_row, should_stop, START_METHOD)

    try:
        # Every row of the roster counts: those that failed as it was read are done already.
        job_id = site().jobs.start(len(day.jobs) + len(day.failures), work, done=len(day.failures))
    except TooBusy:
        return problem("error_roster_busy", with_clinic, status=503)
    site().jobs.wait(job_id, WAIT_SECONDS)
    # After a POST, the page to come back to: reloading it never sends the roster again.
    return redirect(url_for("roster_job", job_id=job_id, lang=lang), code=303)


@PAGE.get("/roster/job/<job_id>")
def roster_job(job_id: str):
    job = site().jobs.view(job_id)
    if job is None:
        return show(job_gone=True, with_clinic=True), 404
    lang = site().language()
    reasons = rosters.row_reasons(job.failures, lang) if job.finished else []
    return show(job=job, reasons=reasons, refresh=None if job.finished else REFRESH_SECONDS, with_clinic=True)


@PAGE.get("/roster/template.csv")
def roster_template():
    """The roster template, to fill in a spreadsheet (the same file as ``mbcprep batch --template``)."""
    template = rosters.roster_template()
    return Response(template.data, content_type=template.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{template.filename}"'})


@PAGE.post("/roster/download", limit=FORM_BYTES)
def roster_download():
    response = download_response()
    return response if response is not None else (show(expired=True, with_clinic=True), 410)
