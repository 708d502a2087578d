"""With Redis, each worker keeps a copy of the pages it served lately and a hit asks Redis
only whether the entry is still that copy: its id, stored beside it with the same expiry,
and its tags' versions (site_core/page_cache/store.py). A copy must never outlive its entry:
these tests change the entry behind the worker's back, as another worker, a purge or the
entry's expiry would, and the worker must follow Redis, not its copy."""

import os

import pytest
from django.core.cache import cache

from site_core.page_cache import middleware, store
from tests import factories
from tests.site_core.page_cache_helpers import visit

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="the copies are kept only with Redis (REDIS_URL)"
)


def entry_key(url):
    return store.entry_key(middleware.canonical_origin() + url)


def copy_of(key):
    """This process's copy of the entry under `key` (copies go by the entry's name in Redis)."""
    return store.local_copies.get(cache.make_key(key))


def cached_twice(client, article):
    """The article stored (a miss) and served once from the worker's copy (a hit)."""
    assert visit(client, article.url)["X-Page-Cache"] == "miss"
    response = visit(client, article.url)
    assert response["X-Page-Cache"] == "hit"
    assert copy_of(entry_key(article.url)) is not None
    return response


def store_behind_the_workers_back(key, entry):
    """Write `entry` as another worker would: in Redis only, this process's copy untouched."""
    assert store.store_in_redis(key, entry.encode(), timeout=60)


@needs_redis
@pytest.mark.django_db
def test_a_hit_on_a_page_the_worker_holds_is_served_from_its_copy(client, page_cache):
    article = factories.make_article("Held")
    cached_twice(client, article)
    key = entry_key(article.url)
    held = copy_of(key).entry

    entry, _generation = store.lookup(key)

    # The copy itself: Redis vouched for it rather than sending the page again.
    assert entry is held


@needs_redis
@pytest.mark.django_db
def test_an_entry_stored_by_another_worker_is_served_not_the_copy(client, page_cache):
    article = factories.make_article("Stored elsewhere")
    first = cached_twice(client, article)
    key = entry_key(article.url)
    mine = copy_of(key).entry
    # Same tags and versions (as a re-render after the entry expired), other content.
    theirs = store.Entry.compress(
        b"<!doctype html><title>Rendered by another worker</title>",
        headers=mine.headers,
        etag='"another-worker"',
        last_modified=mine.last_modified,
        tag_keys=mine.tag_keys,
        versions=mine.versions,
    )
    store_behind_the_workers_back(key, theirs)

    response = visit(client, article.url, **{"Accept-Encoding": "identity"})

    assert response["X-Page-Cache"] == "hit"
    assert b"Rendered by another worker" in response.content
    assert response.content != first.content
    # From now on this worker's copy is the new entry.
    assert copy_of(key).entry.etag == '"another-worker"'


@needs_redis
@pytest.mark.django_db
def test_a_purge_made_by_another_worker_stops_the_copy(client, page_cache):
    article = factories.make_article("Purged elsewhere")
    cached_twice(client, article)
    # A purge in another process changes the versions in Redis, not this process's copies.
    store.bump({f"page:{article.pk}"})

    assert visit(client, article.url)["X-Page-Cache"] == "miss"


@needs_redis
@pytest.mark.django_db
def test_an_expired_entry_is_not_served_from_the_copy(client, page_cache, settings):
    settings.PAGE_CACHE_SECONDS = 600
    article = factories.make_article("Expired")
    cached_twice(client, article)
    key = entry_key(article.url)
    redis = cache._cache.get_client(write=True)
    names = [cache.make_key(key), cache.make_key(store.identity_key(key))]
    # The entry and its id expire together (set in one transaction, with one expiry)...
    assert [redis.ttl(name) > 590 for name in names] == [True, True]
    redis.delete(*names)  # ...as now

    assert visit(client, article.url)["X-Page-Cache"] == "miss"


@needs_redis
@pytest.mark.django_db
def test_a_tag_version_evicted_from_redis_stops_the_copy(client, page_cache):
    article = factories.make_article("Evicted tag")
    cached_twice(client, article)
    copy = copy_of(entry_key(article.url))
    cache.delete(copy.entry.tag_keys[0])

    assert visit(client, article.url)["X-Page-Cache"] == "miss"


def entry_of(size, name):
    return store.Entry(
        gzipped=b"x" * size,
        length=size,
        headers=(),
        etag=f'"{name}"',
        last_modified=None,
        tag_keys=(store.tag_key(f"page:{name}"),),
        versions=(1,),
    )


def keep(copies, key, size):
    entry = entry_of(size, key)
    copies.keep(key, entry.encode(), entry, names=[])


def size_of_copy(size):
    """What a copy of a page of `size` compressed bytes counts: its encoded entry and the
    objects holding it."""
    return len(entry_of(size, "a").encode()) + store.LocalCopies.OVERHEAD_BYTES


def test_the_copies_stay_within_their_size_dropping_the_least_recently_served():
    copies = store.LocalCopies(max_bytes=3 * size_of_copy(1000))
    for key in ("a", "b", "c"):
        keep(copies, key, 1000)
    copies.get("a")  # served: now the most recent

    keep(copies, "d", 1000)

    assert copies.get("b") is None
    assert [key for key in "acd" if copies.get(key)] == ["a", "c", "d"]
    assert copies.size == 3 * size_of_copy(1000)


def test_a_page_larger_than_every_copy_together_is_not_kept():
    copies = store.LocalCopies(max_bytes=3 * size_of_copy(1000))
    keep(copies, "a", 1000)

    keep(copies, "a", 10_000)  # a new entry for the same page, larger than all three

    assert copies.get("a") is None
    assert copies.size == 0
