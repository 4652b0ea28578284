"""The web app is a list of pages: each module declares its routes, their POST limits, its navigation entry
and its words; the site is built from the list, and a page declared wrong is refused before it serves.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
from pathlib import Path

import pytest
from conftest import THIRD_LANGUAGE_LINK, page_text, web_post

import mbcprep.web.pages
from mbcprep.web import create_app, words
from mbcprep.web.handouts import load_library
from mbcprep.web.page import FORM_BYTES, Page, PageError
from mbcprep.web.pages import PAGES
from mbcprep.web.security import allowed_names
from mbcprep.web.words import all_tables

ROOT = Path(__file__).resolve().parent.parent
PAGE_MODULES = sorted(info.name for info in pkgutil.iter_modules(mbcprep.web.pages.__path__))


def make_app(library, pages=PAGES):
    return create_app(library, *allowed_names("127.0.0.1", 80), pages=pages)


def test_every_page_module_is_registered_and_declares_its_routes_limits_nav_and_words():
    assert PAGE_MODULES == ["patient", "questions", "refused", "roster", "summary"]
    registered = {page.name: page for page in PAGES}
    assert sorted(registered) == PAGE_MODULES  # one page a module, named as its module
    for name in PAGE_MODULES:
        page = importlib.import_module(f"mbcprep.web.pages.{name}").PAGE
        assert registered[name] is page
        assert (ROOT / "templates" / "web" / page.template).is_file(), page.template
        for lang, tables in all_tables().items():
            assert name in tables, f"the {lang} words/web.toml has no [{name}]"
        if not page.routes:  # the refused page: no address, it answers errors
            assert page.error_views and page.nav is None
            continue
        assert page.home is not None
        assert page.nav is None or page.nav in all_tables()["en"][name]  # None: a step, not in the navigation
        for route in page.routes:
            assert route.rule.startswith("/")
            if "POST" in route.methods:
                assert route.limit is not None and route.limit >= FORM_BYTES, route


def test_the_navigation_is_the_registered_pages_in_order(client):
    html = client.get("/roster").get_data(as_text=True)
    nav = re.search(r'<ul class="site-nav">(.*?)</ul>', html, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)
    en = all_tables()["en"]
    assert [(href, label) for href, _, label in links] == [
        (f"{page.routes[0].rule}?lang=en", en[page.name][page.nav]) for page in PAGES if page.nav]
    assert [label for _, current, label in links if current] == [en["roster"]["nav_roster"]]


def test_a_post_route_without_a_limit_is_refused_when_the_app_is_made(library):
    careless = Page("careless", "refused.html", nav="nav_patient")

    @careless.get("/careless")
    def careless_page():
        return careless.show()

    @careless.post("/careless")
    def careless_submit():
        return "taken"

    with pytest.raises(PageError, match=r"/careless: a route that takes POST must declare its size limit"):
        make_app(library, PAGES + (careless,))


def test_a_page_without_its_words_is_refused_when_the_app_is_made(library):
    wordless = Page("wordless", "refused.html", nav="nav_wordless")

    @wordless.get("/wordless")
    def wordless_page():
        return wordless.show()

    with pytest.raises(PageError, match=r"the en words/web.toml has no \[wordless\] table"):
        make_app(library, PAGES + (wordless,))


def test_a_new_page_is_in_the_navigation_and_gets_the_limit_it_declares(library, monkeypatch):
    """The trap the registry closes: an upload page with its own limit takes what it declares, not 64 KB."""
    upload = Page("upload", "refused.html", nav="nav_upload")
    seen = []

    @upload.get("/upload")
    def upload_page():
        return upload.show(message_key="refused_title")

    @upload.post("/upload", limit=200_000)
    def upload_submit():
        from flask import request

        seen.append(len(request.files["file"].read()))
        return "ok"

    tables = {lang: {**pages, "upload": {"nav_upload": f"Upload ({lang})"}} for lang, pages in all_tables().items()}
    monkeypatch.setattr(words, "all_tables", lambda: tables)
    monkeypatch.setattr("mbcprep.web.app.all_tables", lambda: tables)
    client = make_app(library, PAGES[:-1] + (upload, PAGES[-1])).test_client()
    assert "Upload (en)" in page_text(client.get("/"))
    sent = web_post(client, "/upload", {"file": (io.BytesIO(b"x" * 150_000), "f.bin")},
                    content_type="multipart/form-data")
    assert sent.status_code == 200 and seen == [150_000]
    too_big = web_post(client, "/upload", {"file": (io.BytesIO(b"x" * 250_000), "f.bin")},
                       content_type="multipart/form-data")
    assert too_big.status_code == 413
    assert all_tables()["en"]["refused"]["refused_too_large"] in page_text(too_big)


def test_the_language_switch_offers_every_other_language_each_in_its_own_words(third_language):
    """Not two languages: a third one, registered as a folder, is offered on every page, and offers the others."""
    client = make_app(load_library()).test_client()
    tables = all_tables()

    def switch(path: str) -> list[tuple[str, str, str]]:
        html = client.get(path).get_data(as_text=True)
        return re.findall(r'<a class="language-link" href="([^"]+)" lang="(\w+)" hreflang="\2">([^<]+)</a>', html)

    assert switch("/roster?lang=en") == [("/roster?lang=es", "es", tables["es"]["site"]["language_link"]),
                                         ("/roster?lang=xx", "xx", THIRD_LANGUAGE_LINK)]
    assert switch("/summary?lang=xx") == [("/summary?lang=en", "en", tables["en"]["site"]["language_link"]),
                                          ("/summary?lang=es", "es", tables["es"]["site"]["language_link"])]
    assert '<html lang="xx">' in client.get("/roster?lang=xx").get_data(as_text=True)


def test_a_word_a_page_does_not_have_is_an_error_not_an_empty_space():
    page_words = words.words("en", "roster")
    assert page_words["roster_title"] and page_words["site_name"]
    with pytest.raises(RuntimeError, match="no word 'patient_title'"):
        page_words["patient_title"]  # another page's word


def test_every_language_has_the_same_tables_and_keys():
    tables = all_tables()
    assert set(tables) >= {"en", "es"}
    for lang, pages in tables.items():
        assert set(pages) == set(tables["en"]), lang
        for page, table in pages.items():
            assert set(table) == set(tables["en"][page]), (lang, page)
    every = [key for pages in tables["en"].values() for key in pages]
    assert len(every) == len(set(every)), "a key in two tables"


def test_the_architecture_recipe_for_a_web_page_names_every_page_module():
    """docs/architecture.md says how to add a page; it lists the pages there are, so it cannot go stale."""
    recipe = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").split("### Add a web page", 1)[1]
    recipe = recipe.split("\n## ", 1)[0].split("\n### ", 1)[0]
    listed = sorted(set(re.findall(r"web/pages/(\w+)\.py", recipe)) - {"__init__", "NAME"})
    assert listed == PAGE_MODULES
    for step in ("Page(", "limit=", "nav=", "words/web.toml", "PAGES", "templates/web/"):
        assert step in recipe, step


def test_every_post_route_of_the_site_has_a_limit(app):
    site = app.extensions["mbcprep"]
    declared = {route.endpoint: route.limit for page in site.pages for route in page.routes if "POST" in route.methods}
    posts = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert posts == set(declared) and all(declared.values())
