"""The page cache serves anonymous readers before anything else runs, only what may be
shared, per address, and answers conditional requests."""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from wagtail.models import Locale, PageViewRestriction

from site_core.page_cache import opt_in, purge, retry_deferred_purges, tags
from site_core.page_cache.middleware import PageCacheMiddleware
from tests import database_snapshot, factories
from tests.site_core.page_cache_helpers import cache_state, visit, warm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@database_snapshot.built_per_module
def shared_article():
    """A live article with a person, a topic and a timecoded turn, made once for the module."""
    person = factories.make_person("Ada Voice")
    body = [
        factories.video_segment(
            "Part 1", turns=[factories.turn("Hello.", speaker=person, timecode=3)]
        )
    ]
    return factories.make_article(
        "Cached words",
        body=body,
        people=[(person, "interviewee")],
        topics=[factories.make_topic("Media")],
    )


@pytest.fixture
def article(shared_article, db):
    """The module's article as built (a test's changes are rolled back after it; each test
    starts with an empty cache), a model instance of this test's own."""
    return database_snapshot.refetched(shared_article)


def reader_urls(article):
    segment = article.body[0]
    return [
        article.url,
        f"{article.url}captions/{segment.id}.vtt",
        f"{article.url}transcript.txt",
        article.get_parent().url,
        "/en/",
        "/en/people/",
        "/en/feed/rss.xml",
        "/en/feed/atom.xml",
        "/sitemap.xml",
    ]


def test_a_hit_is_served_without_a_single_query(client, article):
    for url in reader_urls(article):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["X-Page-Cache"] == "miss", url
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert second["X-Page-Cache"] == "hit", url
        assert len(queries) == 0, (url, [query["sql"] for query in queries])
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]
        assert second["ETag"] == first["ETag"]


def test_a_hit_keeps_the_headers_of_the_page(client, article):
    first = visit(client, f"{article.url}transcript.txt")
    second = visit(client, f"{article.url}transcript.txt")
    assert second["X-Page-Cache"] == "hit"
    for header in ("Content-Language", "Content-Disposition", "X-Frame-Options"):
        assert second[header] == first[header]
    # Outer middleware (security headers) still runs on a hit.
    assert second["X-Content-Type-Options"] == "nosniff"


