"""In a translated article, every person links to their bio in the article's language when it
is live there, and to the source bio otherwise."""

import pytest
from bs4 import BeautifulSoup
from wagtail_localize.operations import translate_object

from tests import factories


def translate_and_publish(page, locale):
    translate_object(page, [locale])
    translation = page.get_translation(locale)
    translation.get_latest_revision().publish()
    return translation.specific


@pytest.fixture
def italian_article(locales):
    ada = factories.make_person("Ada Lovelace")
    bob = factories.make_person("Bob Builder")
    body = [
        factories.video_segment(
            "Part one",
            turns=[
                factories.turn("Hello.", speaker=ada, timecode=0),
                factories.turn("Hi.", speaker=bob, timecode=5),
            ],
        ),
        factories.quote("A saying.", person=ada),
    ]
    article = factories.make_article(
        "Sample", body=body, people=[(ada, "interviewee"), (bob, "interviewer")]
    )
    translate_and_publish(ada, locales["it"])  # Bob has no Italian bio
    return translate_and_publish(article, locales["it"])


def links_named(html, name):
    return sorted({link["href"] for link in html.find_all("a") if link.get_text() == name})


@pytest.mark.django_db
def test_people_link_to_their_bio_in_the_articles_language(client, italian_article):
    response = client.get(italian_article.url)

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert links_named(html, "Ada Lovelace") == ["/it/people/ada-lovelace/"]
    # role, transcript speaker, quote attribution and the author box all point there
    assert len([a for a in html.find_all("a") if a.get_text() == "Ada Lovelace"]) == 4


@pytest.mark.django_db
def test_people_without_a_bio_in_that_language_link_to_the_source_bio(client, italian_article):
    html = BeautifulSoup(client.get(italian_article.url).content, "html.parser")

    assert links_named(html, "Bob Builder") == ["/en/people/bob-builder/"]


@pytest.mark.django_db
def test_the_italian_bio_lists_the_italian_article(client, italian_article):
    html = BeautifulSoup(client.get("/it/people/ada-lovelace/").content, "html.parser")

    titles = [link.get_text() for link in html.select(".article-card__title a")]
    assert titles == ["Sample"]
    assert html.select_one(".article-card__title a")["href"] == italian_article.url
