"""``mbcprep summary``: a one-page visit summary from a handout the patient filled in."""

from __future__ import annotations

import click

from mbcprep.cli.common import force_option, write_and_report
from mbcprep.errors import HandoutError

#: Output suffixes that say which format was meant when --format is not given.
SUFFIX_FORMATS = {".pdf": "pdf", ".txt": "txt", ".json": "json"}


@click.command()
@click.argument("filled", metavar="FILLED.pdf")
@click.option("-o", "--output", metavar="PATH",
              help="Where to write the summary ('-' for standard output). "
                   "Default: visit-summary-<today>.<format> here.")
@click.option("--format", "fmt", type=click.Choice(("pdf", "txt", "json"), case_sensitive=False), default=None,
              help="pdf (one page, to print), txt (to paste into a clinic note) or json (for scripts). "
                   "Default: from the -o name, else pdf.")
@force_option
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
    import datetime as dt
    from pathlib import Path

    from mbcprep.render import Handout
    from mbcprep.summary import summarise

    fmt = (fmt or (SUFFIX_FORMATS.get(Path(output).suffix.lower()) if output and output != "-" else None)
           or "pdf").lower()
    today = dt.date.today()
    try:
        rendered = summarise(filled, fmt, today)
    except HandoutError:
        raise
    except Exception:  # a bug in mbcprep: no traceback, which could quote the person's words
        click.echo("Error: mbcprep could not make this summary (an internal problem); please report it, "
                   "without the file", err=True)
        raise click.exceptions.Exit(1) from None
    target = output or f"visit-summary-{today.isoformat()}.{fmt}"
    message = write_and_report(Handout(rendered.data, fmt, rendered.pages), target, force)
    if message:
        click.echo(message)
