"""The nurse page (``/roster``): upload a roster, see which rows failed (row number and reason only),
download the zip once (``/roster/download``)."""

from __future__ import annotations

from flask import Response, request

from mbcprep.web import handouts
from mbcprep.web.page import FORM_BYTES, Page, download_response, site

PAGE = Page("roster", "roster.html", nav="nav_roster")


def show(**context) -> str:
    return PAGE.show(clinic_name=site().library.clinic_name, **context)


def problem(key: str, with_clinic: bool, reason: str = "", status: int = 422):
    """The page again, with what is wrong with the roster beside the file input."""
    return show(file_problem=key, file_reason=reason, with_clinic=with_clinic), status


def roster_too_large():
    return problem("error_roster_too_big", True, status=413)


@PAGE.get("/roster")
def roster_page():
    return show(with_clinic=True)


# The roster is read from the upload itself; room above 2 MB for the form around it.
@PAGE.post("/roster", limit=handouts.ROSTER_BYTES + FORM_BYTES, too_large=roster_too_large)
def roster_submit():
    with_clinic = request.form.get("clinic", "server") == "server"
    upload = request.files.get("roster")
    data = upload.read(handouts.ROSTER_BYTES + 1) if upload is not None else b""
    if upload is None or (not upload.filename and not data):
        return problem("error_roster_missing", with_clinic)
    try:
        result = handouts.handouts_from_roster(site().library, data, site().language(), with_clinic,
                                               filename=upload.filename or "")
    except handouts.RosterProblem as roster_problem:
        return problem(roster_problem.key, with_clinic, roster_problem.reason)
    token = None
    if result.zip_data is not None:
        token = site().downloads.put(result.zip_data, result.filename, "application/zip")
    return show(result=result, token=token, with_clinic=with_clinic)


@PAGE.get("/roster/template.csv")
def roster_template():
    """The roster template, to fill in a spreadsheet (the same file as ``mbcprep batch --template``)."""
    template = handouts.roster_template()
    return Response(template.data, content_type=template.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{template.filename}"'})


@PAGE.post("/roster/download", limit=FORM_BYTES)
def roster_download():
    response = download_response()
    return response if response is not None else (show(expired=True, with_clinic=True), 410)
