"""``mbcprep batch``: every handout for a clinic day from one roster."""

from __future__ import annotations

import sys

import click

from mbcprep.cli.common import force_option, given_request_values, pack_option, path_value, request_options


@click.command()
@click.argument("roster", type=path_value())
@click.option("--out-dir", required=True, type=path_value(), help="Folder for the handouts (created if missing).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="How many handouts to make at once [default: number of CPUs; never more than the "
                   "CPUs or the rows].")
@click.option("--combined", type=path_value(), default=None,
              help="Also write one PDF with every handout, for printing double-sided.")
@request_options("clinic", "format", "language")
@force_option
@pack_option
@click.pass_context
def batch(ctx, roster, out_dir, jobs, combined, force, pack_dir, **params):
    """Make a handout for every row of a roster (CSV), several at once.

    The roster's first row names the columns: name, visit, provider,
    concerns (ids separated by ;), hormone_receptor, her2 (or subtype, the
    shorthand), note, language (a code, as --language takes: one
    roster can mix them; empty means --language), large_print, brief, and
    optionally file (the output name). Only concerns is required. Bad rows
    are reported by row number and skipped; every good row is still written.
    When a row fails, the reasons go to batch-errors.csv in the out-dir and
    the exit status is 1.

    \b
    Example:
      mbcprep batch examples/roster.csv --out-dir tomorrow --clinic examples/clinic.toml
      mbcprep batch roster.csv --out-dir tomorrow --combined tomorrow/print-all.pdf
      mbcprep batch roster.csv --out-dir manana --language es
    """
    # The library is imported when the command runs, not when --help lists it (the start-up test).
    from mbcprep.batch import prepare_batch, run_batch
    from mbcprep.request.packs import PackShelf
    from mbcprep.write.stopping import StopSignals, exit_status

    defaults = given_request_values(ctx, params)
    defaults.setdefault("format", "pdf")
    if combined is not None and defaults["format"] != "pdf":
        raise click.UsageError("--combined makes a PDF; use it with --format pdf")
    packs = PackShelf(pack_dir)
    if defaults.get("language"):
        packs.pack_for(defaults["language"])  # --language and --pack disagree: say so before reading rows
    prepared = prepare_batch(roster, out_dir, packs, defaults, combined=combined, force=force, jobs=jobs)
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
    if result.interrupted:
        raise click.exceptions.Exit(exit_status(result.stop_signal))
    if result.failures:
        raise click.exceptions.Exit(1)
