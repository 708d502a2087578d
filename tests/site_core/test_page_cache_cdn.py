"""With a CDN configured through wagtail.contrib.frontend_cache, cached pages may be kept by
it (`s-maxage`), and a purge sends it the addresses of exactly the pages that showed the
change — here to Wagtail's HTTP backend, pointed at a small PURGE-recording server."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests import factories
from tests.site_core.page_cache_helpers import visit, warm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def purges():
    """A server on 127.0.0.1 that records each PURGE request as (Host, path with query)."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, received
    server.shutdown()
    server.server_close()


@pytest.fixture
def cdn(settings, purges):
    server, received = purges
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    settings.PAGE_CACHE_CDN_SECONDS = 300
    return received


def test_the_cdn_may_keep_cached_pages_but_not_marketing_variants(client, cdn):
    article = factories.make_article("Kept at the edge")
    assert visit(client, article.url)["Cache-Control"] == (
        "public, max-age=0, must-revalidate, s-maxage=300"
    )
    tagged = visit(client, f"{article.url}?utm_source=mail")
    assert tagged["X-Page-Cache"] == "hit"
    assert tagged["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_publishing_purges_exactly_the_addresses_that_showed_the_article(
    client, cdn, django_capture_on_commit_callbacks
):
    person = factories.make_person("Ada Voice")
    article = factories.make_article("First words", people=[(person, "interviewee")])
    other = factories.make_article("Unrelated words")
    shows_article = [
        article.url,
        "/en/",
        "/en/interviews/",
        "/en/interviews/?page=1",
        "/en/feed/rss.xml",
        "/sitemap.xml",
        person.url,
        "/it/",  # an empty language home lists what is readable in other languages
    ]
    warm(client, *shows_article, other.url)
    assert cdn == []

    article.title = "First words, revised"
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(article)

    assert {host for host, _path in cdn} == {"testserver"}
    assert sorted(path for _host, path in cdn) == sorted(shows_article)
