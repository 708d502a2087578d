"""Feeds per language (RSS, Atom), read as feed readers do. The podcast: test_podcast_feed.py;
the sitemap: tests/site_core/test_sitemap.py."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
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
    return build_site(locales)


def build_site(locales):
    """Three English articles (one also live in Italian, one with an Italian draft) and an
    English draft (shared with tests/site_core/test_sitemap.py)."""
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
