"""The site's icon: linked from every page, error pages included, and at /favicon.ico, where
browsers and feed readers look whatever a page links to (it was a 404: a whole error page per
visit)."""

import io

import pytest
from bs4 import BeautifulSoup
from django.templatetags.static import static
from django.test import Client
from PIL import Image

from site_core.models import HomePage


def body(response):
    return b"".join(response.streaming_content)


def icon_links(response):
    page = BeautifulSoup(response.content, "html.parser")
    return {link["href"]: link for link in page.select("link[rel=icon]")}


def test_favicon_ico_redirects_to_the_icon_for_a_day(client):
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
def test_every_reader_page_links_icons_that_are_served_as_described(client, home_pages):
    links = icon_links(client.get("/it/"))
    assert list(links) == [static("site_core/favicon.ico"), static("site_core/favicon.svg")]

    ico, svg = (client.get(href) for href in links)
    with Image.open(io.BytesIO(body(ico))) as image:
        declared = set(links[static("site_core/favicon.ico")]["sizes"].split())
        assert declared == {f"{width}x{height}" for width, height in image.info["sizes"]}
    assert svg.status_code == 200
    assert svg["Content-Type"] == links[static("site_core/favicon.svg")]["type"]
    assert body(svg).startswith(b"<svg ")


@pytest.mark.django_db
def test_the_server_error_page_links_the_icons_too(monkeypatch, home_pages):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("the home page broke")

    monkeypatch.setattr(HomePage, "serve", broken)
    response = Client(raise_request_exception=False).get("/it/")

    assert response.status_code == 500
    assert list(icon_links(response)) == [
        static("site_core/favicon.ico"),
        static("site_core/favicon.svg"),
    ]
