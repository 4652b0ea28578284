"""Downloads held in memory for a short while: a roster's zip, until it is fetched or 15 minutes pass.

Nothing is written to disk.  A download is handed out once (``take`` removes
it), and one sweeper thread per store drops each download when its time is
up, whether or not anyone asks again (a thread per download would hold 300
threads for 300 summaries shown).  At most ``MAX_ENTRIES`` downloads and
``MAX_BYTES`` are held; beyond either, the oldest go first.  The key is a
random token that only the page showing the result holds (in a POST form,
never in an address).
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass

#: How long a download waits to be fetched.
LIFETIME_SECONDS = 15 * 60
#: Most bytes held at once; the oldest downloads go first beyond it.
MAX_BYTES = 1_000_000_000
#: Most downloads held at once (a summary shown is one, a roster is one); the oldest go first beyond it.
MAX_ENTRIES = 200


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    media_type: str
    expires: float


class Downloads:
    """A thread-safe store of downloads, each fetched at most once, within ``lifetime`` seconds."""

    def __init__(self, lifetime: float = LIFETIME_SECONDS, max_bytes: int = MAX_BYTES,
                 max_entries: int = MAX_ENTRIES):
        self.lifetime = lifetime
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._held: dict[str, Download] = {}  # oldest first
        self._bytes = 0
        self._changed = threading.Condition()
        self._sweeper: threading.Thread | None = None
        self._generation = 0  # a sweeper runs while the store's generation is its own

    def put(self, data: bytes, filename: str, media_type: str) -> str:
        """Hold ``data``; return the token that fetches it."""
        token = secrets.token_urlsafe(32)
        with self._changed:
            self._held[token] = Download(data, filename, media_type, time.monotonic() + self.lifetime)
            self._bytes += len(data)
            while len(self._held) > 1 and (self._bytes > self.max_bytes or len(self._held) > self.max_entries):
                self._drop_locked(next(iter(self._held)))
            if self._sweeper is None:
                self._sweeper = threading.Thread(target=self._sweep, args=(self._generation,),
                                                 name="mbcprep-downloads", daemon=True)
                self._sweeper.start()
            self._changed.notify()
        return token

    def take(self, token: str) -> Download | None:
        """The download for ``token``, removed as it is handed out; None when unknown, fetched or expired."""
        with self._changed:
            download = self._drop_locked(token)
        if download is None:
            return None
        return download if time.monotonic() < download.expires else None

    def __len__(self) -> int:
        with self._changed:
            return len(self._held)

    def clear(self) -> None:
        """Drop everything and stop the sweeper (the server is stopping)."""
        with self._changed:
            self._held.clear()
            self._bytes = 0
            self._generation += 1
            self._changed.notify_all()
            sweeper, self._sweeper = self._sweeper, None
        if sweeper is not None and sweeper is not threading.current_thread():
            sweeper.join(5)

    def _sweep(self, generation: int) -> None:
        """Drop each download when its time is up; sleep until the next one's time (or a new download)."""
        with self._changed:
            while self._generation == generation:
                now = time.monotonic()
                for token in [token for token, download in self._held.items() if download.expires <= now]:
                    self._drop_locked(token)
                next_expiry = min((download.expires for download in self._held.values()), default=None)
                self._changed.wait(None if next_expiry is None else max(0.0, next_expiry - now))

    def _drop_locked(self, token: str) -> Download | None:
        download = self._held.pop(token, None)
        if download is not None:
            self._bytes -= len(download.data)
        return download
