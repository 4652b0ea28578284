"""The pages' own words: each language's ``words/web.toml``, a table per page.

Each language's folder (``mbcprep.languages``) has its ``words/web.toml``:
``[site]`` holds what every page shows (the header, the footer, the words
around a mistake), ``language_name`` and ``language_link``, the link to
that language from the other languages' pages, written in that language.
Each page has a table named as the page.  A page's template sees its own
table and the site's, and asking for a word neither has is an error, not
an empty space.  The handout's own words come from its pack.
"""

from __future__ import annotations

import functools

import tomli

from mbcprep.web.handouts import word_files

#: The table of the words every page shows.
SITE = "site"


class Words(dict):
    """One page's words in one language; a word that is not there is an error."""

    def __missing__(self, key: str) -> str:
        # Not a KeyError: Jinja would turn that into an empty Undefined.
        raise RuntimeError(f"words/web.toml has no word {key!r} for this page")


def all_tables() -> dict[str, dict[str, dict[str, str]]]:
    """Every language's tables (language -> page -> key -> words), each language's file read once."""
    return _read_tables(tuple(word_files().items()))


@functools.cache
def _read_tables(files: tuple[tuple[str, str], ...]) -> dict[str, dict[str, dict[str, str]]]:
    tables = {}
    for code, path in files:
        with open(path, "rb") as handle:
            tables[code] = tomli.load(handle)
    return tables


def languages() -> tuple[str, ...]:
    """The languages that have words, the default first."""
    return tuple(all_tables())


def words(lang: str, page: str) -> Words:
    """What a page shows in ``lang``: the site's words and the page's own."""
    tables = all_tables()[lang]
    return Words({**tables[SITE], **tables[page]})


def all_words() -> dict[str, dict[str, str]]:
    """Every word of each language in one table (language -> key -> words): for checks over every page."""
    return {lang: {key: text for table in tables.values() for key, text in table.items()}
            for lang, tables in all_tables().items()}
