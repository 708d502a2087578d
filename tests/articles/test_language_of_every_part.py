"""Every part of a page is in a language a reader is told about (issue 21, "Language of every
part"): people shown in English on a French article are marked `lang="en"` (and their links
`hreflang="en"`) and said to be untranslated; the people interviewed are not "the author";
a page missing in one language offers the languages it is in; the plain-text transcript
quotes with each language's marks; article cards name the people interviewed and the video's
length. Translations are made through wagtail-localize (tests/factories.py)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from articles.models import ArticlePage
from tests import database_snapshot, factories

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"


NAMES = {"Ada Lovelace", "Bob Builder", "Carla Stone"}


def french(text):
    """A stand-in French translator, who leaves names as they are."""
    return text if text in NAMES else f"[fr] {text}"


@database_snapshot.built_per_module
def shared_interview():
    """An English interview of Ada and Carla by Bob, 30:30 of video, live in French through
    wagtail-localize; only Ada's bio is translated into French. Built once for the module."""
    fr = Locale.objects.get(language_code="fr")
    ada = factories.make_person("Ada Lovelace", roles="Poet of science")
    bob = factories.make_person("Bob Builder", roles="Film maker", short_bio="Bob films people.")
    carla = factories.make_person("Carla Stone", roles="Sculptor", short_bio="Carla carves.")
    body = [
        factories.video_segment(
            "Part one",
            duration=1230,
            turns=[
                factories.turn("Hello.", speaker=bob, timecode=0),
                factories.turn(
                    "Hi.",
                    speaker=ada,
                    timecode=5,
                    extra=[factories.quote("The engine weaves.", person=bob)],
                ),
                factories.turn("And me.", speaker=carla, timecode=9),
            ],
        ),
        factories.video_segment("Part two", duration=600),
    ]
    article = factories.make_article(
        "On listening",
        body=body,
        people=[(ada, "interviewee"), (carla, "interviewee"), (bob, "interviewer")],
    )
    factories.live_translation(ada, fr, french)
    _translation, article_fr = factories.live_translation(article, fr, french)
    return {"en": article, "fr": article_fr, "ada": ada, "bob": bob, "carla": carla}


@pytest.fixture
def interview(shared_interview, db):
    """The module's interview as it was built (a test's changes are rolled back after it),
    in model instances of this test's own: {"en", "fr", "ada", "bob", "carla"}."""
    return database_snapshot.refetched(shared_interview)


