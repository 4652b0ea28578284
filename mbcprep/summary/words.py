"""The summary's fixed words: each language's ``words/summary.toml`` (``mbcprep.languages``).

The handout's own words (question texts, symptom names, column labels) come
from its form description; only the summary's headings, notices and footer
live here.  A handout in a language without a file gets the English words.
"""

from __future__ import annotations

import datetime as dt
from typing import Mapping, cast

import tomli

from mbcprep.languages import words_file

#: Every key a words file must have (a test checks each shipped file).
KEYS = ("title", "subtitle", "concerns", "top_questions", "questions", "answered_not_ticked", "answer",
        "own_questions", "symptom_log", "symptom_scale", "symptom", "change", "high_legend", "rise_legend",
        "medicines", "notes", "phones", "rebuilt", "continued", "more", "shortened", "nothing_entered", "nothing_at_all", "not_shown",
        "footer", "date", "months")


def load_words(language: str) -> Mapping[str, object]:
    """The words for a handout's language tag ("es-US": Spanish), the default language's for one without them.

    The tag comes from the filled-in file: it only ever picks a language
    mbcprep found, never names a file.
    """
    with open(words_file(language, "summary"), "rb") as stream:
        return tomli.load(stream)


def format_date(day: dt.date, words: Mapping[str, object]) -> str:
    """A date in the words' language: "December 3, 2026", "3 de diciembre de 2026"."""
    months = cast("list[str]", words["months"])  # twelve names (a test checks each shipped file)
    return str(words["date"]).format(month=months[day.month - 1], day=day.day, year=day.year)
