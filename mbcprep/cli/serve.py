"""``mbcprep serve``: the handout maker as a page in the browser, on this computer only by default."""

from __future__ import annotations

import click

from mbcprep.cli.common import pack_option, path_value

#: waitress settings: every request body and every response stays in memory (waitress would put
#: a body over 512 KB, or a response over 1 MB, in a temporary file), and a body over the largest
#: page limit (a filled-in handout's 20 MB on the summary page, and its form) is refused by waitress
#: itself before it is read.
MAX_BODY_BYTES = 24_000_000
THREADS = 8
#: Connections waitress takes at once (its default).  A connection that sends nothing for
#: ``UNFINISHED_BODY_SECONDS`` while its request is unfinished (or between requests) is closed; it is
#: looked for every ``CLEANUP_SECONDS``.  waitress's own 120 s let 100 stalled uploads lock everyone out
#: for two minutes; a request being answered is never cut, however long it takes.
CONNECTION_LIMIT = 100
UNFINISHED_BODY_SECONDS = 15
CLEANUP_SECONDS = 2
NETWORK_WARNING = (
    "Warning: mbcprep is listening on {host}, so other computers can reach it. It has no sign-in "
    "and no HTTPS of its own: put it behind the clinic's HTTPS proxy with sign-in (see 'Use it in "
    "your browser' in the README), and pass that address with --public-url."
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
    from mbcprep.errors import RequestError
    from mbcprep.web.handouts import load_library, warm_up
    from mbcprep.web.security import is_loopback

    if not is_loopback(host) and not allow_network:
        raise click.UsageError(f"--host {host} lets other computers reach the page; add --allow-network to "
                               "mean it (and put it behind the clinic's HTTPS proxy with sign-in)")
    if public_url and not public_url.lower().startswith(("https://", "http://")):
        raise RequestError(f"--public-url {public_url}: must start with https:// (or http://)")
    library = load_library(pack_dir, clinic)
    warm_up(library)
    if not is_loopback(host):
        click.echo(NETWORK_WARNING.format(host=host), err=True)
    run_server(library, listen(host, port), host, public_url, open_browser)


def listen(host: str, port: int):
    """A listening socket on ``host``:``port`` (port 0: a free one), or a one-line error."""
    import socket

    from mbcprep.errors import OutputError

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        raise OutputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                          "choose another --port (or --host)") from None


def run_server(library, sock, host: str, public_url: str | None, open_browser: bool) -> None:
    """Say where, serve until Ctrl-C (or SIGTERM, SIGHUP), then drop every download and stop cleanly."""
    import logging
    import signal
    import sys

    import waitress

    from mbcprep.web import create_app
    from mbcprep.web.downloads import Downloads
    from mbcprep.web.security import allowed_names, is_every_address

    port = sock.getsockname()[1]
    hosts, origins = allowed_names(host, port, public_url)
    downloads = Downloads()
    app = create_app(library, hosts, origins, downloads)
    log = logging.getLogger("mbcprep.web")  # the access log and errors, one plain line each, on stderr
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    server = waitress.create_server(app, sockets=[sock], threads=THREADS, ident="mbcprep",
                                    max_request_body_size=MAX_BODY_BYTES,
                                    inbuf_overflow=MAX_BODY_BYTES + 1, outbuf_overflow=2**40,
                                    connection_limit=CONNECTION_LIMIT, channel_timeout=UNFINISHED_BODY_SECONDS,
                                    cleanup_interval=CLEANUP_SECONDS)
    shown = ("::1" if ":" in host else "127.0.0.1") if is_every_address(host) else host  # one that answers here
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    click.echo(f"mbcprep is running at {url} (open it in your browser; press Ctrl-C to stop)")
    if public_url:
        click.echo(f"People open it through the proxy at {public_url}")
    sys.stdout.flush()

    class Stop(KeyboardInterrupt):
        """SIGTERM or SIGHUP: stop as Ctrl-C does.

        A KeyboardInterrupt because waitress's loop re-raises only that (and SystemExit) from inside a
        connection's handler; any other exception arriving there is logged and the server runs on.
        """

    def stop(signum, frame):
        raise Stop()

    stop_signals = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {signum: signal.signal(signum, stop) for signum in stop_signals}
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.run()
    except (KeyboardInterrupt, Stop):
        pass
    finally:
        server.close()
        downloads.clear()
        for signum, handler_before in before.items():
            signal.signal(signum, handler_before)
        log.removeHandler(handler)
    click.echo("Stopped. Nothing typed was kept.")
