"""``mbcprep summary``: a one-page visit summary from a handout the patient filled in."""

from __future__ import annotations

import datetime as dt

import click

from mbcprep.cli.common import force_option, write_and_report
from mbcprep.cli.errors import internal_errors_in_one_line
from mbcprep.formats import SUMMARY, SUMMARY_FORMATS, default_format


@click.command()
@click.argument("filled", metavar="FILLED.pdf")
@click.option("-o", "--output", metavar="PATH",
              help="Where to write the summary ('-' for standard output). "
                   "Default: visit-summary-<today>.<format> here.")
@click.option("--format", "fmt", type=click.Choice(tuple(SUMMARY_FORMATS), case_sensitive=False), default=None,
              help="pdf (one page, to print), txt (to paste into a clinic note) or json (for scripts). "
                   "Default: from the -o name, else pdf.")
@force_option
@internal_errors_in_one_line("this summary")
def summary(filled, output, fmt, force):
    """Summarise a handout the patient filled in on screen, for the care team.

    Reads what was typed and ticked in the handout's fields and writes one
    page: who and when, the concerns, the top 3 questions, the questions
    ticked, the symptom log (high or rising scores marked), the medicines
    and the first lines of the notes. The default file name never contains
    the person's name.

    \b
    Example:
      mbcprep summary ana-filled.pdf
      mbcprep summary ana-filled.pdf --format txt -o -
      mbcprep summary ana-filled.pdf -o summary.json
    """
    # The library is imported when the command runs, not when --help lists it (the start-up test).
    from mbcprep.summary import summarise
    from mbcprep.write.handout import format_for_output

    fmt = (fmt or format_for_output(output, SUMMARY) or default_format(SUMMARY)).lower()
    today = dt.date.today()
    message = write_and_report(summarise(filled, fmt, today), output, force, today)
    if message:
        click.echo(message)