def soup(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


# 1. Every fallback in another language carries `lang` (and `hreflang` on links) -----------


def test_people_shown_in_english_on_a_french_article_are_marked_as_english(client, interview):
    html = soup(client, interview["fr"].url)

    english_links = html.select('.article a[href^="/en/people/"]')
    # role, three speaker turns' names (one per person linked), quote, box: Bob and Carla
    assert len(english_links) >= 5
    assert {link.get_text() for link in english_links} == {"Bob Builder", "Carla Stone"}
    for link in english_links:
        assert (link.get("lang"), link.get("hreflang")) == ("en", "en"), link
    french_links = html.select('.article a[href^="/fr/people/"]')
    assert {link.get_text() for link in french_links} == {"Ada Lovelace"}
    for link in french_links:
        assert link.get("lang") is None and link.get("hreflang") is None, link
    # the transcript's speaker names and the quote attribution are among them
    assert html.select('.turn__name a[lang="en"][hreflang="en"]')
    assert html.select('.quote__attribution a[lang="en"][hreflang="en"]')


def test_untranslated_bios_are_marked_english_and_said_to_be_so(client, interview):
    html = soup(client, interview["fr"].url)
    boxes = {
        box.select_one(".person-box__name").get_text(): box for box in html.select(".person-box")
    }

    bob = boxes["Bob Builder"]
    assert bob.select_one(".person-box__roles")["lang"] == "en"
    assert bob.find("p", string="Bob films people.")["lang"] == "en"
    notice = bob.select_one(".person-box__language")
    assert notice.get("lang") is None  # said in the reader's language
    assert notice.get_text(strip=True) == "Pas encore traduit\u00a0: présenté en anglais."
    ada = boxes["Ada Lovelace"]
    assert ada.select_one(".person-box__language") is None
    assert ada.select_one(".person-box__roles").get("lang") is None
    assert ada.select_one(".person-box__roles").get_text() == "[fr] Poet of science"


def test_the_english_article_marks_nobody(client, interview):
    html = soup(client, interview["en"].url)

    assert not html.select(".article [lang]")
    assert not html.select(".person-box__language")


# 2. The people interviewed are not the authors; roles fit everyone -------------------------


def test_the_people_interviewed_are_presented_apart_from_who_made_the_interview(client, interview):
    html = soup(client, interview["fr"].url)

    interviewed = html.select_one("section[aria-labelledby=interviewed-title]")
    made_by = html.select_one("section[aria-labelledby=authors-title]")
    assert interviewed.h2.get_text() == "À propos des personnes interviewées"
    assert [n.get_text() for n in interviewed.select(".person-box__name")] == [
        "Ada Lovelace",
        "Carla Stone",
    ]
    assert made_by.h2.get_text() == "Qui a réalisé cet entretien"
    assert [n.get_text() for n in made_by.select(".person-box__name")] == ["Bob Builder"]
    assert "auteur" not in html.get_text()


def test_role_labels_fit_every_person_in_every_language(client, interview, locales):
    credits = {
        "fr": ["Personne interviewée", "Personne interviewée", "Entretien mené par"],
        "en": ["Interviewee", "Interviewee", "Interview by"],
    }
    for code, expected in credits.items():
        html = soup(client, interview[code].url)
        assert [dt.get_text() for dt in html.select(".article__meta dt")][:3] == expected
    assert "Interviewé<" not in client.get(interview["fr"].url).content.decode()


def test_one_interviewee_is_announced_in_the_singular(client, locales):
    ada = factories.make_person("Ada Lovelace")
    article = factories.make_article("Alone", people=[(ada, "interviewee")])
    _translation, article_it = factories.live_translation(article, locales["it"])

    html = soup(client, article_it.url)

    assert html.select_one("#interviewed-title").get_text() == "Sulla persona intervistata"
    assert html.select_one("#authors-title") is None


# 3. A page missing in one language offers the languages it is in ---------------------------


def test_an_untranslated_article_is_a_404_that_offers_its_languages(client, interview):
    url = interview["en"].url.replace("/en/", "/es/")

    response = client.get(url)

    assert response.status_code == 404
    html = BeautifulSoup(response.content, "html.parser")
    offers = html.select(".error-page__languages a")
    assert [(a["href"], a["hreflang"], a["lang"]) for a in offers] == [
        (interview["en"].url, "en", "en"),
        (interview["fr"].url, "fr", "fr"),
    ]
    assert offers[0].get_text() == "English: On listening"
    assert offers[1].get_text() == "Français: [fr] On listening"
    assert "Esta página aún no se ha publicado en este idioma" in html.get_text()


def test_a_page_that_exists_nowhere_is_a_plain_404(client, interview):
    html = soup(client, "/es/interviews/no-such-interview/", status=404)

    assert not html.select(".error-page__languages")
    assert "could not find" not in html.get_text()  # in Spanish
    assert html.select_one("h1").get_text() != ""


def test_a_draft_or_private_version_is_not_offered(client, interview):
    draft = factories.make_draft_article("Not yet")
    url = f"/es/interviews/{draft.slug}/"

    html = soup(client, url, status=404)

    assert not html.select(".error-page__languages")


def test_an_empty_language_home_lists_what_is_readable_in_other_languages(client, interview):
    html = soup(client, "/es/")

    items = html.select(".home-elsewhere li")
    assert len(items) == 1
    links = items[0].select("a")
    assert [(a["href"], a["hreflang"], a["lang"]) for a in links] == [
        (interview["en"].url, "en", "en"),
        (interview["fr"].url, "fr", "fr"),
    ]
    assert links[0].get_text() == "On listening"
    assert "Para leer ya en otros idiomas" in html.get_text()
    # a language with interviews of its own lists those instead
    assert not soup(client, "/fr/").select(".home-elsewhere")


def test_the_cached_empty_home_is_purged_when_another_language_publishes(
    client, interview, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    client.get("/es/")
    assert client.get("/es/").get("X-Page-Cache") == "hit"
    client.get("/it/")

    with django_capture_on_commit_callbacks(execute=True):
        factories.make_article("A second conversation")

    response = client.get("/es/")
    assert response.get("X-Page-Cache") == "miss"
    assert "A second conversation" in response.content.decode()


# 4. The plain-text transcript uses each language's quotation marks --------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "“The engine weaves.” — Bob Builder"),
        ("fr", f"«{NNBSP}[fr] The engine weaves.{NNBSP}» — Bob Builder"),
        ("it", "«[it] The engine weaves.» — Bob Builder"),
        ("es", "«[es] The engine weaves.» — Bob Builder"),
        ("ar", "«[ar] The engine weaves.» — Bob Builder"),
    ],
)
def test_the_transcript_quotes_with_the_languages_own_marks(
    client, interview, locales, code, expected
):
    article = interview["fr"] if code == "fr" else interview["en"]
    if code not in ("en", "fr"):
        article = factories.live_translation(interview["en"], locales[code])[1]

    response = client.get(f"{article.url}transcript.txt")

    assert response.status_code == 200
    text = response.content.decode()
    assert expected in text
    assert text.count("“") + text.count("«") == 1


