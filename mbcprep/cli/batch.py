"""``mbcprep batch``: every handout for a clinic day from one roster (a CSV, a workbook or a FHIR Bundle)."""

from __future__ import annotations

import sys

import click

from mbcprep.cli.common import force_option, given_request_values, pack_option, path_value, request_options


@click.command()
@click.argument("roster", type=path_value(), required=False)
@click.option("--out-dir", type=path_value(), help="Folder for the handouts (created if missing).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="How many handouts to make at once [default: number of CPUs; never more than the "
                   "CPUs or the rows].")
@click.option("--combined", type=path_value(), default=None,
              help="Also write one PDF with every handout, for printing double-sided.")
@click.option("--check", is_flag=True, help="Read the roster and report every row's problems; write nothing.")
@click.option("--template", is_flag=True, help="Print a roster template (CSV, every column) to save and fill in.")
@click.option("--sheet", metavar="NAME", help="The sheet of an Excel workbook to read [default: the first].")
@click.option("--date-order", type=click.Choice(("mdy", "dmy")), default="mdy", show_default=True,
              help="How dates like 8/12/2026 are written: month first (US) or day first.")
@click.option("--map", "column_map", multiple=True, metavar='"HEADER=COLUMN"',
              help='Read a column under another name, e.g. --map "Appointment=visit"; '
                   '--map "Room=" leaves a column out. Repeat it for more.')
@click.option("--allow-blank-names", is_flag=True,
              help="Make sheets for rows without a name (otherwise such a row fails).")
@request_options("concerns", "clinic", "format", "language", "print_mrn")
@force_option
@pack_option
@click.pass_context
def batch(ctx, roster, out_dir, jobs, combined, check, template, sheet, date_order, column_map, allow_blank_names,
          force, pack_dir, **params):
    """Make a handout for every row of a roster, several at once.

    The roster is a CSV file (UTF-8, UTF-16 or Windows-1252), an Excel
    workbook (.xlsx) or a FHIR R4 Bundle of the day's Appointments (JSON;
    see docs/fhir.md). Its first row names the columns: name, dob (date of
    birth), visit, provider, concerns (ids separated by ;), language (a code
    as --language takes, or a name: one roster can mix them; empty means --language), note,
    hormone_receptor, her2 (or subtype, the shorthand), large_print,
    brief, mrn, and optionally file (the output name). Exports' own names
    work too ("Patient Name", "DOB", "Appt Date" and "Appt Time", "Provider
    Name", "Preferred Language"); --map names the rest. Every row needs a
    name (or the word anonymous) and concerns (or --concerns for the rows
    without). Bad rows are reported by row number and skipped; every good
    row is still written. When a row fails, the reasons go to
    batch-errors.csv in the out-dir and the exit status is 1.

    \b
    Example:
      mbcprep batch examples/roster.csv --out-dir tomorrow --clinic examples/clinic.toml
      mbcprep batch schedule.xlsx --out-dir tomorrow --concerns treatment-options --combined tomorrow/print-all.pdf
      mbcprep batch day.json --check
      mbcprep batch --template > roster.csv
    """
    # The library is imported when the command runs, not when --help lists it (the start-up test).
    if template:
        if roster is not None:
            raise click.UsageError("--template prints the template; save it with: mbcprep batch --template > "
                                   "roster.csv")
        from mbcprep.request.roster_files import template_bytes  # loaded when the command runs, not for --help

        sys.stdout.flush()
        sys.stdout.buffer.write(template_bytes())  # bytes as they are: a CRLF file with its byte-order mark
        sys.stdout.buffer.flush()
        return
    if roster is None:
        raise click.UsageError("give the roster file (or --template for an empty one)")
    if out_dir is None and not check:
        raise click.UsageError("give --out-dir for the handouts (or --check to only read the roster)")

    from mbcprep.request.concerns import check_concern_ids  # loaded when the command runs, not for --help
    from mbcprep.request.packs import PackShelf  # loaded when the command runs, not for --help
    from mbcprep.request.roster import RosterReading  # loaded when the command runs, not for --help
    from mbcprep.request.roster_columns import parse_map  # loaded when the command runs, not for --help

    defaults = given_request_values(ctx, params)
    defaults.setdefault("format", "pdf")
    if combined is not None and defaults["format"] != "pdf":
        raise click.UsageError("--combined makes a PDF; use it with --format pdf")
    packs = PackShelf(pack_dir)
    pack = packs.pack_for(defaults.get("language"))  # --language and --pack disagree: say so before reading rows
    if defaults.get("concerns"):
        check_concern_ids(defaults["concerns"], pack)  # a mistyped --concerns fails once, with "did you mean"
    reading = RosterReading(sheet, date_order == "dmy", parse_map(column_map), allow_blank_names)
    if check:
        _check(roster, packs, defaults, reading)
    else:
        _make(roster, out_dir, packs, defaults, reading, combined, force, jobs)


def _check(roster, packs, defaults, reading) -> None:
    """``--check``: what the roster was read as, which columns, every failed row; nothing written."""
    from mbcprep.request.roster import read_roster  # loaded when the command runs, not for --help

    read = read_roster(roster, packs, defaults, reading)
    click.echo(f"Read {roster} as {read.source}.")
    if read.columns:
        from mbcprep.request.roster_columns import PART_NAMES  # loaded when the command runs, not for --help

        click.echo("Columns: " + ", ".join(header if header == column else
                                           f"{header} -> {PART_NAMES.get(column, column)}"
                                           for header, column in read.columns))
    _say_ignored(read.ignored)
    for failure in sorted(read.failures, key=lambda f: f.row):
        click.echo(f"row {failure.row}: {failure.reason}", err=True)
    click.echo(f"{read.total_rows} row{'s' if read.total_rows != 1 else ''}: {len(read.rows)} ready, "
               f"{len(read.failures)} failed. Nothing was written (--check).")
    if read.failures:
        raise click.exceptions.Exit(1)


def _say_ignored(ignored) -> None:
    if ignored:
        from mbcprep.request.roster_columns import shown_headers  # loaded when the command runs, not for --help

        click.echo(f"Columns not read: {shown_headers(list(ignored))} (--map \"HEADER=COLUMN\" reads one).",
                   err=True)


def _make(roster, out_dir, packs, defaults, reading, combined, force, jobs) -> None:
    from mbcprep.batch import prepare_batch, run_batch  # loaded when the command runs, not for --help
    from mbcprep.write.stopping import StopSignals, exit_status  # loaded when the command runs, not for --help

    prepared = prepare_batch(roster, out_dir, packs, defaults, combined=combined, force=force, jobs=jobs,
                             reading=reading)
    _say_ignored(prepared.ignored)
    if prepared.processes_note:
        click.echo(prepared.processes_note, err=True)
    with StopSignals() as stop:
        if sys.stderr.isatty() and len(prepared.jobs) > 1:
            with click.progressbar(length=len(prepared.jobs), label="Making handouts", file=sys.stderr) as bar:
                result = run_batch(prepared, on_progress=bar.update, stop=stop)
        else:
            result = run_batch(prepared, stop=stop)
    for failure in sorted(result.failures, key=lambda f: f.row):
        click.echo(f"row {failure.row}: {failure.reason}", err=True)
    if result.combined is not None:
        click.echo(f"Combined print file: {result.combined[0]} ({result.combined[1]} pages)")
    summary = f"{len(result.written)} written, {len(result.failures)} failed"
    if result.interrupted:
        not_made = f", {len(result.not_made)} not made" if result.not_made else ""
        unwritten = " The combined print file was not written." if result.combined_stopped else ""
        summary = (f"Stopped after {result.done} of {result.total_rows} rows: {summary}{not_made}.{unwritten} "
                   "Finished files were kept. To make the rest, run the same command again "
                   "with --force (it makes every handout again)")
    click.echo(f"{summary} (in {out_dir})." + (f" Reasons: {result.report}" if result.report else ""))
    if result.interrupted and result.stop_signal is not None:
        raise click.exceptions.Exit(exit_status(result.stop_signal))
    if result.failures:
        raise click.exceptions.Exit(1)
