"""``mbcprep batch``: every handout for a clinic day from one roster."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mbcprep.cli.common import clinic_option, force_option, format_option, pack_option, reports_errors


@click.command()
@click.argument("roster", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the handouts (created if missing).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="How many handouts to make at once [default: number of CPUs].")
@click.option("--combined", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write one PDF with every handout, for printing double-sided.")
@clinic_option
@format_option
@force_option
@pack_option
@reports_errors
def batch(roster, out_dir, jobs, combined, clinic, fmt, force, pack_dir):
    """Make a handout for every row of a roster (CSV), several at once.

    The roster's first row names the columns: name, visit, provider,
    concerns (ids separated by ;), subtype, large_print, brief, note, and
    optionally file (the output name). Only concerns is required. Bad rows
    are reported by row number and skipped; every good row is still written.
    When a row fails, the reasons go to batch-errors.csv in the out-dir and
    the exit status is 1.

    \b
    Example:
      mbcprep batch examples/roster.csv --out-dir tomorrow --clinic examples/clinic.toml
      mbcprep batch roster.csv --out-dir tomorrow --combined tomorrow/print-all.pdf
    """
    from mbcprep import batch as batch_lib
    from mbcprep.cli.common import load_pack_or_exit
    from mbcprep.request import load_clinic

    fmt = fmt.lower()
    if combined is not None and fmt != "pdf":
        raise click.UsageError("--combined makes a PDF; use it with --format pdf")
    pack = load_pack_or_exit(pack_dir)
    profile = load_clinic(clinic) if clinic else None
    rows, failures = batch_lib.read_roster(roster, pack, profile)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"cannot create the folder {out_dir}: {exc.strerror}") from None
    jobs_list, name_failures = batch_lib.plan_outputs(rows, out_dir, fmt, force)
    failures += name_failures
    total = len(rows) + len(failures) - len(name_failures)
    result = batch_lib.BatchResult(failures=list(failures), total_rows=total)

    processes = jobs or batch_lib.default_jobs()
    show_bar = sys.stderr.isatty() and len(jobs_list) > 1
    if show_bar:
        with click.progressbar(length=len(jobs_list), label="Making handouts", file=sys.stderr) as bar:
            batch_lib.run_batch(jobs_list, pack, fmt, processes, force, on_progress=bar.update, result=result)
    else:
        batch_lib.run_batch(jobs_list, pack, fmt, processes, force, result=result)

    for failure in sorted(result.failures, key=lambda f: f.row):
        click.echo(f"row {failure.row}: {failure.reason}", err=True)
    report = batch_lib.write_error_report(out_dir, result.failures)
    if combined is not None and result.written and not result.interrupted:
        paths = [path for _, path in sorted(result.written)]
        target, pages = batch_lib.combine_pdfs(paths, combined, force=force)
        click.echo(f"Combined print file: {target} ({pages} pages)")
    summary = f"{len(result.written)} written, {len(result.failures)} failed"
    if result.interrupted:
        summary = (f"Stopped after {result.done} of {result.total_rows} rows: {summary}. "
                   "Finished files were kept. To make the rest, run the same command again with --force "
                   "(it makes every handout again)")
    click.echo(f"{summary} (in {out_dir})." + (f" Reasons: {report}" if report else ""))
    if result.failures or result.interrupted:
        raise click.exceptions.Exit(1 if not result.interrupted else 130)
