"""A person's bio page, the interviews it lists, and the people index."""

import datetime

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePersonRole
from tests import factories

pytestmark = pytest.mark.django_db

Role = ArticlePersonRole.Role


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed_articles(response):
    return [link.get_text() for link in soup(response).select(".article-list .article-card a")]


@pytest.fixture
def ada():
    return factories.make_person(
        "Ada Guest",
        roles="Oral historian",
        birth_year=1961,
        short_bio="Ada records how people remember.",
        full_bio="<p>Ada has recorded <b>four hundred</b> interviews.</p>",
        links=[("Website", "https://ada.example.com/")],
    )


def test_bio_page_shows_the_person(client, ada):
    response = client.get("/en/people/ada-guest/")

    page = soup(response)
    assert ada.url == "/en/people/ada-guest/"
    assert page.h1.get_text() == "Ada Guest"
    assert page.select_one(".person__roles").get_text() == "Oral historian"
    assert page.select_one(".person__born").get_text() == "Born in 1961"
    assert "Ada has recorded <b>four hundred</b> interviews." in response.content.decode()
    link = page.select_one(".person__links a")
    assert (link.get_text(), link["href"], link["rel"]) == (
        "Website",
        "https://ada.example.com/",
        ["me"],
    )


def test_bio_lists_the_live_articles_the_person_appears_in(client, ada):
    other = factories.make_person("Someone Else")
    factories.make_article("As curator", people=[(ada, Role.CURATOR)])
    factories.make_article("As interviewee", people=[(ada, Role.INTERVIEWEE)])
    factories.make_article(
        "As speaker only",
        body=[factories.video_segment("Part 1", turns=[factories.turn("Hello.", speaker=ada)])],
    )
    factories.make_article(
        "As standalone transcript speaker",
        body=[
            {
                "type": "transcript",
                "value": {"title": "", "turns": [factories.turn("Hi.", speaker=ada)]},
            }
        ],
    )
    factories.make_article("As quoted only", body=[factories.quote("So it goes.", person=ada)])
    factories.make_article(
        "Quoted inside a turn",
        body=[
            factories.video_segment(
                "Part 1",
                turns=[
                    factories.turn(
                        "As Ada says:",
                        name="Moderator",
                        extra=[factories.quote("Listen first.", person=ada)],
                    )
                ],
            )
        ],
    )
    factories.make_draft_article("A draft", people=[(ada, Role.INTERVIEWEE)])
    factories.make_article("Without her", people=[(other, Role.INTERVIEWEE)])
    factories.make_article("Only her name typed", body=[factories.quote("Hm.", name="Ada Guest")])

    response = client.get(ada.url)

    assert sorted(listed_articles(response)) == [
        "As curator",
        "As interviewee",
        "As quoted only",
        "As speaker only",
        "As standalone transcript speaker",
        "Quoted inside a turn",
    ]


def test_bio_lists_each_article_once_newest_first(client, ada):
    factories.make_article(
        "Older",
        people=[(ada, Role.INTERVIEWEE), (ada, Role.TRANSLATOR)],
        body=[factories.quote("Twice.", person=ada)],
        original_publication_date=datetime.date(2010, 8, 3),
    )
    factories.make_article(
        "Newer",
        people=[(ada, Role.AUTHOR)],
        original_publication_date=datetime.date(2019, 1, 1),
    )

    assert listed_articles(client.get(ada.url)) == ["Newer", "Older"]


def test_bio_drops_an_article_once_it_is_unpublished(client, ada):
    article = factories.make_article("Withdrawn", people=[(ada, Role.INTERVIEWEE)])
    assert listed_articles(client.get(ada.url)) == ["Withdrawn"]

    article.unpublish()

    assert listed_articles(client.get(ada.url)) == []


def test_bio_follows_the_body_when_a_speaker_is_removed(client, ada):
    other = factories.make_person("Someone Else")
    article = factories.make_article(
        "Reassigned",
        body=[factories.video_segment("Part 1", turns=[factories.turn("Hi.", speaker=ada)])],
    )
    assert listed_articles(client.get(ada.url)) == ["Reassigned"]

    article.body = [factories.video_segment("Part 1", turns=[factories.turn("Hi.", speaker=other)])]
    factories.publish(article)

    assert listed_articles(client.get(ada.url)) == []
    assert listed_articles(client.get(other.url)) == ["Reassigned"]


def test_a_person_without_articles_has_no_interviews_section(client, ada):
    page = soup(client.get(ada.url))

    assert page.select_one("#person-articles") is None


def test_translated_bio_lists_the_articles_of_its_own_language(client, locales, ada):
    italian = locales["it"]
    article = factories.make_article("Talking on camera", people=[(ada, Role.INTERVIEWEE)])
    factories.translation_of(factories.person_index(), italian)
    italian_ada = factories.translation_of(ada, italian)
    factories.translation_of(factories.article_index(), italian)
    factories.translation_of(article, italian, title="Parlare in video")

    assert italian_ada.url == "/it/people/ada-guest/"
    assert listed_articles(client.get(italian_ada.url)) == ["Parlare in video"]
    assert listed_articles(client.get(ada.url)) == ["Talking on camera"]


def test_person_index_lists_live_people_by_name(client):
    factories.make_person("Zoe Last", short_bio="Zoe films.")
    factories.make_person("Ada First", roles="Historian")
    draft = factories.make_person("Hidden Draft")
    draft.unpublish()

    page = soup(client.get(factories.person_index().url))

    # A list of people, each named by a heading one level under the page's
    boxes = page.select("ul.people-list > li > .person-box")
    assert [box.h2.get_text() for box in boxes] == ["Ada First", "Zoe Last"]
    assert [box.h2.a["href"] for box in boxes] == ["/en/people/ada-first/", "/en/people/zoe-last/"]
    assert boxes[0].select_one(".person-box__roles").get_text() == "Historian"
    assert "Zoe films." in boxes[1].get_text()


def test_empty_person_index_says_so(client):
    page = soup(client.get(factories.person_index().url))

    assert page.select(".people-list") == []
    assert page.select_one("main h1 + p").get_text(strip=True) == "No one here yet."
