"""Options and error handling shared by several commands (defined once)."""

from __future__ import annotations

import functools

import click

from mbcprep.errors import HandoutError, PackInvalid, Stopped
from mbcprep.constants import FORMATS, PAPER_SIZES, SUBTYPES


def pack_option(func):
    """``--pack DIR``: use a content pack folder instead of the built-in one."""
    return click.option(
        "--pack",
        "pack_dir",
        metavar="DIR",
        default=None,
        help="Content pack folder to use instead of the built-in one.",
    )(func)


def load_pack_or_exit(pack_dir: str | None):
    """Load a pack, turning every pack problem into a plain message and exit 1."""
    from mbcprep.pack import load_pack

    try:
        return load_pack(pack_dir)
    except PackInvalid as exc:
        _report_pack(exc)


def _report_pack(exc: PackInvalid):
    from mbcprep.controls import one_line

    for error in exc.errors:
        click.echo(f"Error: {one_line(str(error))}", err=True)
    raise click.exceptions.Exit(1) from None


def reports_errors(func):
    """Turn library errors into one-line messages with exit status 1, never a traceback.

    A message may quote what the person typed, line breaks, escape
    sequences and all: it is shown as one line of plain text.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except PackInvalid as exc:
            _report_pack(exc)
        except HandoutError as exc:
            from mbcprep.controls import one_line

            click.echo(f"Error: {one_line(str(exc))}", err=True)
            raise click.exceptions.Exit(1) from None
        except click.ClickException as exc:
            from mbcprep.controls import one_line

            exc.message = one_line(exc.message)
            raise
        except Stopped as exc:
            from mbcprep.stopping import exit_status, signal_name

            click.echo(f"Stopped by {signal_name(exc.signum)}; nothing was written.", err=True)
            raise click.exceptions.Exit(exit_status(exc.signum)) from None

    return wrapper


class PathValue(click.ParamType):
    """A file or folder name, as a ``pathlib.Path``, not checked here.

    Not ``click.Path``: it refuses a missing, unreadable or wrong-kind path
    with exit status 2 ("Usage: ..."), where the README promises 1 and a
    message from the library that says what is wrong.  ``pathlib`` is
    imported on use: ``mbcprep concerns`` loads this module and must start fast.
    """

    name = "path"

    def convert(self, value, param, ctx):
        from pathlib import Path

        return value if isinstance(value, Path) else Path(value)


def path_value() -> PathValue:
    return PathValue()


# --------------------------------------------------------------------------
# Handout request options, shared by generate, interactive and batch
# --------------------------------------------------------------------------

def _apply(func, options):
    for option in reversed(options):
        func = option(func)
    return func


def clinic_option(func):
    """``--clinic FILE``: a clinic profile (TOML: name, phone, after_hours_phone, address, logo)."""
    return click.option(
        "--clinic",
        type=path_value(),
        help="Clinic profile (TOML file: name, phone, after_hours_phone, address, logo).",
    )(func)


def format_option(func):
    """``--format pdf|html|txt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS, case_sensitive=False),
        default="pdf",
        show_default=True,
        help="pdf to print; html for screen readers and browsers; txt for email or a terminal.",
    )(func)


def force_option(func):
    """``--force``: replace an existing output file."""
    return click.option("--force", is_flag=True, help="Replace the output file if it already exists.")(func)


def sheet_options(func):
    """How the sheet looks: paper, print size, length, fillable fields, fonts."""
    return _apply(func, [
        click.option("--paper", type=click.Choice(PAPER_SIZES, case_sensitive=False), default="letter",
                     show_default=True, help="Paper size."),
        click.option("--large-print/--no-large-print", default=False,
                     help="Bigger text (body at least 16 pt), same content."),
        click.option("--brief/--no-brief", default=False,
                     help="Short sheet: only the summary of each part."),
        click.option("--questions-only/--no-questions-only", default=False,
                     help="Only the header, the 'get help now' signs and the questions."),
        click.option("--fillable/--no-fillable", default=True,
                     help="Fields you can type in on screen (default), or a plain sheet to write on."),
        click.option("--font", type=path_value(), metavar="TTF",
                     help="A TTF font to use instead of the shipped one (for names in other scripts)."),
        click.option("--font-bold", type=path_value(), metavar="TTF",
                     help="The bold TTF that goes with --font."),
    ])


def person_options(func):
    """Who the sheet is for: name, visit, provider, clinic, subtype, note."""
    return _apply(func, [
        click.option("--name", help="The person's name, printed at the top (never in the file name)."),
        click.option("--visit", metavar='"YYYY-MM-DD HH:MM"', help="Visit date and time, or a date alone."),
        click.option("--provider", help="Who the person is seeing, e.g. \"Dr. Lee\"."),
        clinic_option,
        click.option("--subtype", type=click.Choice(SUBTYPES, case_sensitive=False),
                     help="Breast cancer subtype, for text about that type (default: unknown)."),
        click.option("--note", help="A short note of the person's own, printed near the top."),
    ])


#: Click parameter name -> request key (see mbcprep.request.REQUEST_KEYS).
OPTION_TO_REQUEST_KEY = {
    "concerns": "concerns", "name": "name", "visit": "visit", "provider": "provider",
    "clinic": "clinic", "subtype": "subtype", "note": "note", "paper": "paper",
    "large_print": "large_print", "brief": "brief", "questions_only": "questions_only",
    "fillable": "fillable", "fmt": "format", "font": "font", "font_bold": "font_bold",
}


def given_request_values(ctx: click.Context, params: dict) -> dict:
    """Request values for the options actually typed (not Click defaults), converted.

    Used so that options override a request file only where the person gave them.
    """
    from click.core import ParameterSource

    from mbcprep.request import check_font_file, load_clinic, parse_visit, split_ids

    values: dict = {}
    for name, key in OPTION_TO_REQUEST_KEY.items():
        if name not in params:
            continue
        source = ctx.get_parameter_source(name)
        if source in (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP):
            continue
        value = params[name]
        if key == "concerns":
            value = split_ids(value)
        elif key == "visit":
            value = parse_visit(value)
        elif key == "clinic":
            value = load_clinic(value)
        elif key in ("font", "font_bold"):
            value = check_font_file(value, f"--{key.replace('_', '-')}")
        elif key in ("subtype", "paper", "format"):
            value = value.lower()
        values[key] = value
    return values
