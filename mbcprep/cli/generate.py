"""``mbcprep generate``: one handout from options or a request file."""

from __future__ import annotations

import click

from mbcprep.cli.common import (force_option, given_request_values, pack_option, path_value, request_options,
                                write_and_report)
from mbcprep.request.fields import REQUEST_KEYS


@click.command()
@request_options(*REQUEST_KEYS)
@click.option("--from", "from_file", type=path_value(), metavar="FILE",
              help="Read the request from a TOML file; options given here override it.")
@pack_option
@click.option("-o", "--output", metavar="PATH",
              help="Where to write the handout ('-' for standard output). "
                   "Default: visit-prep-<visit date or today>.<format> here "
                   "(preparacion-cita-<date> in Spanish).")
@force_option
@click.pass_context
def generate(ctx, from_file, pack_dir, output, force, **params):
    """Make one handout.

    Choose concerns with -c (see 'mbcprep concerns'); everything else is
    optional. The sheet has a few questions for each concern; add more
    with --question (ids from 'mbcprep concerns --questions'). The default
    file name never contains the person's name.

    \b
    Example:
      mbcprep generate -c bones,tiredness --name "Ana Diaz" --visit "2026-12-03 10:30"
      mbcprep generate -c bones,lungs --language es
      mbcprep generate -c bones --format html -o bones.html
      mbcprep generate --from examples/newly-diagnosed-bone-pain.toml --large-print
    \b
    Questions (the usual few, plus these; or all; or only these):
      mbcprep generate -c bones --question bones.dentist --question matters-most
      mbcprep generate -c bones,pain --questions all --own-questions 3
      mbcprep generate -c bones --questions none --question bones.calcium-vitamin-d
    """
    # The library is imported when the command runs, not when --help lists it (the start-up test).
    from mbcprep.plan import plan_handout
    from mbcprep.render import render_handout
    from mbcprep.request.packs import PackShelf
    from mbcprep.request.values import read_request_file, request_from_values
    from mbcprep.write.handout import format_for_output

    values = read_request_file(from_file) if from_file else {}
    values.update(given_request_values(ctx, params))
    values["format"] = values.get("format") or format_for_output(output) or "pdf"
    pack = PackShelf(pack_dir).pack_for(values.get("language"))
    request = request_from_values(values, pack)
    handout = render_handout(plan_handout(request, pack), request.format)
    message = write_and_report(handout, output, force, request.visit, language=request.language)
    if message:
        click.echo(message)
