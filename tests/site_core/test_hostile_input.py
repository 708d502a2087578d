"""Bad input on every public surface gets a clean 4xx or a normal page, never a 5xx.

Surfaces, from site_core/urls.py, articles/urls.py and community/urls.py: reader pages and
their `?page=` / `?topic=`, search, feeds, the sitemap, captions and transcripts, media files,
documents, the community forms and their links, `/healthz` and `robots.txt`; and headers on
any of them. Run on SQLite and on PostgreSQL, which refuses NUL characters in strings.

A transcript turn's link (`#turn-<id>`) is a fragment: browsers never send it, so the server
has no timecode or turn parameter to check."""

from dataclasses import dataclass, field

import pytest
from django.test import Client

from community.guards import make_stamp
from community.models import Comment
from tests import database_snapshot, factories

LONG = "a" * 10_000
# Header values arrive as bytes read as Latin-1 (WSGI): a snowman sent in UTF-8.
SNOWMAN = "☃".encode().decode("latin-1")


@dataclass(frozen=True)
class Case:
    """One request. `{article}` and the other names in braces are filled in from the site."""

    path: str
    method: str = "get"
    data: dict | None = None
    headers: dict = field(default_factory=dict)
    body: bytes | None = None
    content_type: str = "application/x-www-form-urlencoded"
    expected: frozenset = frozenset()  # the statuses allowed; empty: any below 500


def case(path, *statuses, **options):
    return Case(path, expected=frozenset(statuses), **options)


def post(path, data=None, *statuses, **options):
    return Case(path, method="post", data=data, expected=frozenset(statuses), **options)


def raw_post(path, body, *statuses, **options):
    """A POST whose body is sent as these bytes."""
    return Case(path, method="post", body=body, expected=frozenset(statuses), **options)


