"""Django's PostgreSQL backend, except that no wait for the server's answer outlasts
`answer_timeout` (an OPTIONS key, seconds): a server that stops answering on an open
connection (frozen, not refusing) fails the request within seconds, and the reader gets the
translated 503 page (resilience/outage.py), instead of the worker hanging until gunicorn kills
it while cached pages queue behind it.

PostgreSQL's own `statement_timeout` cannot do this (a frozen server runs no timer), nor TCP
keepalives (the server's kernel still answers them). So every blocking exchange on a
connection — queries, fetches, commits, Django's health check before reusing a connection —
goes through psycopg's `Connection.wait`, which this backend's connections give a timeout. On
expiry the connection is closed (the exchange is half done: it cannot be reused) and the
process's circuit breaker opens: for `RETRY_SECONDS` no new connection is tried, so requests
that need the database fail at once instead of each waiting out `connect_timeout` on a server
that accepts connections and never answers. Connecting has psycopg's own `connect_timeout`.

This module is the one place that uses psycopg's private API (`Connection.wait`'s timeout and
`errors._WaitTimeout`); tests/production/test_database_hang.py holds its contract tests."""

import psycopg
from django.db.backends.postgresql import base
from psycopg import errors

from ..breaker import CircuitBreaker

RETRY_SECONDS = 5.0


class AnswerTimeoutConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end after `answer_timeout` seconds."""

    answer_timeout = None
    breaker = None

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is None:
            timeout = self.answer_timeout
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except errors._WaitTimeout as error:
            self.close()
            silence = errors.OperationalError(f"PostgreSQL did not answer within {timeout:g} s")
            if self.breaker is not None:
                self.breaker.failed(silence)
            raise silence from error


class Driver:
    """psycopg, as Django's backend sees it (`DatabaseWrapper.Database`: its errors, types
    and `connect`), except that `connect` makes AnswerTimeoutConnections."""

    connect = staticmethod(AnswerTimeoutConnection.connect)

    def __getattr__(self, name):
        return getattr(psycopg, name)


_breakers = {}


def breaker_for(settings_dict):
    """The process's breaker for one database server and name."""
    key = (settings_dict["HOST"], settings_dict["PORT"], settings_dict["NAME"])
    if key not in _breakers:
        host, port, name = key
        _breakers[key] = CircuitBreaker(
            f"Database {host or 'localhost'}:{port or 5432}/{name}",
            RETRY_SECONDS,
            meanwhile="requests that need it fail at once (503)",
            resumed="connections resumed",
        )
    return _breakers[key]


class DatabaseWrapper(base.DatabaseWrapper):
    Database = Driver()

    def get_connection_params(self):
        params = super().get_connection_params()
        self.answer_timeout = params.pop("answer_timeout", None)
        return params

    def get_new_connection(self, conn_params):
        breaker = breaker_for(self.settings_dict)
        if not breaker.allows_call():
            raise errors.OperationalError(
                f"{breaker.name} did not answer lately; not tried again for a few seconds"
            )
        try:
            connection = super().get_new_connection(conn_params)
        except errors.ConnectionTimeout as error:
            breaker.failed(error)
            raise
        breaker.succeeded()
        connection.answer_timeout = self.answer_timeout
        connection.breaker = breaker
        return connection
