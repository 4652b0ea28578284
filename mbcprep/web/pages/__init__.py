"""Every page of ``mbcprep serve``, one module each, registered here in one list (datasette's ``_routes()``).

The order is the navigation's.  Each module makes one ``mbcprep.web.page.Page``
(its routes and their POST limits, its navigation entry, its template, its
words) and hangs its views on it; ``mbcprep.web.app.create_app`` builds the
site from this list.  docs/architecture.md says how to add one.
"""

from __future__ import annotations

from mbcprep.web.page import Page
from mbcprep.web.pages import patient, questions, refused, roster, summary

PAGES: tuple[Page, ...] = (patient.PAGE, questions.PAGE, roster.PAGE, summary.PAGE, refused.PAGE)