SEARCH = {
    "nul": case("/en/search/?q=a%00b", 200),
    "ten_kilobytes": case(f"/en/search/?q={LONG}", 200),
    "lone_surrogate": case("/en/search/?q=%ED%A0%80", 200),
    "invalid_utf8": case("/en/search/?q=%FF%FE%C0%AF", 200),
    "tsquery_syntax": case("/en/search/?q=a+%26+%7C+!+%3A*", 200),
    "tsquery_only_operators": case("/en/search/?q=%26+%7C+!+%3A*+%3C-%3E", 200),
    "sql": case("/en/search/?q=%27%3B+DROP+TABLE+wagtailcore_page%3B--", 200),
    "regex": case("/en/search/?q=.*%2B%3F%5B%5D(%7B%7D%5E%24%5C", 200),
    "fts5_syntax": case("/en/search/?q=%22a%22+NEAR(b)+col%3Ac+%5E", 200),
    "markup": case("/en/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200),
    "bidi_controls": case("/en/search/?q=%E2%80%AEabc%E2%80%AC", 200),
    "repeated_q": case("/en/search/?q=camera&q=%00", 200),
    "page_zero": case("/en/search/?q=camera&page=0", 404),
    "page_negative": case("/en/search/?q=camera&page=-1", 404),
    "page_huge": case("/en/search/?q=camera&page=99999999999999999999999", 404),
    "page_text": case("/en/search/?q=camera&page=last", 404),
    "page_nul": case("/en/search/?q=camera&page=%00", 404),
    "page_repeated": case("/en/search/?q=camera&page=1&page=2", 200, 404),
    "post": post("/en/search/", {"q": "camera"}, 405),
}

PATHS = {
    "very_long": case(f"/en/{LONG}/", 404),
    "very_deep": case("/en/" + "a/" * 2000, 404),
    "nul": case("/en/%00/", 404),
    "nul_in_article": case("/en/interviews/{slug}%00/", 404),
    # Servers decode %2F before routing (PATH_INFO): this is the article's own address.
    "encoded_slash": case("/en/interviews%2F{slug}/", 200),
    "dot_dot": case("/en/interviews/../../admin/", 302, 404),
    "encoded_dot_dot": case("/en/interviews/%2E%2E/%2E%2E/", 404),
    "double_slash": case("/en//interviews//", 404),
    "unknown_language": case("/xx/", 302, 404),
    "unknown_language_article": case("/xx/interviews/{slug}/", 302, 404),
    "language_variant": case("/en-us/interviews/", 302, 404),
    "upper_case_language": case("/EN/interviews/", 302, 404),
    "non_ascii": case("/en/%C3%BCn%C3%AFc%C3%B6d%C3%A9/", 404),
    "invalid_utf8": case("/en/%FF%FE/", 404),
    "overlong_utf8": case("/en/%C0%AF/", 404),
    "invalid_utf8_language": case("/%FF/", 302, 404),
    "root_with_nul": case("/%00", 302, 404),
    "index_page_zero": case("/en/interviews/?page=0", 200),
    "index_page_negative": case("/en/interviews/?page=-1", 200),
    "index_page_huge": case("/en/interviews/?page=99999999999999999999999", 200),
    "index_page_text": case("/en/interviews/?page=abc", 200),
    "index_page_repeated": case("/en/interviews/?page=1&page=2", 200),
    "index_page_nul": case("/en/interviews/?page=%00", 200),
    "topic_unknown": case("/en/interviews/?topic=nope", 404),
    "topic_nul": case("/en/interviews/?topic=a%00b", 404),
    "topic_long": case(f"/en/interviews/?topic={LONG}", 404),
    "topic_invalid_utf8": case("/en/interviews/?topic=%FF", 404),
    "home_page_param": case("/en/?page=-1", 200),
    "person_page_param": case("/en/people/{person_slug}/?page=%00", 200),
    "article_query_junk": case("/en/interviews/{slug}/?t=%00&turn=-1&page=abc", 200),
    "healthz_post": post("/healthz", {}, 405),
    "admin_login_junk_next": case("/admin/login/?next=%00%FF//evil.example", 200),
    "admin_login_nul": post("/admin/login/", {"username": "a\x00", "password": "\x00"}, 200),
    "admin_password_reset_nul": post("/admin/password_reset/", {"email": "a\x00@b.c"}, 200),
    "robots_junk": case("/robots.txt?%00=%FF", 200),
}

FEEDS = {
    "rss_junk_query": case("/en/feed/rss.xml?page=-1&x=%00", 200),
    "atom_junk_query": case("/en/feed/atom.xml?page=abc", 200),
    "podcast_junk_query": case("/en/feed/podcast.xml?page=abc&x=%00", 200),
    "podcast_post": post("/en/feed/podcast.xml", {}, 200, 405),
    "rss_unknown_language": case("/xx/feed/rss.xml", 302, 404),
    "rss_trailing_slash": case("/en/feed/rss.xml/", 404),
    "rss_post": post("/en/feed/rss.xml", {}, 200, 405),
    "sitemap_page_zero": case("/sitemap.xml?p=0", 404),
    "sitemap_page_negative": case("/sitemap.xml?p=-1", 404),
    "sitemap_page_text": case("/sitemap.xml?p=abc", 404),
    "sitemap_page_huge": case("/sitemap.xml?p=99999999999999999999999", 404),
    "sitemap_page_nul": case("/sitemap.xml?p=%00", 404),
    "sitemap_language_prefix": case("/en/sitemap.xml", 404),
}

ARTICLE_FILES = {
    "captions_unknown_segment": case("/en/interviews/{slug}/captions/nope.vtt", 404),
    "captions_long_segment": case(f"/en/interviews/{{slug}}/captions/{LONG}.vtt", 404),
    "captions_nul_segment": case("/en/interviews/{slug}/captions/%00.vtt", 404),
    "captions_non_ascii_segment": case("/en/interviews/{slug}/captions/%C3%A9.vtt", 404),
    "captions_traversal": case("/en/interviews/{slug}/captions/..%2F..%2Fx.vtt", 404),
    "captions_unknown_language": case("/xx/interviews/{slug}/captions/{segment}.vtt", 302, 404),
    "captions_untranslated_language": case("/fr/interviews/{slug}/captions/{segment}.vtt", 404),
    "captions_translation": case("/it/interviews/{slug}/captions/{segment}.vtt", 200),
    "captions_of_a_person": case("/en/people/{person_slug}/captions/{segment}.vtt", 404),
    "captions_post": post("/en/interviews/{slug}/captions/{segment}.vtt", {}, 405),
    "transcript_unknown_language": case("/xx/interviews/{slug}/transcript.txt", 302, 404),
    "transcript_of_an_index": case("/en/interviews/transcript.txt", 404),
    "transcript_nul": case("/en/interviews/{slug}%00/transcript.txt", 404),
    "transcript_query_junk": case("/en/interviews/{slug}/transcript.txt?t=%00", 200),
}

MEDIA = {
    "traversal": case("/media/../site_core/settings/base.py", 400, 404),
    "encoded_traversal": case("/media/%2E%2E/%2E%2E/etc/passwd", 400, 404),
    "nul": case("/media/%00", 404),
    "nul_after_name": case("/media/{media}%00", 404),
    "directory": case("/media/images/", 302, 404),  # to /en/media/images/, not found
    "very_long": case(f"/media/{LONG}", 302, 404),  # LocaleMiddleware tries /en/media/…
    "invalid_utf8": case("/media/%FF", 404),
    "range_text": case("/media/{media}", 200, headers={"Range": "bytes=abc"}),
    "range_backwards": case("/media/{media}", 416, headers={"Range": "bytes=5-1"}),
    "range_zero_suffix": case("/media/{media}", 416, headers={"Range": "bytes=-0"}),
    "range_huge": case("/media/{media}", 416, headers={"Range": "bytes=99999999999999999999-"}),
    "range_other_unit": case("/media/{media}", 200, headers={"Range": "items=0-1"}),
    "range_several": case("/media/{media}", 200, headers={"Range": "bytes=0-1,2-3"}),
    "if_range_junk": case(
        "/media/{media}", 200, 206, headers={"Range": "bytes=0-1", "If-Range": "%00junk"}
    ),
    "if_modified_since_junk": case("/media/{media}", 200, headers={"If-Modified-Since": "soon"}),
    "post": post("/media/{media}", {}, 405),
    "document_unknown": case("/documents/999999/nothing.pdf", 404),
    "document_text_id": case("/documents/abc/nothing.pdf", 404),
}

HEADERS = {
    "host_unknown": case("/en/", 400, headers={"Host": "evil.example"}),
    "host_malformed": case("/en/", 400, headers={"Host": "[::1"}),
    "host_bad_port": case("/en/", 400, headers={"Host": "testserver:abc"}),
    "host_long": case("/en/", 400, headers={"Host": LONG}),
    "host_nul": case("/en/", 400, headers={"Host": "testserver\x00.evil"}),
    "accept_language_junk": case("/", 302, headers={"Accept-Language": f"*;q=abc,,;;=,{SNOWMAN}"}),
    "accept_language_long": case("/", 302, headers={"Accept-Language": "xx-" * 5000}),
    "accept_language_unknown": case("/", 302, headers={"Accept-Language": "tlh, i-klingon"}),
    "cookie_junk": case(
        "/en/", 200, headers={"Cookie": f"a=b; ;;=;=; \x00=\x01; {SNOWMAN}={SNOWMAN}"}
    ),
    "cookie_language_junk": case("/", 302, headers={"Cookie": "django_language=../../x%00"}),
    "cookie_session_junk": case("/en/", 200, headers={"Cookie": "sessionid=garbage%00"}),
    "cookie_csrf_long": case("/en/", 200, headers={"Cookie": f"csrftoken={LONG}"}),
    "cookie_commenter_junk": case(
        "/en/interviews/{slug}/", 200, headers={"Cookie": "parlance_commenter=forged:sig"}
    ),
    "if_none_match_junk": case("/en/interviews/{slug}/", 200, headers={"If-None-Match": "%00"}),
    "if_none_match_star": case("/en/interviews/{slug}/", 200, 304, headers={"If-None-Match": "*"}),
    "if_modified_since_junk": case(
        "/en/interviews/{slug}/", 200, headers={"If-Modified-Since": "Mon, 99 Foo 9999"}
    ),
    "range_on_page": case("/en/interviews/{slug}/", 200, headers={"Range": "bytes=abc-"}),
    "forwarded_for_junk": case(
        "/en/interviews/{slug}/", 200, headers={"X-Forwarded-For": "junk, ::::, %00, 999.1.1.1"}
    ),
    "forwarded_proto_junk": case("/en/", 200, headers={"X-Forwarded-Proto": "gopher"}),
    "request_id_junk": case("/en/", 200, headers={"X-Request-ID": "<script>\x00" + LONG}),
    "content_length_junk": case("/en/", 200, headers={"Content-Length": "-1"}),
}

COMMUNITY = {
    "comment_missing_fields": post("/en/community/comments/{article_id}/post/", {}, 400),
    "comment_nul_fields": post(
        "/en/community/comments/{article_id}/post/",
        {"name": "A\x00", "email": "a\x00@example.com", "text": "\x00", "stamp": "{stamp}"},
        400,
    ),
    "comment_oversized": post(
        "/en/community/comments/{article_id}/post/", {"text": "x" * 100_000}, 413
    ),
    "comment_too_long_fields": post(
        "/en/community/comments/{article_id}/post/",
        {
            "name": "n" * 1000,
            "email": "e" * 1000 + "@example.com",
            "text": "hi",
            "stamp": "{stamp}",
        },
        400,
    ),
    "comment_parent_text": post(
        "/en/community/comments/{article_id}/post/",
        {"name": "A", "text": "hi", "parent": "abc", "stamp": "{stamp}"},
        400,
    ),
    "comment_parent_huge": post(
        "/en/community/comments/{article_id}/post/",
        {"name": "A", "text": "hi", "parent": "99999999999999999999999", "stamp": "{stamp}"},
        400,
    ),
    "comment_parent_unknown": post(
        "/en/community/comments/{article_id}/post/",
        {"name": "A", "text": "hi", "parent": "999999", "stamp": "{stamp}"},
        400,
    ),
    "comment_stamp_junk": post(
        "/en/community/comments/{article_id}/post/",
        {"name": "A", "text": "hi", "stamp": "junk:%00:" + LONG[:1000]},
        400,
    ),
    "comment_invalid_utf8_body": raw_post(
        "/en/community/comments/{article_id}/post/",
        b"name=%FF%FE&text=%ED%A0%80&stamp=%C0",
        400,
    ),
    "comment_broken_multipart": raw_post(
        "/en/community/comments/{article_id}/post/",
        b"--x\r\nContent-Disposition: form-data; name\r\n\r\n",
        400,
        content_type="multipart/form-data; boundary=x",
    ),
    "comment_multipart_without_boundary": raw_post(
        "/en/community/comments/{article_id}/post/",
        b"junk",
        400,
        content_type="multipart/form-data",
    ),
    "comment_repeated_fields": raw_post(
        "/en/community/comments/{article_id}/post/?name=x",
        b"name=A&name=B&text=hi&text=ho&parent=&parent=1",
        400,
    ),
    "comment_unknown_article": post("/en/community/comments/999999/post/", {}, 404),
    "comment_huge_article_id": post(
        "/en/community/comments/99999999999999999999999/post/", {}, 404
    ),
    "comment_wrong_language": post("/it/community/comments/{article_id}/post/", {}, 404),
    "comment_unknown_language": post("/xx/community/comments/{article_id}/post/", {}, 302, 404),
    "comment_get": case("/en/community/comments/{article_id}/post/", 405),
    "comment_foreign_origin": post(
        "/en/community/comments/{article_id}/post/",
        {"name": "A", "text": "hi", "stamp": "{stamp}"},
        403,
        headers={"Origin": "%00://[::"},
    ),
    "reply_unknown": case("/en/community/comments/999999/reply/", 404),
    "reply_huge": case("/en/community/comments/99999999999999999999999/reply/", 404),
    "reply_text_id": case("/en/community/comments/abc/reply/", 404),
    "reply_wrong_language": case("/it/community/comments/{comment_id}/reply/", 404),
    "thanks_forged": case("/en/community/comments/thanks/forged:token/", 404),
    "thanks_nul": case("/en/community/comments/thanks/%00/", 404),
    "thanks_long": case(f"/en/community/comments/thanks/{LONG}/", 404),
    "newsletter_missing_fields": post("/en/community/newsletter/", {}, 400),
    "newsletter_junk_fields": post(
        "/en/community/newsletter/",
        {"email": "not\x00an-email", "topics": ["abc", "99999999999999999999", "\x00"]},
        400,
    ),
    "newsletter_unknown_topic": post(
        "/en/community/newsletter/",
        {"email": "a@example.com", "topics": ["999999"], "stamp": "{stamp}"},
        400,
    ),
    "newsletter_oversized": post("/en/community/newsletter/", {"email": LONG * 2}, 413),
    "newsletter_put": Case("/en/community/newsletter/", method="put", expected=frozenset({405})),
    "confirm_forged_get": case("/en/community/newsletter/confirm/forged:token/", 400),
    "confirm_forged_post": post("/en/community/newsletter/confirm/forged:token/", {}, 400),
    "confirm_nul": case("/en/community/newsletter/confirm/%00/", 400),
    "confirm_long": post(f"/en/community/newsletter/confirm/{LONG}/", {}, 400),
    "unsubscribe_forged_get": case("/en/community/newsletter/unsubscribe/forged:x/", 400),
    "unsubscribe_forged_post": post("/en/community/newsletter/unsubscribe/%FF%00/", {}, 400),
}

# The readership beacon (issue 21) answers 204 to anything posted and counts nothing bad.
READERSHIP = {
    "beacon_get": case("/readership/beacon", 405),
    "beacon_nul": post("/readership/beacon", {"page": "\x00"}, 204),
    "beacon_huge_id": post("/readership/beacon", {"page": "9" * 400}, 204),
    "beacon_unicode_digits": post("/readership/beacon", {"page": "\u0663\u0664"}, 204),
    "beacon_binary": raw_post("/readership/beacon", b"\xff\xfe\x00page=1", 204),
}

SURFACES = {
    "search": SEARCH,
    "path": PATHS,
    "feed": FEEDS,
    "article_file": ARTICLE_FILES,
    "media": MEDIA,
    "header": HEADERS,
    "community": COMMUNITY,
    "readership": READERSHIP,
}
CASES = [
    pytest.param(request, id=f"{surface}-{name}")
    for surface, cases in SURFACES.items()
    for name, request in cases.items()
]


@database_snapshot.built_per_module
def site():
    """One published interview (with an Italian translation, captions, a person, a topic,
    an uploaded video and an approved comment) for every case of the module, rolled back
    at its end: {name: value} for the paths' placeholders."""
    person = factories.make_person("Hostile Input", photo=True)
    body = factories.interview_body([person], segments=1, turns_per_segment=3)
    article = factories.make_article(
        "Words on camera",
        body=body,
        people=[(person, "interviewee")],
        topics=[factories.make_topic("Cameras")],
    )
    italian = factories.Locale.objects.get(language_code="it")
    factories.translation_of(person.get_parent(), italian)
    factories.translation_of(article.get_parent(), italian)
    factories.translation_of(article, italian, title="Parole davanti alla camera")
    media = factories.make_media()
    comment = Comment.objects.create(
        page=article, name="Reader", text="Hello.", status=Comment.Status.APPROVED
    )
    return {
        "slug": article.slug,
        "person_slug": person.slug,
        "article_id": article.pk,
        "comment_id": comment.pk,
        "segment": next(b.id for b in article.body if b.block_type == "video_segment"),
        "media": media.file.name,
    }


def fill(value, site):
    if isinstance(value, str):
        return value.replace("{stamp}", make_stamp()).format(**site) if "{" in value else value
    if isinstance(value, list):
        return [fill(item, site) for item in value]
    return value


def send(client, request, site):
    path = fill(request.path, site)
    headers = {key: fill(value, site) for key, value in request.headers.items()}
    if request.body is not None:
        return client.generic(
            request.method.upper(), path, request.body, request.content_type, headers=headers
        )
    data = {key: fill(value, site) for key, value in (request.data or {}).items()}
    return getattr(client, request.method)(path, data, headers=headers)


@pytest.mark.django_db
@pytest.mark.parametrize("page_cache", [False, True], ids=["uncached", "page_cache"])
@pytest.mark.parametrize("request_", CASES)
def test_bad_input_gets_a_clean_answer(request_, page_cache, site, settings):
    """Each request twice: straight to the views, and through the page cache, which reads
    the query string and headers of anonymous readers' requests first."""
    settings.COMMUNITY_MIN_SUBMIT_SECONDS = 0
    settings.PAGE_CACHE = page_cache
    response = send(Client(), request_, site)
    assert response.status_code < 500
    if request_.expected:
        assert response.status_code in request_.expected
