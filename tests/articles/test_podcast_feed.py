"""Interviews as a podcast (issue 21): `/<lang>/feed/podcast.xml` is RSS 2.0 with an enclosure
per uploaded file of the language's live, public interviews, iTunes tags and chapter marks from
the segments, linked from the language's home. Parsed as a podcast app would, and each
enclosure fetched from the site to check its address, size and type."""

import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import database_snapshot, factories

pytestmark = pytest.mark.django_db

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PSC = "{http://podlove.org/simple-chapters}"


def feed(client, language="en"):
    response = client.get(f"/{language}/feed/podcast.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return root.find("channel")


def episode_titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


@database_snapshot.built_per_module
def shared_podcast():
    """An interview of three video segments and an audio one, and what the feed leaves out (a
    YouTube-only interview, a draft, a private page): made once for the module."""
    host = factories.make_person("Charles Babbage")
    guest = factories.make_person("Ada Lovelace")
    video = factories.make_media("Full conversation", kind="video", duration=1805.4)
    audio = factories.make_media("Q&A", kind="audio", duration=0)
    turns = [factories.turn("Hello.", speaker=guest, timecode=0)]
    interview = factories.make_article(
        "On engines",
        standfirst="Two hours on the analytical engine.",
        original_publication_date=datetime.date(2024, 6, 1),
        hero_image=factories.make_image(width=1600, height=1200),
        people=[(host, "interviewer"), (guest, "interviewee")],
        body=[
            factories.uploaded_segment("Beginnings", video, turns=turns, duration=600),
            factories.uploaded_segment("Machines", video, duration=900, start_offset=650),
            factories.uploaded_segment("Poetry", video, duration=255),
            factories.uploaded_segment("Questions", audio, duration=300),
        ],
    )
    youtube_only = factories.make_article(
        "Watched elsewhere", original_publication_date=datetime.date(2025, 1, 1)
    )
    draft = factories.make_draft_article(
        "Not yet", body=[factories.uploaded_segment("Draft part", video)]
    )
    private = factories.make_article(
        "Members only", body=[factories.uploaded_segment("Hidden", audio, duration=60)]
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return {
        "interview": interview,
        "video": video,
        "audio": audio,
        "youtube_only": youtube_only,
        "draft": draft,
    }


@pytest.fixture
def podcast(shared_podcast, db):
    """The module's podcast as built (a test's changes are rolled back after it), in model
    instances of this test's own."""
    return database_snapshot.refetched(shared_podcast)


def test_each_uploaded_file_of_a_live_public_interview_is_an_episode(client, podcast):
    channel = feed(client)

    assert channel.findtext("language") == "en"
    assert channel.findtext(f"{ITUNES}author") == "Parlance"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    assert channel.find(f"{ITUNES}category").get("text") == "Society & Culture"
    # Two files, two episodes; no YouTube-only interview, draft or private page.
    assert episode_titles(channel) == ["On engines: Beginnings", "On engines: Questions"]
    items = channel.findall("item")
    video, audio = items
    assert video.findtext("link") == f"http://testserver{podcast['interview'].url}"
    assert video.findtext("guid") != audio.findtext("guid")
    assert video.findtext(f"{ITUNES}author") == "Charles Babbage"
    assert video.findtext(f"{ITUNES}duration") == "00:30:05"  # the file's own length
    assert audio.findtext(f"{ITUNES}duration") == "00:05:00"  # unknown: the segments'
    assert video.findtext(f"{ITUNES}explicit") == "false"
    artwork = video.find(f"{ITUNES}image").get("href")
    assert artwork.startswith("http://testserver/") and artwork.endswith(".jpg")
    assert channel.find(f"{ITUNES}image").get("href") == artwork

    # Chapter marks from the segments: an explicit start, else where the previous one ended.
    chapters = [(c.get("start"), c.get("title")) for c in video.iter(f"{PSC}chapter")]
    assert chapters == [
        ("00:00:00", "Beginnings"),
        ("00:10:50", "Machines"),
        ("00:25:50", "Poetry"),
    ]
    assert [c.get("title") for c in audio.iter(f"{PSC}chapter")] == ["Questions"]


def test_enclosures_point_at_the_files_with_their_size_and_type(client, podcast):
    items = feed(client).findall("item")
    expected = [(podcast["video"], "video/mp4"), (podcast["audio"], "audio/mpeg")]
    for item, (media, mime_type) in zip(items, expected, strict=True):
        (enclosure,) = item.findall("enclosure")
        url = enclosure.get("url")
        assert url == f"http://testserver{media.url}"
        assert enclosure.get("type") == mime_type
        served = client.get(url.removeprefix("http://testserver"))
        assert served.status_code == 200
        assert int(enclosure.get("length")) == len(b"".join(served.streaming_content)) > 0


def test_each_language_has_its_own_podcast_linked_from_its_home(client, podcast, locales):
    _translation, french = factories.live_translation(
        podcast["interview"], locales["fr"], lambda text: f"[fr] {text}"
    )

    assert episode_titles(feed(client, "fr")) == [
        "[fr] On engines: [fr] Beginnings",
        "[fr] On engines: [fr] Questions",
    ]
    assert feed(client, "fr").find("item").findtext("link") == f"http://testserver{french.url}"
    assert episode_titles(feed(client, "it")) == []
    for language in ("en", "fr", "ar"):
        home = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
        links = home.select('link[rel="alternate"][type="application/rss+xml"]')
        assert f"/{language}/feed/podcast.xml" in [link["href"] for link in links]


def test_the_feed_costs_the_same_queries_whatever_the_number_of_episodes(client, podcast):
    feed(client)  # renditions made once
    with CaptureQueriesContext(connection) as few:
        feed(client)
    for number in range(3):
        media = factories.make_media(f"Extra {number}", kind="audio", duration=60)
        factories.make_article(
            f"Extra {number}",
            hero_image=factories.make_image(width=1500, height=1500),
            people=[(factories.make_person(f"Guest {number}"), "author")],
            body=[factories.uploaded_segment("Talk", media, duration=60)],
        )
    feed(client)
    with CaptureQueriesContext(connection) as many:
        channel = feed(client)
    assert len(channel.findall("item")) == 5
    assert len(many) == len(few)


def test_the_feed_is_cached_and_a_new_episode_purges_it(
    client, podcast, settings, django_capture_on_commit_callbacks
):
    from tests.site_core.page_cache_helpers import cache_state, warm

    settings.PAGE_CACHE = True
    url = "/en/feed/podcast.xml"
    warm(client, url)

    media = factories.make_media("New talk", kind="audio", duration=120)
    with django_capture_on_commit_callbacks(execute=True):  # purges run after the commit
        factories.make_article(
            "Newest",
            original_publication_date=datetime.date(2026, 1, 1),
            body=[factories.uploaded_segment("Talk", media, duration=120)],
        )

    assert cache_state(client, url) == "miss"
    assert episode_titles(feed(client))[0] == "Newest"


def test_a_file_missing_from_storage_drops_its_episode_not_the_feed(client, podcast):
    audio = podcast["audio"].file
    with audio.open("rb"):
        kept = audio.read()
    audio.storage.delete(audio.name)
    try:
        assert episode_titles(feed(client)) == ["On engines: Beginnings"]
    finally:  # back in storage: files outlive the rollback, and the module's tests share it
        assert audio.storage.save(audio.name, ContentFile(kept)) == audio.name


# --- Podcasting 2.0 JSON chapters (podcast namespace, docs/examples/chapters/jsonChapters.md) --

PODCAST = "{https://podcastindex.org/namespace/1.0}"
CHAPTERS_OPTIONAL = {"author", "title", "podcastName", "description", "fileName", "waypoints"}
CHAPTER_OPTIONAL = {"title", "img", "url", "toc", "endTime", "location"}


def check_json_chapters(document):
    """The shape the podcast namespace's JSON chapters format requires: `version` (string) and
    `chapters` (array) required; each chapter's `startTime` a number of seconds, in ascending
    order; nothing the format does not define."""
    assert isinstance(document["version"], str) and document["version"].startswith("1.2")
    assert set(document) - {"version", "chapters"} <= CHAPTERS_OPTIONAL
    for key in ("title", "podcastName", "author"):
        assert isinstance(document.get(key, ""), str)
    chapters = document["chapters"]
    assert isinstance(chapters, list) and chapters
    starts = []
    for chapter in chapters:
        assert set(chapter) - {"startTime"} <= CHAPTER_OPTIONAL
        assert isinstance(chapter["startTime"], int | float) and chapter["startTime"] >= 0
        assert isinstance(chapter.get("title", ""), str)
        starts.append(chapter["startTime"])
    assert starts == sorted(starts)


def json_chapters(client, url):
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json+chapters"
    document = json.loads(response.content)
    check_json_chapters(document)
    return document


def test_each_episode_links_its_json_chapters_from_the_segments(client, podcast):
    video, audio = feed(client).findall("item")
    (link,) = video.findall(f"{PODCAST}chapters")
    assert link.get("type") == "application/json+chapters"
    url = link.get("url")
    interview, media = podcast["interview"], podcast["video"]
    assert url == f"http://testserver/en/feed/podcast/{interview.pk}/{media.pk}/chapters.json"

    document = json_chapters(client, url)
    assert document["title"] == "On engines: Beginnings"
    assert document["podcastName"] == "Parlance: interviews as a podcast"
    # The same marks as the feed's Podlove chapters, in seconds from the start of the file.
    assert document["chapters"] == [
        {"startTime": 0, "title": "Beginnings"},
        {"startTime": 650, "title": "Machines"},
        {"startTime": 1550, "title": "Poetry"},
    ]
    assert json_chapters(client, audio.find(f"{PODCAST}chapters").get("url"))["chapters"] == [
        {"startTime": 0, "title": "Questions"}
    ]


def test_json_chapters_are_in_the_language_of_the_feed(client, podcast, locales):
    factories.live_translation(podcast["interview"], locales["fr"], lambda text: f"[fr] {text}")

    item = feed(client, "fr").find("item")
    url = item.find(f"{PODCAST}chapters").get("url")
    assert url.startswith("http://testserver/fr/feed/podcast/")
    document = json_chapters(client, url)
    assert document["title"] == item.findtext("title") == "[fr] On engines: [fr] Beginnings"
    assert [c["title"] for c in document["chapters"]] == [
        "[fr] Beginnings",
        "[fr] Machines",
        "[fr] Poetry",
    ]


def test_json_chapters_only_for_a_live_public_interview_playing_that_file(client, podcast):
    interview, video, audio = podcast["interview"], podcast["video"], podcast["audio"]
    draft = podcast["draft"]
    missing = [
        f"/en/feed/podcast/{draft.pk}/{video.pk}/chapters.json",  # a draft
        f"/fr/feed/podcast/{interview.pk}/{video.pk}/chapters.json",  # not in French
        f"/en/feed/podcast/{podcast['youtube_only'].pk}/{video.pk}/chapters.json",
        f"/en/feed/podcast/{interview.pk}/{audio.pk + video.pk + 1}/chapters.json",
    ]
    for url in missing:
        assert client.get(url).status_code == 404, url


def test_artwork_smaller_than_apple_allows_is_enlarged_to_1400_square(client, podcast):
    """Apple Podcasts refuses artwork under 1400×1400: a 600×400 hero becomes a 1400×1400
    JPEG (the channel's too), fetched from the site and measured."""
    from PIL import Image as PILImage

    podcast["interview"].hero_image = factories.make_image("Small hero", width=600, height=400)
    factories.publish(podcast["interview"])

    channel = feed(client)
    artwork = channel.find("item").find(f"{ITUNES}image").get("href")
    assert channel.find(f"{ITUNES}image").get("href") == artwork
    served = client.get(artwork.removeprefix("http://testserver"))
    assert served.status_code == 200
    with PILImage.open(io.BytesIO(b"".join(served.streaming_content))) as picture:
        assert (picture.size, picture.format) == ((1400, 1400), "JPEG")
