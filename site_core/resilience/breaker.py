"""A circuit breaker: remembers that a server stopped answering, so that the calls of the next
few seconds skip it instead of each paying a timeout. Shared by the threads of a process; one
warning when the server goes, one line when it answers again. Used for Redis (cache.py) and
PostgreSQL (postgresql/base.py)."""

import logging
import threading
import time

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(self, name, retry_seconds, *, meanwhile, resumed):
        self.name = name  # "Cache 127.0.0.1:6379/0", for the log
        self.retry_seconds = retry_seconds
        self.meanwhile = meanwhile  # what callers get while it is open
        self.resumed = resumed  # what comes back when it closes
        self.open_until = None  # a time.monotonic() value while open
        self.lock = threading.Lock()

    def allows_call(self):
        open_until = self.open_until
        return open_until is None or time.monotonic() >= open_until

    def failed(self, error):
        with self.lock:
            was_closed = self.open_until is None
            self.open_until = time.monotonic() + self.retry_seconds
        if was_closed:
            logger.warning(
                "%s unreachable (%s: %s); %s until it answers again (retried every %g s)",
                self.name,
                type(error).__name__,
                error,
                self.meanwhile,
                self.retry_seconds,
            )

    def succeeded(self):
        if self.open_until is None:
            return
        with self.lock:
            was_open, self.open_until = self.open_until is not None, None
        if was_open:
            logger.warning("%s answers again; %s", self.name, self.resumed)
