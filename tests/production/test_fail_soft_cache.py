"""The production cache backend with Redis unreachable: a cache that misses, a breaker that
stops asking a dead server, recovery by itself, and /healthz still telling the truth."""

import logging
import socket
import threading
import time
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings

from site_core import page_cache
from site_core.page_cache import store, tags
from site_core.resilience.cache import FailSoftRedisCache
from tests import factories
from tests.worker_cache import WorkerRedisCache

from .fault_proxy import FaultProxy
from .services import REDIS_URL, redis_address, redis_url

QUICK = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def fail_soft_cache(location, **options):
    return FailSoftRedisCache(location, {"OPTIONS": QUICK | options})


@pytest.fixture
def refused_location():
    """A Redis address where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def hanging_up_server():
    """A server that accepts each connection and closes it at once; counts the attempts."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    state = {"connections": 0, "running": True}

    def serve():
        while state["running"]:
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            state["connections"] += 1
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0", state
    state["running"] = False
    thread.join()
    listener.close()


def test_an_unreachable_redis_is_a_cache_that_misses(refused_location, caplog):
    cache = fail_soft_cache(refused_location, RETRY_SECONDS=60)

    assert cache.get("key", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("key", 1) is False
    cache.set("key", 1)
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    with pytest.raises(ValueError, match="not found"):
        cache.incr("counter")
    assert cache.get_or_set("key", "computed") == "computed"
    assert (cache.has_key("key"), cache.touch("key"), cache.delete("key")) == (False,) * 3
    cache.delete_many(["a", "b"])
    assert cache.clear() is False
    unreachable = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert [r.levelno for r in unreachable] == [logging.WARNING]  # once, not per call


def test_the_breaker_stops_asking_a_dead_server_then_retries(hanging_up_server):
    location, server = hanging_up_server
    cache = fail_soft_cache(location, RETRY_SECONDS=0.5)

    assert cache.get("key") is None
    attempts = server["connections"]
    assert attempts >= 1
    for _call in range(20):
        assert cache.get("key") is None
        cache.set("key", "value")
    assert server["connections"] == attempts  # the breaker is open: nothing was asked

    time.sleep(0.6)
    assert cache.get("key") is None
    assert server["connections"] > attempts  # retried once the breaker's time was up


def test_the_health_probe_asks_redis_past_the_breaker(hanging_up_server):
    location, server = hanging_up_server
    cache = fail_soft_cache(location, RETRY_SECONDS=60)
    cache.get("key")
    attempts = server["connections"]

    assert cache.probe() is False
    assert server["connections"] > attempts


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_redis_as_down(client, refused_location):
    caches = {"default": {"BACKEND": "site_core.resilience.cache.FailSoftRedisCache"}}
    caches["default"] |= {"LOCATION": refused_location, "OPTIONS": QUICK}
    with override_settings(CACHES=caches):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "up", "cache": "down"}


@pytest.mark.django_db
def test_wagtail_pages_serve_while_redis_is_unreachable(client, refused_location):
    """Wagtail caches the sites' root paths in the default cache while routing: with a plain
    RedisCache an unreachable Redis made every page a 500."""
    article = factories.make_article("Served without a cache")
    caches = {"default": {"BACKEND": "site_core.resilience.cache.FailSoftRedisCache"}}
    caches["default"] |= {"LOCATION": refused_location, "OPTIONS": QUICK}
    with override_settings(CACHES=caches, PAGE_CACHE=True):
        responses = [client.get(article.url) for _attempt in range(2)]

    assert [response.status_code for response in responses] == [200, 200]
    assert b"Served without a cache" in responses[1].content
    assert "X-Page-Cache" not in responses[1]


@pytest.fixture
def key_prefix():
    """Cache keys of this test's own, deleted after it: Redis outlives the run (and the suite's
    own cache clears only its own prefix), so a page stored under a fixed prefix by an earlier
    run, at the same address, would be served to this one."""
    prefix = f"fail-soft-test-{uuid.uuid4().hex}"
    yield prefix
    WorkerRedisCache(REDIS_URL, {"KEY_PREFIX": prefix}).clear()


