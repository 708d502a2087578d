"""Reader pages cost a fixed number of SQL queries, however big the article or the site,
and however many languages it is published in."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from tests import factories

SMALL = {
    "people": 1,
    "segments": 1,
    "turns": 1,
    "images": 1,
    "topics": 1,
    "articles": 1,
    "languages": ["it"],  # live translations of the article and of a bio
}
# Every dimension above SMALL's: a query made per item would make the counts differ. Larger
# still proves nothing more (it cost 50 s: each language translates the whole body).
LARGE = {
    "people": 3,
    "segments": 3,
    "turns": 4,
    "images": 2,
    "topics": 2,
    "articles": 3,
    "languages": ["it", "ar"],  # live translations of the article and of a bio
}


def build_site(size):
    """An article of the given size, plus other articles featuring the same people."""
    people = [factories.make_person(f"Speaker {n}", photo=True) for n in range(size["people"])]
    topics = [factories.make_topic(f"Topic {n}", slug=f"topic-{n}") for n in range(size["topics"])]
    poster = factories.make_image("Poster")
    body = factories.interview_body(
        people, segments=size["segments"], turns_per_segment=size["turns"]
    )
    for block in body:
        if block["type"] == "video_segment":
            block["value"]["poster"] = poster.pk
            block["value"]["transcript"][0]["value"]["content"].append(
                factories.quote("Said before.", person=people[-1])
            )
    for n in range(size["images"]):
        image = factories.make_image(f"Figure {n}")
        body.append(
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "A figure", "caption": "", "credit": ""},
            }
        )
    body.append(factories.nested_list("lettered"))
    roles = [(person, "interviewee") for person in people]
    article = factories.make_article(
        "The long one",
        body=body,
        people=roles,
        topics=topics,
        hero_image=factories.make_image("Hero"),
    )
    for n in range(size["articles"] - 1):
        factories.make_article(
            f"Other {n}", people=roles[:1], topics=topics, hero_image=factories.make_image(f"H{n}")
        )
    for code in size["languages"]:
        locale = Locale.objects.get(language_code=code)
        factories.live_translation(article, locale)
        factories.live_translation(people[0], locale)
    return article, people[0]


def credit_translator(article, language_code):
    """Record a named translator for every string of the article's live translation, so its
    page shows translation credits (they cost queries only when there is someone to name)."""
    from wagtail_localize.models import StringTranslation

    locale = Locale.objects.get(language_code=language_code)
    translator = factories.make_person_user("Anna", "Rossi", superuser=False)
    StringTranslation.objects.filter(locale=locale).update(last_translated_by=translator)
    return article.get_translation(locale)


def queries_to_render(client, url):
    client.get(url)  # first visit makes the image renditions
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def page_urls(article, person):
    return {
        "article": article.url,
        "translated article": credit_translator(article, "it").url,
        "person": person.url,
        "listing": article.get_parent().url,
        "topic": f"{article.get_parent().url}?topic={article.topics.first().slug}",
        "home": "/en/",
        "people": person.get_parent().url,
    }


# The budget: SQL queries per page with a cold cache, whatever the size. Lower it when you
# can; never raise it without saying why in the commit. Every page pays 6: the Site, the
# language's home page with every page left on the path below it, each as its specific class
# (one query, site_core/page_view.py), the view restrictions of the page and its ancestors
# (one query, site_core/page_routing.py), the page's translations (language switcher,
# hreflang, og:url and JSON-LD share them) and Wagtail's site root paths (two; Wagtail caches
# them, but the cache is cold here).
QUERY_BUDGET = {
    # + people (with their roles here and photos), every image with its renditions, topics,
    # the approved comments with their replies (one query, community/templatetags), the
    # publisher named by the JSON-LD (Settings → Publisher, with its logo: one query)
    "article": 11,
    # + the translation credits (one query)
    "translated article": 12,
    # + links, the articles they appear in, renditions of the photo and of the cards, the
    # cards' approved-comment counts (one query for them all, as on the listing), the cards'
    # people interviewed (one query for them all, articles/cards.py)
    "person": 11,
    # + paginator count, articles, their renditions, topics for the filter, the cards'
    # approved-comment counts (one query for them all), the cards' people interviewed (one)
    "listing": 12,
    # + the topic, paginator count, articles, their renditions, topics for the filter, the
    # cards' approved-comment counts, the cards' people interviewed
    "topic": 13,
    # + latest articles, their renditions, their approved-comment counts, their people
    # interviewed (no routing below the home page)
    "home": 10,
    # + people, their photos' renditions
    "people": 8,
}


@pytest.mark.django_db
@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_reader_pages_cost_a_fixed_number_of_queries(client, size):
    article, person = build_site(size)

    urls = page_urls(article, person)
    counts = {name: queries_to_render(client, url) for name, url in urls.items()}

    assert counts == QUERY_BUDGET
    assert "Anna Rossi" in client.get(urls["translated article"]).content.decode()


@pytest.mark.django_db
def test_pages_that_show_article_cards_never_read_the_articles_bodies(client):
    """A card shows a title, a standfirst and an image: the body's JSON (a long interview's
    transcripts) is not loaded, or decoded, for any of them."""
    article, person = build_site(SMALL)
    urls = page_urls(article, person)
    table = f'"{article._meta.db_table}"'
    card_pages = [urls[name] for name in ("listing", "topic", "home", "person")]
    for url in [*card_pages, "/en/feed/rss.xml", "/en/feed/atom.xml"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # The query of the cards (routing joins the article table too, for the page itself).
        cards = [query["sql"] for query in queries if f"FROM {table}" in query["sql"]]
        assert cards, url
        assert not [sql for sql in cards if f'{table}."body"' in sql], url


@pytest.mark.django_db
def test_storing_the_article_in_the_page_cache_costs_one_query_more(client, page_cache):
    """What the stored copy shows (site_core/page_cache/dependencies.py): the people it names.
    Its view restrictions are those Wagtail's privacy check read, its topics those the page
    showed."""
    article, person = build_site(SMALL)

    # A miss with nothing kept (queries_to_render empties the cache first): stored.
    count = queries_to_render(client, article.url)

    assert client.get(article.url)["X-Page-Cache"] == "hit"
    assert count == QUERY_BUDGET["article"] + 1
