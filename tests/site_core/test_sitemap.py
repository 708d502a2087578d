"""The sitemap of every language and robots.txt, read as search engines do. Each app lists its
page types (`site_core.sitemaps.register`); every page type is in a section."""

import pytest
from django.apps import apps
from wagtail.models import Page

from site_core import sitemaps
from tests.articles.test_feeds import absolute, build_site, xml

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def site(locales):
    return build_site(locales)


def test_every_page_type_is_in_a_sitemap_section():
    """A page type no app registered would be missing from the sitemap without a word."""
    page_models = {
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.abstract
    }
    assert page_models
    assert page_models == sitemaps.listed_page_models()
    assert list(sitemaps.SECTIONS) == ["home", "articles", "people"]  # installed apps' order


def sitemap_entries(client):
    urlset = xml(client, "/sitemap.xml", "application/xml")
    assert urlset.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in urlset.findall(f"{SITEMAP}url"):
        location = url.findtext(f"{SITEMAP}loc")
        assert location not in entries
        entries[location] = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        assert url.findtext(f"{SITEMAP}lastmod")
    return entries


def test_the_sitemap_lists_every_live_page_with_its_live_translations(client, site):
    entries = sitemap_entries(client)

    newest, newest_it = absolute(site["newest"]), absolute(site["newest_it"])
    both = {"en": newest, "it": newest_it, "x-default": newest}
    assert entries[newest] == both
    assert entries[newest_it] == both
    middle = absolute(site["middle"])
    assert entries[middle] == {"en": middle, "x-default": middle}  # the Italian is a draft
    assert "http://testserver/en/interviews/draft/" not in entries
    assert not any(
        location.startswith("http://testserver/it/interviews/middle") for location in entries
    )
    # The home pages of every language made by the site set-up are there, each with the others.
    home_alternates = entries["http://testserver/en/"]
    assert home_alternates["x-default"] == "http://testserver/en/"
    assert entries["http://testserver/it/"] == home_alternates
    assert {"en", "it"} <= set(home_alternates)


def test_every_sitemap_entry_lists_itself_among_its_alternates(client, site):
    entries = sitemap_entries(client)

    for location, alternates in entries.items():
        assert location in alternates.values()
        for code, href in alternates.items():
            assert href in entries, f"{code} alternate {href} is not in the sitemap"
            if code != "x-default":
                assert entries[href] == alternates


# robots.txt -------------------------------------------------------------------------------


def test_robots_txt_allows_all_but_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
def test_the_cached_sitemap_names_every_language_whoever_asked_first(client, settings):
    """The sitemap lists every language's pages: its Content-Language says so, and the page
    cache does not keep the first requester's Accept-Language for everyone."""
    settings.PAGE_CACHE = True
    first = client.get("/sitemap.xml", headers={"Accept-Language": "it"})
    second = client.get("/sitemap.xml", headers={"Accept-Language": "fr"})

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    every_language = ", ".join(code for code, _name in settings.LANGUAGES)
    assert first["Content-Language"] == second["Content-Language"] == every_language
