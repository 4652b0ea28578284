"""The server ``mbcprep serve`` runs: the app behind waitress, its access log, and stopping cleanly.

waitress is told to keep every request body and every response in memory
(it would put a body over 512 KB, or a response over 1 MB, in a temporary
file) and to refuse a body over the largest page limit itself, before it
is read.  A connection that sends nothing for ``UNFINISHED_BODY_SECONDS``
while its request is unfinished (or between requests) is closed, so
stalled uploads cannot lock everyone out; a request being answered is never
cut, however long it takes.  Ctrl-C, SIGTERM and SIGHUP stop it as one
(``mbcprep.write.stopping.StopSignals``): the roster being made in the
background stops at its next row (the rows in hand finish; no zip is made
of part of a day), and every download held is dropped.
"""

from __future__ import annotations

import logging
import socket
import sys

import waitress

from mbcprep.errors import OutputError
from mbcprep.web.app import create_app
from mbcprep.web.downloads import Downloads
from mbcprep.web.handouts import Library
from mbcprep.web.jobs import RosterJobs, start_workers_server
from mbcprep.web.security import allowed_names, is_every_address
from mbcprep.write.stopping import StopSignals

#: The largest body waitress reads: the largest page limit (a filled-in handout's 20 MB on the summary
#: page, and its form) fits.
MAX_BODY_BYTES = 24_000_000
THREADS = 8
#: Connections waitress takes at once (its default).  A connection that sends nothing for
#: ``UNFINISHED_BODY_SECONDS`` while its request is unfinished (or between requests) is closed; it is
#: looked for every ``CLEANUP_SECONDS``.  waitress's own 120 s let 100 stalled uploads lock everyone out
#: for two minutes.
CONNECTION_LIMIT = 100
UNFINISHED_BODY_SECONDS = 15
CLEANUP_SECONDS = 2


class ServerStopped(KeyboardInterrupt):
    """A stop signal while serving.

    A KeyboardInterrupt because waitress's loop lets only that (and
    SystemExit) out of a connection's handler; any other exception arriving
    there is logged and the server runs on.
    """


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: a free one), or a one-line ``OutputError``."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        raise OutputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                          "choose another --port (or --host)") from None


class Server:
    """The app for ``library`` on a listening socket, ready to ``run``; ``url`` is an address that answers."""

    def __init__(self, library: Library, sock: socket.socket, host: str, public_url: str | None = None):
        port = sock.getsockname()[1]
        hosts, origins = allowed_names(host, port, public_url)
        self.downloads = Downloads()
        self.jobs = RosterJobs(self.downloads)
        start_workers_server()
        self.app = create_app(library, hosts, origins, self.downloads, jobs=self.jobs)
        self.server = waitress.create_server(self.app, sockets=[sock], threads=THREADS, ident="mbcprep",
                                             max_request_body_size=MAX_BODY_BYTES,
                                             inbuf_overflow=MAX_BODY_BYTES + 1, outbuf_overflow=2**40,
                                             connection_limit=CONNECTION_LIMIT,
                                             channel_timeout=UNFINISHED_BODY_SECONDS,
                                             cleanup_interval=CLEANUP_SECONDS)
        shown = ("::1" if ":" in host else "127.0.0.1") if is_every_address(host) else host  # one that answers
        self.url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"

    def run(self) -> None:
        """Serve until Ctrl-C, SIGTERM or SIGHUP, logging one plain line a request on standard error; then
        stop cleanly: the background rosters end, every download is dropped."""
        log = logging.getLogger("mbcprep.web")  # the access log and errors, one plain line each
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        try:
            with StopSignals(raising=True, error=ServerStopped):
                self.server.run()  # returns on a KeyboardInterrupt
        except KeyboardInterrupt:  # one that arrived outside waitress's loop
            pass
        finally:
            self.server.close()
            self.jobs.stop()  # the roster being made ends at its next row; no zip of part of a day
            self.downloads.clear()
            log.removeHandler(handler)
