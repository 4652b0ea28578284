"""``mbcprep generate``: one handout from options or a request file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from mbcprep.cli.common import force_option, given_request_values, pack_option, path_value, reports_errors, request_options
from mbcprep.request.fields import REQUEST_KEYS

#: Output suffixes that say which format was meant when --format is not given.
SUFFIX_FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "txt"}


@click.command()
@request_options(*REQUEST_KEYS)
@click.option("--from", "from_file", type=path_value(), metavar="FILE",
              help="Read the request from a TOML file; options given here override it.")
@pack_option
@click.option("-o", "--output", metavar="PATH",
              help="Where to write the handout ('-' for standard output). "
                   "Default: visit-prep-<visit date or today>.<format> here.")
@force_option
@click.pass_context
@reports_errors
def generate(ctx, from_file, pack_dir, output, force, **params):
    """Make one handout.

    Choose concerns with -c (see 'mbcprep concerns'); everything else is
    optional. The default file name never contains the person's name.

    \b
    Example:
      mbcprep generate -c bones,tiredness --name "Ana Diaz" --visit "2026-12-03 10:30"
      mbcprep generate -c bones,lungs --language es
      mbcprep generate -c bones --format html -o bones.html
      mbcprep generate --from examples/newly-diagnosed-bone-pain.toml --large-print
    """
    from mbcprep.request.packs import PackShelf
    from mbcprep.request.values import read_request_file, request_from_values
    from mbcprep.stopping import StopSignals

    values = read_request_file(from_file) if from_file else {}
    values.update(given_request_values(ctx, params))
    values["format"] = choose_format(values.get("format"), output)
    pack = PackShelf(pack_dir).pack_for(values.get("language"))
    request = request_from_values(values, pack)
    handout = render_request(request, pack)
    with StopSignals(raising=True):  # SIGTERM or SIGHUP while writing: the temporary file goes too
        message = write_handout(handout, output, request.visit, force)
    if message:
        click.echo(message)


def choose_format(given: str | None, output: str | None) -> str:
    """The format asked for; else the one the output name implies (report.html); else PDF."""
    if given:
        return given
    if output and output != "-":
        return SUFFIX_FORMATS.get(Path(output).suffix.lower(), "pdf")
    return "pdf"


def render_request(request, pack):
    """Plan and draw a handout."""
    from mbcprep.handout import render
    from mbcprep.plan import plan_handout

    return render(plan_handout(request, pack), request.format)


def write_handout(handout, output: str | None, visit, force: bool) -> str:
    """Write the handout (atomically, never over a file without ``force``); return the one-line report.

    ``output == "-"`` writes the bytes to standard output and returns an empty
    report, so nothing else mixes into the stream.  Temporary files that an
    earlier, killed run left in the target folder are removed first.
    """
    from mbcprep.errors import OutputError
    from mbcprep.files import OutputExists, default_output_name, remove_stale_temps, write_atomic

    if output == "-":
        write_to_stdout(handout.data)
        return ""
    path = Path(output) if output else Path(default_output_name(visit, handout.fmt))
    remove_stale_temps(path.parent if str(path.parent) else Path("."))
    try:
        written = write_atomic(path, handout.data, force=force)
    except OutputExists as exc:
        raise OutputError(f"{exc}, or choose another name with -o") from None
    if handout.pages is None:
        return f"Wrote {written}"
    pages = handout.pages
    return f"Wrote {written} ({pages} page{'s' if pages != 1 else ''})"


def write_to_stdout(data: bytes) -> None:
    """The handout's bytes, as written (a PDF must not pass through text encoding), on standard output.

    A full disk or a closed pipe is one ``OutputError``; standard output is
    then pointed at the null device, so Python's own flush at exit has
    nothing left to complain about.
    """
    from mbcprep.errors import OutputError

    stream = sys.stdout.buffer
    try:
        stream.write(data)
        stream.flush()
    except OSError as exc:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass  # not a real file descriptor (a test runner's buffer)
        raise OutputError(f"cannot write the handout to standard output: {exc.strerror or exc}") from None
