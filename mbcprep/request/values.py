"""Request values from each source, and the ``Request`` made from them.

Sources give values as they hold them (a TOML table, option strings, a
roster row's cells, answers, a web form's strings); ``values_from_mapping``
checks each with its field's one check (``mbcprep.request.checks``) and
``request_from_values`` makes the ``Request`` against the pack it will be
made with: the concern ids checked there, the defaults filled in from the
field table.  Nothing after this checks a request again.

A request stops at its first problem, except where every problem is asked
for (``every_problem``: a web form shows each one beside its field): then
every value is checked, and all the problems are raised together as one
``RequestInvalid``, as a pack's are.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mbcprep import limits
from mbcprep.constants import HER2_NEGATIVE, NOT_SURE, SUBTYPE_SHORTHANDS
from mbcprep.errors import RequestError, RequestInvalid, did_you_mean
from mbcprep.formats import HANDOUT, unprintable
from mbcprep.model.content import Pack
from mbcprep.model.request import Request
from mbcprep.reading import read_request_toml
from mbcprep.request.checks import check_value
from mbcprep.request.concerns import check_concern_ids
from mbcprep.request.fields import FIELDS, FIELDS_BY_KEY, REQUEST_KEYS
from mbcprep.request.questions import check_question_ids

#: A field whose ``Request`` attribute is named otherwise than its key.
REQUEST_ATTRIBUTES = {"name": "patient_name"}


class Problems:
    """Where a request's problems go: raised as found, or (``every``) kept until every value is checked."""

    def __init__(self, every: bool = False):
        self.every = every
        self.errors: list[RequestError] = []

    @contextmanager
    def kept(self) -> Iterator[None]:
        """Run one check; with ``every``, a ``RequestError`` is kept and the caller goes on to the next."""
        try:
            yield
        except RequestError as error:
            if not self.every:
                raise
            self.errors.append(error)

    def add(self, error: RequestError) -> None:
        """A problem found: raised at once, or with ``every`` kept with the others."""
        if not self.every:
            raise error
        self.errors.append(error)

    def raise_any(self) -> None:
        """``RequestInvalid`` with every problem kept, if there is one."""
        if self.errors:
            raise RequestInvalid(self.errors)


def read_request_file(path: Path) -> dict:
    """A request file (TOML) as checked request values: only the keys it sets.

    Paths inside the file (``clinic``, ``font``, ``font_bold``, a clinic
    ``logo``) are relative to the request file, so a nurse can keep a folder
    of requests beside one clinic profile.  Every problem names the file and key.
    """
    return read_request_toml(path, "request", limits.REQUEST_FILE_BYTES, values_from_mapping)


def values_from_mapping(data: dict, base_dir: Path | None = None, keys=REQUEST_KEYS,
                        problems: Problems | None = None) -> dict:
    """Check every value of a table whose keys are field keys (a request file, a row, a form).

    An unknown key is an error that names the closest known one.  Returns
    only the keys given, each value checked.  With ``problems`` keeping
    every problem, a value that fails its check is left out and the rest
    are still checked.
    """
    problems = problems or Problems()
    values: dict = {}
    for key, value in data.items():
        with problems.kept():
            if key not in keys:
                raise RequestError(f"unknown key{did_you_mean(key, keys)}; allowed keys: {', '.join(keys)}",
                                   field=str(key), code="unknown_key")
            values[key] = check_value(FIELDS_BY_KEY[key], value, base_dir)
    return values


def request_from_values(values: dict, pack: Pack, hints: bool = True, problems: Problems | None = None) -> Request:
    """The ``Request`` for checked values (``values_from_mapping``), to be made with ``pack``.

    The concerns are checked against the pack (and put in its order), then
    the questions against the pack and the concerns (``request.questions``); a
    value not given takes its field's default; the language is the pack's
    when none was given.  ``hints`` offers "did you mean" for an unknown
    concern (not for a roster, whose reasons never repeat a cell).  The person's own texts are checked
    against what the format can print (a PDF's fonts) here, so the error names the field they typed.  With ``problems``
    keeping every problem, all of them are raised together at the end.
    """
    problems = problems or Problems()
    given = {key: value for key, value in values.items() if value is not None}
    settings = {field.key: given.get(field.key, field.default) for field in FIELDS}
    words = settings.pop("questions") or ()
    with problems.kept():
        settings["concerns"] = check_concern_ids(settings["concerns"] or (), pack, hints=hints)
        # Only with the concerns known: a question is checked against the concerns chosen with it.
        settings["questions"], settings["default_questions"] = check_question_ids(words, pack, settings["concerns"],
                                                                                  hints=hints)
    settings["language"] = settings["language"] or pack.meta.language_code
    subtype = settings.pop("subtype")
    with problems.kept():
        settings["hormone_receptor"], settings["her2"] = subtype_answers(
            subtype, given.get("hormone_receptor"), given.get("her2"))
    request = Request(**{REQUEST_ATTRIBUTES.get(key, key): value for key, value in settings.items()})
    for problem in unprintable(HANDOUT, request.format, request):
        problems.add(problem)
    problems.raise_any()
    return request


def request_from_mapping(data: dict, pack: Pack, hints: bool = True, every_problem: bool = False) -> Request:
    """The ``Request`` for a table of values as a source holds them: ``values_from_mapping``, then
    ``request_from_values``.  With ``every_problem``, every value is checked and all the problems are
    raised together (``RequestInvalid``)."""
    problems = Problems(every_problem)
    return request_from_values(values_from_mapping(data, problems=problems), pack, hints, problems)


def subtype_answers(subtype: str, hormone_receptor: str | None, her2: str | None) -> tuple[str, str]:
    """The two answers (hormone receptor, HER2) from the ``subtype`` shorthand and the answers given.

    An answer given says more than a shorthand only where the shorthand is
    silent, or, for triple-negative, where it names which HER2-negative
    result (zero, ultralow or low); "not-sure" given beside a shorthand
    leaves the shorthand's answer.  Any other difference is an error: the
    person said two things.
    """
    implied = SUBTYPE_SHORTHANDS[subtype or "unknown"]
    answers = []
    for key, given, said in (("hormone_receptor", hormone_receptor, implied[0]), ("her2", her2, implied[1])):
        if given in (None, NOT_SURE):
            answers.append(said or NOT_SURE)
        elif said in (None, given) or (subtype == "triple-negative" and key == "her2" and given in HER2_NEGATIVE):
            answers.append(given)
        else:
            raise RequestError(f"does not fit subtype {subtype}, which means {key} {said}; give one or the other",
                               field=key, value=given, code="conflict")
    return answers[0], answers[1]
