"""An article's parts that show its body, roles and people are kept between renders
(site_core/page_cache/fragments.py): a purge that does not change them (a comment approved)
re-renders the page without loading or decoding the body, and every change they show (a new
revision, a person renamed, a bio published in the article's language) gives the new HTML."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from community.models import Comment
from people.models import PersonPage
from site_core.page_cache import purge, tags
from tests import factories
from tests.site_core.page_cache_helpers import visit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def ada():
    return factories.make_person("Ada Voice")


@pytest.fixture
def article(ada):
    quoted = factories.make_person("Quoted Person")
    body = [
        factories.video_segment(
            "Part 1",
            turns=[
                factories.turn("First answer.", speaker=ada, timecode=0),
                factories.turn(
                    "Second answer.",
                    speaker=ada,
                    timecode=30,
                    extra=[factories.quote("Words.", person=quoted)],
                ),
            ],
        )
    ]
    return factories.make_article("Kept words", body=body, people=[(ada, "interviewee")])


def render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = visit(client, url)
    assert response["X-Page-Cache"] == "miss"
    return response.content.decode(), len(queries)


def approve_a_comment(article, commit, text):
    with commit():
        Comment.objects.create(page=article, name="Reader", text=text, status="approved")


def test_after_a_comment_is_approved_the_page_is_rendered_without_its_body(client, article, commit):
    render(client, article.url)
    # A cold render again (its kept parts dropped with every person's tag), for the count.
    keys = PersonPage.objects.values_list("translation_key", flat=True)
    purge({tags.page(article.pk), *(tags.person(key, "en") for key in keys)})
    cold, cold_queries = render(client, article.url)
    approve_a_comment(article, commit, "Worth reading")

    again, queries = render(client, article.url)

    assert "Worth reading" in again
    # Everything but the comments is the same HTML, without loading the people and their
    # roles (one query; none of them has a photo, so no images are loaded either way) or the
    # publisher settings only the JSON-LD reads (one query).
    assert again.replace(again[again.index('id="comments"') :], "") == cold.replace(
        cold[cold.index('id="comments"') :], ""
    )
    assert queries == cold_queries - 2


def test_the_page_stored_after_a_comment_reuses_the_compressed_body(client, rf, ada, commit):
    long_answer = factories.turn("A long answer, at length. " * 400, speaker=ada, timecode=0)
    body = [factories.video_segment("Part 1", turns=[long_answer])]
    article = factories.make_article("Long words", body=body, people=[(ada, "interviewee")])
    render(client, article.url)
    approve_a_comment(article, commit, "Worth reading")

    compressed = visit(client, article.url, **{"Accept-Encoding": "gzip"})  # a miss: stored
    plain = visit(client, article.url, **{"Accept-Encoding": "identity"})  # a hit

    assert compressed["X-Page-Cache"] == "miss"
    assert gzip.decompress(compressed.content) == plain.content
    assert b"Worth reading" in plain.content
    with translation.override("en"):
        kept = article.kept_fragments(rf.get(article.url))
    assert kept.deflated["body"] in compressed.content  # joined as kept, not compressed again


def test_a_new_revision_shows_at_once(client, article, ada, commit):
    render(client, article.url)
    turns = [factories.turn("Revised.", speaker=ada, timecode=0)]
    article.body = [factories.video_segment("Part 1", turns=turns)]
    article.title = "Kept words, revised"
    with commit():
        factories.publish(article)

    html, _queries = render(client, article.url)
    assert "Kept words, revised" in html
    assert "Revised." in html


def test_renaming_a_person_the_body_shows_drops_the_kept_parts(client, article, ada, commit):
    render(client, article.url)
    approve_a_comment(article, commit, "Thanks")
    html, _ = render(client, article.url)
    assert html.count(">Ada Voice<") >= 3  # the role, the speaker of each turn

    ada.title = "Ada Renamed"
    with commit():
        factories.publish(ada)

    html, _ = render(client, article.url)
    assert ">Ada Voice<" not in html  # her name, wherever shown (her bio's text stays)
    assert html.count(">Ada Renamed<") >= 3


def test_a_bio_published_in_the_articles_language_relinks_the_body(client, article, ada, commit):
    italian = Locale.objects.get(language_code="it")
    _translation, article_it = factories.live_translation(article, italian)
    html, _ = render(client, article_it.url)
    assert 'lang="en"' in html  # Ada is shown in English: no Italian bio yet

    with commit():
        _translation, ada_it = factories.live_translation(ada, italian)

    html, _ = render(client, article_it.url)
    assert ada_it.url in html  # her Italian bio, from the role and every turn
    assert html.count(ada_it.url) >= 3


def test_previews_and_a_cache_off_keep_nothing(article, settings):
    from site_core.page_cache import fragments

    reader = type("Request", (), {})()
    assert fragments.for_page(reader, ("article", article.pk), ("body",)) is not None
    request = type("Preview", (), {"is_preview": True})()
    assert fragments.for_page(request, ("article", article.pk), ("body",)) is None
    settings.PAGE_CACHE = False
    assert fragments.for_page(reader, ("article", article.pk), ("body",)) is None


def test_an_alias_keeps_nothing(article, rf):
    """Wagtail copies an alias's content from its source without a revision of its own."""
    alias = article.create_alias(update_slug="kept-words-alias").specific
    request = rf.get(article.url)

    assert article.kept_fragments(request) is not None
    assert alias.live and alias.kept_fragments(request) is None
