"""Where article pages may be created, and what readers see on the listing and the article."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import ArticleIndexPage, ArticlePage, ArticlePersonRole
from people.models import PersonIndexPage, PersonPage
from site_core.models import HomePage
from tests import factories

pytestmark = pytest.mark.django_db

Role = ArticlePersonRole.Role
VIDEO_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
VIDEO_HOST = re.compile(r"youtube(-nocookie)?\.com|youtu\.be|vimeo\.com|vimeocdn", re.IGNORECASE)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def card_titles(response):
    return [link.get_text() for link in soup(response).select(".article-card__title a")]


def dated(title, date, **fields):
    return factories.make_article(title, original_publication_date=date, **fields)


# Where pages may live ----------------------------------------------------------------------


@pytest.fixture
def tree(home_pages):
    home = home_pages["en"]
    return {
        "home": home,
        "article index": factories.article_index(home),
        "person index": factories.person_index(home),
        "article": factories.make_article(),
        "person": factories.make_person(),
    }


@pytest.mark.parametrize(
    ("model", "allowed_parent"),
    [
        (ArticlePage, "article index"),
        (PersonPage, "person index"),
    ],
)
def test_articles_and_people_can_only_be_created_under_their_index(tree, model, allowed_parent):
    creatable = {name for name, parent in tree.items() if model.can_create_at(parent)}

    assert creatable == {allowed_parent}


def test_allowed_page_types_form_the_site_tree():
    assert ArticleIndexPage.allowed_parent_page_models() == [HomePage]
    assert PersonIndexPage.allowed_parent_page_models() == [HomePage]
    assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
    assert PersonPage.allowed_parent_page_models() == [PersonIndexPage]
    assert set(HomePage.allowed_subpage_models()) == {ArticleIndexPage, PersonIndexPage}
    assert ArticleIndexPage.allowed_subpage_models() == [ArticlePage]
    assert PersonIndexPage.allowed_subpage_models() == [PersonPage]
    assert ArticlePage.allowed_subpage_models() == []
    assert PersonPage.allowed_subpage_models() == []


@pytest.mark.parametrize(
    ("model", "builder"),
    [(ArticleIndexPage, factories.article_index), (PersonIndexPage, factories.person_index)],
)
def test_every_home_page_has_one_index_of_each_kind(home_pages, model, builder):
    # The site set-up made one per language; editors cannot add a second.
    for home in home_pages.values():
        assert model.objects.child_of(home).live().count() == 1
        assert not model.can_create_at(home)
    assert builder(home_pages["en"]) == model.objects.child_of(home_pages["en"]).get()


def test_the_admin_refuses_an_article_outside_an_article_index(admin_client, tree):
    def add(parent):
        url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", parent.pk))
        return admin_client.get(url)

    assert add(tree["article index"]).status_code == 200
    for parent in ("home", "person index", "article"):
        # Wagtail turns the PermissionDenied into a redirect to the dashboard with a message.
        response = add(tree[parent])
        assert response.status_code == 302, parent
        assert response["Location"] == reverse("wagtailadmin_home")


# The listing -------------------------------------------------------------------------------


def test_listing_shows_live_articles_newest_original_publication_first(client):
    dated("From 2010", datetime.date(2010, 8, 3))
    dated("From 2021", datetime.date(2021, 1, 9))
    dated("From 2015", datetime.date(2015, 3, 1))
    factories.make_draft_article("A draft", original_publication_date=datetime.date(2024, 1, 1))

    response = client.get("/en/interviews/")

    assert card_titles(response) == ["From 2021", "From 2015", "From 2010"]
    assert '<time datetime="2010-08-03">August 3, 2010</time>' in response.content.decode()


def test_each_language_lists_only_its_own_articles(client, locales):
    english = dated("Talking on camera", datetime.date(2010, 8, 3))
    dated("Only in English", datetime.date(2012, 1, 1))
    italian_index = factories.translation_of(factories.article_index(), locales["it"])
    factories.translation_of(english, locales["it"], title="Parlare in video")

    italian = client.get(italian_index.url)
    english_listing = client.get("/en/interviews/")

    assert italian_index.url == "/it/interviews/"
    assert card_titles(italian) == ["Parlare in video"]
    assert card_titles(english_listing) == ["Only in English", "Talking on camera"]


@pytest.fixture
def topical():
    media, ethics = factories.make_topic("Media"), factories.make_topic("Ethics")
    unused = factories.make_topic("Unused")
    dated("On screens", datetime.date(2011, 1, 1), topics=[media])
    dated("On duty", datetime.date(2012, 1, 1), topics=[ethics])
    dated("On both", datetime.date(2013, 1, 1), topics=[media, ethics])
    dated("On nothing", datetime.date(2014, 1, 1))
    factories.make_draft_article("Draft", topics=[unused])
    return media


def test_listing_filters_by_topic(client, topical):
    response = client.get("/en/interviews/", {"topic": "media"})

    assert card_titles(response) == ["On both", "On screens"]
    page = soup(response)
    assert page.h1.get_text() == "Interviews: Media"
    nav = page.select_one("nav.topic-filter")
    # Only topics of live articles are offered; the current one is marked, not linked.
    assert [item.get_text() for item in nav.select("li")] == ["All topics", "Ethics", "Media"]
    assert nav.select_one('[aria-current="true"]').get_text() == "Media"
    assert nav.select_one('a[href="?topic=ethics"]') is not None


def test_listing_without_a_topic_marks_all_topics_current(client, topical):
    response = client.get("/en/interviews/")

    assert card_titles(response) == ["On nothing", "On both", "On duty", "On screens"]
    nav = soup(response).select_one("nav.topic-filter")
    assert nav.select_one('[aria-current="true"]').get_text() == "All topics"


@pytest.fixture
def five_articles(monkeypatch):
    monkeypatch.setattr(ArticleIndexPage, "articles_per_page", 2)
    for year in range(2011, 2016):
        dated(f"From {year}", datetime.date(year, 1, 1))


def test_listing_is_paginated(client, five_articles):
    response = client.get("/en/interviews/", {"page": "2"})

    assert card_titles(response) == ["From 2013", "From 2012"]
    pagination = soup(response).select_one("nav.pagination")
    assert "Page 2 of 3" in pagination.get_text()
    assert pagination.select_one('a[rel="prev"]')["href"] == "?page=1"
    assert pagination.select_one('a[rel="next"]')["href"] == "?page=3"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("", ["From 2015", "From 2014"]),
        ("abc", ["From 2015", "From 2014"]),
        ("999", ["From 2011"]),
        ("0", ["From 2011"]),
        ("-1", ["From 2011"]),
        ("2.5", ["From 2015", "From 2014"]),
    ],
)
def test_any_page_number_gives_a_page(client, five_articles, page, expected):
    response = client.get("/en/interviews/", {"page": page})

    assert card_titles(response) == expected


def test_pagination_keeps_the_topic(client, monkeypatch):
    monkeypatch.setattr(ArticleIndexPage, "articles_per_page", 1)
    media = factories.make_topic("Media")
    dated("Older", datetime.date(2011, 1, 1), topics=[media])
    dated("Newer", datetime.date(2012, 1, 1), topics=[media])
    dated("Off topic", datetime.date(2013, 1, 1))

    response = client.get("/en/interviews/", {"topic": "media"})

    assert card_titles(response) == ["Newer"]
    next_link = soup(response).select_one('nav.pagination a[rel="next"]')["href"]
    assert next_link == "?topic=media&page=2"
    assert card_titles(client.get(f"/en/interviews/{next_link}")) == ["Older"]


# The article -------------------------------------------------------------------------------


@pytest.fixture
def interview():
    guest = factories.make_person(
        "Ada Guest", photo=True, short_bio="Ada studies how people listen."
    )
    host = factories.make_person("Hal Host", short_bio="Hal asks the questions.")
    body = [
        factories.paragraph("How do we listen to one another?"),
        factories.video_segment(
            "On listening",
            duration=147,
            turns=[
                factories.turn("Listening takes time.", speaker=guest, timecode=5),
                factories.turn("Does the camera change that?", name="Audience member", timecode=70),
            ],
        ),
        factories.video_segment("On silence", duration=3725, url="https://vimeo.com/76979871"),
    ]
    return factories.make_article(
        "Talking on camera",
        body=body,
        people=[(guest, Role.INTERVIEWEE), (host, Role.INTERVIEWER)],
        original_publication_date=datetime.date(2010, 8, 3),
        last_updated=datetime.date(2012, 1, 5),
        credits="<p>Video recorded by the Parlance crew.</p>",
    )


def test_article_shows_its_dates_as_time_elements(client, interview):
    meta = soup(client.get(interview.url)).select_one("dl.article__meta")

    times = [(time["datetime"], time.get_text()) for time in meta.select("time")]
    assert times == [("2010-08-03", "August 3, 2010"), ("2012-01-05", "January 5, 2012")]


def test_article_dates_are_in_the_readers_language(client, locales, interview):
    factories.translation_of(factories.article_index(), locales["it"])
    italian = factories.translation_of(interview, locales["it"], title="Parlare in video")

    response = client.get(italian.url)

    assert italian.url.startswith("/it/")
    meta = soup(response).select_one("dl.article__meta")
    times = [(time["datetime"], time.get_text()) for time in meta.select("time")]
    assert times == [("2010-08-03", "3 agosto 2010"), ("2012-01-05", "5 gennaio 2012")]


def test_article_has_a_table_of_contents_of_segments_with_durations(client, interview):
    page = soup(client.get(interview.url))

    entries = [
        (item.a["href"], item.a.get_text(), item.time["datetime"], item.time.get_text())
        for item in page.select("nav.toc li")
    ]
    segment_ids = [f"#{section['id']}" for section in page.select("section.segment")]
    assert [entry[1:] for entry in entries] == [
        ("On listening", "PT2M27S", "2:27"),
        ("On silence", "PT1H2M5S", "1:02:05"),
    ]
    assert [entry[0] for entry in entries] == segment_ids


def test_segments_show_durations_and_timecoded_turns(client, interview):
    page = soup(client.get(interview.url))

    durations = [time["datetime"] for time in page.select(".segment__duration time")]
    assert durations == ["PT2M27S", "PT1H2M5S"]
    turns = [
        (turn["data-start"], turn.time["datetime"], turn.select_one(".turn__name").get_text())
        for turn in page.select(".segment .turn")
    ]
    assert turns == [("5", "PT5S", "Ada Guest"), ("70", "PT1M10S", "Audience member")]
    assert page.select_one(".turn__name a")["href"] == "/en/people/ada-guest/"


def test_article_names_its_people_with_their_roles(client, interview):
    meta = soup(client.get(interview.url)).select_one("dl.article__meta")

    pairs = [(div.dt.get_text(), div.dd.get_text()) for div in meta.find_all("div")]
    # readers see credits worded for every person (ArticlePersonRole.CREDITS)
    assert pairs[:2] == [("Interviewee", "Ada Guest"), ("Interview by", "Hal Host")]
    assert meta.select_one('a[href="/en/people/ada-guest/"]') is not None


def test_article_has_boxes_about_the_people_interviewed_apart_from_its_makers(client, interview):
    sections = soup(client.get(interview.url)).select("section.authors")

    boxes = [
        (
            section.h2.get_text(),
            [
                (box.h3.get_text(), box.select("p")[-1].get_text())
                for box in section.select(".person-box")
            ],
        )
        for section in sections
    ]
    assert boxes == [
        ("About the person interviewed", [("Ada Guest", "Ada studies how people listen.")]),
        ("Who made this interview", [("Hal Host", "Hal asks the questions.")]),
    ]
    assert sections[0].select_one(".person-box img") is not None


def test_an_author_is_presented_among_who_made_the_interview(client):
    person = factories.make_person("Solo Speaker")
    article = factories.make_article(people=[(person, Role.AUTHOR)])

    authors = soup(client.get(article.url)).select("section.authors")

    assert [section.h2.get_text() for section in authors] == ["Who made this interview"]


def test_article_shows_its_credits(client, interview):
    credits = soup(client.get(interview.url)).select_one("footer.article__credits")

    assert credits.h2.get_text() == "Credits"
    assert credits.p.get_text() == "Video recorded by the Parlance crew."


@pytest.mark.parametrize(("words", "expected"), [(10, "1 minute"), (600, "3 minutes")])
def test_article_shows_its_reading_time(client, words, expected):
    article = factories.make_article(
        standfirst="Short.", body=[factories.paragraph(" ".join(["word"] * words))]
    )

    meta = soup(client.get(article.url)).select_one("dl.article__meta")

    pairs = {div.dt.get_text(): div.dd.get_text() for div in meta.find_all("div")}
    assert pairs["Reading time"] == expected


def test_video_embeds_make_no_third_party_request_before_play(client, interview):
    page = soup(client.get(interview.url))

    assert page.find("iframe") is None
    assert page.find("video") is None
    # JSON-LD names the player address for search engines (embedUrl); browsers load nothing
    # from it, so only scripts that run are checked.
    for script in page.find_all("script", type=lambda kind: kind != "application/ld+json"):
        assert "youtube" not in str(script).lower()
        assert "vimeo" not in str(script).lower()
    # Every reference to a video host is the facade's player address (used only on play) or
    # a plain link; nothing the browser loads by itself.
    references = [
        (tag.name, attribute)
        for tag in page.find_all(True)
        for attribute, value in tag.attrs.items()
        if VIDEO_HOST.search(str(value))
    ]
    assert sorted(references) == sorted([("div", "data-player-url"), ("a", "href")] * 2)
    facades = page.select(".video-facade")
    assert [facade["data-provider"] for facade in facades] == ["youtube", "vimeo"]
    assert facades[0]["data-player-url"].startswith(
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?"
    )
    assert facades[0].a["href"] == VIDEO_URL


@pytest.mark.django_db
def test_an_unknown_topic_is_a_404_not_every_article(client):
    factories.make_article("Filed under media", topics=[factories.make_topic("Media")])

    response = client.get(factories.article_index().url + "?topic=no-such-topic")

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_person_with_two_roles_gets_one_box(client):
    person = factories.make_person("Grace Hopper")
    article = factories.make_article(people=[(person, "interviewee"), (person, "author")])

    content = client.get(article.url).content.decode()

    assert content.count('class="person-box"') == 1
    assert "About the person interviewed<" in content  # interviewed first, not an author
    assert "Who made this interview" not in content
    # each role listed once, in order (one query joins the person to both roles)
    assert content.count("<dt>Interviewee</dt>") == content.count("<dt>Written by</dt>") == 1
    assert content.index("<dt>Interviewee</dt>") < content.index("<dt>Written by</dt>")