@pytest.mark.skipif(not REDIS_URL, reason="needs a real Redis (REDIS_URL, CI's second pass)")
def test_caching_resumes_by_itself_when_redis_returns(caplog, key_prefix):
    proxy = FaultProxy(*redis_address())
    proxy.start()
    try:
        cache = FailSoftRedisCache(
            redis_url(host="127.0.0.1", port=proxy.port),
            {"KEY_PREFIX": key_prefix, "OPTIONS": QUICK | {"RETRY_SECONDS": 0.2}},
        )
        cache.set("key", "stored")
        assert cache.get("key") == "stored"

        proxy.stop()
        assert cache.get("key") is None
        cache.set("key", "dropped")
        assert cache.probe() is False

        proxy.start()
        time.sleep(0.3)
        assert cache.get("key") == "stored"  # Redis kept it; the dropped write never came
        cache.set("key", "stored again")
        assert cache.get("key") == "stored again"
        assert cache.probe() is True
        assert "answers again; caching resumed" in caplog.text
    finally:
        proxy.stop()


@pytest.mark.skipif(not REDIS_URL, reason="needs a real Redis (REDIS_URL, CI's second pass)")
@pytest.mark.django_db
def test_a_purge_the_cache_missed_is_made_when_it_answers_again(
    client, django_capture_on_commit_callbacks, key_prefix
):
    """A publication while Redis does not answer (here: the proxy to it stopped) must not
    leave the old page cached once Redis is back."""
    article = factories.make_article("Before the outage")
    proxy = FaultProxy(*redis_address())
    proxy.start()
    caches = {
        "default": {
            "BACKEND": "site_core.resilience.cache.FailSoftRedisCache",
            "LOCATION": redis_url(host="127.0.0.1", port=proxy.port),
            "KEY_PREFIX": key_prefix,
            "OPTIONS": QUICK | {"RETRY_SECONDS": 0.2},
        }
    }
    try:
        with override_settings(CACHES=caches, PAGE_CACHE=True):
            client.get(article.url)
            assert client.get(article.url)["X-Page-Cache"] == "hit"

            proxy.stop()
            article.title = "After the outage"
            with django_capture_on_commit_callbacks(execute=True):
                article.save_revision().publish()  # its purge cannot reach Redis
            proxy.start()
            time.sleep(0.3)  # the breaker lets calls through again

            response = client.get(article.url)
    finally:
        proxy.stop()

    assert b"After the outage" in response.content


@pytest.mark.skipif(not REDIS_URL, reason="needs a real Redis (REDIS_URL, CI's second pass)")
@pytest.mark.django_db
def test_a_deferred_purge_is_made_in_the_background_without_waiting_for_a_request(
    client, django_capture_on_commit_callbacks, key_prefix
):
    """A worker that gets no request after Redis came back still makes the purge it could not
    make (other hosts would go on serving the old page): a background retry makes it."""
    article = factories.make_article("Before the outage")
    proxy = FaultProxy(*redis_address())
    proxy.start()
    caches = {
        "default": {
            "BACKEND": "site_core.resilience.cache.FailSoftRedisCache",
            "LOCATION": redis_url(host="127.0.0.1", port=proxy.port),
            "KEY_PREFIX": key_prefix,
            "OPTIONS": QUICK | {"RETRY_SECONDS": 0.2},
        }
    }
    # Read past the proxy and without failing soft: what Redis itself holds.
    redis_itself = RedisCache(REDIS_URL, {"KEY_PREFIX": key_prefix})
    page_tag = store.tag_key(tags.page(article.pk))
    try:
        with override_settings(CACHES=caches, PAGE_CACHE=True):
            client.get(article.url)
            assert client.get(article.url)["X-Page-Cache"] == "hit"
            stored_version = redis_itself.get(page_tag)
            assert stored_version is not None

            proxy.stop()
            article.title = "After the outage"
            with django_capture_on_commit_callbacks(execute=True):
                article.save_revision().publish()  # its purge cannot reach Redis
            assert redis_itself.get(page_tag) == stored_version  # deferred, not made
            # Retried as soon as the breaker lets a call through (its RETRY_SECONDS).
            assert page_cache._retry_timer.interval == 0.2
            proxy.start()

            deadline = time.monotonic() + 5
            while redis_itself.get(page_tag) == stored_version and time.monotonic() < deadline:
                time.sleep(0.05)
            purged_version = redis_itself.get(page_tag)
            response = client.get(article.url)
    finally:
        proxy.stop()

    assert purged_version != stored_version  # made with no request in between
    assert response["X-Page-Cache"] == "miss"
    assert b"After the outage" in response.content
