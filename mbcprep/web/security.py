"""The web app's safety rules, in one place: who may talk to it, what it says back, what it logs.

* Host: a request must name the address the server was started on (or the
  clinic's public name behind its proxy); anything else is refused, so a web
  page on another site cannot reach this one through DNS rebinding.
* Origin: a POST must come from the page's own origin.  A browser obeying
  ``Referrer-Policy: no-referrer`` may send ``Origin: null`` on its own form
  posts, so ``null`` (or no Origin) is accepted only with
  ``Sec-Fetch-Site: same-origin``, a header no page can set (the rule Go's
  ``net/http.CrossOriginProtection`` uses).
* Size: 64 KB for a form, 2 MB for a roster, 20 MB for a filled-in handout
  (as ``mbcprep summary`` reads it); a clear page says so.
* Headers on every response: ``Cache-Control: no-store``, a
  Content-Security-Policy without inline script or style,
  ``frame-ancestors 'none'``, nosniff, ``Referrer-Policy: no-referrer``.
* The access log has the method, the page, the status and the time: never
  a query string, a form value or a file name.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import ipaddress
import logging
import re
import socket
import time
from urllib.parse import urlsplit

from flask import Flask, Response, g, request
from werkzeug.exceptions import BadRequest, Forbidden

ACCESS_LOG = logging.getLogger("mbcprep.web.access")

#: The pages' policy: their own style sheet and nothing else; no inline script or style anywhere.
PAGE_POLICY = ("default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
               "object-src 'none'")
#: Methods the access log names as sent; any other is logged as OTHER.
LOGGED_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class WrongHost(BadRequest):
    """The Host header is not the address the server was started on."""

    words_key = "refused_host"


class WrongOrigin(Forbidden):
    """A POST from another site's page."""

    words_key = "refused_origin"


def allowed_names(host: str, port: int, public_url: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """The Host headers and Origins the server answers: its own address, and the public URL behind a proxy.

    A loopback server also answers to ``localhost`` (what people type) and
    to the other loopback spellings; one on every address (``0.0.0.0``,
    ``::``) to those and to this computer's own name and addresses; port
    80 may be left out, as browsers do.
    """
    names = {host.lower()}
    if is_loopback(host) or is_every_address(host):
        names |= {"localhost", "127.0.0.1", "::1"}
    if is_every_address(host):
        names |= own_names()
    names = {f"[{name}]" if ":" in name and not name.startswith("[") else name for name in names}
    hosts = {f"{name}:{port}" for name in names} | ({*names} if port == 80 else set())
    origins = {f"http://{name}" for name in hosts}
    if public_url:
        parts = urlsplit(public_url)
        hosts.add(parts.netloc.lower())
        origins.add(f"{parts.scheme.lower()}://{parts.netloc.lower()}")
    return frozenset(hosts), frozenset(origins)


def is_every_address(host: str) -> bool:
    """Whether ``host`` listens on every address of this computer (``0.0.0.0``, ``::``)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def own_names() -> set[str]:
    """This computer's name and the addresses it has, as another computer may reach it by.

    Its name and what it resolves to (the hosts file, usually), and the
    address each of its routes to the network would use (found by
    connecting a UDP socket, which sends nothing).  Names a web page on
    another site cannot make a browser send for it, so DNS rebinding stays shut.
    """
    found: set[str] = set()
    name = socket.gethostname().lower()
    if name:
        found.add(name)
        try:
            found |= {str(info[4][0]) for info in socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)}
        except OSError:
            pass
    for family, somewhere in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):  # documentation
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((somewhere, 9))
                found.add(probe.getsockname()[0])
        except OSError:
            continue
    return {address.lower() for address in found if "%" not in address}


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def install(app: Flask, hosts: frozenset[str], origins: frozenset[str], limits: dict[str, int]) -> None:
    """Check every request and label every response.

    ``limits`` maps each route that takes a body (its endpoint) to the
    largest body it takes; any other request (no such page, a method the
    page does not take) gets the smallest.
    """

    @app.before_request
    def check_request():
        g.started = time.perf_counter()
        if request.host.lower() not in hosts:
            raise WrongHost()
        if request.method == "POST" and not same_origin(origins):
            raise WrongOrigin()
        request.max_content_length = limits.get(request.endpoint or "", min(limits.values()))

    @app.after_request
    def label_response(response: Response) -> Response:
        response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        log_access(response.status_code)
        return response


def log_access(status: int) -> None:
    """One line: when, the method, the page's route (never the address as sent), the status, how long."""
    started = g.get("started")
    elapsed = f"{(time.perf_counter() - started) * 1000:.0f}ms" if started else "-"
    method = request.method if request.method in LOGGED_METHODS else "OTHER"
    # The route, not request.path: an address may carry anything a person typed into it.
    page = request.url_rule.rule if request.url_rule is not None else "(no such page)"
    ACCESS_LOG.info("%s %s %s %s %s", dt.datetime.now().isoformat(timespec="seconds"), method, page, status,
                    elapsed)


def same_origin(origins: frozenset[str]) -> bool:
    """Whether a POST comes from one of the server's own pages (see the module's notes)."""
    origin = request.headers.get("Origin")
    if origin is not None and origin != "null":
        return origin.lower() in origins
    return request.headers.get("Sec-Fetch-Site") == "same-origin"


def handout_policy(html: bytes) -> str:
    """The policy for an HTML handout: its one inline ``<style>`` by hash, a logo as a ``data:`` image, no script."""
    styles = re.findall(rb"<style>(.*?)</style>", html, flags=re.S)
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(style).digest()).decode()}'" for style in styles)
    style_sources = hashes or "'none'"
    return (f"default-src 'self'; script-src 'none'; style-src {style_sources}; "
            "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'")
