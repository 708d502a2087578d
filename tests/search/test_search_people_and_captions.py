"""Search finds an interview by the names of the people in it and by its hero caption, in
every language it is live in (issue 21): a French reader searching "Ngozi" finds the French
interview with Ngozi even though her bio exists only in English (and that bio, in English),
and the English one by the words under its photo. Through the real stack: pages published
(and translated with wagtail-localize), indexed by Wagtail's search backend, found through
`/<lang>/search/`."""

import pytest
from bs4 import BeautifulSoup

from tests import factories

pytestmark = pytest.mark.django_db


def result_titles(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [item.get_text(" ", strip=True) for item in html.select(".search-result__title")]


@pytest.fixture
def ngozi():
    # Her bio is English only: French readers have no French page of hers to find.
    return factories.make_person("Ngozi Adichie", roles="Novelist", short_bio="Writes novels.")


@pytest.fixture
def speaker():
    return factories.make_person("Bartholomew Quist", roles="Cartographer")


@pytest.fixture
def interview(ngozi, speaker):
    body = [
        factories.video_segment(
            "Maps",
            turns=[factories.turn("Where does a map begin?", speaker=speaker, timecode=0)],
        )
    ]
    return factories.make_article(
        "On stories",
        standfirst="A long conversation about novels.",
        body=body,
        people=[(ngozi, "interviewee")],
        hero_caption="Sunlight over the Zambezi escarpment",
    )


def test_the_people_of_an_interview_find_it_in_every_language(client, interview, locales):
    _translation, french = factories.live_translation(
        interview, locales["fr"], lambda text: f"[fr] {text}"
    )

    # Her bio, English only, is found in English beside the French interview
    # (test_search_bio_fallback.py).
    assert sorted(result_titles(client, "fr", "Ngozi")) == sorted([french.title, "Ngozi Adichie"])
    assert sorted(result_titles(client, "en", "Ngozi")) == ["Ngozi Adichie", "On stories"]
    # A speaker of the transcript, named only through the person chooser, finds it too.
    assert sorted(result_titles(client, "fr", "Quist")) == sorted(
        [french.title, "Bartholomew Quist"]
    )
    # Interviews stay in their language: the Italian reader gets her English bio only.
    assert result_titles(client, "it", "Ngozi") == ["Ngozi Adichie"]


def test_the_hero_caption_is_searchable(client, interview, locales):
    _translation, french = factories.live_translation(
        interview,
        locales["fr"],
        lambda text: "Soleil sur l'escarpement du Zambèze" if text.startswith("Sunlight") else text,
    )

    assert result_titles(client, "en", "escarpment") == ["On stories"]
    assert result_titles(client, "fr", "escarpement") == [french.title]
    assert result_titles(client, "en", "Soleil") == []  # the French caption is French only


def test_publishing_a_person_under_a_new_name_reindexes_their_interviews(client, interview, ngozi):
    ngozi.title = "Ngozi Okonjo"
    ngozi.save_revision().publish()  # the article itself is not saved again

    assert sorted(result_titles(client, "en", "Okonjo")) == ["Ngozi Okonjo", "On stories"]
