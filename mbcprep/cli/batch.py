"""``mbcprep batch``: every handout for a clinic day from one roster."""

from __future__ import annotations

import functools
import sys

import click

from mbcprep.cli.common import force_option, given_request_values, pack_option, path_value, reports_errors, request_options


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
@reports_errors
def batch(ctx, roster, out_dir, jobs, combined, force, pack_dir, **params):
    """Make a handout for every row of a roster (CSV), several at once.

    The roster's first row names the columns: name, visit, provider,
    concerns (ids separated by ;), subtype, note, language (en or es: one
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
    from mbcprep import batch as batch_lib
    from mbcprep.errors import Stopped
    from mbcprep.files import remove_stale_temps
    from mbcprep.request.packs import PackShelf
    from mbcprep.request.roster import read_roster
    from mbcprep.stopping import StopSignals, exit_status

    defaults = given_request_values(ctx, params)
    defaults.setdefault("format", "pdf")
    if combined is not None and defaults["format"] != "pdf":
        raise click.UsageError("--combined makes a PDF; use it with --format pdf")
    packs = PackShelf(pack_dir)
    if defaults.get("language"):
        packs.pack_for(defaults["language"])  # --language and --pack disagree: say so before reading rows
    rows, failures = read_roster(roster, packs, defaults)
    if out_dir.exists() and not out_dir.is_dir():
        raise click.ClickException(f"--out-dir {out_dir} is a file, not a folder; choose a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"cannot create the folder {out_dir}: {exc.strerror}") from None
    remove_stale_temps(out_dir)
    jobs_list, name_failures = batch_lib.plan_outputs(rows, out_dir, force)
    if combined is not None:
        batch_lib.check_combined(combined, out_dir, jobs_list, force)
        remove_stale_temps(combined.parent)
    failures += name_failures
    total = len(rows) + len(failures) - len(name_failures)
    result = batch_lib.BatchResult(failures=list(failures), total_rows=total)
    processes, note = batch_lib.choose_processes(jobs, len(jobs_list))
    if note:
        click.echo(note, err=True)

    with StopSignals() as stop:
        show_bar = sys.stderr.isatty() and len(jobs_list) > 1
        run = functools.partial(batch_lib.run_batch, jobs_list, packs, processes, force, result=result,
                                should_stop=stop)
        if show_bar:
            with click.progressbar(length=len(jobs_list), label="Making handouts", file=sys.stderr) as bar:
                run(on_progress=bar.update)
        else:
            run()
        # From here a stop signal raises: the error report and the combined file are
        # written atomically, so a stop leaves the old one or none, never half of one.
        stop.raising = stop.signum is None
        combined_note, report = "", None
        try:
            report = batch_lib.write_error_report(out_dir, result.report_rows())
            for failure in sorted(result.failures, key=lambda f: f.row):
                click.echo(f"row {failure.row}: {failure.reason}", err=True)
            if combined is not None and result.written and not result.interrupted:
                paths = [path for _, path in sorted(result.written)]
                target, pages = batch_lib.combine_pdfs(paths, combined, force=force)
                click.echo(f"Combined print file: {target} ({pages} pages)")
        except Stopped as stopped:
            result.interrupted, result.stop_signal = True, stopped.signum
            combined_note = " The combined print file was not written."
    summary = f"{len(result.written)} written, {len(result.failures)} failed"
    if result.interrupted:
        not_made = f", {len(result.not_made)} not made" if result.not_made else ""
        summary = (f"Stopped after {result.done} of {result.total_rows} rows: {summary}{not_made}."
                   f"{combined_note} Finished files were kept. To make the rest, run the same command again "
                   "with --force (it makes every handout again)")
    click.echo(f"{summary} (in {out_dir})." + (f" Reasons: {report}" if report else ""))
    if result.interrupted:
        raise click.exceptions.Exit(exit_status(result.stop_signal))
    if result.failures:
        raise click.exceptions.Exit(1)
