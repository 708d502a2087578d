"""Each process keeps the Wagtail `Site` that answers a host between requests
(site_core/site_lookup.py), and finds it again when a site changes, here or in another
process, and on every request while the shared cache cannot be read."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from site_core import site_lookup
from site_core.models import HomePage
from tests import factories

HOST = "interviews.example"


@pytest.fixture
def article(db, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    site_lookup.forget()
    yield factories.make_article("Kept", body=[factories.paragraph("Hello.")])
    site_lookup.forget()


def site_lookups(client, url, host=HOST):
    """(the response, how many queries looked a site up) for a GET of `url` at `host`."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=host)
    # Wagtail's lookup, not its query of the sites' root paths (kept in the cache)
    lookups = [query for query in queries if '"wagtailcore_site"."hostname" =' in query["sql"]]
    return response, len(lookups)


def stamp():
    return cache.get(site_lookup.STAMP_KEY)


def other_tree():
    """A home page of its own, with nothing below it: a site rooted there has no articles."""
    home = HomePage(title="Elsewhere", slug="elsewhere")
    Page.get_first_root_node().add_child(instance=home)
    return home


def test_the_site_of_a_host_is_looked_up_once_then_kept(client, article):
    response, lookups = site_lookups(client, article.url)
    assert response.status_code == 200
    assert lookups >= 1

    response, lookups = site_lookups(client, article.url)
    assert response.status_code == 200
    assert response.context["page"].pk == article.pk
    assert lookups == 0


def test_a_site_saved_here_answers_the_next_request(
    client, article, django_capture_on_commit_callbacks
):
    assert site_lookups(client, article.url)[0].status_code == 200  # the default site, kept

    with django_capture_on_commit_callbacks(execute=True):
        Site.objects.create(hostname=HOST, port=80, root_page=other_tree())

    response, lookups = site_lookups(client, article.url)
    assert response.status_code == 404  # routed from the new site's home: no such article
    assert lookups >= 1


def test_a_site_changed_by_another_process_answers_once_its_stamp_is_written(client, article):
    assert site_lookups(client, article.url)[0].status_code == 200
    # Another process commits a new site for the host: this process sent no signal...
    Site.objects.bulk_create([Site(hostname=HOST, port=80, root_page=other_tree())])
    Site.clear_site_root_paths_cache()  # as Wagtail's own signal handler did there
    response, lookups = site_lookups(client, article.url)
    assert (response.status_code, lookups) == (200, 0)  # ...so it still answers as kept

    site_lookup.write_new_stamp()  # what that process does once its change commits

    response, lookups = site_lookups(client, article.url)
    assert response.status_code == 404
    assert lookups >= 1


def test_a_site_saved_in_another_process_reaches_this_one_through_the_stamp(
    client, article, django_capture_on_commit_callbacks
):
    site_lookups(client, article.url)
    this_process = dict(site_lookup._kept)  # what this process keeps: the default site
    before = stamp()

    with django_capture_on_commit_callbacks() as callbacks:
        Site.objects.create(hostname=HOST, port=80, root_page=other_tree())
    assert stamp() == before  # not before the change is committed: no one could see it yet
    for callback in callbacks:
        callback()
    assert stamp() != before

    # This process had sent no signal: it still keeps the default site for the host...
    site_lookup._kept.update(this_process)
    response, lookups = site_lookups(client, article.url)
    # ...but the stamp has changed: it finds the new site, whose home has no such article.
    assert (response.status_code, lookups) == (404, 1)


def test_each_site_answers_its_own_host_and_hosts_differing_in_case_share_one(
    client, article, settings
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "elsewhere.example"]
    Site.objects.create(hostname="elsewhere.example", port=80, root_page=other_tree())
    site_lookup.write_new_stamp()

    for _ in range(2):
        assert site_lookups(client, article.url)[0].status_code == 200
        assert site_lookups(client, article.url, "elsewhere.example")[0].status_code == 404
    assert site_lookups(client, article.url, "Elsewhere.EXAMPLE")[1] == 0
    assert site_lookups(client, article.url, "Elsewhere.EXAMPLE")[0].status_code == 404


