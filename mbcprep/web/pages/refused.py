"""The page for a request the server will not answer: a wrong address, another site's form, no such page,
a body too large for its page, an error.  It has no address of its own and is not in the navigation."""

from __future__ import annotations

import logging

from flask import request
from werkzeug.exceptions import HTTPException

from mbcprep.web.page import Page

PAGE = Page("refused", "refused.html")
LOG = logging.getLogger("mbcprep.web")
#: Refusals by status, when the refusal does not name its own words (``words_key``).
STATUS_WORDS = {404: "refused_not_found", 405: "refused_method", 413: "refused_too_large"}


@PAGE.on_error(HTTPException)
def refused(error: HTTPException):
    """The page for an HTTP refusal, with its status."""
    key = getattr(error, "words_key", None) or STATUS_WORDS.get(error.code or 500, "refused_error")
    return PAGE.show(message_key=key), error.code


@PAGE.on_error(Exception)
def failed(error: Exception):
    """The page for an error nobody expected (a bug): status 500, and its kind in the log."""
    # The type only: a message may quote what a person typed.
    LOG.error("error while answering %s %s: %s", request.method, request.url_rule, type(error).__name__)
    return PAGE.show(message_key="refused_error"), 500
