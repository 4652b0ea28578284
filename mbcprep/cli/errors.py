"""Library errors to one-line messages and exit codes: the one place the CLI decides them.

Every command runs inside ``reported_errors`` (``mbcprep.cli.LazyGroup``
wraps the whole invocation, option parsing included), so no command
catches a library error itself:

* a ``HandoutError`` (a request, a file, a pack, an output) is one line per
  problem, "Error: file: row N: key: reason", exit status 1;
* a stop signal while a file was written (``Stopped``) says so, exit status
  128 + the signal's number (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP);
* Click's own usage errors keep Click's exit status 2, their message on one line.

A message may quote what the person typed, line breaks, escape sequences
and all: it is shown as one line of plain text (``controls.one_line``).
"""

from __future__ import annotations

from contextlib import contextmanager

import click

from mbcprep.errors import HandoutError, Stopped

#: The exit status for every problem with the request or the files.
PROBLEM_EXIT = 1


def error_lines(error: HandoutError) -> list[str]:
    """The error as the lines a person reads: one per problem, its places first."""
    from mbcprep.controls import one_line

    return [f"Error: {one_line(': '.join((*places, reason)))}" for places, reason in error.problems()]


@contextmanager
def reported_errors():
    """Run a command; turn what the library raises into messages on standard error and an exit status."""
    try:
        yield
    except HandoutError as error:
        for line in error_lines(error):
            click.echo(line, err=True)
        raise click.exceptions.Exit(PROBLEM_EXIT) from None
    except click.ClickException as error:
        from mbcprep.controls import one_line

        error.message = one_line(error.message)
        raise
    except Stopped as stop:
        from mbcprep.stopping import exit_status, signal_name

        click.echo(f"Stopped by {signal_name(stop.signum)}; nothing was written.", err=True)
        raise click.exceptions.Exit(exit_status(stop.signum)) from None
