"""The page cache is keyed on the site's canonical address, so the Host header a client sends
cannot multiply entries; and the CDN's per-tag address lists are Redis sets, so concurrent
misses never lose an address (which the CDN would then keep for `s-maxage` after a purge)."""

import os
import threading
import uuid

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from site_core.page_cache import frontend, store
from tests import factories
from tests.site_core.page_cache_helpers import visit

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs a real Redis (REDIS_URL)")


def page_entries():
    """How many page-cache entries the default cache holds (Redis or local memory)."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client()
        pattern = f"{backend.key_prefix}:*{store.ENTRY_PREFIX}*"
        return sum(1 for _key in client.scan_iter(match=pattern, count=1000))
    return sum(1 for key in backend._cache if store.ENTRY_PREFIX in key)


@pytest.mark.django_db
def test_200_requests_with_varied_host_headers_make_one_entry(client, page_cache):
    article = factories.make_article("One entry")
    hosts = [
        *(f"127.0.0.1:{port}" for port in range(8000, 8100)),
        *(f"LocalHost:{port}" for port in range(1, 100)),
        "testserver",
    ]
    assert len(hosts) == 200

    states = [visit(client, article.url, host=host)["X-Page-Cache"] for host in hosts]

    assert states.count("miss") == 1
    assert states.count("hit") == 199
    assert page_entries() == 1


@pytest.mark.django_db
def test_the_canonical_entry_is_served_whatever_the_scheme(client, page_cache):
    article = factories.make_article("Either scheme")
    visit(client, article.url)
    assert visit(client, article.url, **{"X-Forwarded-Proto": "https"})["X-Page-Cache"] == "hit"
    assert client.get(article.url, secure=True)["X-Page-Cache"] == "hit"


def register_concurrently(threads=16, per_thread=25, tags=("page:1", "articles:en", "sitemap")):
    """`threads` threads, started together, each recording `per_thread` addresses under the
    same tags. Returns every address recorded."""
    start = threading.Barrier(threads)
    failures = []
    urls = [
        [f"https://parlance.example/en/t{thread}/p{n}/" for n in range(per_thread)]
        for thread in range(threads)
    ]

    def work(mine):
        start.wait()
        for url in mine:
            if not frontend.register(url, set(tags)):
                failures.append(url)

    workers = [threading.Thread(target=work, args=(mine,)) for mine in urls]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    return {url for mine in urls for url in mine}


@needs_redis
def test_concurrent_misses_lose_no_address_of_the_purge_list(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "site_core.resilience.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"parlance-test-purge-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    try:
        recorded = register_concurrently()

        for tag in ("page:1", "articles:en", "sitemap"):
            assert frontend.registered({tag}) == recorded, tag
        assert len(recorded) == 400
    finally:
        client = caches["default"]._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{caches['default'].key_prefix}:*"))
        if keys:
            client.delete(*keys)


def test_without_redis_registration_is_atomic_in_the_process():
    assert not isinstance(caches["default"], RedisCache) or REDIS_URL
    cache.clear()
    recorded = register_concurrently(threads=8, per_thread=20)
    assert frontend.registered({"page:1"}) == recorded
