"""Bios not translated into the reader's language are searched in English (issue 21): a French
reader searching "Ngozi" finds her English bio, marked `lang="en"` (and `hreflang` on its link)
and said to be in English, while a person with a live French bio is found once, in French, and
interviews stay in the reader's language. Through the real stack: pages published and
translated with wagtail-localize, indexed by Wagtail's search backend, found through
`/<lang>/search/`."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests import factories
from tests.search.test_search import SEARCH_QUERY_BUDGET, queries_of_a_search

pytestmark = pytest.mark.django_db


def search(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def found(client, language, query):
    """[{title, url, link_lang, hreflang, note, snippet_lang}] as a reader sees them."""
    rows = []
    for item in search(client, language, query).select(".search-result"):
        link = item.select_one(".search-result__title a")
        note = item.select_one(".search-result__language")
        rows.append(
            {
                "title": link.get_text(),
                "url": link["href"],
                "link_lang": link.get("lang"),
                "hreflang": link.get("hreflang"),
                "note": note.get_text(" ", strip=True) if note else None,
                "snippet_lang": item.select_one(".search-result__snippet").get("lang"),
            }
        )
    return rows


def to_french(text):
    return f"FR {text}"


@pytest.fixture
def ngozi():
    """A bio in English only."""
    return factories.make_person("Ngozi Adichie", roles="Novelist", short_bio="Writes novels.")


@pytest.fixture
def ada():
    return factories.make_person("Ada Lovelace", roles="Mathematician", short_bio="Programs.")


def test_a_french_reader_finds_an_english_only_bio_marked_as_english(client, ngozi):
    (result,) = found(client, "fr", "Ngozi")

    assert result == {
        "title": "Ngozi Adichie",
        "url": ngozi.url,
        "link_lang": "en",
        "hreflang": "en",
        "note": "Pas encore traduit\u00a0: présenté en anglais.",  # no-break space, as in the .po
        "snippet_lang": "en",
    }
    assert result["url"].startswith("/en/")
    # The kind of result is the reader's language, not marked.
    html = search(client, "fr", "Ngozi")
    kind = html.select_one(".search-result__kind")
    assert kind.get_text() == "Personne"
    assert kind.get("lang") is None
    # In Arabic the note is Arabic too; in English there is nothing to say.
    (arabic,) = found(client, "ar", "Ngozi")
    assert arabic["note"] == "لم تُترجم بعد: معروضة باللغة الإنجليزية."
    assert arabic["link_lang"] == "en"
    (english,) = found(client, "en", "Ngozi")
    assert (english["link_lang"], english["hreflang"], english["note"]) == (None, None, None)


def test_a_person_with_a_french_bio_is_found_once_in_french(client, ada, ngozi, locales):
    _translation, french = factories.live_translation(ada, locales["fr"], to_french)

    (result,) = found(client, "fr", "Lovelace")
    assert result["title"] == "FR Ada Lovelace"
    assert result["url"] == french.url
    assert result["url"].startswith("/fr/")
    assert (result["link_lang"], result["hreflang"], result["note"]) == (None, None, None)
    assert result["snippet_lang"] is None
    # Words both her bios say find her once, in French; the English-only bio beside her.
    assert [r["title"] for r in found(client, "fr", "Programs")] == ["FR Ada Lovelace"]
    ngozi.short_bio = "Programs too."
    ngozi.save_revision().publish()
    assert sorted(r["title"] for r in found(client, "fr", "Programs")) == [
        "FR Ada Lovelace",
        "Ngozi Adichie",
    ]


def test_an_italian_reader_gets_the_italian_bio_and_a_french_one_the_english(client, ada, locales):
    _translation, italian = factories.live_translation(
        ada, locales["it"], lambda text: f"IT {text}"
    )

    (result,) = found(client, "it", "Lovelace")
    assert (result["title"], result["url"], result["link_lang"]) == (
        "IT Ada Lovelace",
        italian.url,
        None,
    )
    # Her Italian bio does not stand in for a French one: French readers get her English bio.
    (french_reader,) = found(client, "fr", "Lovelace")
    assert (french_reader["url"], french_reader["link_lang"]) == (ada.url, "en")


def test_interviews_stay_in_the_readers_language(client, ngozi):
    factories.make_article("Novels and Ngozi", standfirst="A talk about novels.")

    assert [r["title"] for r in found(client, "fr", "novels")] == ["Ngozi Adichie"]
    assert sorted(r["title"] for r in found(client, "en", "novels")) == [
        "Ngozi Adichie",
        "Novels and Ngozi",
    ]


def test_a_draft_french_bio_leaves_the_english_one_found(client, ada, locales):
    drafts = factories.translate(ada, locales["fr"])
    assert not drafts["fr"].live

    (result,) = found(client, "fr", "Lovelace")
    assert (result["url"], result["link_lang"]) == (ada.url, "en")


def test_unpublished_and_private_bios_are_never_found(client, ada, ngozi):
    ada.unpublish()
    PageViewRestriction.objects.create(
        page=ngozi, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    for language in ("fr", "it", "en"):
        assert found(client, language, "Lovelace") == []
        assert found(client, language, "Ngozi") == []


def test_an_unpublished_french_bio_brings_back_the_english_one(client, ada, locales):
    _translation, french = factories.live_translation(ada, locales["fr"], to_french)
    assert [r["url"] for r in found(client, "fr", "Lovelace")] == [french.url]

    french.unpublish()
    assert [r["url"] for r in found(client, "fr", "Lovelace")] == [ada.url]


def queries_for(client, language, query):
    used, _response = queries_of_a_search(client, f"/{language}/search/", {"q": query})
    return used


@pytest.mark.parametrize("count", [1, 12], ids=["few", "many"])
def test_the_fallback_costs_one_query_whatever_the_number_of_bios(client, locales, count):
    people = [
        factories.make_person(f"Pilot {n}", short_bio="Knows the harbour.") for n in range(count)
    ]
    factories.live_translation(people[0], locales["fr"], to_french)  # one French, the rest English

    used = queries_for(client, "fr", "harbour")
    # One query more than an English search: the ids of the bios not translated into French.
    assert used == SEARCH_QUERY_BUDGET[frozenset({"Person"})] + 1
    assert len(found(client, "fr", "harbour")) == min(10, count)
    summary = search(client, "fr", "harbour").select_one(".search-summary").get_text()
    assert summary.split()[0] == str(count)  # each person once: in French or else in English
    english_used = queries_for(client, "en", "harbour")
    assert english_used == SEARCH_QUERY_BUDGET[frozenset({"Person"})]
