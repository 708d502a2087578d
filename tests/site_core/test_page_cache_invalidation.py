"""Exact invalidation: every change purges the cached pages that show it, in its language,
and nothing else — each test checks pages that must stay cached."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, PageViewRestriction

from people.models import PersonPage
from tests import database_snapshot, factories
from tests.site_core.page_cache_helpers import cache_state, visit, warm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@database_snapshot.built_per_module
def shared_site():
    """Two English articles with different people and topics, and an Italian translation of
    the first (its person untranslated, so shown in English): made once for the module."""
    italian = Locale.objects.get(language_code="it")
    ada, bo = factories.make_person("Ada Voice"), factories.make_person("Bo Quiet")
    media, food = factories.make_topic("Media"), factories.make_topic("Food")
    first = factories.make_article(
        "First words",
        body=[factories.video_segment("Part 1", turns=[factories.turn("Hi.", speaker=ada)])],
        people=[(ada, "interviewee")],
        topics=[media],
    )
    second = factories.make_article("Second words", people=[(bo, "interviewee")], topics=[food])
    _translation, first_it = factories.live_translation(first, italian)
    return {
        "first": first,
        "second": second,
        "first_it": first_it,
        "ada": ada,
        "bo": bo,
        "media": media,
    }


@pytest.fixture
def site(shared_site, db, django_capture_on_commit_callbacks):
    """The module's site as built (a test's changes are rolled back after it; each test
    starts with an empty cache and warms what it checks), in model instances of this test's
    own, and `commit`: a block whose on-commit callbacks (the purges) run at its end."""
    return database_snapshot.refetched(shared_site) | {
        "commit": lambda: django_capture_on_commit_callbacks(execute=True),
    }


def english_listings():
    return ["/en/", "/en/interviews/", "/en/interviews/?topic=media", "/en/interviews/?page=1"]


def english_feeds():
    return ["/en/feed/rss.xml", "/en/feed/atom.xml"]


def assert_purged(client, *urls):
    for url in urls:
        assert cache_state(client, url) == "miss", f"{url} should have been purged"


def assert_kept(client, *urls):
    for url in urls:
        assert cache_state(client, url) == "hit", f"{url} should have stayed cached"


def test_publishing_an_article_purges_what_shows_it_and_nothing_else(client, site):
    first, second, first_it = site["first"], site["second"], site["first_it"]
    shows_first = [
        first.url,
        f"{first.url}transcript.txt",
        *english_listings(),
        *english_feeds(),
        "/sitemap.xml",
        site["ada"].url,  # her bio lists it
        first_it.url,  # its language switcher links to the English version
    ]
    unrelated = [second.url, site["bo"].url, "/en/people/", "/it/", "/it/feed/rss.xml"]
    warm(client, *shows_first, *unrelated)

    first.title = "First words, revised"
    with site["commit"]():
        factories.publish(first)

    # Right after publishing, an anonymous reader gets the new version.
    assert b"First words, revised" in visit(client, first.url).content
    assert_purged(client, *shows_first[1:])
    assert_kept(client, *unrelated)


def test_a_new_article_appears_in_listings_and_on_the_bios_of_its_people(client, site):
    listed = [*english_listings(), *english_feeds(), "/sitemap.xml", site["bo"].url]
    unrelated = [site["first"].url, site["second"].url, site["ada"].url, "/it/"]
    warm(client, *listed, *unrelated)

    with site["commit"]():
        factories.make_article("Third words", people=[(site["bo"], "interviewer")])

    assert b"Third words" in visit(client, site["bo"].url).content
    assert_purged(client, *listed[:-1])
    assert_kept(client, *unrelated)


def test_unpublishing_purges_the_article_its_listings_and_bios(client, site):
    first = site["first"]
    shows_first = [*english_listings(), *english_feeds(), "/sitemap.xml", site["ada"].url]
    unrelated = [site["second"].url, site["bo"].url]
    warm(client, first.url, *shows_first, *unrelated)

    with site["commit"]():
        first.unpublish()

    assert client.get(first.url).status_code == 404
    assert b"First words" not in visit(client, site["ada"].url).content
    assert_purged(client, *shows_first[:-1])
    assert_kept(client, *unrelated)


def test_deleting_purges_the_article_its_listings_and_bios(client, site):
    first = site["first"]
    url = first.url
    shows_first = [*english_listings(), *english_feeds(), "/sitemap.xml", site["ada"].url]
    unrelated = [site["second"].url, site["bo"].url, "/it/"]
    warm(client, url, *shows_first, *unrelated)

    with site["commit"]():
        first.delete()

    assert client.get(url).status_code == 404
    assert_purged(client, *shows_first)
    assert_kept(client, *unrelated)


def test_moving_purges_the_page_and_its_listings(client, site):
    first, second = site["first"], site["second"]
    shows_first = [first.url, *english_listings(), "/sitemap.xml", site["ada"].url]
    unrelated = [site["bo"].url, "/en/people/", "/it/"]
    warm(client, *shows_first, *unrelated)

    with site["commit"]():
        first.move(second, pos="right")  # the same section, another position

    assert_purged(client, *shows_first)
    assert_kept(client, *unrelated)


def test_publishing_a_translation_purges_its_language_and_its_other_versions(client, site):
    italian = Locale.objects.get(language_code="it")
    second = site["second"]
    shows_it = ["/it/interviews/", "/it/", "/it/feed/rss.xml", "/sitemap.xml", second.url]
    # "/fr/" has no interview of its own: it lists what is readable in other languages
    shows_it.append("/fr/")
    unrelated = [site["first"].url, site["first_it"].url, "/en/", "/en/interviews/"]
    warm(client, *shows_it, *unrelated)

    with site["commit"]():
        _translation, second_it = factories.live_translation(second, italian)

    assert b"[it] Second words" in visit(client, "/it/interviews/").content
    assert_purged(client, *shows_it[1:])
    assert_kept(client, *unrelated)
    assert cache_state(client, second_it.url) == "miss"


def test_changing_a_bio_purges_every_article_and_list_that_shows_the_person(client, site):
    ada = site["ada"]
    shows_ada = [
        ada.url,
        site["first"].url,
        f"{site['first'].url}transcript.txt",  # she speaks in it
        site["first_it"].url,  # the Italian article shows her English bio
        "/en/people/",
        *english_feeds(),
        "/sitemap.xml",
        # cards name the people interviewed, in English on the Italian home too
        "/en/",
        "/en/interviews/",
        "/it/",
    ]
    unrelated = [site["second"].url, site["bo"].url, "/en/interviews/?topic=food"]
    warm(client, *shows_ada, *unrelated)

    ada = PersonPage.objects.get(pk=ada.pk)
    ada.title = "Ada Loud"
    with site["commit"]():
        factories.publish(ada)

    assert b"Ada Loud" in visit(client, site["first_it"].url).content
    assert_purged(client, *[url for url in shows_ada if url != site["first_it"].url])
    assert_kept(client, *unrelated)


def test_a_bio_translated_later_replaces_the_fallback_in_its_language_only(client, site):
    italian = Locale.objects.get(language_code="it")
    warm(client, site["first_it"].url, site["first"].url, site["second"].url)

    with site["commit"]():
        _translation, ada_it = factories.live_translation(site["ada"], italian)

    assert ada_it.url.encode() in visit(client, site["first_it"].url).content
    assert_kept(client, site["first"].url, site["second"].url)  # English shows her English bio


def test_changing_a_topic_purges_the_articles_filed_under_it_and_the_listings(client, site):
    media = site["media"]
    shows_media = [
        site["first"].url,
        site["first_it"].url,
        "/en/interviews/",
        "/en/interviews/?topic=media",
        *english_feeds(),
        "/it/interviews/",
    ]
    unrelated = [site["second"].url, site["ada"].url, "/en/people/", "/en/"]  # no topics there
    warm(client, *shows_media, *unrelated)

    media.name = "Broadcasting"
    with site["commit"]():
        media.save()

    assert b"Broadcasting" in visit(client, site["first"].url).content
    assert_purged(client, *shows_media[1:])
    assert_kept(client, *unrelated)

    with site["commit"]():
        media.delete()
    assert_purged(client, site["first"].url, "/en/interviews/")
    assert_kept(client, site["second"].url)


def test_purge_page_cache_command_purges_everything(client, site):
    urls = [site["first"].url, site["second"].url, "/it/", "/sitemap.xml", "/fr/feed/rss.xml"]
    warm(client, *urls)
    call_command("purge_page_cache", stdout=None)
    assert_purged(client, *urls)


def test_making_a_section_private_purges_every_page_under_it(client, site):
    first, second = site["first"], site["second"]
    inside = [first.url, f"{first.url}transcript.txt", second.url, "/en/interviews/"]
    unrelated = ["/en/people/", "/it/"]
    warm(client, *inside, *unrelated)

    with site["commit"]():
        PageViewRestriction.objects.create(
            page=first.get_parent(),
            restriction_type=PageViewRestriction.PASSWORD,
            password="secret",  # noqa: S106
        )

    for url in (first.url, second.url, "/en/interviews/"):
        response = client.get(url)
        assert "X-Page-Cache" not in response, url
        assert b"Hi." not in response.content
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert_kept(client, *unrelated)


def test_lifting_a_restriction_purges_the_listings_that_left_the_page_out(client, site):
    first = site["first"]
    restriction = PageViewRestriction.objects.create(
        page=first, restriction_type=PageViewRestriction.LOGIN
    )
    warm(client, "/en/interviews/", site["second"].url)
    with site["commit"]():
        restriction.delete()
    assert_purged(client, "/en/interviews/")
    assert_kept(client, site["second"].url)
    assert cache_state(client, first.url) == "miss"


def test_a_new_slug_purges_the_old_addresses_of_the_pages_under_it(client, site):
    first = site["first"]
    old_url = first.url
    warm(client, old_url, site["ada"].url)

    index = first.get_parent().specific
    index.slug = "talks"
    with site["commit"]():
        factories.publish(index)

    moved = client.get(old_url)  # Wagtail's redirect to the new address, not the cached page
    assert (moved.status_code, moved["Location"]) == (301, "/en/talks/first-words/")
    assert visit(client, "/en/talks/first-words/").status_code == 200
