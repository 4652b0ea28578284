"""The site ``mbcprep serve`` answers, built from its pages: a patient makes a sheet (``/``), a nurse makes
a clinic day's (``/roster``), the care team reads a filled-in sheet back as a visit summary (``/summary``).

Each page is a module of ``mbcprep.web.pages`` that declares its routes,
the POST size limit of each, its navigation entry and its words; the
pages are registered in one list (``PAGES``), and ``create_app`` makes the
Flask app from it: routes, limits, error pages, the navigation in the
list's order and a language switch to every language that has words.

Patient data arrives only in POST bodies and leaves only as the response:
nothing is written to disk, a roster is made in the background of the
server (``jobs.py``), and a roster's zip or a summary's PDF waits in
memory for one download (``downloads.py``).  Every call into the library goes through
``handouts.py`` (``rosters.py`` for ``/roster``, ``summaries.py`` for ``/summary``); the safety rules live in
``security.py``; every word on the pages comes from the words of the page's language (``words.py``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from flask import Flask, Request, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from mbcprep.web import handouts, security
from mbcprep.web.downloads import Downloads
from mbcprep.web.jobs import RosterJobs
from mbcprep.web.page import FORM_BYTES, Page, PageError
from mbcprep.web.pages import PAGES
from mbcprep.web.words import SITE, all_tables, words


class InMemoryRequest(Request):
    """A request whose uploads stay in memory: Werkzeug would spool one over 500 KB to a temporary file."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


@dataclass(frozen=True)
class NavEntry:
    """One link of the site's navigation: the page's endpoint, its words, and whether it is the page shown."""

    endpoint: str
    label: str
    current: bool


class Site:
    """One server's pages, languages, packs and downloads: what every page is shown with."""

    def __init__(self, pages: tuple[Page, ...], library: handouts.Library, downloads: Downloads,
                 jobs: RosterJobs):
        self.pages = pages
        self.library = library
        self.downloads = downloads
        self.jobs = jobs
        #: The languages a page may be in: those with a pack and words, in the library's order.
        self.languages = library.languages

    def language(self) -> str:
        """``?lang=xx`` when it names a page language (the switch's links set it), else the browser's choice."""
        asked = request.args.get("lang", "")
        if asked in self.languages:
            return asked
        return request.accept_languages.best_match(self.languages) or self.languages[0]

    def show(self, page: Page, context: dict) -> str:
        """``page``'s template in the request's language: its words and the site's, the navigation, the
        links to the other languages (each in its own language), and ``context``."""
        lang = self.language()
        nav = [NavEntry(other.home, words(lang, other.name)[other.nav], other is page)
               for other in self.pages if other.nav and other.home]
        other_languages = [(code, words(code, SITE)["language_link"]) for code in self.languages if code != lang]
        return render_template(page.template, lang=lang, w=words(lang, page.name), nav=nav,
                               other_languages=other_languages, switch_to=page.home or self.pages[0].home,
                               **context)


def create_app(library: handouts.Library, hosts: frozenset[str], origins: frozenset[str],
               downloads: Downloads | None = None, pages: tuple[Page, ...] = PAGES,
               jobs: RosterJobs | None = None) -> Flask:
    """The web application for one server: its packs and clinic, the addresses it answers, its downloads
    and its rosters being made (``jobs``: made with the downloads when not given).

    ``PageError`` when a page is declared wrong: a route that takes POST
    without a size limit, or a page without words in a page language.
    """
    app = Flask(__name__, template_folder=handouts.template_folder(), static_folder=handouts.static_folder(),
                static_url_path="/static")
    app.request_class = InMemoryRequest
    app.config.update(MAX_CONTENT_LENGTH=FORM_BYTES, TEMPLATES_AUTO_RELOAD=False)
    downloads = downloads or Downloads()
    site = Site(pages, library, downloads, jobs or RosterJobs(downloads))
    app.extensions["mbcprep"] = site
    limits: dict[str, int] = {}
    too_large_views = {}
    error_views = {}
    for page in pages:
        for route in page.routes:
            app.add_url_rule(route.rule, route.endpoint, route.view, methods=list(route.methods))
            if route.limit is not None:
                limits[route.endpoint] = route.limit
            if route.too_large is not None:
                too_large_views[route.endpoint] = route.too_large
        error_views.update(page.error_views)
    check_pages(app, site, limits)
    security.install(app, hosts, origins, limits)

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge):
        view = too_large_views.get(request.endpoint or "")
        return view() if view is not None else error_views[HTTPException](error)

    for error, view in error_views.items():
        app.register_error_handler(error, view)
    return app


def check_pages(app: Flask, site: Site, limits: dict[str, int]) -> None:
    """Refuse a route that takes POST without a size limit, and a page without its words in a page language."""
    unlimited = sorted({rule.rule for rule in app.url_map.iter_rules()
                        if "POST" in (rule.methods or ()) and rule.endpoint not in limits})
    if unlimited:
        raise PageError(f"{', '.join(unlimited)}: a route that takes POST must declare its size limit "
                        "(Page.post(rule, limit=...))")
    for lang in site.languages:
        for page in site.pages:
            table = all_tables()[lang].get(page.name)
            if table is None or (page.nav and page.nav not in table):
                raise PageError(f"the {lang} words/web.toml has no [{page.name}] table with the page's words"
                                + (f" and its navigation entry {page.nav!r}" if page.nav else ""))
