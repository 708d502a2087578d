"""The site's icon: linked from every page, and at /favicon.ico, where browsers and feed
readers look whatever a page links to (it was a 404: a whole error page per visit)."""

import io
import re

import pytest
from django.templatetags.static import static
from PIL import Image


def body(response):
    return b"".join(response.streaming_content)


def test_favicon_ico_redirects_to_the_fingerprinted_icon_for_a_day(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("site_core/favicon.ico")
    assert "max-age=86400" in response["Cache-Control"]

    icon = client.get(response["Location"])
    assert icon.status_code == 200
    with Image.open(io.BytesIO(body(icon))) as image:
        assert image.format == "ICO"
        assert {(16, 16), (32, 32)} <= image.info["sizes"]


def test_favicon_ico_takes_no_writes(client):
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.django_db
def test_every_reader_page_links_an_icon_that_is_served(client, home_pages):
    html = client.get("/it/").content.decode()
    links = re.findall(r'<link rel="icon" href="([^"]+)"[^>]*>', html)
    assert links == [static("site_core/favicon.ico"), static("site_core/favicon.svg")]
    svg = client.get(links[1])
    assert svg.status_code == 200
    assert svg["Content-Type"] == "image/svg+xml"
    assert body(svg).startswith(b"<svg ")
