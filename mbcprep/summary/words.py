"""The summary's fixed words, one TOML file per language in ``mbcprep/summary/words/``.

The handout's own words (question texts, symptom names, column labels) come
from its form description; only the summary's headings, notices and footer
live here.  A handout in a language without a file gets the English words.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Mapping

from mbcprep.resources import package_path

#: The words used when the handout's language has no file of its own.
DEFAULT_LANGUAGE = "en"
#: Every key a words file must have (a test checks each shipped file).
KEYS = ("title", "subtitle", "concerns", "top_questions", "questions", "answered_not_ticked", "answer",
        "own_questions", "symptom_log", "symptom_scale", "symptom", "change", "high_legend", "rise_legend",
        "medicines", "notes", "phones", "rebuilt", "continued", "more", "shortened", "nothing_entered", "nothing_at_all", "not_shown",
        "footer", "date", "months")


def words_folder() -> str:
    return package_path("summary", "words")


def load_words(language: str) -> Mapping[str, object]:
    """The words for a language tag ("es-US" -> es.toml), falling back to English."""
    import tomli  # the project's TOML reader (see pyproject.toml)

    primary = language.split("-")[0].lower() if language else DEFAULT_LANGUAGE
    path = os.path.join(words_folder(), f"{primary}.toml")
    if not primary.isalpha() or not os.path.isfile(path):
        path = os.path.join(words_folder(), f"{DEFAULT_LANGUAGE}.toml")
    with open(path, "rb") as stream:
        return tomli.load(stream)


def format_date(day: dt.date, words: Mapping[str, object]) -> str:
    """A date in the words' language: "December 3, 2026", "3 de diciembre de 2026"."""
    months = words["months"]
    return str(words["date"]).format(month=months[day.month - 1], day=day.day, year=day.year)
