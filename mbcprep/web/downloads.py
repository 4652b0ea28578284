"""Downloads held in memory for a short while: a roster's zip, until it is fetched or 15 minutes pass.

Nothing is written to disk.  A download is handed out once (``take`` removes
it) and a timer drops it when its time is up, whether or not anyone asks
again.  The key is a random token that only the page showing the result
holds (in a POST form, never in an address).
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


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    media_type: str
    expires: float


class Downloads:
    """A thread-safe store of downloads, each fetched at most once, within ``lifetime`` seconds."""

    def __init__(self, lifetime: float = LIFETIME_SECONDS, max_bytes: int = MAX_BYTES):
        self.lifetime = lifetime
        self.max_bytes = max_bytes
        self._held: dict[str, tuple[Download, threading.Timer]] = {}
        self._lock = threading.Lock()

    def put(self, data: bytes, filename: str, media_type: str) -> str:
        """Hold ``data``; return the token that fetches it."""
        token = secrets.token_urlsafe(32)
        timer = threading.Timer(self.lifetime, self._drop, (token,))
        timer.daemon = True
        with self._lock:
            self._held[token] = (Download(data, filename, media_type, time.monotonic() + self.lifetime), timer)
            while sum(len(d.data) for d, _ in self._held.values()) > self.max_bytes and len(self._held) > 1:
                self._drop_locked(next(iter(self._held)))
        timer.start()
        return token

    def take(self, token: str) -> Download | None:
        """The download for ``token``, removed as it is handed out; None when unknown, fetched or expired."""
        with self._lock:
            held = self._held.pop(token, None)
        if held is None:
            return None
        download, timer = held
        timer.cancel()
        return download if time.monotonic() < download.expires else None

    def __len__(self) -> int:
        with self._lock:
            return len(self._held)

    def clear(self) -> None:
        """Drop everything (the server is stopping)."""
        with self._lock:
            for token in list(self._held):
                self._drop_locked(token)

    def _drop(self, token: str) -> None:
        with self._lock:
            self._drop_locked(token)

    def _drop_locked(self, token: str) -> None:
        held = self._held.pop(token, None)
        if held is not None:
            held[1].cancel()
