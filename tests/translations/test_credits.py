"""A translated article credits, from the records wagtail-localize and Wagtail keep, the people
who translated it and the people who approved it, and says when it began as machine output."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage
from tests import factories

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def credits_of(page):
    """The translation credits section of the page as readers get it, or None."""
    page = ArticlePage.objects.get(pk=page.pk)
    response = Client().get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(
        ".article__translation-credits"
    )


def text_of(section, selector):
    element = section.select_one(selector)
    return " ".join(element.get_text().split()) if element else None


def publish_reviewed(translation, reviewer, django_capture_on_commit_callbacks):
    """Save the strings as the translated page's draft, submit it for review and have
    `reviewer` approve it in the workflow, which publishes it."""
    page = translation.get_target_instance().specific
    translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    ).save_revision()
    factories.submit_for_review(page, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = factories.approve_in_workflow(client_for(reviewer), page)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    return page


@pytest.fixture
def english(locales):
    return factories.make_article(
        "Talking on video",
        standfirst="How people talk on camera.",
        body=[factories.paragraph(f"Paragraph {n}.") for n in range(1, 5)],
    )


@pytest.fixture
def italian(english, locales):
    return factories.localize(english, locales["it"])


def test_credits_name_translators_and_reviewers_in_the_readers_language(
    english, italian, django_capture_on_commit_callbacks
):
    anna = factories.make_person_user("Anna", "Bianchi")
    marco = factories.make_person_user("Marco", "Rossi")
    giulia = factories.make_person_user("Giulia", "Verdi")
    factories.save_strings_in_editor(client_for(anna), italian, only=lambda s: "2" not in s)
    factories.save_strings_in_editor(client_for(marco), italian, only=lambda s: "2" in s)
    page = publish_reviewed(italian, giulia, django_capture_on_commit_callbacks)

    section = credits_of(page)

    assert page.url.startswith("/it/")
    assert section is not None
    assert section.find_parent("footer")["class"] == ["article__credits"]
    # In the reader's language: the list is joined the Italian way. (The sentences are English
    # until the Italian catalogue has them.)
    assert "Anna Bianchi e Marco Rossi" in text_of(section, ".translation-credits__translators")
    assert "Giulia Verdi" in text_of(section, ".translation-credits__reviewers")
    assert section.select_one(".translation-credits__machine") is None


def test_credits_say_when_the_translation_began_as_machine_output(
    english, italian, django_capture_on_commit_callbacks
):
    starter = factories.make_person_user("Sam", "Starter")
    anna = factories.make_person_user("Anna", "Bianchi")
    giulia = factories.make_person_user("Giulia", "Verdi")
    factories.machine_translate(client_for(starter), italian)
    factories.save_strings_in_editor(client_for(anna), italian)  # every string reviewed
    page = publish_reviewed(italian, giulia, django_capture_on_commit_callbacks)

    section = credits_of(page)

    assert section.select_one(".translation-credits__machine") is not None
    # Pressing "machine translate" is not translating: the starter is not credited.
    assert "Anna Bianchi" in text_of(section, ".translation-credits__translators")
    assert "Starter" not in section.get_text()


def test_machine_output_is_never_credited_to_the_person_who_ran_it(
    english, italian, django_capture_on_commit_callbacks
):
    starter = factories.make_person_user("Sam", "Starter")
    anna = factories.make_person_user("Anna", "Bianchi")
    factories.machine_translate(client_for(starter), italian)
    factories.save_strings_in_editor(client_for(anna), italian, only=lambda s: "Paragraph" in s)
    # Published by a route that skips our review rule, to see what the credits read.
    with django_capture_on_commit_callbacks(execute=True):
        italian.save_target(publish=True)
    page = italian.get_target_instance()

    section = credits_of(page)

    assert "Anna Bianchi" in text_of(section, ".translation-credits__translators")
    assert "Starter" not in section.get_text()
    assert section.select_one(".translation-credits__machine") is not None
    assert section.select_one(".translation-credits__reviewers") is None


def test_people_without_a_full_name_are_credited_without_username_or_email(
    english, italian, django_capture_on_commit_callbacks
):
    nameless = [factories.make_person_user() for _ in range(2)]
    reviewer = factories.make_person_user()
    factories.save_strings_in_editor(client_for(nameless[0]), italian, only=lambda s: "1" in s)
    factories.save_strings_in_editor(client_for(nameless[1]), italian, only=lambda s: "1" not in s)
    page = publish_reviewed(italian, reviewer, django_capture_on_commit_callbacks)

    section = credits_of(page)

    # The Italian page credits them in Italian.
    assert "2 traduttori di Parlance" in text_of(section, ".translation-credits__translators")
    assert "un revisore di Parlance" in text_of(section, ".translation-credits__reviewers")
    html = str(section)
    for user in [*nameless, reviewer]:
        assert user.username not in html
        assert user.email not in html


def test_reviewers_are_those_of_the_last_approved_review(
    english, italian, django_capture_on_commit_callbacks
):
    anna = factories.make_person_user("Anna", "Bianchi")
    first_reviewer = factories.make_person_user("Primo", "Revisore")
    second_reviewer = factories.make_person_user("Seconda", "Revisora")
    factories.save_strings_in_editor(client_for(anna), italian)
    publish_reviewed(italian, first_reviewer, django_capture_on_commit_callbacks)
    factories.save_strings_in_editor(client_for(anna), italian, lambda s: f"(it, v2) {s}")
    page = publish_reviewed(italian, second_reviewer, django_capture_on_commit_callbacks)

    section = credits_of(page)

    reviewers = text_of(section, ".translation-credits__reviewers")
    assert "Seconda Revisora" in reviewers
    assert "Primo" not in reviewers


def test_english_articles_and_unrecorded_translations_have_no_translation_credits(english, locales):
    copied = factories.translation_of(english, locales["fr"], title="Parler en vidéo")

    assert credits_of(english) is None
    assert credits_of(copied) is None


def query_count(url):
    client = Client()
    client.get(url)  # renditions, caches
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_credits_cost_the_same_queries_whatever_the_number_of_strings_and_people(
    locales, django_capture_on_commit_callbacks
):
    def translated_article(paragraphs, translators):
        english = factories.make_article(
            body=[factories.paragraph(f"Paragraph {n}.") for n in range(paragraphs)]
        )
        translation = factories.localize(english, locales["it"])
        for index, person in enumerate(translators):
            factories.save_strings_in_editor(
                client_for(person),
                translation,
                only=lambda s, i=index: hash(s) % len(translators) == i,
            )
        reviewer = factories.make_person_user("Giulia", "Verdi")
        return publish_reviewed(translation, reviewer, django_capture_on_commit_callbacks)

    small = translated_article(1, [factories.make_person_user("Anna", "Bianchi")])
    large = translated_article(
        30, [factories.make_person_user(f"Person{n}", "Translator") for n in range(6)]
    )

    assert credits_of(large) is not None
    assert query_count(large.url) == query_count(small.url)
