"""``mbcprep serve``: the handout maker as a page in the browser, on this computer only by default.

The server itself (waitress, its limits, its log, stopping it) is ``mbcprep.web.server``;
this command checks the options, says where it runs, and runs it.
"""

from __future__ import annotations

import sys

import click

from mbcprep.cli.common import pack_option, path_value

NETWORK_WARNING = (
    "Warning: mbcprep is listening on {host}, so other computers can reach it. It has no sign-in "
    "and no HTTPS of its own: put it behind the clinic's HTTPS proxy with sign-in (see 'Running it "
    "for a whole clinic' in the README), and pass that address with --public-url."
)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this computer needs --allow-network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--allow-network", is_flag=True,
              help="Allow a --host other computers can reach (only behind the clinic's HTTPS proxy with sign-in).")
@click.option("--public-url", metavar="URL",
              help="The address people open when a proxy serves this page, e.g. https://prep.clinic.example.")
@click.option("--clinic", type=path_value(),
              help="Clinic profile (TOML) the pages may put on the sheets; people cannot name another file.")
@pack_option
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
def serve(host, port, allow_network, public_url, clinic, pack_dir, open_browser):
    """Make handouts in a web browser: pages for patients, for a clinic day's roster, and for the visit summary.

    Only this computer can open the page unless you add --allow-network.
    Nothing typed or uploaded is saved; a roster's zip or a summary waits in
    memory for 15 minutes at most. Press Ctrl-C to stop.

    \b
    Example:
      mbcprep serve --open
      mbcprep serve --clinic examples/clinic.toml --port 8080
    """
    # The web app (Flask, waitress) is imported when the command runs, not when --help lists it.
    import webbrowser

    from mbcprep.errors import RequestError
    from mbcprep.web.handouts import load_library, warm_up
    from mbcprep.web.security import is_loopback
    from mbcprep.web.server import Server, listen

    if not is_loopback(host) and not allow_network:
        raise click.UsageError(f"--host {host} lets other computers reach the page; add --allow-network to "
                               "mean it (and put it behind the clinic's HTTPS proxy with sign-in)")
    if public_url and not public_url.lower().startswith(("https://", "http://")):
        raise RequestError(f"--public-url {public_url}: must start with https:// (or http://)")
    library = load_library(pack_dir, clinic)
    warm_up(library)
    if not is_loopback(host):
        click.echo(NETWORK_WARNING.format(host=host), err=True)
    server = Server(library, listen(host, port), host, public_url)
    click.echo(f"mbcprep is running at {server.url} (open it in your browser; press Ctrl-C to stop)")
    if public_url:
        click.echo(f"People open it through the proxy at {public_url}")
    sys.stdout.flush()
    if open_browser:
        webbrowser.open(server.url)
    server.run()
    click.echo("Stopped. Nothing typed was kept.")
