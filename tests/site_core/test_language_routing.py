import re

import pytest
from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("it-IT,it;q=0.9,en;q=0.5", "/it/"),
        ("fr-CA", "/fr/"),
        ("de-DE,ar;q=0.8", "/ar/"),
        ("de-DE,nl;q=0.8", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_the_best_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_unprefixed_paths_also_redirect_to_a_language(client):
    response = client.get("/nowhere/", headers={"accept-language": "es"})

    assert response.status_code == 302
    assert response["Location"] == "/es/nowhere/"


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_language_home_renders_with_lang_and_dir(client, code):
    response = client.get(f"/{code}/")

    assert response.status_code == 200
    expected_dir = "rtl" if code == "ar" else "ltr"
    assert html_tag(response) == f'<html lang="{code}" dir="{expected_dir}">'


@pytest.mark.django_db
def test_ui_strings_are_translated_per_language(client):
    italian = client.get("/it/").content.decode()
    arabic = client.get("/ar/").content.decode()

    assert "Vai al contenuto principale" in italian
    assert "Ultime interviste" in italian
    assert "أحدث المقابلات" in arabic
    assert "Latest interviews" not in italian


@pytest.mark.django_db
def test_home_page_links_every_language_and_x_default(client):
    content = client.get("/fr/").content.decode()

    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', content)
    )
    assert alternates == {
        **{code: f"http://testserver/{code}/" for code in LANGUAGE_CODES},
        "x-default": "http://testserver/en/",
    }
    # The switcher names each language in that language and marks the current one.
    assert '<span aria-current="true" lang="fr">Français</span>' in content
    assert '<a href="/it/" hreflang="it" lang="it">Italiano</a>' in content


@pytest.mark.django_db
def test_skip_link_targets_the_main_landmark(client):
    content = client.get("/en/").content.decode()

    assert '<a class="skip-link" href="#main">Skip to main content</a>' in content
    assert '<main id="main"' in content


@pytest.mark.django_db
def test_pages_load_nothing_from_other_hosts(client):
    content = client.get("/en/").content.decode()

    assets = re.findall(r'<(?:link|script|img)[^>]+(?:href|src)="([^"]+)"', content)
    external = [url for url in assets if url.startswith(("http", "//")) and "testserver" not in url]
    assert external == []


@pytest.mark.django_db
def test_unknown_page_is_a_localised_404(client):
    response = client.get("/it/questa-pagina-non-esiste/")

    assert response.status_code == 404
    assert "Pagina non trovata" in response.content.decode()
