"""The languages mbcprep speaks: one folder each, found on disk; no language is named in the code.

A language is a folder named by its language tag (``es-US``).  It holds
the language's content pack (``pack.toml`` and the rest, see
docs/content-pack.md) and, in ``words/``, mbcprep's own words in it, one
file for each part of mbcprep that speaks (``WORDS``):

* ``prompts.toml``: what ``mbcprep interactive`` says and asks;
* ``web.toml``: the web pages, a table per page and ``[site]`` (with
  ``language_name``, the language's name in itself, and ``language_link``);
* ``summary.toml``: a visit summary's headings, notices and footer.

The built-in languages are the folders of ``mbcprep/content/``.  The
folders named in the environment variable ``MBCPREP_LANGUAGES`` (several
separated as ``PATH`` separates them), each holding language folders laid
out the same way, add theirs: a clinic's own language, or a translation
being made, without a change to mbcprep.  A request, ``--language`` and the
web page's ``?lang=`` name a language by its code, the tag's first part
(``es``); the first folder found for a code is the one used.  English
(``DEFAULT``) is the language when none is named, and the words a language
lacks are its words.

Only ``os`` here: ``--help`` lists the codes, so finding them is one
listing of a folder or two.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from mbcprep.resources import package_path

#: The language when none is named, and the one whose words stand in for words a language lacks.
DEFAULT = "en"
#: Folders of more language folders, separated as PATH separates them.
ENVIRONMENT = "MBCPREP_LANGUAGES"
#: The words files of a language (``words/<name>.toml``), one for each part of mbcprep that speaks.
WORDS = ("prompts", "web", "summary")


class Language(NamedTuple):
    """One language: its code (``es``), its tag (``es-US``) and its folder (the pack, with ``words/``)."""

    code: str
    tag: str
    folder: str

    def words_file(self, part: str) -> str:
        """Where this language's words for ``part`` (one of ``WORDS``) are; the file may be missing."""
        return os.path.join(self.folder, "words", f"{part}.toml")


def language_code(tag: str) -> str:
    """The code a request names a language by: the tag's first part, in lower case ("es-US" -> "es")."""
    return tag.split("-")[0].lower()


_found: dict[tuple[str, ...], dict[str, Language]] = {}


def language_roots() -> tuple[str, ...]:
    """The folders languages are found in: the built-in ``content/``, then those of ``MBCPREP_LANGUAGES``."""
    extra = os.environ.get(ENVIRONMENT, "")
    return (package_path("content"), *(folder for folder in extra.split(os.pathsep) if folder))


def languages() -> dict[str, Language]:
    """Every language by code: English first, then the others as their folders are found.

    Found once for each value of ``MBCPREP_LANGUAGES``.  A folder is a
    language when it has a ``pack.toml``; a root that cannot be listed adds
    none (loading its pack would say why).
    """
    roots = language_roots()
    found = _found.get(roots)
    if found is None:
        found = {}
        for root in roots:
            try:
                tags = sorted(os.listdir(root))
            except OSError:
                continue
            for tag in tags:
                folder = os.path.join(root, tag)
                if not tag.startswith(".") and os.path.isfile(os.path.join(folder, "pack.toml")):
                    found.setdefault(language_code(tag), Language(language_code(tag), tag, folder))
        if DEFAULT in found:
            found = {DEFAULT: found[DEFAULT], **found}
        _found[roots] = found
    return found


def language(code: str) -> Language:
    """The language of a code; ``KeyError`` for a code no folder has."""
    return languages()[code]


def words_file(code: str | None, part: str) -> str:
    """The words file for ``part`` in the language of ``code`` (or of a tag), or the default language's when
    that language has none."""
    found = languages().get(language_code(code or DEFAULT))
    if found is not None and os.path.isfile(found.words_file(part)):
        return found.words_file(part)
    return language(DEFAULT).words_file(part)


#: A language's other names (``words/names.toml``: ``names = [...]``), as schedules and EHR exports write
#: the language: its name in English and in itself, its ISO 639-2 code.  Optional: a language without the
#: file is named by its code and tags only.
NAMES_FILE = "names.toml"


def language_named(word: str) -> str | None:
    """The code of the language ``word`` names: a tag ("es-MX" -> "es") or one of its other names
    ("Spanish", "Español", "spa"); None when no language found has that name."""
    word = " ".join(str(word).lower().split())
    found = languages()
    if language_code(word) in found and "-" in word:
        return language_code(word)
    for code, lang in found.items():
        if word in _other_names(lang.folder):
            return code
    return None


_names: dict[str, frozenset[str]] = {}


def _other_names(folder: str) -> frozenset[str]:
    if folder not in _names:
        path = os.path.join(folder, "words", NAMES_FILE)
        names: frozenset[str] = frozenset()
        if os.path.isfile(path):
            import tomli  # only when a word is not a language's code

            with open(path, "rb") as handle:
                listed = tomli.load(handle).get("names", [])
            names = frozenset(" ".join(str(name).lower().split()) for name in listed if isinstance(name, str))
        _names[folder] = names
    return _names[folder]
