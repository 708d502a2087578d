"""schema.org data (JSON-LD) on articles and bios, as search engines read it."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from site_core.seo import json_ld_script
from tests import factories

pytestmark = pytest.mark.django_db

YOUTUBE_ID = "aqz-KE-bpKQ"


def json_ld(response):
    """Every JSON-LD document of the page, parsed."""
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [
        json.loads(script.string) for script in html.find_all("script", type="application/ld+json")
    ]


def the_one(items, type_):
    (item,) = [item for item in items if item["@type"] == type_]
    return item


@pytest.fixture
def people():
    return {
        "ada": factories.make_person("Ada Lovelace", photo=True, birth_year=1815),
        "charles": factories.make_person("Charles Babbage"),
    }


@pytest.fixture
def article(people):
    ada, charles = people["ada"], people["charles"]
    poster = factories.make_image("Poster")
    youtube = factories.video_segment(
        "On engines",
        duration=147,
        turns=[
            factories.turn("Why engines?", speaker=charles, timecode=0),
            factories.turn("Because they weave patterns.", speaker=ada, timecode=12),
        ],
    )
    youtube["value"]["poster"] = poster.pk
    uploaded = factories.uploaded_segment(
        "On poetry",
        factories.make_media(),
        start_offset=30,
        duration=3725,
        turns=[factories.turn("Poetical science.", speaker=ada, timecode=5)],
    )
    return factories.make_article(
        "Analytical engines",
        standfirst="A conversation about machines that weave.",
        body=[youtube, uploaded],
        people=[(ada, "interviewee"), (charles, "interviewer")],
        original_publication_date=datetime.date(2019, 3, 8),
        last_updated=datetime.date(2021, 1, 2),
        hero_image=factories.make_image("Hero"),
    )


def segment_ids(page):
    return [block.id for block in page.body if block.block_type == "video_segment"]


def test_an_article_is_an_article_with_its_people(client, article, people):
    data = the_one(json_ld(client.get(article.url)), "Article")

    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Analytical engines"
    assert data["description"] == "A conversation about machines that weave."
    assert data["url"] == f"http://testserver{article.url}"
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == "2019-03-08"
    assert data["dateModified"] == "2021-01-02"
    assert data["image"].startswith("http://testserver/media/images/")
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Charles Babbage",
            "url": f"http://testserver{people['charles'].url}",
        }
    ]
    (ada,) = data["contributor"]
    assert (ada["@type"], ada["name"]) == ("Person", "Ada Lovelace")
    assert ada["url"] == f"http://testserver{people['ada'].url}"
    assert ada["image"].startswith("http://testserver/media/images/")


def test_every_segment_is_a_video_with_clips(client, article):
    youtube, uploaded = the_one(json_ld(client.get(article.url)), "Article")["video"]
    page_url = f"http://testserver{article.url}"
    first_id, second_id = segment_ids(article)

    assert youtube["@type"] == "VideoObject"
    assert youtube["name"] == "On engines"
    assert youtube["duration"] == "PT2M27S"
    assert youtube["uploadDate"] == "2019-03-08"
    assert youtube["inLanguage"] == "en"
    assert youtube["embedUrl"] == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}"
    assert youtube["thumbnailUrl"].startswith("http://testserver/media/images/")
    assert youtube["url"] == f"{page_url}#segment-{first_id}"
    assert youtube["transcript"] == (
        "[0:00] Charles Babbage: Why engines?\n\n[0:12] Ada Lovelace: Because they weave patterns."
    )
    turn_ids = [turn.id for turn in article.body[0].value["transcript"].bound_blocks]
    assert youtube["hasPart"] == [
        {
            "@type": "Clip",
            "name": "Charles Babbage: Why engines?",
            "startOffset": 0,
            "endOffset": 12,
            "url": f"{page_url}#turn-{turn_ids[0]}",
        },
        {
            "@type": "Clip",
            "name": "Ada Lovelace: Because they weave patterns.",
            "startOffset": 12,
            "endOffset": 147,
            "url": f"{page_url}#turn-{turn_ids[1]}",
        },
    ]

    assert uploaded["duration"] == "PT1H2M5S"
    assert uploaded["contentUrl"].startswith("http://testserver/media/")
    assert "embedUrl" not in uploaded
    assert "thumbnailUrl" not in uploaded
    # Clip offsets count on the file's timeline: the segment starts 30 s into it.
    (clip,) = uploaded["hasPart"]
    assert (clip["startOffset"], clip["endOffset"]) == (35, 30 + 3725)
    assert uploaded["url"] == f"{page_url}#segment-{second_id}"


def test_the_italian_article_says_it_is_in_italian(client, article, people, locales):
    italian = locales["it"]
    factories.live_translation(people["charles"], italian, lambda text: "Carlo Babbage")
    _translation, translated = factories.live_translation(article, italian)

    data = the_one(json_ld(client.get(translated.url)), "Article")

    assert data["inLanguage"] == "it"
    assert data["headline"] == "[it] Analytical engines"
    assert data["url"] == f"http://testserver{translated.url}"
    assert data["author"][0]["name"] == "Carlo Babbage"
    assert data["author"][0]["url"].startswith("http://testserver/it/people/")
    assert {video["inLanguage"] for video in data["video"]} == {"it"}
    assert data["video"][0]["transcript"].startswith("[0:00] Carlo Babbage: [it] Why engines?")


def test_a_title_cannot_break_out_of_the_script(client):
    title = "</script><script>alert('x')</script> & <!-- more"
    article = factories.make_article(title)

    response = client.get(article.url)

    assert b"<script>alert(" not in response.content
    html = BeautifulSoup(response.content, "html.parser")
    assert len(html.find_all("script", type="application/ld+json")) == 1
    assert the_one(json_ld(response), "Article")["headline"] == title


def test_json_ld_escapes_markup_characters():
    script = str(json_ld_script({"name": "</script> & <b>"}))

    assert script == (
        '<script type="application/ld+json">'
        '{"name": "\\u003c/script\\u003e \\u0026 \\u003cb\\u003e"}</script>'
    )


def test_a_bio_is_a_person(client):
    person = factories.make_person(
        "Ada Lovelace",
        photo=True,
        birth_year=1815,
        roles="Mathematician, poet of science",
        links=[("Wikipedia", "https://en.wikipedia.org/wiki/Ada_Lovelace")],
    )

    data = the_one(json_ld(client.get(person.url)), "Person")

    assert data["name"] == "Ada Lovelace"
    assert data["jobTitle"] == "Mathematician, poet of science"
    assert data["birthDate"] == "1815"
    assert data["url"] == f"http://testserver{person.url}"
    assert data["sameAs"] == ["https://en.wikipedia.org/wiki/Ada_Lovelace"]
    assert data["image"].startswith("http://testserver/media/images/")
    # The page still lists the links it loaded once for both.
    html = BeautifulSoup(client.get(person.url).content, "html.parser")
    assert [a["href"] for a in html.select(".person__links a")] == [
        "https://en.wikipedia.org/wiki/Ada_Lovelace"
    ]


def test_a_bio_without_details_names_the_person_only(client):
    person = factories.make_person("Someone", roles="", short_bio="")

    data = the_one(json_ld(client.get(person.url)), "Person")

    assert set(data) == {"@context", "@type", "name", "url"}
