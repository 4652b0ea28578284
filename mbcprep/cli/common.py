"""Options and error handling shared by several commands (defined once)."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from mbcprep.errors import HandoutError, PackInvalid


def pack_option(func):
    """``--pack DIR``: use a content pack folder instead of the built-in one."""
    return click.option(
        "--pack",
        "pack_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Content pack folder to use instead of the built-in one.",
    )(func)


def load_pack_or_exit(pack_dir: Path | None):
    """Load a pack, turning every pack problem into a plain message and exit 1."""
    from mbcprep.pack import load_pack

    try:
        return load_pack(pack_dir)
    except PackInvalid as exc:
        for error in exc.errors:
            click.echo(f"Error: {error}", err=True)
        raise click.exceptions.Exit(1) from None


def reports_errors(func):
    """Turn library errors into one-line messages with exit status 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except PackInvalid as exc:
            for error in exc.errors:
                click.echo(f"Error: {error}", err=True)
            raise click.exceptions.Exit(1) from None
        except HandoutError as exc:
            click.echo(f"Error: {exc}", err=True)
            raise click.exceptions.Exit(1) from None

    return wrapper
