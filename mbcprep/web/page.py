"""What a page of ``mbcprep serve`` declares: its routes and the POST size limit of each, its entry in
the site's navigation, its template and its words.

A page is one module in ``mbcprep.web.pages`` that makes one ``Page`` and
hangs its views on it (datasette's ``views/``); ``mbcprep.web.pages.PAGES``
lists them, and ``create_app`` builds the site from that list: the routes,
the limits the safety rules apply, the navigation (in the list's order)
and the language switch.  A route that takes POST without a limit is
refused when the app is made, so no upload page can get a limit by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from flask import Response, current_app, request

if TYPE_CHECKING:
    from mbcprep.web.app import Site

#: The largest form of fields alone (every form without a file, and the room for the fields around a file).
FORM_BYTES = 64_000


@dataclass(frozen=True)
class Route:
    """One address of a page: ``endpoint`` is its view's name (what ``url_for`` takes)."""

    rule: str
    endpoint: str
    view: Callable
    methods: tuple[str, ...]
    limit: int | None = None  # the largest request body it takes, in bytes (POST)
    too_large: Callable | None = None  # the answer to a body over the limit (413); else the refused page's


class PageError(Exception):
    """A page declared wrong (a POST route without a size limit, a page without words): the app is not made."""


class Page:
    """One page: ``name`` is also its table in ``words/web.toml``; ``nav`` the key there of its navigation
    entry (None: not in the navigation); ``template`` the file under ``templates/web/`` it shows."""

    def __init__(self, name: str, template: str, nav: str | None = None):
        self.name = name
        self.template = template
        self.nav = nav
        self.routes: list[Route] = []
        self.error_views: dict[type[Exception], Callable] = {}

    def get(self, rule: str) -> Callable[[Callable], Callable]:
        """The view that shows the page at ``rule`` (the first is where the navigation points)."""
        return self._route(rule, ("GET",))

    def post(self, rule: str, limit: int | None = None,
             too_large: Callable | None = None) -> Callable[[Callable], Callable]:
        """The view that takes a form at ``rule``: ``limit`` is the largest body it takes, in bytes;
        ``too_large`` answers a larger one."""
        return self._route(rule, ("POST",), limit, too_large)

    def _route(self, rule: str, methods: tuple[str, ...], limit: int | None = None,
               too_large: Callable | None = None) -> Callable[[Callable], Callable]:
        def register(view: Callable) -> Callable:
            self.routes.append(Route(rule, view.__name__, view, methods, limit, too_large))
            return view

        return register

    def on_error(self, error: type[Exception]) -> Callable[[Callable], Callable]:
        """The view that answers ``error`` (and its subclasses) raised while answering any page."""
        def register(view: Callable) -> Callable:
            self.error_views[error] = view
            return view

        return register

    @property
    def home(self) -> str | None:
        """The endpoint that shows the page: where its navigation entry and the language switch point."""
        return next((route.endpoint for route in self.routes if "GET" in route.methods), None)

    def show(self, **context) -> str:
        """The page's template in the request's language, with what every page has."""
        return site().show(self, context)


def site() -> Site:
    """The site answering this request: its pages, languages, library and downloads."""
    return current_app.extensions["mbcprep"]


def download_response() -> Response | None:
    """The download a result page's form asks for (its token), handed out once; None when it is gone."""
    download = site().downloads.take(request.form.get("token", ""))
    if download is None:
        return None
    return Response(download.data, content_type=download.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{download.filename}"'})
