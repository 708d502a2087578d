"""Security headers on every kind of response: reader pages (rendered and from the page
cache), the admin, static files served by whitenoise, uploaded media; the CSP's two policies,
its media origin taken from MEDIA_URL, report-only mode; HSTS and secure cookies under the
production settings."""

import json
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from articles.video import parse_video_url
from site_core.security import csp
from site_core.security.headers import PERMISSIONS_POLICY
from tests import factories
from tests.site_core.test_production_settings import PRODUCTION_ENV, run_manage


def directives(policy):
    """{"script-src": ["'self'"], …} from a policy string."""
    parsed = {}
    for directive in policy.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


@pytest.fixture
def article(db):
    return factories.make_article("Headers")


@pytest.fixture
def media_path(settings):
    name = default_storage.save("media/clip.webm", ContentFile(b"\x1a\x45\xdf\xa3" + b"0" * 64))
    yield settings.MEDIA_URL + name
    default_storage.delete(name)


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_a_reader_page_gets_the_strict_policy(client, article):
    response = client.get(article.url)

    assert response.status_code == 200
    assert_common_headers(response)
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["frame-src"] == list(csp.VIDEO_PLAYER_ORIGINS)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_reader_pages_have_no_inline_script_that_the_policy_would_block(client, article):
    """Reader pages run only scripts from our origin; JSON-LD is data, which CSP allows."""
    html = client.get(article.url).content.decode()

    scripts = [chunk.split(">", 1)[0] for chunk in html.split("<script")[1:]]
    assert scripts, "the article page has scripts"
    assert all(' src="' in tag or 'type="application/ld+json"' in tag for tag in scripts)
    assert " style=" not in html
    assert " onclick=" not in html and " onload=" not in html


def test_a_page_from_the_page_cache_gets_the_headers_and_its_own_request_id(
    client, article, page_cache
):
    first = client.get(article.url)
    cached = client.get(article.url)

    assert cached["X-Page-Cache"] == "hit"
    assert cached["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert_common_headers(cached)
    assert cached["X-Request-ID"] != first["X-Request-ID"]


def test_the_admin_gets_its_own_policy(client, admin_user):
    client.force_login(admin_user)

    for url in ("/admin/login/", "/admin/", "/admin/pages/"):
        response = client.get(url, follow=url.endswith("login/"))
        assert_common_headers(response)
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]
        assert "'self'" in policy["frame-src"]  # the live preview
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_static_files_from_whitenoise_get_the_headers(client):
    response = client.get("/static/articles/js/interview.js")

    assert response.status_code == 200
    assert_common_headers(response)
    assert "Content-Security-Policy" in response


def test_uploaded_media_is_served_with_a_policy_that_runs_nothing(client, media_path):
    response = client.get(media_path)

    assert response.status_code == 200
    assert_common_headers(response)
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_wagtails_own_stricter_document_policy_is_kept(client, admin_user):
    from wagtail.documents.models import Document

    document = Document.objects.create(title="Notes", file=ContentFile(b"notes", name="n.txt"))

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_media_on_another_host_is_allowed_by_its_origin(client, article, settings):
    settings.MEDIA_URL = "https://bucket.s3.example.net/parlance/media/"

    response = client.get(article.url)

    policy = directives(response["Content-Security-Policy"])
    for directive in ("img-src", "media-src"):
        assert policy[directive] == ["'self'", "https://bucket.s3.example.net"]
    assert policy["script-src"] == ["'self'"]  # media hosts never run scripts


def test_report_only_mode_and_a_report_address(client, article, settings):
    settings.CSP_REPORT_ONLY = True
    settings.CSP_REPORT_URI = "https://reports.example.net/csp"

    response = client.get(article.url)

    assert "Content-Security-Policy" not in response
    policy = directives(response["Content-Security-Policy-Report-Only"])
    assert policy["report-uri"] == ["https://reports.example.net/csp"]
    assert policy["script-src"] == ["'self'"]


def test_the_permissions_policy_turns_off_devices_and_lets_players_play():
    rules = dict(rule.split("=", 1) for rule in PERMISSIONS_POLICY.split(", "))
    players = " ".join(f'"{origin}"' for origin in csp.VIDEO_PLAYER_ORIGINS)

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert rules[feature] == "()"
    for feature in ("autoplay", "fullscreen", "picture-in-picture", "encrypted-media"):
        assert rules[feature] == f"(self {players})"


@pytest.mark.parametrize(
    "url", ["https://www.youtube.com/watch?v=aqz-KE-bpKQ", "https://vimeo.com/76979871"]
)
def test_every_player_address_we_build_is_allowed_as_a_frame(url):
    player = urlsplit(parse_video_url(url).player_url())

    assert f"{player.scheme}://{player.netloc}" in csp.VIDEO_PLAYER_ORIGINS


@pytest.mark.one_database(
    reason="production's HSTS header and cookie flags, in a new process on a SQLite file of "
    "its own in both passes"
)
def test_production_sends_hsts_and_marks_cookies_secure(tmp_path):
    """A request under the production settings, over HTTPS as the proxy reports it."""
    script = (
        "import json; from django.conf import settings; from django.test import Client;"
        "r = Client().get('/robots.txt', HTTP_HOST='parlance.example',"
        " HTTP_X_FORWARDED_PROTO='https');"
        "print(json.dumps({'status': r.status_code, 'headers': dict(r.headers),"
        " 'cookies': [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.LANGUAGE_COOKIE_SECURE]}))"
    )
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}

    result = run_manage("shell", "-c", script, env_overrides=env)

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    headers = answer["headers"]
    assert answer["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in headers
    assert answer["cookies"] == [True, True, True]
