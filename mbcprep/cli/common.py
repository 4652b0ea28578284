"""Options shared by several commands, defined once; the request options made from the request's field table."""

from __future__ import annotations

import click
from click.core import ParameterSource

from mbcprep.errors import OutputError, RequestError
from mbcprep.request.checks import check_value
from mbcprep.request.fields import FIELDS_BY_KEY, choices


def pack_option(func):
    """``--pack DIR``: use a content pack folder instead of the built-in one."""
    return click.option(
        "--pack",
        "pack_dir",
        metavar="DIR",
        default=None,
        help="Content pack folder to use instead of the built-in one; the handout is in its language.",
    )(func)


class PathValue(click.ParamType):
    """A file or folder name, as a ``pathlib.Path``, not checked here.

    Not ``click.Path``: it refuses a missing, unreadable or wrong-kind path
    with exit status 2 ("Usage: ..."), where the README promises 1 and a
    message from the library that says what is wrong.  ``pathlib`` is
    imported on use: ``mbcprep concerns`` loads this module and must start fast.
    """

    name = "path"

    def convert(self, value, param, ctx):
        from pathlib import Path  # not on mbcprep concerns' start-up path (the start-up test)

        return value if isinstance(value, Path) else Path(value)


def path_value() -> PathValue:
    return PathValue()


def force_option(func):
    """``--force``: replace an existing output file."""
    return click.option("--force", is_flag=True, help="Replace the output file if it already exists.")(func)


# --------------------------------------------------------------------------
# Request options, made from the request's field table (mbcprep.request.fields)
# --------------------------------------------------------------------------


#: The kinds of field whose option is a choice, checked as Click parses it.
CHOICE_KINDS = ("choice", "language")


class FieldChoice(click.ParamType):
    """A choice field's option: the field's one check runs as Click parses, so a wrong word is a usage error (exit 2)."""

    def __init__(self, field):
        self.field = field
        self.name = field.key

    def get_metavar(self, param, ctx=None):
        return f"[{'|'.join(choices(self.field))}]"

    def convert(self, value, param, ctx):
        try:
            return check_value(self.field, value)
        except RequestError as error:
            self.fail(error.message, param, ctx)


def request_options(*keys: str):
    """The options for these request fields, made from the field table; every one defaults to "not given".

    A choice is checked as Click parses it; every other value is checked
    by ``given_request_values`` when the command runs (a file that cannot be
    read is exit 1, not a usage error).
    """
    def option(field):
        names = [name for name in field.options]
        settings = {"help": field.help, "metavar": field.metavar, "default": None}
        if field.kind == "flag":
            long_name = next(name for name in names if name.startswith("--"))
            names[names.index(long_name)] = f"{long_name}/--no-{long_name[2:]}"
        elif field.kind in ("concerns", "questions"):
            settings["multiple"] = True
            settings["default"] = ()
        elif field.kind in CHOICE_KINDS:
            settings["type"] = FieldChoice(field)
            if field.default is not None:
                settings["help"] += f"  [default: {field.default}]"
        return click.option(*names, field.key, **settings)

    def decorate(func):
        for key in reversed(keys):
            func = option(FIELDS_BY_KEY[key])(func)
        return func

    return decorate


def given_request_values(ctx: click.Context, params: dict, keys=None) -> dict:
    """Checked request values for the options actually typed (not their defaults).

    Used so that options override a request file only where the person gave them.
    """
    values: dict = {}
    for key, value in params.items():
        field = FIELDS_BY_KEY.get(key)
        if field is None or (keys is not None and key not in keys):
            continue
        if ctx.get_parameter_source(key) in (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP):
            continue
        values[key] = value if field.kind in CHOICE_KINDS else check_value(field, value)
    return values


def write_and_report(document, output, force: bool = False, day=None, words: dict | None = None,
                     language: str = "en") -> str:
    """Write the document (``mbcprep.write``) and say where it went: "Wrote x.pdf (6 pages)"; "" for standard output.

    ``day`` names the default file (a handout's visit, a summary's day), in
    the handout's ``language``.  A
    stop signal while writing removes the temporary file too.  Shared by
    ``generate``, ``interactive`` and ``summary``.
    """
    # The write stage when a command writes, not when --help lists it (the start-up test).
    from mbcprep.write.files import OutputExists
    from mbcprep.write.handout import write_document
    from mbcprep.write.stopping import StopSignals

    try:
        with StopSignals(raising=True):
            written = write_document(document, output, force, day, language)
    except OutputExists as exc:
        raise OutputError(f"{exc}, or choose another name with -o") from None
    if written is None:
        return ""
    if words is not None:  # interactive, in the person's language (prompts.toml)
        said = ("wrote_file" if document.pages is None else "wrote_one_page" if document.pages == 1 else "wrote")
        return words[said].format(path=written, pages=document.pages)
    if document.pages is None:
        return f"Wrote {written}"
    return f"Wrote {written} ({document.pages} page{'s' if document.pages != 1 else ''})"
