"""Media served by the app: long browser caching and range requests (video seeking);
fingerprinted static files: cached for a year by whitenoise."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

VIDEO = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def media_url(settings):
    name = default_storage.save("media/clip.webm", ContentFile(VIDEO))
    yield settings.MEDIA_URL + name
    default_storage.delete(name)


def streamed(response):
    return b"".join(response.streaming_content)


def test_media_is_served_whole_with_a_long_cache_lifetime(client, settings, media_url):
    response = client.get(media_url)
    assert response.status_code == 200
    assert streamed(response) == VIDEO
    assert response["Accept-Ranges"] == "bytes"
    assert response["Cache-Control"] == f"public, max-age={settings.MEDIA_CACHE_SECONDS}"
    assert settings.MEDIA_CACHE_SECONDS >= 60 * 60 * 24 * 7
    again = client.get(media_url, headers={"if-modified-since": response["Last-Modified"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=10000-", 10000, 10239),
        ("bytes=-40", 10200, 10239),
        ("bytes=10200-99999", 10200, 10239),
    ],
)
def test_a_range_request_gets_206_with_those_bytes(client, media_url, header, first, last):
    response = client.get(media_url, headers={"range": header})
    assert response.status_code == 206
    assert streamed(response) == VIDEO[first : last + 1]
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(VIDEO)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert response["Content-Type"] == "video/webm"


def test_an_empty_file_has_no_range_to_send(client, settings):
    name = default_storage.save("media/empty.webm", ContentFile(b""))
    try:
        response = client.get(settings.MEDIA_URL + name, headers={"range": "bytes=-10"})
    finally:
        default_storage.delete(name)
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */0"


@pytest.mark.parametrize("header", ["bytes=20000-", "bytes=500-100", "bytes=-0"])
def test_an_unsatisfiable_range_gets_416(client, media_url, header):
    response = client.get(media_url, headers={"range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO)}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "pages=1-2", "bytes=-"])
def test_ranges_we_do_not_serve_get_the_whole_file(client, media_url, header):
    response = client.get(media_url, headers={"range": header})
    assert response.status_code == 200
    assert streamed(response) == VIDEO


def test_a_stale_if_range_gets_the_whole_file(client, media_url):
    headers = {"range": "bytes=0-9", "if-range": "Wed, 21 Oct 2015 07:28:00 GMT"}
    response = client.get(media_url, headers=headers)
    assert response.status_code == 200
    fresh = client.get(media_url)
    headers["if-range"] = fresh["Last-Modified"]
    assert client.get(media_url, headers=headers).status_code == 206


@pytest.mark.django_db  # a 404 looks for a redirect
def test_missing_media_is_404_and_writes_are_refused(client, media_url):
    assert client.get("/media/media/nothing-here.webm").status_code == 404
    assert client.post(media_url).status_code == 405


def test_fingerprinted_static_files_are_cached_for_a_year(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATICFILES_DIRS = [settings.SITE_CORE_DIR / "static"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)

    url = static("site_core/css/site.css")
    assert re.search(r"/site\.[0-9a-f]{12}\.css$", url)
    response = Client().get(url)  # a new client: whitenoise reads the collected files
    assert response.status_code == 200
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert max_age >= 60 * 60 * 24 * 365
    assert "public" in response["Cache-Control"]