# 5. Cards name the people interviewed and the video's length, in a fixed number of queries --


def test_cards_show_the_people_interviewed_and_the_video_length(client, interview):
    for url in (
        "/fr/interviews/",
        "/fr/",
        interview["ada"].get_translation(interview["fr"].locale).url,
    ):
        html = soup(client, url)
        card = html.select_one(".article-card")
        people = card.select_one(".article-card__people")
        assert people.get_text(" ", strip=True).startswith("Entretien avec"), url
        names = people.select(".article-card__person")
        assert [(n.get_text(), n.get("lang")) for n in names] == [
            ("Ada Lovelace", None),
            ("Carla Stone", "en"),
        ], url
        length = card.select_one(".article-card__length")
        assert length["datetime"] == "PT30M30S"
        assert length.get_text() == "Vidéo\u00a0: 30\u00a0min", url

    english = soup(client, "/en/interviews/").select_one(".article-card")
    assert english.select_one(".article-card__people").get_text(" ", strip=True) == (
        "In conversation with Ada Lovelace , Carla Stone"
    )
    assert english.select_one(".article-card__length").get_text() == "Video: 30 min"


def test_an_article_without_video_shows_no_length(client, locales):
    factories.make_article("Words only")

    # its own card: the module's interview, with video and people, may be listed too
    card = next(
        card
        for card in soup(client, "/en/interviews/").select(".article-card")
        if card.select_one(".article-card__title").get_text() == "Words only"
    )

    assert card.select_one(".article-card__length") is None
    assert card.select_one(".article-card__people") is None


def test_the_video_length_is_kept_on_save_for_every_language(interview):
    for code in ("en", "fr"):
        assert ArticlePage.objects.get(pk=interview[code].pk).video_seconds == 1830


def queries_for(client, url):
    client.get(url)  # renditions and the like, made once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_interviews(count, locale):
    for n in range(count):
        people = [factories.make_person(f"Guest {n}-{m}") for m in range(2)]
        article = factories.make_article(
            f"More {n}",
            body=[factories.video_segment("Only part", duration=300 + n)],
            people=[(person, "interviewee") for person in people],
        )
        factories.live_translation(people[0], locale)  # one in French, one in English
        factories.live_translation(article, locale)


def test_cards_cost_the_same_queries_however_many_there_are(client, interview, locales):
    urls = ["/fr/interviews/", "/fr/", "/en/interviews/"]
    before = {url: queries_for(client, url) for url in urls}

    add_interviews(3, locales["fr"])
    after = {url: queries_for(client, url) for url in urls}

    assert after == before
    html = soup(client, "/fr/interviews/")
    assert len(html.select(".article-card")) == 4
    assert len(html.select(".article-card__person")) == 8
    assert len(html.select('.article-card__person[lang="en"]')) == 4


def test_articles_saved_before_the_video_length_existed_get_it_from_the_migration(interview):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("articles.migrations.0006_fill_article_video_seconds")
    ArticlePage.objects.update(video_seconds=0)

    migration.fill_video_seconds(apps, None)

    assert set(ArticlePage.objects.values_list("video_seconds", flat=True)) == {1830}
