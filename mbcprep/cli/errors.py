"""Library errors to one-line messages and exit codes: the one place the CLI decides them.

Every command runs inside ``reported_errors`` (``mbcprep.cli.LazyGroup``
wraps the whole invocation, option parsing included), so no command
catches a library error itself:

* a ``HandoutError`` (a request, a file, a pack, an output) is one line per
  problem, "Error: file: row N: key: reason", exit status 1;
* a stop signal while a file was written (``Stopped``) says so, exit status
  128 + the signal's number (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP);
* Click's own usage errors keep Click's exit status 2, their message on one line;
* a command that reads a patient's own file (``summary``) says a bug in
  mbcprep in one line too (``internal_errors_in_one_line``): a traceback
  could quote the person's words.

A message may quote what the person typed, line breaks, escape sequences
and all: it is shown as one line of plain text (``controls.one_line``).
"""

from __future__ import annotations

import functools
from contextlib import contextmanager

import click

from mbcprep.controls import one_line
from mbcprep.errors import HandoutError, Stopped

#: The exit status for every problem with the request or the files.
PROBLEM_EXIT = 1


def error_lines(error: HandoutError) -> list[str]:
    """The error as the lines a person reads: one per problem, its places first."""
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
        # Click's type hints call the message Final; Click itself only reads it when it prints the error.
        error.message = one_line(error.message)  # type: ignore[misc]
        raise
    except Stopped as stop:
        from mbcprep.write.stopping import exit_status, signal_name  # only once a run was stopped

        click.echo(f"Stopped by {signal_name(stop.signum)}; nothing was written.", err=True)
        raise click.exceptions.Exit(exit_status(stop.signum)) from None


def internal_errors_in_one_line(what: str):
    """A command whose input is a patient's own file: an unexpected error (a bug in mbcprep) is one line,
    "Error: mbcprep could not make <what> (an internal problem); ...", exit status 1, never a traceback.

    Every error the library means to raise (and Click's own exits) passes
    through to ``reported_errors`` as for any command.
    """

    def decorate(command):
        @functools.wraps(command)
        def run(*args, **kwargs):
            try:
                return command(*args, **kwargs)
            except (HandoutError, Stopped, click.ClickException, click.exceptions.Exit, click.Abort):
                raise
            except Exception:  # a bug in mbcprep: no traceback, which could quote the person's words
                click.echo(f"Error: mbcprep could not make {what} (an internal problem); please report it, "
                           "without the file", err=True)
                raise click.exceptions.Exit(PROBLEM_EXIT) from None

        return run

    return decorate
