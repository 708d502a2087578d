"""Search per language (search/backends.py, site_core/search_url.py): on PostgreSQL
each language's pages are indexed and queried with that language's text search configuration,
so another inflection of a word finds the page; readers still get only their language. And
SEARCH_URL selects Elasticsearch or OpenSearch (no such server here: the parse is checked)."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from search.backends import config_for_language, server_configs
from site_core.search_url import search_backends_from_url
from tests import factories

ENGLISH = "They were talking about the libraries of the city."
# (the sentence in the language, a query word inflected differently, the shared stem)
SENTENCES = {
    "it": ("Parlavano delle biblioteche della città.", "parlare", "parl"),
    "fr": ("Ils parlaient des bibliothèques de la ville.", "parler", "parl"),
    "es": ("Hablaban de las bibliotecas de la ciudad.", "hablar", "habl"),
    "ar": ("كانوا يتحدثون عن المكتبات في المدينة.", "مكتبة", "مكتب"),
}

requires_postgres = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="text search configurations are PostgreSQL's (SQLite FTS5 does not stem)",
)


def result_titles(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [item.get_text(" ", strip=True) for item in html.select(".search-result__title")]


@pytest.fixture
def article_in(locales):
    """An English article about libraries, live in one more language through
    wagtail-localize, its standfirst translated: (English page, translated page)."""

    def make(code):
        sentence = SENTENCES[code][0]
        english = factories.make_article(f"Libraries {code}", standfirst=ENGLISH)
        _translation, translated = factories.live_translation(
            english,
            locales[code],
            lambda text: sentence if text == ENGLISH else f"[{code}] {text}",
        )
        return english, translated

    return make


# --- PostgreSQL: one text search configuration per language ------------------------------


@requires_postgres
@pytest.mark.django_db
@pytest.mark.parametrize("code", ["it", "fr", "es", "ar"])
def test_another_inflection_finds_the_page_in_its_language(client, article_in, code):
    if code == "ar" and "arabic" not in server_configs(connection.alias):
        pytest.skip("this PostgreSQL has no arabic text search configuration")
    english, translated = article_in(code)
    _sentence, query, _stem = SENTENCES[code]

    assert result_titles(client, code, query) == [translated.title]
    # The English reader gets English pages only, whatever the query's language.
    assert result_titles(client, "en", query) == []
    assert result_titles(client, "en", "talk") == [english.title]  # "talking", English stemming


@requires_postgres
@pytest.mark.django_db
def test_each_page_is_indexed_with_its_languages_configuration(article_in):
    english, italian = article_in("it")
    entries = {entry.object_id: entry for entry in IndexEntry.objects.all()}

    italian_body = entries[str(italian.pk)].body
    english_body = entries[str(english.pk)].body
    assert "'parl'" in italian_body  # Italian stemming of "Parlavano"
    assert "'bibliotec'" in italian_body
    assert "'talk'" in english_body  # English stemming of "talking"
    assert "'librari'" in english_body


@requires_postgres
@pytest.mark.django_db
def test_the_arabic_configuration_is_used_only_if_the_server_has_it():
    available = server_configs(connection.alias)
    assert config_for_language("ar", available) == ("arabic" if "arabic" in available else "simple")
    assert config_for_language("it", available) == "italian"
    assert config_for_language("pt-br", available) == "portuguese"
    assert config_for_language("xx", available) == "simple"
    assert config_for_language("ar", available - {"arabic"}) == "simple"


@requires_postgres
@pytest.mark.django_db
def test_the_admin_finds_pages_of_every_language(article_in):
    _english, italian = article_in("it")
    backend = get_search_backend()

    from wagtail.models import Page

    found = list(backend.search("parlare", Page.objects.all()))
    assert [page.pk for page in found] == [italian.pk]


# --- SEARCH_URL --------------------------------------------------------------------------


def test_without_search_url_the_database_backend_is_used():
    expected = {"default": {"BACKEND": "search.backends"}}
    assert search_backends_from_url("") == expected
    assert search_backends_from_url("database") == expected


@pytest.mark.parametrize(
    ("url", "backend", "host", "prefix"),
    [
        (
            "elasticsearch8+https://parlance:s3cret@search.internal:9243/parlance_",
            "wagtail.search.backends.elasticsearch8",
            "https://parlance:s3cret@search.internal:9243",
            "parlance_",
        ),
        (
            "opensearch2://127.0.0.1:9200",
            "wagtail.search.backends.opensearch2",
            "http://127.0.0.1:9200",
            "",
        ),
        (
            "elasticsearch7+http://es:9200/site/",
            "wagtail.search.backends.elasticsearch7",
            "http://es:9200",
            "site",
        ),
    ],
)
def test_search_url_selects_elasticsearch_or_opensearch(url, backend, host, prefix):
    assert search_backends_from_url(url) == {
        "default": {"BACKEND": backend, "URLS": [host], "INDEX_PREFIX": prefix, "TIMEOUT": 10}
    }


@pytest.mark.parametrize(
    "url", ["solr://search:8983", "elasticsearch8+ftp://search:9200", "elasticsearch8://"]
)
def test_a_bad_search_url_is_refused_clearly(url):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL"):
        search_backends_from_url(url)
