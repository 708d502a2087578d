"""Each process keeps the Wagtail `Site` that answers a host between requests
(site_core/site_lookup.py), and finds it again when a site changes, here or in another
process, and on every request while the shared cache cannot be read."""

import pytest
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


def site_lookups(client, url):
    """(the response, how many queries looked a site up) for a GET of `url` at HOST."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=HOST)
    # Wagtail's lookup, not its query of the sites' root paths (kept in the cache)
    lookups = [query for query in queries if '"wagtailcore_site"."hostname" =' in query["sql"]]
    return response, len(lookups)


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


def test_a_home_page_outside_every_site_is_not_linked_to(client, article):
    other_tree()

    response = client.get("/en/nowhere/")

    assert response.status_code == 404
    assert "/elsewhere/" not in response.content.decode()


def test_a_page_moved_or_renamed_drops_the_kept_sites(
    client, article, django_capture_on_commit_callbacks
):
    site_lookups(client, article.url)
    assert site_lookups(client, article.url)[1] == 0

    article.slug = "kept-renamed"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()  # Wagtail sends page_slug_changed once committed

    response, lookups = site_lookups(client, "/en/interviews/kept-renamed/")
    assert response.status_code == 200
    assert lookups >= 1


def test_without_a_readable_cache_every_request_looks_the_site_up(client, article, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
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
    factory = RequestFactory()
    first = site_lookup.find_for_request(factory.get("/", HTTP_HOST=HOST))
    second = site_lookup.find_for_request(factory.get("/", HTTP_HOST=HOST))
    third = site_lookup.find_for_request(factory.get("/", HTTP_HOST=HOST))

    assert first.pk == second.pk == third.pk == Site.objects.get(is_default_site=True).pk
    assert second is not third
    assert second.root_page is not third.root_page
    second.root_page.title = "Changed by one request"
    assert third.root_page.title != "Changed by one request"


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
