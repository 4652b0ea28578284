"""The care team's page (``/summary``): upload a filled-in handout, read its visit summary here or download
the one-page PDF (once, from ``/summary/download``)."""

from __future__ import annotations

import logging

from flask import Response, request

from mbcprep.web import handouts, summaries
from mbcprep.web.page import FORM_BYTES, Page, download_response, site

PAGE = Page("summary", "summary.html", nav="nav_summary")
LOG = logging.getLogger("mbcprep.web")


def problem(key: str, status: int = 422):
    """The page again, with what is wrong with the file beside the file input."""
    return PAGE.show(file_problem=handouts.Problem("handout", key)), status


def summary_too_large():
    return problem("error_summary_too_large", 413)


@PAGE.get("/summary")
def summary_page():
    return PAGE.show()


@PAGE.post("/summary", limit=summaries.SUMMARY_BYTES + FORM_BYTES, too_large=summary_too_large)
def summary_submit():
    upload = request.files.get("handout")
    data = upload.read(summaries.SUMMARY_BYTES + 1) if upload is not None else b""
    if upload is None or (not upload.filename and not data):
        return problem("error_summary_missing")
    try:
        summary = summaries.read_summary(data)
        if request.form.get("action") == "pdf":
            pdf = summaries.summary_file(summary, "pdf")
            return Response(pdf.data, content_type=pdf.media_type,
                            headers={"Content-Disposition": f'attachment; filename="{pdf.filename}"'})
        text = summaries.summary_file(summary, "txt").data.decode("utf-8")
        pdf = summaries.summary_file(summary, "pdf")
    except summaries.SummaryProblem as summary_problem:
        return problem(summary_problem.key)
    except Exception as error:  # a bug: said beside the file like any other problem; the type only in the log
        LOG.error("error while answering %s %s: %s", request.method, request.url_rule, type(error).__name__)
        return problem("error_summary_internal", 500)
    token = site().downloads.put(pdf.data, pdf.filename, pdf.media_type)
    return PAGE.show(summary=summary, summary_text=text, token=token, marks=summaries.summary_marks(),
                     change_text=summaries.change_text)


@PAGE.post("/summary/download", limit=FORM_BYTES)
def summary_download():
    response = download_response()
    return response if response is not None else (PAGE.show(expired=True), 410)
