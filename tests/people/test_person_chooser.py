"""Choosing a person in the page editor: one modal, the bios of the article's language only,
searchable by name — for the article's people, transcript speakers and quote attributions."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.blocks import PersonChooserBlock, SpeakerTurnBlock
from people.choosers import PersonChooserWidget
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(user)
    return user


@pytest.fixture
def people(locales):
    ada = factories.make_person("Ada Lovelace")
    grace = factories.make_person("Grace Hopper")
    return {
        "ada": ada,
        "grace": grace,
        "ada_it": factories.translation_of(ada, locales["it"]),
        "grace_it": factories.translation_of(grace, locales["it"]),
    }


def offered(client, **params):
    """The people the chooser modal offers, as page ids, in order."""
    response = client.get(reverse("person_chooser:choose"), params)
    assert response.status_code == 200
    html = BeautifulSoup(response.json()["html"], "html.parser")
    prefix = reverse("person_chooser:chosen", args=[0]).removesuffix("0/")
    return [
        int(link["href"].removeprefix(prefix).split("/")[0])
        for link in html.find_all("a", href=True)
        if link["href"].startswith(prefix)
    ]


def test_chooser_offers_the_articles_language_only_each_person_once(client, editor, people):
    # the modal is opened with the language of the page being edited (ACTIVE_CONTENT_LOCALE)
    assert offered(client, locale="it") == [people["ada_it"].pk, people["grace_it"].pk]
    assert offered(client, locale="en") == [people["ada"].pk, people["grace"].pk]
    # without a language: the default one, never every copy of a bio
    assert offered(client) == [people["ada"].pk, people["grace"].pk]


def test_chooser_finds_a_person_by_name_in_one_step(client, editor, people):
    assert offered(client, locale="it", q="ada") == [people["ada_it"].pk]
    assert offered(client, locale="en", q="HOPPER") == [people["grace"].pk]

    # the results view (typing in the search box) filters the same way
    response = client.get(reverse("person_chooser:choose_results"), {"locale": "it", "q": "Grace"})
    assert response.status_code == 200
    chosen = reverse("person_chooser:chosen", args=[people["grace_it"].pk])
    assert chosen.encode() in response.content
    assert reverse("person_chooser:chosen", args=[people["grace"].pk]).encode() not in (
        response.content
    )

    # choosing returns the person: the page id the block and the role store
    response = client.get(chosen)
    result = response.json()["result"]
    assert result["id"] == str(people["grace_it"].pk)
    assert result["title"] == "Grace Hopper"


def test_speakers_quotes_and_roles_use_the_person_chooser(client, editor, people, locales):
    assert isinstance(SpeakerTurnBlock().child_blocks["speaker"].widget, PersonChooserWidget)
    assert isinstance(PersonChooserBlock().widget, PersonChooserWidget)

    article = factories.make_article(
        "Sample",
        body=[
            factories.video_segment(
                "Part one", turns=[factories.turn("Hello.", speaker=people["ada"], timecode=0)]
            )
        ],
        people=[(people["grace"], "interviewee")],
    )
    italian = factories.translation_of(article, locales["it"])

    response = client.get(reverse("wagtailadmin_pages:edit", args=[italian.pk]))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    # the modal gets the article's language
    config = json.loads(html.find(id="wagtail-config").string)
    assert config["ACTIVE_CONTENT_LOCALE"] == "it"
    # the role's person field is the person chooser, showing the chosen bio
    role_field = html.find("input", attrs={"name": "people-0-person"})
    chooser = html.find(id=f"{role_field['id']}-chooser")
    assert chooser["data-chooser-url"] == reverse("person_chooser:choose")
    assert chooser.find(attrs={"data-chooser-title": True}).get_text(strip=True) == "Grace Hopper"
    # the body's speaker and quote blocks too: the block definitions sent to the editor's
    # script build person choosers, and no page-tree chooser
    body = html.find(attrs={"data-controller": "w-block", "id": "body"})
    definition = body["data-w-block-data-value"]
    assert "wagtail.admin.widgets.Chooser" in definition
    assert reverse("person_chooser:choose") in definition
    assert "wagtail.widgets.PageChooser" not in definition
