"""The header's navigation (the home's sections in the reader's language) and the article's
topic links, through the real stack: routing, templates, the page cache."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from articles.models import ArticleIndexPage
from people.models import PersonIndexPage
from tests import factories
from tests.site_core.page_cache_helpers import cache_state, visit, warm

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def navigation(response):
    """(label, [(title, address, aria-current)]) of the header's navigation."""
    nav = soup(response).select_one("header.site-header nav.site-nav")
    assert nav is not None, "no navigation in the header"
    links = [(a.get_text(strip=True), a["href"], a.get("aria-current")) for a in nav.select("a")]
    return nav["aria-label"], links


def menu_queries(queries):
    """The queries that look for pages shown in menus."""
    return [
        query["sql"] for query in queries if "show_in_menus" in query["sql"].partition("WHERE")[2]
    ]


def current(response):
    """[(title, aria-current)] of the sections marked current."""
    return [(title, state) for title, _href, state in navigation(response)[1] if state]


def sections(code):
    locale = Locale.objects.get(language_code=code)
    return (
        ArticleIndexPage.objects.get(locale=locale),
        PersonIndexPage.objects.get(locale=locale),
    )


def test_the_site_set_up_puts_both_sections_in_every_language_s_navigation(client):
    for code in ("en", "it", "ar"):
        _label, links = navigation(client.get(f"/{code}/"))
        assert [href for _title, href, _state in links] == [
            f"/{code}/interviews/",
            f"/{code}/people/",
        ]


def test_english_home_links_the_sections_in_tree_order_and_none_is_current(client):
    label, links = navigation(client.get("/en/"))
    assert label == "Sections"
    assert links == [("Interviews", "/en/interviews/", None), ("People", "/en/people/", None)]


def test_each_language_shows_its_own_sections_with_their_translated_titles(client):
    italian = Locale.objects.get(language_code="it")
    interviews, people = sections("en")
    factories.translation_of(interviews, italian, title="Interviste")
    factories.translation_of(people, italian, title="Persone")

    assert navigation(client.get("/it/"))[1] == [
        ("Interviste", "/it/interviews/", None),
        ("Persone", "/it/people/", None),
    ]


def test_the_current_section_is_marked_on_it_and_on_the_pages_inside_it(client):
    article = factories.make_article("Inside")
    person = factories.make_person("Someone")

    # "page" on the section itself; "true" (not "this is the page") on the pages inside it.
    assert current(client.get("/en/interviews/")) == [("Interviews", "page")]
    assert current(client.get(article.url)) == [("Interviews", "true")]
    assert current(client.get("/en/people/")) == [("People", "page")]
    assert current(client.get(person.url)) == [("People", "true")]


def test_a_section_not_in_menus_or_not_live_is_left_out(client):
    interviews, people = sections("en")
    interviews.show_in_menus = False
    factories.publish(interviews)
    assert [title for title, *_ in navigation(client.get("/en/"))[1]] == ["People"]

    people.unpublish()
    assert soup(client.get("/en/")).select_one("nav.site-nav") is None


@pytest.mark.parametrize(
    "url", ["/en/search/?q=anything", "/en/community/newsletter/", "/en/no-such-page/"]
)
def test_other_views_show_the_navigation_for_one_query_at_most(client, url):
    """Search and the newsletter load the sections in a query of their own; a 404 under a
    home page has them from the routing query."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 404)
    assert navigation(response)[1] == [
        ("Interviews", "/en/interviews/", None),
        ("People", "/en/people/", None),
    ]
    assert len(menu_queries(queries)) == 1


def test_pages_get_the_navigation_from_the_routing_query(client):
    article = factories.make_article("Routed")
    with CaptureQueriesContext(connection) as queries:
        client.get(article.url)
    found = menu_queries(queries)
    assert len(found) == 1
    assert f"'{article.slug}'" in found[0]  # the routing query, which finds the page


def test_arabic_navigation_reads_right_to_left(client):
    response = client.get("/ar/")
    assert soup(response).html["dir"] == "rtl"
    assert [href for _title, href, _state in navigation(response)[1]] == [
        "/ar/interviews/",
        "/ar/people/",
    ]


# --- Topic links on an article


def topic_links(response):
    return [
        (a.get_text(strip=True), a["href"]) for a in soup(response).select(".article__topics a")
    ]


def test_an_article_s_topics_link_to_the_listing_filtered_by_each(client):
    media = factories.make_topic("Media", slug="media")
    food = factories.make_topic("Food & drink", slug="food-drink")
    article = factories.make_article("Tagged", topics=[media, food])
    factories.make_article("Untagged")

    links = topic_links(client.get(article.url))

    assert links == [
        ("Food & drink", "/en/interviews/?topic=food-drink"),
        ("Media", "/en/interviews/?topic=media"),
    ]
    listing = client.get(links[1][1])
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Tagged" in html
    assert "Untagged" not in html


def test_a_translated_article_links_to_its_own_language_s_listing(client):
    italian = Locale.objects.get(language_code="it")
    media = factories.make_topic("Media", slug="media")
    article = factories.make_article("Tagged", topics=[media])
    _translation, article_it = factories.live_translation(article, italian)

    links = topic_links(client.get(article_it.url))

    assert [href for _name, href in links] == ["/it/interviews/?topic=media"]
    listing = client.get(links[0][1])
    assert listing.status_code == 200
    assert article_it.url in listing.content.decode()


# --- The page cache: a change to a section purges the pages that show the navigation


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.usefixtures("page_cache")
def test_renaming_a_section_purges_every_page_of_its_language_only(client, commit):
    article = factories.make_article("Cached")
    english = ["/en/", article.url, "/en/people/", "/en/community/newsletter/"]
    italian = ["/it/", "/it/people/"]
    warm(client, *english, *italian)

    interviews, _people = sections("en")
    interviews.title = "Conversations"
    with commit():
        factories.publish(interviews)

    for url in english:
        response = visit(client, url)
        assert response.get("X-Page-Cache") == "miss", url
        assert ("Conversations", "/en/interviews/") in [
            (title, href) for title, href, _state in navigation(response)[1]
        ]
    for url in italian:
        assert cache_state(client, url) == "hit", url


@pytest.mark.usefixtures("page_cache")
def test_taking_a_section_out_of_the_menus_or_unpublishing_it_purges_the_navigation(client, commit):
    interviews, people = sections("en")
    warm(client, "/en/", "/en/community/newsletter/")

    interviews.show_in_menus = False
    with commit():
        factories.publish(interviews)
    assert [t for t, *_ in navigation(visit(client, "/en/community/newsletter/"))[1]] == ["People"]

    warm(client, "/en/")
    with commit():
        people.unpublish()
    assert soup(visit(client, "/en/")).select_one("nav.site-nav") is None


@pytest.mark.usefixtures("page_cache")
def test_unpublishing_a_language_s_home_purges_its_navigation(client, commit):
    """Without a live home a language has no sections to show, on any view."""
    warm(client, "/en/community/newsletter/", "/it/community/newsletter/")

    english_home = sections("en")[0].get_parent()
    with commit():
        english_home.unpublish()

    assert soup(visit(client, "/en/community/newsletter/")).select_one("nav.site-nav") is None
    assert cache_state(client, "/it/community/newsletter/") == "hit"
