"""gunicorn's threaded worker, sharing kept-alive connections evenly between the processes.

gunicorn's gthread worker accepts every connection it is offered, busy or not. Connections are kept alive (nginx
keeps them open to gunicorn), so the process that wins the first races keeps them: measured with 32 clients on two
processes, one held 28 connections (147 ms a request) and the other 4 (21 ms), and p99 followed the crowded one.
This worker leaves a new connection in the listen queue while all its threads are busy, so that a process with a
free thread takes it; never for more than WAIT seconds, so that busy kept-alive connections cannot starve new ones
(issue 16, docs/quy-mo.md).
"""

from __future__ import annotations

import time

from gunicorn.workers.gthread import ThreadWorker

WAIT = 0.05


class BalancedThreadWorker(ThreadWorker):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Read and written on the main loop only (finish_request runs there): no lock.
        self.in_flight = 0  # requests handed to the threads and not finished
        self.busy_since = 0.0  # when this worker last stopped accepting because its threads were busy

    def enqueue_req(self, conn) -> None:
        super().enqueue_req(conn)
        self.in_flight += 1  # counted once handed over: a refused hand-over (at shutdown) has no finish_request

    def finish_request(self, conn, fs) -> None:
        self.in_flight -= 1
        super().finish_request(conn, fs)

    def accept(self, listener) -> None:
        super().accept(listener)
        if self.in_flight >= self.cfg.threads:
            self.busy_since = time.monotonic()
            self.set_accept_enabled(False)

    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        # The main loop sleeps up to a second when nothing happens; while new connections wait on busy threads it
        # wakes when WAIT is over, so that no connection waits longer than WAIT for a busy process.
        if not self._accepting and self.in_flight >= self.cfg.threads:
            timeout = min(timeout, max(0.0, self.busy_since + WAIT - time.monotonic()))
        super().wait_for_and_dispatch_events(timeout)

    def set_accept_enabled(self, enabled: bool) -> None:
        # The main loop asks again on each turn: accepting resumes when a thread is free, or after WAIT at most.
        free = self.in_flight < self.cfg.threads or time.monotonic() - self.busy_since >= WAIT
        super().set_accept_enabled(enabled and free)
