"""The pages' own words, one table per language in ``words.toml`` (the handout's words come from its pack)."""

from __future__ import annotations

import functools
import os

import tomli

WORDS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "words.toml")


@functools.cache
def all_words() -> dict[str, dict[str, str]]:
    """Every language's words, read once."""
    with open(WORDS_FILE, "rb") as handle:
        return tomli.load(handle)


def words(lang: str) -> dict[str, str]:
    """The words of one page language ("en", "es")."""
    return all_words()[lang]
