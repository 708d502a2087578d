import re

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests import factories

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
def test_an_article_links_its_live_translations_at_wagtails_addresses(client, rf):
    """The switcher and the hreflang alternates give each live translation the address
    Wagtail's own `get_url` / `get_full_url` give it; a draft translation is left out."""
    article = factories.make_article("Switched")
    _translation, italian = factories.live_translation(
        article, Locale.objects.get(language_code="it")
    )
    _translation, french = factories.live_translation(
        article, Locale.objects.get(language_code="fr")
    )
    french.unpublish()
    request = rf.get(article.url)

    content = client.get(italian.url).content.decode()

    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', content)
    )
    assert alternates == {
        "en": article.specific.get_full_url(request),
        "it": italian.specific.get_full_url(request),
        "x-default": article.specific.get_full_url(request),
    }
    assert alternates["it"] == "http://testserver/it/interviews/switched/"
    assert f'<a href="{article.specific.get_url(request)}" hreflang="en" lang="en">' in content
    assert '<span aria-current="true" lang="it">Italiano</span>' in content
    assert 'hreflang="fr"' not in content


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


def switcher_links(content):
    """{language: address} of the switcher's links (the current language has none)."""
    return {
        code: url.replace("&amp;", "&")
        for url, code in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" lang="[^"]+">', content)
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "italian"),
    [
        ("/en/search/?q=river", "/it/search/?q=river"),
        # Another language may have fewer results: its first page; no marketing parameters.
        ("/en/search/?q=river&page=1&utm_source=x", "/it/search/?q=river"),
        ("/en/community/newsletter/", "/it/community/newsletter/"),
    ],
)
def test_a_view_that_is_not_a_page_switches_to_itself_in_the_other_language(client, path, italian):
    content = client.get(path).content.decode()

    assert switcher_links(content)["it"] == italian
    assert f'<link rel="alternate" hreflang="it" href="http://testserver{italian}">' in (
        content.replace("&amp;", "&")
    )


@pytest.mark.django_db
def test_the_listing_keeps_its_topic_filter_but_not_its_page_number_in_other_languages(client):
    topic = factories.make_topic("Ecology")
    article = factories.make_article("Rivers", topics=[topic])
    italian_index = factories.translation_of(
        factories.article_index(), Locale.objects.get(language_code="it")
    )
    factories.translation_of(article, Locale.objects.get(language_code="it"))

    content = client.get("/en/interviews/?topic=ecology&page=1").content.decode()

    assert switcher_links(content)["it"] == f"{italian_index.url}?topic=ecology"
    italian = client.get(switcher_links(content)["it"])
    assert italian.status_code == 200
    assert "Rivers" in italian.content.decode()


@pytest.mark.django_db
def test_marketing_parameters_never_reach_a_cached_page(client, page_cache):
    """The page cache leaves utm_*, fbclid… out of its key: a page stored from a visit with
    them is served to everyone, so its links must not carry them."""
    client.get("/en/community/newsletter/?utm_source=EVIL&fbclid=XYZ")

    response = client.get("/en/community/newsletter/")

    assert response["X-Page-Cache"] == "hit"
    assert "EVIL" not in response.content.decode() and "XYZ" not in response.content.decode()


@pytest.mark.django_db
def test_an_answer_to_a_post_switches_to_each_languages_home(client):
    """A form sent with errors is shown again at the address it was sent to, which answers
    only POST: the switcher must not link there."""
    article = factories.make_article("Commented")

    response = client.post(f"/en/community/comments/{article.pk}/post/", {"text": ""})

    assert response.status_code == 400
    assert switcher_links(response.content.decode())["it"] == "/it/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/en/no-such-page/", "/en/community/comments/999999/reply/", "/documents/9999/x.pdf"]
)
def test_an_unknown_address_switches_to_each_languages_home(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert switcher_links(response.content.decode())["it"] == "/it/"
