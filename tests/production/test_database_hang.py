"""PostgreSQL stops answering on open connections (frozen, not refusing: its proxy holds every
byte): readers who need it get the translated 503 page within seconds, `/healthz` says 503
as soon, and cached pages keep being served. Before, every worker hung in its query until
gunicorn killed it after 30 s, cached pages queued behind them and /healthz took 41 s.

Also the contract of psycopg's private API that site_core/resilience/postgresql/base.py uses
(`Connection.wait`'s timeout and `errors._WaitTimeout`)."""

import json
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from site_core.resilience.postgresql.base import AnswerTimeoutConnection

from .fault_proxy import FaultProxy
from .services import database_address, database_settings, requires_postgres_and_redis
from .test_service_outages import until, warm
from .web import Browser

pytestmark = requires_postgres_and_redis
# "Within a few seconds": gunicorn.conf.py's answer timeout (5 s) and a little queueing,
# far below gunicorn's 30 s timeout that answered before.
FEW_SECONDS = 10


def timed(request):
    started = time.monotonic()
    try:
        response = request()
    except OSError as error:  # the client's own timeout: the server did not answer
        return repr(error), time.monotonic() - started
    return response, time.monotonic() - started


def test_with_the_database_frozen_readers_get_a_503_within_seconds_and_cached_pages_serve(
    instance_a, postgres_proxy, seeded_site
):
    reader = Browser(instance_a.base_url)
    article = seeded_site["article"]["url"]
    warm(reader, article)
    # Both workers hold a connection to the database, as they do after serving anything.
    for _request in range(4):
        assert reader.get("/it/search/?q=memoria").status == 200

    postgres_proxy.freeze()
    with ThreadPoolExecutor(max_workers=6) as pool:
        # More readers who need the database than the host has workers (2).
        searches = [
            pool.submit(timed, lambda: reader.get("/it/search/?q=memoria", timeout=60))
            for _reader in range(4)
        ]
        time.sleep(0.5)  # they are in the workers or waiting for one
        health = pool.submit(timed, lambda: reader.get("/healthz", timeout=60))
        cached = pool.submit(timed, lambda: reader.get(article, timeout=60))
        searched = [future.result() for future in searches]
        health, cached = health.result(), cached.result()

    for response, seconds in searched:
        assert seconds < FEW_SECONDS, (response, seconds)
        assert response.status == 503
        assert "Non siamo riusciti a mostrare questa pagina." in response.text
    response, seconds = health
    assert seconds < FEW_SECONDS, (response, seconds)
    assert (response.status, json.loads(response.text)["database"]) == (503, "down")
    response, seconds = cached
    assert seconds < FEW_SECONDS, (response, seconds)
    assert (response.status, response.header("X-Page-Cache")) == (200, "hit")

    postgres_proxy.start()
    until(lambda response: response.status == 200, lambda: reader.get("/it/search/?q=memoria"))
    assert reader.get("/healthz").status == 200


@pytest.fixture
def database_proxy():
    proxy = FaultProxy(*database_address())
    proxy.start()
    yield proxy
    proxy.stop()


def connect_through(proxy):
    settings = database_settings()
    return AnswerTimeoutConnection.connect(
        host="127.0.0.1",
        port=proxy.port,
        dbname="postgres",  # always there; the test database may not be
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )


def test_a_wait_for_a_frozen_server_ends_after_the_answer_timeout(database_proxy):
    connection = connect_through(database_proxy)
    connection.answer_timeout = 1
    assert connection.execute("SELECT 1").fetchone() == (1,)

    database_proxy.freeze()
    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError, match="did not answer within 1 s"):
        connection.execute("SELECT 1")

    assert time.monotonic() - started < 3
    assert connection.closed  # half an exchange: never reused


def test_without_an_answer_timeout_a_slow_answer_is_awaited(database_proxy):
    """The limit applies only where it is set (web requests): commands may run long."""
    connection = connect_through(database_proxy)
    try:
        started = time.monotonic()
        assert connection.execute("SELECT pg_sleep(1.5), 1").fetchone()[1] == 1
        assert time.monotonic() - started >= 1.5
    finally:
        connection.close()
