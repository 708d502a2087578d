"""Feeds per language, the sitemap of every language and robots.txt, read as machines do."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def xml(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    return ET.fromstring(response.content)  # noqa: S314 - our own output


def absolute(page):
    return f"http://testserver{page.url}"


@pytest.fixture
def site(locales):
    """Three English articles (one also live in Italian, one with an Italian draft) and an
    English draft."""
    # Topic names are written in the active language (modeltranslation), and an earlier
    # test's request to /it/ may have left Italian active in this thread.
    with translation.override("en"):
        topic = factories.make_topic("Machines")
    ada = factories.make_person("Ada Lovelace")
    charles = factories.make_person("Charles Babbage")
    old = factories.make_article(
        "Old", original_publication_date=datetime.date(2018, 1, 1), people=[(ada, "interviewee")]
    )
    newest = factories.make_article(
        "Newest",
        standfirst="The latest talk.",
        original_publication_date=datetime.date(2024, 6, 1),
        people=[(charles, "interviewer"), (ada, "interviewee"), (ada, "author")],
        topics=[topic],
    )
    middle = factories.make_article("Middle", original_publication_date=datetime.date(2021, 2, 3))
    factories.make_draft_article("Draft", original_publication_date=datetime.date(2025, 1, 1))
    factories.live_translation(charles, locales["it"], lambda text: "Carlo Babbage")
    _translation, newest_it = factories.live_translation(newest, locales["it"])
    factories.localize(middle, locales["it"])  # an Italian draft, not for readers yet
    return {"old": old, "newest": newest, "middle": middle, "newest_it": newest_it}


# Feeds ------------------------------------------------------------------------------------


def test_the_rss_feed_lists_the_languages_live_articles_newest_first(client, site):
    channel = xml(client, "/en/feed/rss.xml", "application/rss+xml").find("channel")

    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "http://testserver/en/interviews/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newest", "Middle", "Old"]
    newest = items[0]
    assert newest.findtext("link") == absolute(site["newest"])
    assert newest.findtext("description") == "The latest talk."
    assert newest.findtext("pubDate") == "Sat, 01 Jun 2024 00:00:00 +0000"
    assert [creator.text for creator in newest.findall(f"{DC}creator")] == [
        "Charles Babbage",
        "Ada Lovelace",
    ]
    assert [category.text for category in newest.findall("category")] == ["Machines"]
    assert items[1].findall(f"{DC}creator") == []  # no author roles


def test_the_italian_rss_feed_lists_italian_articles_only(client, site):
    channel = xml(client, "/it/feed/rss.xml", "application/rss+xml").find("channel")

    assert channel.findtext("language") == "it"
    (item,) = channel.findall("item")
    assert item.findtext("title") == "[it] Newest"
    assert item.findtext("link") == absolute(site["newest_it"])
    assert [creator.text for creator in item.findall(f"{DC}creator")] == [
        "Carlo Babbage",
        "Ada Lovelace",
    ]


def test_the_atom_feed_has_entries_with_authors(client, site):
    feed = xml(client, "/it/feed/atom.xml", "application/atom+xml")

    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == "it"
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Parlance"
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "[it] Newest"
    assert entry.find(f"{ATOM}link").get("href") == absolute(site["newest_it"])
    assert entry.findtext(f"{ATOM}published").startswith("2024-06-01T00:00:00")
    assert entry.findtext(f"{ATOM}updated")
    authors = [
        (author.findtext(f"{ATOM}name"), author.findtext(f"{ATOM}uri"))
        for author in entry.findall(f"{ATOM}author")
    ]
    assert [name for name, _uri in authors] == ["Carlo Babbage", "Ada Lovelace"]
    assert authors[0][1].startswith("http://testserver/it/people/")
    assert authors[1][1].startswith("http://testserver/en/people/")  # no Italian bio


def test_the_english_atom_feed_lists_every_live_article(client, site):
    feed = xml(client, "/en/feed/atom.xml", "application/atom+xml")

    assert feed.get(XML_LANG) == "en"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Newest", "Middle", "Old"]


# Sitemap ----------------------------------------------------------------------------------


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
