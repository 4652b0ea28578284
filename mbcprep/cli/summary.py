"""``mbcprep summary``: a one-page visit summary from each handout a patient filled in, for one visit or a day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from mbcprep.cli.common import force_option, path_value, write_and_report
from mbcprep.cli.errors import internal_errors_in_one_line
from mbcprep.errors import FilledFormError, OutputError
from mbcprep.formats import SUMMARY, SUMMARY_FORMATS, default_format


@click.command()
@click.argument("filled", nargs=-1, required=True, metavar="FILLED.pdf... | FOLDER")
@click.option("-o", "--output", metavar="PATH",
              help="Where to write the summary of one handout ('-' for standard output). "
                   "Default: visit-summary-<visit date>-<time>-<N>.<format> here.")
@click.option("--out-dir", type=path_value(), default=None,
              help="Folder for the summaries (one per handout, named by the visit's date and time and a "
                   "counter; created if missing). Default: here.")
@click.option("--combined", type=path_value(), default=None,
              help="Also write one PDF with every summary, to print (with --format pdf).")
@click.option("--format", "fmt", type=click.Choice(tuple(SUMMARY_FORMATS), case_sensitive=False), default=None,
              help="pdf (one page, to print), txt (to paste into a clinic note), json (for scripts) or fhir "
                   "(a FHIR R4 QuestionnaireResponse, for the chart). Default: from the -o name, else pdf.")
@force_option
@internal_errors_in_one_line("this summary")
def summary(filled, output, out_dir, combined, fmt, force):
    """Summarise the handouts patients filled in on screen, for the care team.

    Reads what was typed and ticked in each handout's fields and writes one
    page each: who and when, the concerns, the top 3 questions, the
    questions ticked, the symptom log (high or rising scores marked), the
    medicines, the notes and the phone numbers they wrote. Give one file,
    several, or a folder (every .pdf in it). File names are the visit's date
    and time and a counter, never the person's name. A file that cannot be
    read is reported and the others are still summarised (exit status 1).

    \b
    Example:
      mbcprep summary ana-filled.pdf
      mbcprep summary ana-filled.pdf --format txt -o -
      mbcprep summary returned/ --out-dir summaries --combined summaries/print-all.pdf
      mbcprep summary ana-filled.pdf --format fhir -o ana.fhir.json
    """
    # The library is imported when the command runs, not when --help lists it (the start-up test).
    from mbcprep.write.handout import format_for_output
    from mbcprep.write.summaries import SummaryNames, handouts_in, write_print_file

    fmt = (fmt or format_for_output(output, SUMMARY) or default_format(SUMMARY)).lower()
    sources = handouts_in([Path(name) for name in filled])
    if combined is not None and fmt != "pdf":
        raise click.UsageError("--combined makes a PDF of the summaries; use it with --format pdf")
    if output is not None and (len(sources) != 1 or out_dir is not None):
        raise click.UsageError("-o names the summary of one handout; for several, or a folder, use --out-dir")
    if not sources:
        raise OutputError(f"{filled[0]}: the folder has no .pdf files; give the filled-in handouts")
    today = dt.date.today()
    folder = Path(out_dir) if out_dir is not None else Path(".")
    if out_dir is not None:
        from mbcprep.write.folder import prepare_folder  # only for --out-dir

        prepare_folder(folder)
    if combined is not None:
        from mbcprep.write.files import check_target  # only for --combined

        check_target(Path(combined), force)
    names = SummaryNames(folder, force)
    made: list[tuple[str, bytes]] = []
    failed = 0
    for source in sources:
        try:
            document, visit = _summarise(source, fmt, today)
        except FilledFormError as error:
            if len(sources) == 1:
                raise
            click.echo(f"{source}: {error.message}", err=True)
            failed += 1
            continue
        target = output if output is not None else names.name(visit, today, fmt)
        message = write_and_report(document, target, force, today)
        if message:
            click.echo(message + (f" from {source}" if len(sources) > 1 else ""))
        if combined is not None and isinstance(target, Path):
            made.append((target.stem, document.data))
    if combined is not None and made:
        path, pages = write_print_file(made, Path(combined), force)
        click.echo(f"Combined print file: {path} ({pages} pages)")
    if len(sources) > 1:
        click.echo(f"{len(sources) - failed} summarised, {failed} could not be read.")
    if failed:
        raise click.exceptions.Exit(1)


def _summarise(source, fmt: str, today):
    """One handout's summary drawn in ``fmt``, and its visit (for the file's name)."""
    # The library is imported when the command runs, not when --help lists it (the start-up test).
    from mbcprep.summary import plan_summary, read_filled_form, render_summary

    planned = plan_summary(read_filled_form(source), today)
    return render_summary(planned, fmt), planned.visit
