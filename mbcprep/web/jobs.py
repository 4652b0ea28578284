"""The nurse page's rosters, made in the background of the server: one job per upload, held in memory.

An upload is read in its request (a roster that cannot be read is said at
once, beside the file input); its rows are then made by one background
thread, through the library's row stream in a process pool (as ``mbcprep
batch --jobs`` makes them), one roster after another, while the page that
shows the job refreshes itself.  The job counts its rows as they are done;
when the last is done, its zip goes to the downloads (``downloads.py``) and
the job keeps only what the result page shows: the counts, the rows that
failed and the download's token.

Nothing is written to disk.  A job's id is random (``secrets``) and says
nothing about the roster; it is in the status page's address, which the
access log never writes (it logs the route), and it shows progress only:
the zip is fetched with its own token, in a POST form.  At most
``MAX_JOBS`` jobs are held (waiting, running or finished); a finished job
is forgotten ``LIFETIME_SECONDS`` after it finished, as its download is.
``stop`` (the server is stopping) ends the running job at its next row:
the rows in hand finish, no zip is made, the waiting jobs are dropped.
"""

from __future__ import annotations

import multiprocessing
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing import forkserver
from typing import Callable

from mbcprep.web.downloads import LIFETIME_SECONDS, Downloads

#: Most jobs held at once: waiting, running or finished (and not yet forgotten).
MAX_JOBS = 20
#: How the pool's workers start: a fork server, not a fork of this process (it runs the server's threads).
START_METHOD = "forkserver"
#: The states of a job that is over.
FINISHED = ("finished", "stopped", "failed")


#: What the fork server imports once, so each worker it forks starts with them: the row stream and the PDF.
WORKER_MODULES = ["mbcprep.batch.rows", "mbcprep.render.pdf"]


def start_workers_server() -> None:
    """Start the fork server the pools' workers come from, with ``WORKER_MODULES`` imported, so the first
    roster starts as fast as the next (the server calls it as it starts)."""
    multiprocessing.get_context(START_METHOD).set_forkserver_preload(WORKER_MODULES)
    forkserver.ensure_running()


class TooBusy(Exception):
    """``MAX_JOBS`` jobs are held already: the nurse is asked to wait a few minutes."""


@dataclass
class RosterJob:
    """One upload's rows being made. Read by the page, written by the background thread (under the lock)."""

    id: str
    total: int  # rows to make
    failures: tuple = ()  # the rows that failed (``RowFailure``, from the door ``rosters.py``), once finished
    done: int = 0  # rows made or failed so far
    state: str = "waiting"  # waiting, running, finished, stopped (the server is stopping), failed (a bug)
    made: int = 0
    token: str | None = None  # the zip's download, once finished (None: nothing was made)
    finished_at: float | None = None
    work: Callable | None = field(default=None, repr=False)  # (job, should_stop) -> result; dropped once run


@dataclass(frozen=True)
class JobView:
    """A job as a page shows it (a copy: the thread goes on writing the job)."""

    id: str
    state: str
    total: int
    done: int
    made: int
    failures: tuple
    token: str | None
    ahead: int

    @property
    def finished(self) -> bool:
        return self.state in FINISHED


class RosterJobs:
    """The server's roster jobs: started by the page, made one after another by one background thread."""

    def __init__(self, downloads: Downloads, max_jobs: int = MAX_JOBS, lifetime: float = LIFETIME_SECONDS):
        self.downloads = downloads
        self.max_jobs = max_jobs
        self.lifetime = lifetime
        self._jobs: dict[str, RosterJob] = {}
        self._waiting: deque[RosterJob] = deque()
        self._changed = threading.Condition()
        self._runner: threading.Thread | None = None
        self._stopping = False

    def start(self, total: int, work: Callable, done: int = 0) -> str:
        """Queue ``work(on_row, should_stop)`` for ``total`` rows, ``done`` of them done already (the rows
        that failed as the roster was read); its job's id.

        ``work`` calls ``on_row()`` as each row is done and returns
        ``(zip_data or None, filename, made, failures)``, or None when it
        was stopped.  ``TooBusy`` when ``MAX_JOBS`` jobs are held.
        """
        with self._changed:
            self._forget_old_locked()
            if self._stopping:
                raise TooBusy()
            if len(self._jobs) >= self.max_jobs:
                raise TooBusy()
            job = RosterJob(secrets.token_urlsafe(24), total, done=done, work=work)
            self._jobs[job.id] = job
            self._waiting.append(job)
            if self._runner is None:
                self._runner = threading.Thread(target=self._run, name="mbcprep-rosters", daemon=True)
                self._runner.start()
            self._changed.notify_all()
        return job.id

    def view(self, job_id: str) -> JobView | None:
        """The job as it stands, or None (an unknown id, or one forgotten)."""
        with self._changed:
            self._forget_old_locked()
            job = self._jobs.get(job_id)
            if job is None:
                return None
            ahead = next((index for index, waiting in enumerate(self._waiting) if waiting is job), 0)
            return JobView(job.id, job.state, job.total, job.done, job.made, job.failures, job.token, ahead)

    def wait(self, job_id: str, timeout: float) -> None:
        """Return when the job has finished, or after ``timeout`` seconds (a small roster's page comes back done)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                job = self._jobs.get(job_id)
                left = deadline - time.monotonic()
                if job is None or job.state in FINISHED or left <= 0:
                    return
                self._changed.wait(left)

    def __len__(self) -> int:
        with self._changed:
            return len(self._jobs)

    def stop(self, timeout: float = 60) -> None:
        """The server is stopping: end the running job at its next row (no zip), drop the waiting ones,
        and wait for the background thread (at most ``timeout`` seconds)."""
        with self._changed:
            self._stopping = True
            for job in self._waiting:
                job.state, job.work = "stopped", None
            self._waiting.clear()
            self._changed.notify_all()
            runner = self._runner
        if runner is not None and runner is not threading.current_thread():
            runner.join(timeout)

    # -- the background thread ----------------------------------------------

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._waiting and not self._stopping:
                    self._changed.wait()
                if self._stopping:
                    self._runner = None
                    return
                job = self._waiting.popleft()
                job.state = "running"
                work, job.work = job.work, None
                assert work is not None  # a waiting job keeps its work until it runs
                self._changed.notify_all()
            try:
                outcome = work(lambda: self._row_done(job), self._should_stop)
            except Exception:  # a bug must cost this roster, not the server's thread
                self._finish(job, None, "failed")
            else:
                self._finish(job, outcome, "finished" if outcome is not None else "stopped")

    def _row_done(self, job: RosterJob) -> None:
        with self._changed:
            job.done += 1

    def _should_stop(self) -> int | None:
        return 1 if self._stopping else None  # any signal number: the stream only asks whether

    def _finish(self, job: RosterJob, outcome, state: str) -> None:
        if self._stopping:
            state = "stopped"
        token = None
        if state == "finished" and outcome.zip_data is not None:
            token = self.downloads.put(outcome.zip_data, outcome.filename, "application/zip")
        with self._changed:
            job.state = state
            if state == "finished":
                job.made, job.failures, job.token, job.done = outcome.made, outcome.failures, token, job.total
            job.finished_at = time.monotonic()
            self._changed.notify_all()

    def _forget_old_locked(self) -> None:
        now = time.monotonic()
        for job_id in [job.id for job in self._jobs.values()
                       if job.finished_at is not None and now - job.finished_at > self.lifetime]:
            del self._jobs[job_id]