def test_a_host_that_is_not_allowed_gets_wagtails_answer(article):
    site = site_lookup.find_for_request(RequestFactory().get("/", HTTP_HOST="evil.example"))

    assert site == Site.objects.get(is_default_site=True)


def test_the_hosts_kept_are_bounded(client, article, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["*"]
    monkeypatch.setattr(site_lookup, "MAX_KEPT", 2)

    for number in range(5):
        site_lookups(client, article.url, f"host{number}.example")

    assert 1 <= len(site_lookup._kept) <= 2


def test_a_home_page_outside_every_site_is_not_linked_to(client, article):
    other_tree()

    response = client.get("/en/nowhere/")

    assert response.status_code == 404
    assert "/elsewhere/" not in response.content.decode()


def test_a_page_renamed_gives_a_new_stamp(client, article, django_capture_on_commit_callbacks):
    site_lookups(client, article.url)
    before = stamp()

    article.slug = "kept-renamed"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()  # Wagtail sends page_slug_changed once committed

    assert stamp() != before
    response, lookups = site_lookups(client, "/en/interviews/kept-renamed/")
    assert (response.status_code, lookups) == (200, 1)


def test_a_site_home_moved_gives_a_new_stamp(client, article, django_capture_on_commit_callbacks):
    home = Site.objects.get(is_default_site=True).root_page
    outside = other_tree()
    site_lookups(client, article.url)
    before = stamp()

    with django_capture_on_commit_callbacks(execute=True):
        home.move(outside, pos="last-child")

    assert stamp() != before
    response, lookups = site_lookups(client, article.url)
    assert (response.status_code, lookups) == (200, 1)  # routed from the home where it is now


def test_a_site_home_published_gives_a_new_stamp_and_other_pages_do_not(
    article, django_capture_on_commit_callbacks
):
    home = Site.objects.get(is_default_site=True).root_page.specific
    before = stamp() or site_lookup.current_stamp()

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert stamp() == before

    home.title = "Parlance, renamed"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    assert stamp() != before


def test_without_a_readable_cache_every_request_looks_the_site_up(client, article, settings):
    settings.CACHES = {
        **settings.CACHES,
        # Redis where none listens: reads miss, writes fail (site_core/resilience/cache.py)
        "default": {
            "BACKEND": "site_core.resilience.cache.FailSoftRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }
    for _ in range(2):
        response, lookups = site_lookups(client, article.url)
        assert response.status_code == 200
        assert lookups >= 1


def test_a_kept_site_is_looked_up_again_after_its_maximum_age(client, article, monkeypatch):
    site_lookups(client, article.url)
    monkeypatch.setattr(site_lookup, "MAX_AGE_SECONDS", 0)

    assert site_lookups(client, article.url)[1] >= 1


def test_each_request_gets_its_own_copy_of_the_site_and_its_root_page(article):
    def find():
        return site_lookup.find_for_request(RequestFactory().get("/", HTTP_HOST=HOST))

    first = find()  # looked up
    first.site_name = first.root_page.title = "Changed by the first request"
    second = find()  # kept
    second.root_page.title = "Changed by the second request"
    third = find()

    assert first.pk == second.pk == third.pk == Site.objects.get(is_default_site=True).pk
    assert len({id(first), id(second), id(third)}) == 3
    assert third.site_name != "Changed by the first request"
    assert third.root_page.title not in {
        "Changed by the first request",
        "Changed by the second request",
    }


def test_saving_a_site_purges_the_page_cache(
    client, article, page_cache, django_capture_on_commit_callbacks
):
    """Every page links to itself and its translations by the site's address."""
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Parlance"
    with django_capture_on_commit_callbacks(execute=True):
        site.save()

    assert client.get(article.url)["X-Page-Cache"] == "miss"
