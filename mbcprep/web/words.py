"""The pages' own words, in ``words.toml``: a table per language and, in it, a table per page.

``[<language>.site]`` holds what every page shows (the header, the
footer, the words around a mistake) and ``language_link``, the link to
that language from the other languages' pages, written in that language.
Each page has a table named as the page.  A page's template sees its own
table and the site's, and asking for a word neither has is an error, not
an empty space.  The handout's own words come from its pack.
"""

from __future__ import annotations

import functools
import os

import tomli

WORDS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "words.toml")
#: The table of the words every page shows.
SITE = "site"


class Words(dict):
    """One page's words in one language; a word that is not there is an error."""

    def __missing__(self, key: str) -> str:
        # Not a KeyError: Jinja would turn that into an empty Undefined.
        raise RuntimeError(f"words.toml has no word {key!r} for this page")


@functools.cache
def all_tables() -> dict[str, dict[str, dict[str, str]]]:
    """Every language's tables (language -> page -> key -> words), read once."""
    with open(WORDS_FILE, "rb") as handle:
        return tomli.load(handle)


def languages() -> tuple[str, ...]:
    """The languages that have words, in the file's order."""
    return tuple(all_tables())


@functools.cache
def words(lang: str, page: str) -> Words:
    """What a page shows in ``lang``: the site's words and the page's own."""
    tables = all_tables()[lang]
    return Words({**tables[SITE], **tables[page]})


def all_words() -> dict[str, dict[str, str]]:
    """Every word of each language in one table (language -> key -> words): for checks over every page."""
    return {lang: {key: text for table in tables.values() for key, text in table.items()}
            for lang, tables in all_tables().items()}
