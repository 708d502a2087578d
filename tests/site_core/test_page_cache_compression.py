"""Pages are stored gzip-compressed once and sent as stored to clients that accept gzip,
decompressed for those that do not, with headers that fit each representation. On Redis
(REDIS_URL, CI's second pass) a hit is one round trip."""

import gzip
import os

import pytest
from redis import Redis

from site_core.page_cache import store
from tests import factories
from tests.site_core.page_cache_helpers import visit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture
def article():
    return factories.make_article("Compressed words", body=[factories.paragraph("Hello " * 500)])


def test_a_client_that_accepts_gzip_gets_the_page_as_stored_on_a_miss_and_a_hit(client, article):
    plain = visit(client, article.url, **{"Accept-Encoding": "identity"})
    for state in ("hit", "hit"):
        response = visit(client, article.url, **GZIP)
        assert response["X-Page-Cache"] == state
        assert response["Content-Encoding"] == "gzip"
        assert int(response["Content-Length"]) == len(response.content)
        assert len(response.content) < len(plain.content) / 3
        assert gzip.decompress(response.content) == plain.content
        assert "Accept-Encoding" in response["Vary"]
        assert response["ETag"] == f"W/{plain['ETag']}"

    client.get("/")  # any other page
    fresh = factories.make_article("Another")
    first = visit(client, fresh.url, **GZIP)
    assert first["X-Page-Cache"] == "miss"
    assert first["Content-Encoding"] == "gzip"  # the miss answers as the hit will
    assert "Accept-Encoding" in first["Vary"]
    assert gzip.decompress(first.content).startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize("accepted", ["", "identity", "gzip;q=0", "br", "deflate"])
def test_a_client_that_does_not_accept_gzip_gets_it_decompressed(client, article, accepted):
    visit(client, article.url, **GZIP)  # stored compressed
    response = visit(client, article.url, **{"Accept-Encoding": accepted})
    assert response["X-Page-Cache"] == "hit"
    assert "Content-Encoding" not in response
    assert response.content.startswith(b"<!DOCTYPE html>")
    assert b"Compressed words" in response.content
    assert int(response["Content-Length"]) == len(response.content)
    assert "Accept-Encoding" in response["Vary"]
    assert not response["ETag"].startswith("W/")


def test_either_etag_revalidates_either_representation(client, article):
    plain = visit(client, article.url)
    compressed = visit(client, article.url, **GZIP)
    for etag in (plain["ETag"], compressed["ETag"]):
        for headers in ({}, GZIP):
            response = client.get(article.url, headers={**headers, "If-None-Match": etag})
            assert response.status_code == 304, (etag, headers)
            assert response.content == b""
            assert "Accept-Encoding" in response["Vary"]
            assert response["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    ("condition", "status"),
    [
        ({"If-Modified-Since": "last_modified"}, 304),
        ({"If-Modified-Since": "before"}, 200),
        ({"If-Match": "etag"}, 200),
        ({"If-Match": '"another-page"'}, 412),
        ({"If-Unmodified-Since": "last_modified"}, 200),
        ({"If-Unmodified-Since": "before"}, 412),
    ],
    ids=["modified-since-no", "modified-since-yes", "match", "no-match", "unmodified", "modified"],
)
def test_a_hit_answers_each_precondition(client, article, condition, status):
    """The validators of a cached page, as RFC 9110 reads them: 304 Not Modified when the
    reader's copy is current, 412 Precondition Failed when a precondition does not hold."""
    stored = visit(client, article.url)
    values = {
        "etag": stored["ETag"],
        "last_modified": stored["Last-Modified"],
        "before": "Mon, 01 Jan 2001 00:00:00 GMT",
    }
    ((name, value),) = condition.items()
    response = client.get(article.url, headers={name: values.get(value, value)})
    assert response.status_code == status
    assert response["X-Page-Cache"] == "hit"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a real Redis (REDIS_URL)")
@pytest.mark.parametrize(
    ("held", "command"),
    [(True, "MGET"), (False, "EVALSHA")],
    ids=["a page the worker holds", "a page it does not hold"],
)
def test_a_hit_on_redis_is_one_round_trip(client, article, monkeypatch, held, command):
    visit(client, article.url, **GZIP)
    visit(client, article.url, **GZIP)  # served from the worker's copy
    if not held:
        store.local_copies.clear()  # as in a worker that has not served the page
        visit(client, article.url, **GZIP)  # the script is loaded on the server
        store.local_copies.clear()
    commands = []
    execute = Redis.execute_command

    def counted(self, *args, **options):
        commands.append(args[0])
        return execute(self, *args, **options)

    monkeypatch.setattr(Redis, "execute_command", counted)
    response = visit(client, article.url, **GZIP)
    assert response["X-Page-Cache"] == "hit"
    assert commands == [command]
