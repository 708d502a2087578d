"""The embedded page cache (`make run`, no REDIS_URL): diskcache files shared by every worker.
A page one process stores is served by another, a purge made in one process reaches the
others, and a write the cache refuses is reported, never taken for stored."""

import importlib
import multiprocessing
import sqlite3

import pytest
from django.core.cache import caches

from site_core import page_cache
from site_core.page_cache import store, tags
from tests import factories
from tests.site_core.page_cache_helpers import cache_state, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def embedded_cache(settings, tmp_path):
    """The default cache as the base settings make it without REDIS_URL, in a directory of
    this test's own, with the page cache on."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "site_core.page_cache.backends.EmbeddedCache",
            "LOCATION": str(tmp_path / "cache"),
            "DATABASE_TIMEOUT": 1.0,
            "OPTIONS": {"disk_min_file_size": 2**20},
        },
    }
    settings.PAGE_CACHE = True
    return caches["default"]


def in_another_process(work, *arguments):
    """Run `work(*arguments)` in a forked process (another gunicorn worker, as far as the
    cache can tell: diskcache opens its own connections there); return its exit code."""
    process = multiprocessing.get_context("fork").Process(target=work, args=arguments)
    process.start()
    process.join(timeout=60)
    return process.exitcode


def purge_there(purged):
    page_cache.purge(purged)


def exit_with_lookup(url):
    entry, _generation = store.lookup(store.entry_key(url))
    raise SystemExit(0 if entry is not None else 3)


def test_without_redis_the_settings_choose_the_embedded_cache_with_the_page_cache_on(
    monkeypatch,
):
    from site_core.settings import base

    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("PAGE_CACHE", raising=False)
    try:
        importlib.reload(base)
        assert base.CACHES["default"]["BACKEND"] == "site_core.page_cache.backends.EmbeddedCache"
        assert base.PAGE_CACHE is True
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_a_page_stored_by_one_process_is_served_by_another_and_purged_by_a_third(
    client, embedded_cache
):
    article = factories.make_article("Shared words")
    other = factories.make_article("Other words")
    url = f"http://testserver{article.url}"
    assert cache_state(client, article.url) == "miss"
    assert cache_state(client, other.url) == "miss"

    assert in_another_process(exit_with_lookup, url) == 0  # stored here, found there

    assert in_another_process(purge_there, {tags.page(article.pk)}) == 0

    assert cache_state(client, article.url) == "miss"  # purged there, gone here
    assert cache_state(client, other.url) == "hit"  # and nothing else
    assert cache_state(client, article.url) == "hit"


def test_publishing_purges_the_embedded_cache(
    client, embedded_cache, django_capture_on_commit_callbacks
):
    article = factories.make_article("Before")
    visit(client, article.url)
    assert cache_state(client, article.url) == "hit"

    article.title = "After"
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(article)

    response = visit(client, article.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"After" in response.content


def test_a_hit_runs_no_sql(client, embedded_cache, django_assert_num_queries):
    article = factories.make_article()
    visit(client, article.url)
    with django_assert_num_queries(0):
        assert cache_state(client, article.url) == "hit"


def test_a_write_the_embedded_cache_refuses_is_reported_not_swallowed(
    client, embedded_cache, monkeypatch
):
    article = factories.make_article()

    def disk_full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(embedded_cache._cache, "set", disk_full)
    monkeypatch.setattr(embedded_cache._cache, "incr", disk_full)

    assert embedded_cache.set_many({"one": 1, "two": 2}) == ["one", "two"]
    assert embedded_cache.set("one", 1) is False
    with pytest.raises(ValueError, match="not incremented"):
        embedded_cache.incr("one")

    # The reader still gets the page; it is not marked as stored, and never served stale.
    response = visit(client, article.url)
    assert "X-Page-Cache" not in response
    assert "s-maxage" not in response["Cache-Control"]
    assert "X-Page-Cache" not in visit(client, article.url)

    # A purge the cache does not take is deferred, not forgotten.
    page_cache.purge({tags.page(article.pk)})
    assert tags.page(article.pk) in page_cache._deferred


def test_an_unreadable_cache_is_a_miss(client, embedded_cache, monkeypatch):
    article = factories.make_article()
    visit(client, article.url)

    def corrupt(*args, **kwargs):
        raise sqlite3.DatabaseError("file is not a database")

    monkeypatch.setattr(embedded_cache._cache, "get", corrupt)
    assert embedded_cache.get_many(["anything"]) == {}
    response = visit(client, article.url)
    assert response.get("X-Page-Cache") != "hit"
    assert article.title.encode() in response.content


def register_many(prefix):
    from site_core.page_cache import frontend

    for number in range(30):
        assert frontend.register(f"http://testserver/{prefix}/{number}/", {"page:1", "topics"})


def test_addresses_registered_for_the_cdn_by_two_processes_at_once_are_all_kept(
    embedded_cache,
):
    from site_core.page_cache import frontend

    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=register_many, args=(name,)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0

    assert len(frontend.registered({"page:1"})) == 60
    assert len(frontend.registered({"topics"})) == 60
