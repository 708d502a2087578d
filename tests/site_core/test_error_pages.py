"""The 404 and 500 pages speak the reader's language, in its direction, with the site's styles."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from site_core.models import HomePage


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_an_unknown_italian_address_gives_an_italian_404(client):
    response = client.get("/it/does-not-exist", follow=True)

    assert response.redirect_chain == [("/it/does-not-exist/", 301)]
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "it"
    assert page.title.get_text() == "Pagina non trovata · Parlance"
    assert page.h1.get_text() == "Pagina non trovata"
    assert page.select_one("main a[href='/it/']").get_text() == "Vai alla home page"
    assert "error-page" in page.body["class"]
    stylesheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert "/static/site_core/css/site.css" in stylesheets


@pytest.mark.django_db
def test_an_arabic_404_reads_right_to_left(client):
    page = soup(client.get("/ar/no-such-page/"))

    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    assert page.h1.get_text() == "الصفحة غير موجودة"


@pytest.mark.django_db
def test_a_server_error_gives_a_translated_styled_500(monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("the home page broke")

    monkeypatch.setattr(HomePage, "serve", broken)
    response = Client(raise_request_exception=False).get("/it/")

    assert response.status_code == 500
    page = soup(response)
    assert page.html["lang"] == "it"
    assert page.h1.get_text() == "Qualcosa è andato storto"
    assert page.select_one("main a[href='/it/']").get_text() == "Vai alla home page"
    assert page.select_one("link[rel=stylesheet]")["href"] == "/static/site_core/css/site.css"