def test_head_is_answered_from_the_entry_of_get(client, article):
    visit(client, article.url)
    response = client.head(article.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_each_language_has_its_own_copy(client, article):
    warm(client, "/en/")
    italian = client.get("/it/")
    assert italian["X-Page-Cache"] == "miss"
    assert italian["Content-Language"] == "it"
    assert visit(client, "/en/")["Content-Language"] == "en"


def test_listing_query_strings_are_part_of_the_address(client, article):
    listing = article.get_parent().url
    warm(client, listing)
    assert cache_state(client, f"{listing}?topic=media") == "miss"
    assert cache_state(client, f"{listing}?topic=media") == "hit"
    assert b"Cached words" in visit(client, f"{listing}?topic=media").content
    # Marketing parameters are not part of the address: the plain listing's copy answers.
    assert cache_state(client, f"{listing}?utm_source=newsletter&utm_medium=email") == "hit"
    assert cache_state(client, f"{listing}?page=1&topic=media") == "miss"
    assert cache_state(client, f"{listing}?topic=media&page=1") == "hit"  # same, sorted


@pytest.mark.parametrize(
    "query", ["?nonsense=1", "?page=abc", "?page=1&page=2", "?page=0007", "?topic=media&x=1"]
)
def test_query_strings_a_page_does_not_understand_are_never_stored(client, article, query):
    url = article.get_parent().url + query
    assert cache_state(client, url) is None
    assert cache_state(client, url) is None


def test_pages_without_query_parameters_store_none(client, article):
    assert cache_state(client, f"{article.url}?page=2") is None
    assert cache_state(client, f"{article.url}?page=2") is None


def test_logged_in_users_get_fresh_private_pages(client, article):
    warm(client, article.url)
    client.force_login(factories.make_person_user("Edith", "Tor"))
    response = visit(client, article.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_session_cookie_or_authorization_bypasses_the_cache(client, settings, article):
    warm(client, article.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"
    assert cache_state(client, article.url) is None
    del client.cookies[settings.SESSION_COOKIE_NAME]
    assert cache_state(client, article.url, authorization="Basic dXNlcjpwYXNz") is None
    assert cache_state(client, article.url) == "hit"


def test_post_is_never_answered_from_the_cache(client, article):
    warm(client, article.url)
    response = client.post(article.url)
    assert "X-Page-Cache" not in response


def test_previews_never_get_the_cached_live_page(client, article):
    """Wagtail runs a preview through the middleware on a made-up request for the page's
    own address (without cookies when there is no editor's request to copy)."""
    warm(client, article.url)
    article.title = "A draft title"
    preview = article.make_preview_request()
    assert preview.status_code == 200
    assert b"A draft title" in preview.content
    assert "X-Page-Cache" not in preview
    page = visit(client, article.url)
    assert page["X-Page-Cache"] == "hit"
    assert b"A draft title" not in page.content


UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "site_core.resilience.cache.FailSoftRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_an_unreachable_cache_renders_the_page_and_defers_the_purge(rf_reader, caplog):
    """With Redis down, the production cache backend misses instead of raising
    (site_core/resilience/cache.py): the page is rendered and not stored, and the purge that
    could not be made is logged and kept to be made when the cache answers (with Redis back:
    tests/production/test_fail_soft_cache.py)."""

    def view(request):
        opt_in(request, {"page:1"})
        return reader_response()

    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = PageCacheMiddleware(view)(rf_reader())
        purge({tags.page(1)})
    assert response.status_code == 200
    assert response.content == b"A reader page"
    assert "X-Page-Cache" not in response
    assert caplog.text.count("Page cache unavailable; purge deferred") == 1

    with caplog.at_level("WARNING"):
        retry_deferred_purges()  # the test settings' cache answers: made now, then forgotten
        retry_deferred_purges()
    assert caplog.text.count("Page cache unavailable") == 1


def test_pages_with_view_restrictions_are_never_cached(client, article):
    PageViewRestriction.objects.create(
        page=article,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",  # noqa: S106
    )
    first = visit(client, article.url)  # the password form
    assert b"Cached words" not in first.content
    assert cache_state(client, article.url) is None
    for _attempt in range(2):
        assert "X-Page-Cache" not in client.get(f"{article.url}transcript.txt")


def test_errors_are_never_stored(client, article):
    for _attempt in range(2):
        response = client.get("/en/interviews/no-such-article/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


def test_responses_setting_cookies_or_private_are_never_stored(rf_reader):
    def view_setting_a_cookie(request):
        opt_in(request, {"page:1"})
        response = reader_response()
        response.set_cookie("seen", "yes")
        return response

    def private_view(request):
        opt_in(request, {"page:1"})
        response = reader_response()
        response["Cache-Control"] = "private"
        return response

    for view in (view_setting_a_cookie, private_view):
        middleware = PageCacheMiddleware(view)
        for _attempt in range(2):
            response = middleware(rf_reader())
            assert "X-Page-Cache" not in response


def reader_response():
    from django.http import HttpResponse

    return HttpResponse("A reader page")


@pytest.fixture
def rf_reader():
    from django.contrib.auth.models import AnonymousUser

    def make():
        request = RequestFactory().get("/en/anything/")
        request.user = AnonymousUser()
        return request

    return make


def test_cached_pages_ask_browsers_to_revalidate(client, article):
    for state in ("miss", "hit"):
        response = visit(client, article.url)
        assert response["X-Page-Cache"] == state
        assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
        assert response["ETag"].startswith('"')


def test_last_modified_is_the_publication_of_the_page(client, article):
    article.refresh_from_db()
    response = visit(client, article.url)
    assert response["Last-Modified"] == http_date(article.last_published_at.timestamp())


def test_a_matching_etag_gets_304_on_a_miss_and_on_a_hit(client, article):
    etag = visit(client, "/en/feed/rss.xml")["ETag"]
    purge({tags.articles("en")})  # the next request renders again
    renders = client.get("/en/feed/rss.xml", headers={"if-none-match": etag})
    assert (renders.status_code, renders["X-Page-Cache"]) == (304, "miss")
    hit = client.get("/en/feed/rss.xml", headers={"if-none-match": etag})
    assert (hit.status_code, hit["X-Page-Cache"]) == (304, "hit")
    assert hit.content == b""
    assert hit["ETag"] == etag
    other = client.get("/en/feed/rss.xml", headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200


def test_if_modified_since_gets_304_until_the_page_changes(client, article):
    last_modified = visit(client, article.url)["Last-Modified"]
    response = client.get(article.url, headers={"if-modified-since": last_modified})
    assert (response.status_code, response["X-Page-Cache"]) == (304, "hit")
    earlier = http_date((article.last_published_at - datetime.timedelta(hours=1)).timestamp())
    assert client.get(article.url, headers={"if-modified-since": earlier}).status_code == 200


def test_a_purge_during_rendering_keeps_the_old_render_out_of_the_cache(client, article):
    from wagtail import hooks

    def content_changes_meanwhile(page, request, serve_args, serve_kwargs):
        purge({tags.page(page.pk)})

    with hooks.register_temporarily("before_serve_page", content_changes_meanwhile):
        assert cache_state(client, article.url) is None  # rendered, not stored
    assert cache_state(client, article.url) == "miss"
    assert cache_state(client, article.url) == "hit"


def test_the_cache_can_be_turned_off(client, settings, article):
    settings.PAGE_CACHE = False
    for _attempt in range(2):
        assert cache_state(client, article.url) is None


def test_a_language_without_translations_is_cached_too(client, article):
    assert Locale.objects.filter(language_code="it").exists()
    warm(client, "/it/")
    with CaptureQueriesContext(connection) as queries:
        visit(client, "/it/")
    assert len(queries) == 0
